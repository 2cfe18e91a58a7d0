package io.scopegraph.kernels;

import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;

/**
 * Element-wise math of gradient graphs that {@link BinaryOp}/{@link UnaryOp} do not cover: {@code FloorDiv} and
 * {@code FloorMod} (broadcasting like the other binary ops) and {@code Reciprocal}, with the formulas of TF
 * 1.15's CPU functors ({@code google_floor_div}, {@code google_floor_mod}, {@code google_floor_fmod}). float32
 * is computed in {@code float}, int32 in {@code int}.
 */
public final class MathKernels {
  private MathKernels() {}

  /**
   * {@code FloorDiv}: division rounded toward negative infinity, as Python's {@code //}. Integers use TF's
   * {@code -(|x| + |y| - 1) / |y|} when the signs differ, and a zero divisor throws TF's
   * {@code Integer division by zero}; floats are {@code floor(x / y)}.
   */
  public static NdArray floorDiv(NdArray x, NdArray y) {
    return binary(x, y, true);
  }

  /**
   * {@code FloorMod}: the remainder of {@link #floorDiv}, with the sign of the divisor, as Python's {@code %}:
   * TF's {@code trunc_mod} when the signs of {@code x} and {@code y} agree, {@code (trunc_mod + y) mod y}
   * otherwise ({@code fmod} for floats). A zero integer divisor throws {@code Integer division by zero}.
   */
  public static NdArray floorMod(NdArray x, NdArray y) {
    return binary(x, y, false);
  }

  private static NdArray binary(NdArray x, NdArray y, boolean div) {
    String type = div ? "FloorDiv" : "FloorMod";
    if (x.dtype() != y.dtype()) {
      throw new InvalidArgumentException(type + " takes operands of one dtype, got " + x.dtype() + " and "
          + y.dtype());
    }
    if (!x.dtype().isNumeric()) {
      throw new UnsupportedOperationException("No kernel for op type '" + type + "' with dtype " + x.dtype());
    }
    Shape shape = Broadcast.resultShape(x.shape(), y.shape());
    NdArray a = Broadcast.expand(x, shape);
    NdArray b = Broadcast.expand(y, shape);
    int n = Math.toIntExact(shape.numElements());
    Object out;
    switch (x.dtype()) {
      case FLOAT32: {
        float[] p = (float[]) NdArrayAccess.data(a);
        float[] q = (float[]) NdArrayAccess.data(b);
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
          o[i] = div ? (float) Math.floor(p[i] / q[i]) : floorFmod(p[i], q[i]);
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] p = (double[]) NdArrayAccess.data(a);
        double[] q = (double[]) NdArrayAccess.data(b);
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
          o[i] = div ? Math.floor(p[i] / q[i]) : floorFmod(p[i], q[i]);
        }
        out = o;
        break;
      }
      case INT32: {
        int[] p = (int[]) NdArrayAccess.data(a);
        int[] q = (int[]) NdArrayAccess.data(b);
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
          int u = p[i];
          int v = q[i];
          if (v == 0) {
            throw new InvalidArgumentException("Integer division by zero");
          }
          if (div) {
            o[i] = (u < 0) != (v < 0) ? -(Math.abs(u) + Math.abs(v) - 1) / Math.abs(v) : u / v;
          } else {
            int truncMod = u % v;
            o[i] = (u < 0) == (v < 0) ? truncMod : (truncMod + v) % v;
          }
        }
        out = o;
        break;
      }
      default: {
        long[] p = (long[]) NdArrayAccess.data(a);
        long[] q = (long[]) NdArrayAccess.data(b);
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
          long u = p[i];
          long v = q[i];
          if (v == 0) {
            throw new InvalidArgumentException("Integer division by zero");
          }
          if (div) {
            o[i] = (u < 0) != (v < 0) ? -(Math.abs(u) + Math.abs(v) - 1) / Math.abs(v) : u / v;
          } else {
            long truncMod = u % v;
            o[i] = (u < 0) == (v < 0) ? truncMod : (truncMod + v) % v;
          }
        }
        out = o;
        break;
      }
    }
    return NdArray.wrap(x.dtype(), shape, out);
  }

  /** TF 1.15's {@code google_floor_fmod}: {@code fmod}, moved into the divisor's sign when the signs differ. */
  public static float floorFmod(float x, float y) {
    float truncMod = x % y; // Java's % on floats is C's fmod
    return (x < 0) == (y < 0) ? truncMod : (truncMod + y) % y;
  }

  public static double floorFmod(double x, double y) {
    double truncMod = x % y;
    return (x < 0) == (y < 0) ? truncMod : (truncMod + y) % y;
  }

  /** {@code Reciprocal}: {@code 1 / x} for float32 and float64 (TF 1.15 has CPU kernels for floating types only). */
  public static NdArray reciprocal(NdArray x) {
    switch (x.dtype()) {
      case FLOAT32: {
        float[] in = (float[]) NdArrayAccess.data(x);
        float[] o = new float[in.length];
        for (int i = 0; i < in.length; i++) {
          o[i] = 1f / in[i];
        }
        return NdArray.wrap(x.dtype(), x.shape(), o);
      }
      case FLOAT64: {
        double[] in = (double[]) NdArrayAccess.data(x);
        double[] o = new double[in.length];
        for (int i = 0; i < in.length; i++) {
          o[i] = 1.0 / in[i];
        }
        return NdArray.wrap(x.dtype(), x.shape(), o);
      }
      default:
        throw new UnsupportedOperationException("No kernel for op type 'Reciprocal' with dtype " + x.dtype());
    }
  }
}
