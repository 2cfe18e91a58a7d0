package io.scopegraph.tensorflow;

import io.scopegraph.Shape;
import java.util.Arrays;

/**
 * The static output shapes of imported ops, computed as the runtime's (package-private) shape inference
 * does when {@code Ops} builds them, so an imported graph carries the shapes the original had. Shapes that
 * cannot fit fail with TF's wording, naming the node.
 */
final class StaticShapes {
  private StaticShapes() {}

  /** NumPy broadcasting; unknown dimensions allowed. */
  static Shape broadcast(Shape x, Shape y, String node, String type) {
    if (!x.hasKnownRank() || !y.hasKnownRank()) {
      return Shape.unknown();
    }
    int rank = Math.max(x.rank(), y.rank());
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long dx = dimFromEnd(x, rank - 1 - i);
      long dy = dimFromEnd(y, rank - 1 - i);
      if (dx == 1) {
        out[i] = dy;
      } else if (dy == 1) {
        out[i] = dx;
      } else if (dx < 0) {
        out[i] = dy > 1 ? dy : -1;
      } else if (dy < 0 || dx == dy) {
        out[i] = dx;
      } else {
        throw incompatible("Dimensions must be equal, but are " + dx + " and " + dy, node, type, x, y);
      }
    }
    return Shape.of(out);
  }

  private static long dimFromEnd(Shape s, int fromEnd) {
    int i = s.rank() - 1 - fromEnd;
    return i < 0 ? 1 : s.dim(i);
  }

  static Shape matMul(Shape a, Shape b, boolean transposeA, boolean transposeB, String node) {
    for (Shape s : new Shape[] {a, b}) {
      if (s.hasKnownRank() && s.rank() != 2) {
        throw incompatible("Shape must be rank 2 but is rank " + s.rank(), node, "MatMul", a, b);
      }
    }
    Shape ra = a.hasKnownRank() ? a : Shape.of(-1, -1);
    Shape rb = b.hasKnownRank() ? b : Shape.of(-1, -1);
    long k1 = ra.dim(transposeA ? 0 : 1);
    long k2 = rb.dim(transposeB ? 1 : 0);
    if (k1 >= 0 && k2 >= 0 && k1 != k2) {
      throw incompatible("Dimensions must be equal, but are " + k1 + " and " + k2, node, "MatMul", a, b);
    }
    return Shape.of(ra.dim(transposeA ? 1 : 0), rb.dim(transposeB ? 0 : 1));
  }

  /** A reduction over {@code axes}; null axes (not a constant) keep only what is certain. */
  static Shape reduce(Shape x, long[] axes, boolean keepDims, String node, String type) {
    if (!x.hasKnownRank()) {
      return Shape.unknown();
    }
    if (axes == null) {
      return keepDims ? Shape.of(unknownDims(x.rank())) : Shape.unknown();
    }
    boolean[] reduced = new boolean[x.rank()];
    for (long axis : axes) {
      long a = axis < 0 ? axis + x.rank() : axis;
      if (a < 0 || a >= x.rank()) {
        throw new IllegalArgumentException("Invalid reduction dimension " + axis + " for input with " + x.rank()
            + " dimensions. for '" + node + "' (op: '" + type + "') with input shapes: " + x.toDimsString()
            + ", [" + axes.length + "].");
      }
      reduced[(int) a] = true;
    }
    long[] out = new long[x.rank()];
    int n = 0;
    for (int i = 0; i < x.rank(); i++) {
      if (!reduced[i]) {
        out[n++] = x.dim(i);
      } else if (keepDims) {
        out[n++] = 1;
      }
    }
    return Shape.of(Arrays.copyOf(out, n));
  }

  /** A reshape to {@code dims}; one -1 is inferred when the input's size is known. */
  static Shape reshape(Shape x, long[] dims, String node) {
    int unknownAt = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1 && unknownAt < 0) {
        unknownAt = i;
      } else if (dims[i] < 0) {
        throw new IllegalArgumentException("Cannot infer multiple unknown dimensions in shape "
            + Arrays.toString(dims) + " for '" + node + "' (op: 'Reshape').");
      } else {
        known *= dims[i];
      }
    }
    long[] out = dims.clone();
    if (x.isFullyDefined()) {
      long size = x.numElements();
      boolean fits = unknownAt >= 0 ? known != 0 && size % known == 0 : known == size;
      if (!fits) {
        throw new IllegalArgumentException("Cannot reshape a tensor with " + size + " elements to shape "
            + Arrays.toString(dims) + " for '" + node + "' (op: 'Reshape') with input shapes: " + x.toDimsString()
            + ", [" + dims.length + "].");
      }
      if (unknownAt >= 0) {
        out[unknownAt] = size / known;
      }
    }
    return Shape.of(out);
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

  private static long[] unknownDims(int rank) {
    long[] dims = new long[rank];
    Arrays.fill(dims, -1);
    return dims;
  }

  private static IllegalArgumentException incompatible(String what, String node, String type, Shape a, Shape b) {
    return new IllegalArgumentException(what + " for '" + node + "' (op: '" + type + "') with input shapes: "
        + a.toDimsString() + ", " + b.toDimsString() + ".");
  }
}
