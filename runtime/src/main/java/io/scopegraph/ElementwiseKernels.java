package io.scopegraph;

/**
 * Loops of the element-wise ops over the flat primitive storage. Binary ops broadcast like NumPy: equal
 * shapes and one-element operands run straight over the arrays; any other pair is first expanded to the
 * result shape ({@link Broadcast#expand}) and then runs the equal-shapes loop.
 */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  /** {@code op(x, y)} broadcast; both operands have the same dtype, which {@code op} supports. */
  static NdArray binary(BinaryOp op, NdArray x, NdArray y) {
    Shape shape = Broadcast.resultShape(x.shape(), y.shape());
    int n = Math.toIntExact(shape.numElements());
    // A one-element operand stays as it is and is read at index 0; others are laid out in the result shape.
    NdArray a = x.size() == 1 ? x : Broadcast.expand(x, shape);
    NdArray b = y.size() == 1 ? y : Broadcast.expand(y, shape);
    Object out = switch (x.dtype()) {
      case FLOAT32 -> floats(op, (float[]) a.data(), (float[]) b.data(), n);
      case FLOAT64 -> doubles(op, (double[]) a.data(), (double[]) b.data(), n);
      case INT32 -> ints(op, (int[]) a.data(), (int[]) b.data(), n);
      case INT64 -> longs(op, (long[]) a.data(), (long[]) b.data(), n);
      case BOOL -> throw new IllegalArgumentException(op + " does not support bool");
    };
    return NdArray.wrap(x.dtype(), shape, out);
  }

  // One method per storage type: a full-size operand is read at i, a one-element operand at 0. The three
  // loops keep each body free of index arithmetic so the JIT can unroll and vectorise them.

  private static float[] floats(BinaryOp op, float[] a, float[] b, int n) {
    float[] out = new float[n];
    if (a.length == n && b.length == n) {
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(a[i], b[i]);
      }
    } else if (a.length == n) {
      float s = b[0];
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(a[i], s);
      }
    } else {
      float s = a[0];
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(s, b[i]);
      }
    }
    return out;
  }

  private static double[] doubles(BinaryOp op, double[] a, double[] b, int n) {
    double[] out = new double[n];
    if (a.length == n && b.length == n) {
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(a[i], b[i]);
      }
    } else if (a.length == n) {
      double s = b[0];
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(a[i], s);
      }
    } else {
      double s = a[0];
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(s, b[i]);
      }
    }
    return out;
  }

  /** int32 through the long arithmetic, narrowed: the same bits 32-bit wrapping arithmetic gives. */
  private static int[] ints(BinaryOp op, int[] a, int[] b, int n) {
    int[] out = new int[n];
    if (a.length == n && b.length == n) {
      for (int i = 0; i < n; i++) {
        out[i] = (int) op.apply((long) a[i], (long) b[i]);
      }
    } else if (a.length == n) {
      long s = b[0];
      for (int i = 0; i < n; i++) {
        out[i] = (int) op.apply(a[i], s);
      }
    } else {
      long s = a[0];
      for (int i = 0; i < n; i++) {
        out[i] = (int) op.apply(s, b[i]);
      }
    }
    return out;
  }

  private static long[] longs(BinaryOp op, long[] a, long[] b, int n) {
    long[] out = new long[n];
    if (a.length == n && b.length == n) {
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(a[i], b[i]);
      }
    } else if (a.length == n) {
      long s = b[0];
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(a[i], s);
      }
    } else {
      long s = a[0];
      for (int i = 0; i < n; i++) {
        out[i] = op.apply(s, b[i]);
      }
    }
    return out;
  }

  /** {@code op(x)} element by element; same shape and dtype. */
  static NdArray unary(UnaryOp op, NdArray x) {
    int n = x.size();
    Object out = switch (x.dtype()) {
      case FLOAT32 -> {
        float[] in = (float[]) x.data();
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
          o[i] = (float) op.apply((double) in[i]);
        }
        yield o;
      }
      case FLOAT64 -> {
        double[] in = (double[]) x.data();
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
          o[i] = op.apply(in[i]);
        }
        yield o;
      }
      case INT32 -> {
        int[] in = (int[]) x.data();
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
          o[i] = (int) op.apply((long) in[i]);
        }
        yield o;
      }
      case INT64 -> {
        long[] in = (long[]) x.data();
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
          o[i] = op.apply(in[i]);
        }
        yield o;
      }
      case BOOL -> throw new IllegalArgumentException(op + " does not support bool");
    };
    return NdArray.wrap(x.dtype(), x.shape(), out);
  }
}
