package io.scopegraph.tensorflow;

import io.scopegraph.Shape;
import io.scopegraph.ShapeInference;
import java.util.Arrays;

/**
 * The static output shapes of imported ops, computed by the runtime's {@link ShapeInference} as when
 * {@code Ops} builds them, so an imported graph carries the shapes the original had; plus what only import
 * needs (axes or shapes that are not constants). Shapes that cannot fit fail with TF's wording, naming the node.
 */
final class StaticShapes {
  private StaticShapes() {}

  /** NumPy broadcasting; unknown dimensions allowed. */
  static Shape broadcast(Shape x, Shape y, String node, String type) {
    return ShapeInference.broadcast(x, y, node, type);
  }

  static Shape matMul(Shape a, Shape b, boolean transposeA, boolean transposeB, String node) {
    return ShapeInference.matMul(a, b, transposeA, transposeB, node);
  }

  /** A reduction over {@code axes}; null axes (not a constant) keep only what is certain. */
  static Shape reduce(Shape x, long[] axes, boolean keepDims, String node, String type) {
    if (!x.hasKnownRank()) {
      return Shape.unknown();
    }
    if (axes == null) {
      return keepDims ? Shape.of(unknownDims(x.rank())) : Shape.unknown();
    }
    int[] intAxes = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      intAxes[i] = Math.toIntExact(axes[i]);
    }
    return ShapeInference.reduce(x, intAxes, keepDims, node, type);
  }

  /** A reshape to {@code dims}; one -1 is inferred when the input's size is known. */
  static Shape reshape(Shape x, long[] dims, String node) {
    return ShapeInference.reshape(x, dims, node);
  }

  /** A shape given by an integer vector input: its values when constant, else only its length if known. */
  static Shape fromShapeInput(long[] values, Shape inputShape) {
    if (values != null) {
      return Shape.of(values);
    }
    if (inputShape.hasKnownRank() && inputShape.rank() == 1 && inputShape.dim(0) >= 0) {
      return Shape.of(unknownDims((int) inputShape.dim(0)));
    }
    return Shape.unknown();
  }

  /** {@code Slice} with constant begin and size; otherwise only the rank, from the length of begin. */
  static Shape slice(Shape x, long[] begin, long[] size, Shape beginShape, String node) {
    if (begin != null && size != null) {
      return ShapeInference.slice(x, toInts(begin), toInts(size), node);
    }
    if (x.hasKnownRank()) {
      return Shape.of(unknownDims(x.rank()));
    }
    return fromShapeInput(null, beginShape);
  }

  /** {@code ConcatV2} along a constant axis; otherwise only the rank of the values. */
  static Shape concat(Shape[] values, long[] axis, String node) {
    if (axis != null && axis.length == 1) {
      return ShapeInference.concat(values, axis[0], node);
    }
    for (Shape s : values) {
      if (s.hasKnownRank()) {
        return Shape.of(unknownDims(s.rank()));
      }
    }
    return Shape.unknown();
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.toIntExact(values[i]);
    }
    return out;
  }

  private static long[] unknownDims(int rank) {
    long[] dims = new long[rank];
    Arrays.fill(dims, -1);
    return dims;
  }
}
