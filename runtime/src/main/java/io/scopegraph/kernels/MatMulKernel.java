package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.Arrays;

/**
 * {@code MatMul} of two rank-2 arrays, optionally transposed. float32 and float64 go to the
 * {@link MatMulProvider} chosen for this JVM (plain loops or the Vector API: see {@link MatMulProviders}),
 * blocked for the caches and run on all cores when big enough ({@link MatMulScheduler}). The integer dtypes,
 * rarely multiplied in bulk, keep a simple loop: operands copied into rows (transposing on the way), then an
 * i-k-j loop in wrapping 64-bit arithmetic narrowed at the end (the same bits as 32-bit arithmetic for int32).
 */
public final class MatMulKernel {
  private MatMulKernel() {}

  public static NdArray matMul(NdArray a, NdArray b, boolean transposeA, boolean transposeB) {
    requireMatrix(a, 0);
    requireMatrix(b, 1);
    int m = dim(a, transposeA ? 1 : 0);
    int k = dim(a, transposeA ? 0 : 1);
    int n = dim(b, transposeB ? 0 : 1);
    if (dim(b, transposeB ? 1 : 0) != k) {
      throw new InvalidArgumentException("Matrix size-incompatible: In[0]: " + a.shape().toDimsString()
          + ", In[1]: " + b.shape().toDimsString());
    }
    Shape shape = Shape.of(m, n);
    MatMulDims dims = new MatMulDims(m, k, n, transposeA, transposeB);
    return switch (a.dtype()) {
      case FLOAT32 -> NdArray.wrap(DType.FLOAT32, shape, floats((float[]) NdArrayAccess.data(a), (float[]) NdArrayAccess.data(b), dims));
      case FLOAT64 -> NdArray.wrap(DType.FLOAT64, shape, doubles((double[]) NdArrayAccess.data(a), (double[]) NdArrayAccess.data(b), dims));
      case INT32, INT64 -> {
        long[] product = longs(longRows(a, m, k, transposeA), longRows(b, k, n, transposeB), n);
        yield NdArray.wrap(DType.INT64, shape, product).cast(a.dtype());
      }
      case BOOL, STRING -> throw new IllegalArgumentException("MatMul does not support " + a.dtype());
    };
  }

  private static float[] floats(float[] a, float[] b, MatMulDims dims) {
    float[] c = new float[dims.m() * dims.n()];
    if (dims.work() > 0) { // an empty inner dimension leaves zeros
      MatMulScheduler.run(MatMulProviders.get().floats(a, b, c, dims), dims);
    }
    return c;
  }

  private static double[] doubles(double[] a, double[] b, MatMulDims dims) {
    double[] c = new double[dims.m() * dims.n()];
    if (dims.work() > 0) {
      MatMulScheduler.run(MatMulProviders.get().doubles(a, b, c, dims), dims);
    }
    return c;
  }

  private static void requireMatrix(NdArray x, int input) {
    if (x.shape().rank() != 2) {
      throw new InvalidArgumentException(
          "In[" + input + "] is not a matrix. Instead it has shape " + x.shape().toDimsString());
    }
  }

  private static int dim(NdArray x, int axis) {
    return (int) x.shape().dim(axis);
  }

  // Row copies: row r of the logical [rows, cols] operand. Stored transposed, element (r, c) is at c*rows + r.

  /** Integer operands widened to long (int32 and int64 share one loop). */
  private static long[][] longRows(NdArray x, int rows, int cols, boolean transposed) {
    long[] data = x.dtype() == DType.INT64 ? (long[]) NdArrayAccess.data(x) : x.toLongArray();
    long[][] out = new long[rows][cols];
    for (int r = 0; r < rows; r++) {
      if (!transposed) {
        System.arraycopy(data, r * cols, out[r], 0, cols);
      } else {
        for (int c = 0; c < cols; c++) {
          out[r][c] = data[c * rows + r];
        }
      }
    }
    return out;
  }

  // i-k-j products: for each output row i, add a[i][p] * (row p of b) into an accumulator row.

  private static long[] longs(long[][] a, long[][] b, int n) {
    int m = a.length;
    long[] out = new long[m * n];
    long[] acc = new long[n];
    for (int i = 0; i < m; i++) {
      Arrays.fill(acc, 0L);
      long[] ai = a[i];
      for (int p = 0; p < ai.length; p++) {
        long aip = ai[p];
        long[] bp = b[p];
        for (int j = 0; j < n; j++) {
          acc[j] += aip * bp[j];
        }
      }
      System.arraycopy(acc, 0, out, i * n, n);
    }
    return out;
  }
}
