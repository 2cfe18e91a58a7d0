package io.scopegraph.kernels;

import io.scopegraph.NdArray;
import io.scopegraph.Shape;

/**
 * Loops of the element-wise ops over the flat primitive storage. Binary ops broadcast like NumPy: equal
 * shapes and one-element operands run straight over the arrays; any other pair is first expanded to the
 * result shape ({@link Broadcast#expand}) and then runs the equal-shapes loop.
 */
public final class ElementwiseKernels {
  private ElementwiseKernels() {}

  /** {@code op(x, y)} broadcast; both operands have the same dtype, which {@code op} supports. */
  public static NdArray binary(BinaryOp op, NdArray x, NdArray y) {
    Shape shape = Broadcast.resultShape(x.shape(), y.shape());
    int n = Math.toIntExact(shape.numElements());
    // A one-element operand stays as it is and is read at index 0; others are laid out in the result shape.
    NdArray a = x.size() == 1 ? x : Broadcast.expand(x, shape);
    NdArray b = y.size() == 1 ? y : Broadcast.expand(y, shape);
    Object out = switch (x.dtype()) {
      case FLOAT32 -> floats(op, (float[]) NdArrayAccess.data(a), (float[]) NdArrayAccess.data(b), n);
      case FLOAT64 -> doubles(op, (double[]) NdArrayAccess.data(a), (double[]) NdArrayAccess.data(b), n);
      case INT32 -> ints(op, (int[]) NdArrayAccess.data(a), (int[]) NdArrayAccess.data(b), n);
      case INT64 -> longs(op, (long[]) NdArrayAccess.data(a), (long[]) NdArrayAccess.data(b), n);
      case BOOL, STRING -> throw new IllegalArgumentException(op + " does not support " + x.dtype());
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

  /** {@code op(x)} element by element; same shape and dtype, which {@code op} supports. */
  public static NdArray unary(UnaryOp op, NdArray x) {
    Object out = switch (x.dtype()) {
      case FLOAT32 -> floats(op, (float[]) NdArrayAccess.data(x));
      case FLOAT64 -> doubles(op, (double[]) NdArrayAccess.data(x));
      case INT32 -> ints(op, (int[]) NdArrayAccess.data(x));
      case INT64 -> longs(op, (long[]) NdArrayAccess.data(x));
      case BOOL, STRING -> throw new IllegalArgumentException(op + " does not support " + x.dtype());
    };
    return NdArray.wrap(x.dtype(), x.shape(), out);
  }

  // One loop per op and storage type, chosen before the loop: each body is a single expression the JIT can
  // unroll and vectorise, whatever other ops the program runs (a switch inside one shared loop would be
  // taken per element once several ops have run through it). float32 results equal those of UnaryOp's
  // double arithmetic rounded to float: exactly for neg, abs, relu and square (a product of two floats is
  // exact in double), and the transcendental ones go through double as there.

  private static float[] floats(UnaryOp op, float[] x) {
    int n = x.length;
    float[] o = new float[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          o[i] = -x[i];
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          o[i] = x[i] * x[i];
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.max(x[i], 0f);
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          o[i] = (float) Math.sqrt(x[i]);
        }
      }
      case EXP -> {
        for (int i = 0; i < n; i++) {
          o[i] = (float) Math.exp(x[i]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          o[i] = (float) Math.log(x[i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          o[i] = (float) Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          o[i] = (float) UnaryOp.sigmoid(x[i]);
        }
      }
    }
    return o;
  }

  private static double[] doubles(UnaryOp op, double[] x) {
    int n = x.length;
    double[] o = new double[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          o[i] = -x[i];
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          o[i] = x[i] * x[i];
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.max(x[i], 0.0);
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.sqrt(x[i]);
        }
      }
      case EXP -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.exp(x[i]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.log(x[i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          o[i] = UnaryOp.sigmoid(x[i]);
        }
      }
    }
    return o;
  }

  /** int32 wraps in 32 bits ({@code -MIN_VALUE == MIN_VALUE}), as the long arithmetic narrowed would. */
  private static int[] ints(UnaryOp op, int[] x) {
    int n = x.length;
    int[] o = new int[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          o[i] = -x[i];
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          o[i] = x[i] * x[i];
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.max(x[i], 0);
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
      default -> throw new IllegalArgumentException(op + " does not support int32");
    }
    return o;
  }

  private static long[] longs(UnaryOp op, long[] x) {
    int n = x.length;
    long[] o = new long[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          o[i] = -x[i];
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          o[i] = x[i] * x[i];
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.max(x[i], 0L);
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
      default -> throw new IllegalArgumentException(op + " does not support int64");
    }
    return o;
  }
}
