package io.scopegraph;

/**
 * TensorFlow's shape functions for the ops the runtime builds: the static output shape from the input shapes,
 * checked when an op is created (and by the GraphDef importer). Errors are {@link IncompatibleShapesException}s
 * that read like TensorFlow's: {@code Dimensions must be equal, but are 3 and 4 for 'add' (op: 'AddV2') with
 * input shapes: [3], [4].}
 */
public final class ShapeInference {
  private ShapeInference() {}

  /** NumPy broadcasting of two shapes, unknown dimensions allowed. */
  public static Shape broadcast(Shape x, Shape y, String opName, String opType) {
    if (!x.hasKnownRank() || !y.hasKnownRank()) {
      return Shape.unknown();
    }
    if (x.equals(y)) {
      return x; // same dimensions broadcast to themselves; sharing the shape saves a copy per op
    }
    int rank = Math.max(x.rank(), y.rank());
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long dx = dimFromEnd(x, rank - 1 - i);
      long dy = dimFromEnd(y, rank - 1 - i);
      long d;
      if (dx == 1) {
        d = dy;
      } else if (dy == 1) {
        d = dx;
      } else if (dx < 0) {
        d = dy > 1 ? dy : -1;
      } else if (dy < 0) {
        d = dx;
      } else if (dx == dy) {
        d = dx;
      } else {
        throw new IncompatibleShapesException("Dimensions must be equal, but are " + dx + " and " + dy + " for '"
            + opName + "' (op: '" + opType + "') with input shapes: " + x.toDimsString() + ", " + y.toDimsString()
            + ".");
      }
      out[i] = d;
    }
    return Shape.of(out);
  }

  /** Dimension {@code fromEnd} places before the last (0 = last); 1 beyond the rank, as broadcasting pads. */
  private static long dimFromEnd(Shape s, int fromEnd) {
    int i = s.rank() - 1 - fromEnd;
    return i < 0 ? 1 : s.dim(i);
  }

  /** {@code MatMul}: rank 2 operands whose inner dimensions agree. */
  public static Shape matMul(Shape a, Shape b, boolean transposeA, boolean transposeB, String opName) {
    for (Shape s : new Shape[] {a, b}) {
      if (s.hasKnownRank() && s.rank() != 2) {
        throw new IncompatibleShapesException("Shape must be rank 2 but is rank " + s.rank() + " for '" + opName
            + "' (op: 'MatMul') with input shapes: " + a.toDimsString() + ", " + b.toDimsString() + ".");
      }
    }
    Shape ra = a.hasKnownRank() ? a : Shape.of(-1, -1);
    Shape rb = b.hasKnownRank() ? b : Shape.of(-1, -1);
    long m = ra.dim(transposeA ? 1 : 0);
    long k1 = ra.dim(transposeA ? 0 : 1);
    long k2 = rb.dim(transposeB ? 1 : 0);
    long n = rb.dim(transposeB ? 0 : 1);
    if (k1 >= 0 && k2 >= 0 && k1 != k2) {
      throw new IncompatibleShapesException("Dimensions must be equal, but are " + k1 + " and " + k2 + " for '"
          + opName + "' (op: 'MatMul') with input shapes: " + a.toDimsString() + ", " + b.toDimsString() + ".");
    }
    return Shape.of(m, n);
  }

  /** Output shape of a reduction over {@code axes} (already validated against the rank). */
  public static Shape reduce(Shape x, int[] axes, boolean keepDims, String opName, String opType) {
    if (!x.hasKnownRank()) {
      return Shape.unknown();
    }
    boolean[] reduced = new boolean[x.rank()];
    for (int axis : axes) {
      int a = axis < 0 ? axis + x.rank() : axis;
      if (a < 0 || a >= x.rank()) {
        throw new IncompatibleShapesException("Invalid reduction dimension " + axis + " for input with " + x.rank()
            + " dimensions. for '" + opName + "' (op: '" + opType + "') with input shapes: " + x.toDimsString()
            + ", [" + axes.length + "].");
      }
      reduced[a] = true;
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
    return Shape.of(java.util.Arrays.copyOf(out, n));
  }

  /** Output shape of a reshape to {@code dims} (one -1 inferred when the input size is known). */
  public static Shape reshape(Shape x, long[] dims, String opName) {
    int unknownAt = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (unknownAt >= 0) {
          throw new IncompatibleShapesException("Cannot infer multiple unknown dimensions in shape "
              + Shape.of(dims).toDimsString() + " for '" + opName + "' (op: 'Reshape').");
        }
        unknownAt = i;
      } else {
        known *= dims[i];
      }
    }
    long[] out = dims.clone();
    if (x.isFullyDefined()) {
      long size = x.numElements();
      if (unknownAt >= 0) {
        if (known == 0 || size % known != 0) {
          throw reshapeError(x, dims, size, opName);
        }
        out[unknownAt] = size / known;
      } else if (known != size) {
        throw reshapeError(x, dims, size, opName);
      }
    }
    return Shape.of(out);
  }

  private static IncompatibleShapesException reshapeError(Shape x, long[] dims, long size, String opName) {
    Shape target = Shape.of(dims);
    String targetSize = target.isFullyDefined() ? target.numElements() + " elements" : "unknown elements";
    return new IncompatibleShapesException("Cannot reshape a tensor with " + size + " elements to shape "
        + target.toDimsString() + " (" + targetSize + ") for '" + opName + "' (op: 'Reshape') with input shapes: "
        + x.toDimsString() + ", [" + dims.length + "].");
  }
  /**
   * {@code ConcatV2} of values with these shapes along {@code axis} (negative counts from the end): equal
   * ranks, equal dimensions off the axis, the axis dimension summed (unknown if any is). Values of unknown
   * rank give a shape of unknown rank.
   */
  public static Shape concat(Shape[] values, long axis, String opName) {
    int rank = -1;
    for (Shape s : values) {
      if (s.hasKnownRank()) {
        if (rank >= 0 && s.rank() != rank) {
          throw new IncompatibleShapesException("Shape must be rank " + rank + " but is rank " + s.rank()
              + " for '" + opName + "' (op: 'ConcatV2') with input shapes: " + concatInputs(values) + ".");
        }
        rank = s.rank();
      }
    }
    if (rank < 0) {
      return Shape.unknown();
    }
    if (axis < -rank || axis >= rank) {
      throw new IncompatibleShapesException("ConcatOp : Expected concatenating dimensions in the range [" + -rank
          + ", " + rank + "), but got " + axis + " for '" + opName + "' (op: 'ConcatV2') with input shapes: "
          + concatInputs(values) + ".");
    }
    int a = (int) (axis < 0 ? axis + rank : axis);
    long[] out = new long[rank];
    java.util.Arrays.fill(out, -1);
    long sum = 0;
    Shape first = null;
    for (Shape s : values) {
      if (!s.hasKnownRank()) {
        sum = -1;
        continue;
      }
      for (int i = 0; i < rank; i++) {
        if (i == a) {
          continue;
        }
        long d = s.dim(i);
        if (out[i] >= 0 && d >= 0 && out[i] != d) {
          throw new IncompatibleShapesException("Dimension " + i + " in both shapes must be equal, but are " + out[i]
              + " and " + d + ". Shapes are " + first.toDimsString() + " and " + s.toDimsString() + ". for '"
              + opName + "' (op: 'ConcatV2') with input shapes: " + concatInputs(values) + ".");
        }
        if (d >= 0) {
          out[i] = d;
        }
      }
      if (first == null) {
        first = s;
      }
      sum = sum < 0 || s.dim(a) < 0 ? -1 : sum + s.dim(a);
    }
    out[a] = sum;
    return Shape.of(out);
  }

  private static String concatInputs(Shape[] values) {
    StringBuilder sb = new StringBuilder();
    for (Shape s : values) {
      sb.append(s.toDimsString()).append(", ");
    }
    return sb.append("[]").toString();
  }

  /** {@code Slice} of {@code begin}/{@code size} ({@code -1}: to the end) from a value of shape {@code x}. */
  public static Shape slice(Shape x, int[] begin, int[] size, String opName) {
    String inputs = " for '" + opName + "' (op: 'Slice') with input shapes: " + x.toDimsString() + ", ["
        + begin.length + "], [" + size.length + "].";
    if (begin.length != size.length) {
      throw new IncompatibleShapesException("Dimensions must be equal, but are " + begin.length + " and "
          + size.length + inputs);
    }
    if (x.hasKnownRank() && x.rank() != begin.length) {
      throw new IncompatibleShapesException("Shape must be rank " + begin.length + " but is rank " + x.rank()
          + inputs);
    }
    long[] out = new long[begin.length];
    for (int i = 0; i < begin.length; i++) {
      long dim = x.hasKnownRank() ? x.dim(i) : -1;
      if (begin[i] < 0 || (dim >= 0 && begin[i] > dim)) {
        throw new IncompatibleShapesException("Expected begin[" + i + "] in [0, " + (dim < 0 ? "?" : dim)
            + "], but got " + begin[i] + inputs);
      }
      if (size[i] == -1) {
        out[i] = dim < 0 ? -1 : dim - begin[i];
      } else if (size[i] < 0 || (dim >= 0 && begin[i] + size[i] > dim)) {
        throw new IncompatibleShapesException("Expected size[" + i + "] in [0, " + (dim < 0 ? "?" : dim - begin[i])
            + "], but got " + size[i] + inputs);
      } else {
        out[i] = size[i];
      }
    }
    return Shape.of(out);
  }
}
