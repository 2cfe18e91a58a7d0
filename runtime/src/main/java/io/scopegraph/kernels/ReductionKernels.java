package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.Arrays;

/**
 * {@code Sum}, {@code Mean} over chosen axes and {@code Softmax} over the last axis. Floating sums are
 * accumulated in {@code double} and rounded once at the end; integer sums wrap in their own width.
 */
public final class ReductionKernels {
  private ReductionKernels() {}

  /**
   * Sums (or averages) {@code x} over the axes listed in {@code axes} (an integer scalar or vector; negative
   * axes count from the end). Integer means truncate toward zero, as TF's do. No axes: {@code x} itself.
   */
  public static NdArray reduce(NdArray x, NdArray axes, boolean keepDims, boolean mean) {
    if (axes.size() == 0) {
      return x;
    }
    boolean[] reduced = reducedAxes(x.shape().rank(), axes);
    long[] dims = x.shape().dims();
    long[] kept = dims.clone(); // the output shape with reduced axes kept as 1: it broadcasts back to x
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      if (reduced[i]) {
        kept[i] = 1;
        count *= dims[i];
      }
    }
    Shape keptShape = Shape.of(kept);
    Shape outShape = keepDims ? keptShape : Shape.of(squeeze(dims, reduced));
    int[] target = Broadcast.sourceIndices(keptShape, x.shape()); // input element -> output element
    int n = Math.toIntExact(keptShape.numElements());
    Object out = switch (x.dtype()) {
      case FLOAT32, FLOAT64 -> floating(x, target, n, mean ? count : 1);
      case INT32, INT64 -> integer(x, target, n, mean ? count : 1);
      case BOOL, STRING -> throw new IllegalArgumentException("Sum and Mean do not support " + x.dtype());
    };
    return NdArray.wrap(x.dtype(), outShape, out);
  }

  /** Which axes {@code axes} names; TF's message for an axis out of range. */
  private static boolean[] reducedAxes(int rank, NdArray axes) {
    boolean[] reduced = new boolean[rank];
    for (int i = 0; i < axes.size(); i++) {
      long axis = axes.getLong(i);
      long a = axis < 0 ? axis + rank : axis;
      if (a < 0 || a >= rank) {
        throw new InvalidArgumentException(
            "Invalid reduction dimension (" + axis + " for input with " + rank + " dimension(s)");
      }
      reduced[(int) a] = true;
    }
    return reduced;
  }

  /** {@code dims} without the reduced axes. */
  private static long[] squeeze(long[] dims, boolean[] reduced) {
    long[] out = new long[dims.length];
    int n = 0;
    for (int i = 0; i < dims.length; i++) {
      if (!reduced[i]) {
        out[n++] = dims[i];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static Object floating(NdArray x, int[] target, int n, long divisor) {
    double[] acc = new double[n];
    int size = x.size();
    if (x.dtype() == DType.FLOAT32) {
      float[] in = (float[]) NdArrayAccess.data(x);
      for (int i = 0; i < size; i++) {
        acc[target[i]] += in[i];
      }
    } else {
      double[] in = (double[]) NdArrayAccess.data(x);
      for (int i = 0; i < size; i++) {
        acc[target[i]] += in[i];
      }
    }
    for (int i = 0; i < n; i++) {
      acc[i] /= divisor; // 0/0 is NaN: the mean of nothing
    }
    if (x.dtype() == DType.FLOAT64) {
      return acc;
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) acc[i];
    }
    return out;
  }

  private static Object integer(NdArray x, int[] target, int n, long divisor) {
    long[] acc = new long[n];
    int size = x.size();
    boolean int32 = x.dtype() == DType.INT32;
    if (int32) {
      int[] in = (int[]) NdArrayAccess.data(x);
      for (int i = 0; i < size; i++) {
        acc[target[i]] += in[i];
      }
    } else {
      long[] in = (long[]) NdArrayAccess.data(x);
      for (int i = 0; i < size; i++) {
        acc[target[i]] += in[i];
      }
    }
    // TF accumulates in the element type, so an int32 sum wraps before the mean divides it.
    long d = divisor == 0 ? 1 : divisor; // an empty mean is 0 rather than a division by zero
    if (!int32) {
      for (int i = 0; i < n; i++) {
        acc[i] /= d;
      }
      return acc;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) ((int) acc[i] / d);
    }
    return out;
  }

  /** Softmax over the last axis, per row: {@code exp(x - max) / sum(exp(x - max))}, so large logits do not overflow. */
  public static NdArray softmax(NdArray x) {
    int rank = x.shape().rank();
    if (rank < 1) {
      throw new InvalidArgumentException("logits must have >= 1 dimension, got shape " + x.shape().toDimsString());
    }
    int cols = (int) x.shape().dim(rank - 1);
    int size = x.size();
    double[] in = x.dtype() == DType.FLOAT64 ? (double[]) NdArrayAccess.data(x) : x.toDoubleArray();
    double[] out = new double[size];
    for (int start = 0; start < size; start += cols) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = start; j < start + cols; j++) {
        max = Math.max(max, in[j]);
      }
      double sum = 0;
      for (int j = start; j < start + cols; j++) {
        out[j] = Math.exp(in[j] - max);
        sum += out[j];
      }
      for (int j = start; j < start + cols; j++) {
        out[j] /= sum;
      }
    }
    return x.dtype() == DType.FLOAT64
        ? NdArray.wrap(DType.FLOAT64, x.shape(), out)
        : NdArray.wrap(DType.FLOAT64, x.shape(), out).cast(DType.FLOAT32);
  }

  // ---------------------------------------------------------------------------------------------
  // Prod and Max

  /**
   * {@code Prod}: the product of {@code x} over {@code axes} (an integer scalar or vector; negative axes count
   * from the end), an empty product being 1. Products run in the element type in row-major order (float32 in
   * {@code float}, integers wrapping), as TF's reduction does when it does not vectorise it (rows of fewer than
   * 8 float32 elements); longer rows, which Eigen multiplies in packets, can differ from TF's by an ulp. No
   * axes: {@code x} itself.
   */
  public static NdArray prod(NdArray x, NdArray axes, boolean keepDims) {
    return reduceWith(x, axes, keepDims, false);
  }

  /**
   * {@code Max}: the largest element of {@code x} over {@code axes}. As in TF 1.15 (Eigen's {@code MaxReducer}),
   * NaNs are passed over and the maximum of nothing is the dtype's lowest value ({@code -Float.MAX_VALUE},
   * {@code Integer.MIN_VALUE}, …), which is also what a slice of only {@code -inf} gives. No axes: {@code x}
   * itself.
   */
  public static NdArray max(NdArray x, NdArray axes, boolean keepDims) {
    return reduceWith(x, axes, keepDims, true);
  }

  private static NdArray reduceWith(NdArray x, NdArray axes, boolean keepDims, boolean max) {
    if (!x.dtype().isNumeric()) {
      throw new UnsupportedOperationException("No kernel for op type '" + (max ? "Max" : "Prod") + "' with dtype "
          + x.dtype());
    }
    if (axes.size() == 0) {
      return x;
    }
    boolean[] reduced = reducedAxes(x.shape().rank(), axes);
    long[] dims = x.shape().dims();
    long[] kept = dims.clone();
    for (int i = 0; i < dims.length; i++) {
      if (reduced[i]) {
        kept[i] = 1;
      }
    }
    Shape keptShape = Shape.of(kept);
    Shape outShape = keepDims ? keptShape : Shape.of(squeeze(dims, reduced));
    int[] target = Broadcast.sourceIndices(keptShape, x.shape());
    int n = Math.toIntExact(keptShape.numElements());
    int size = x.size();
    Object out;
    switch (x.dtype()) {
      case FLOAT32: {
        float[] in = (float[]) NdArrayAccess.data(x);
        float[] o = new float[n];
        if (max) {
          Arrays.fill(o, -Float.MAX_VALUE);
          for (int i = 0; i < size; i++) {
            if (o[target[i]] < in[i]) {
              o[target[i]] = in[i];
            }
          }
        } else {
          Arrays.fill(o, 1f);
          for (int i = 0; i < size; i++) {
            o[target[i]] *= in[i];
          }
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] in = (double[]) NdArrayAccess.data(x);
        double[] o = new double[n];
        Arrays.fill(o, max ? -Double.MAX_VALUE : 1);
        for (int i = 0; i < size; i++) {
          if (!max) {
            o[target[i]] *= in[i];
          } else if (o[target[i]] < in[i]) {
            o[target[i]] = in[i];
          }
        }
        out = o;
        break;
      }
      case INT32: {
        int[] in = (int[]) NdArrayAccess.data(x);
        int[] o = new int[n];
        Arrays.fill(o, max ? Integer.MIN_VALUE : 1);
        for (int i = 0; i < size; i++) {
          o[target[i]] = max ? Math.max(o[target[i]], in[i]) : o[target[i]] * in[i];
        }
        out = o;
        break;
      }
      default: {
        long[] in = (long[]) NdArrayAccess.data(x);
        long[] o = new long[n];
        Arrays.fill(o, max ? Long.MIN_VALUE : 1);
        for (int i = 0; i < size; i++) {
          o[target[i]] = max ? Math.max(o[target[i]], in[i]) : o[target[i]] * in[i];
        }
        out = o;
        break;
      }
    }
    return NdArray.wrap(x.dtype(), outShape, out);
  }
}
