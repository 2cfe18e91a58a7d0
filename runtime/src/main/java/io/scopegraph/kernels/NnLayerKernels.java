package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Kernels of the layer ops: the activations {@code LeakyRelu}, {@code Relu6}, {@code Elu} and their gradients,
 * {@code Rsqrt}/{@code RsqrtGrad}, {@code ArgMax}, {@code Equal}/{@code NotEqual}, {@code Max}, {@code Split}
 * and the fused batch norm with its gradient. Semantics and messages are TF 1.15's CPU kernels'.
 *
 * <p>Floating math runs in {@code double} and is rounded once to the element type, so float32 results can
 * differ from TF's float arithmetic in the last bits (parity tests compare with a float32 tolerance).
 */
public final class NnLayerKernels {
  private NnLayerKernels() {}

  // ---------------------------------------------------------------------------------------------
  // Element-wise

  /** {@code LeakyRelu}: {@code x > 0 ? x : alpha * x}. */
  public static NdArray leakyRelu(NdArray x, double alpha) {
    return map(x, v -> v > 0 ? v : v * alpha);
  }

  /** {@code LeakyReluGrad(gradients, features)}: the gradient where the feature is positive, else alpha times it. */
  public static NdArray leakyReluGrad(NdArray g, NdArray x, double alpha) {
    return zip(g, x, (dy, v) -> v > 0 ? dy : dy * alpha);
  }

  /** {@code Relu6}: {@code min(max(x, 0), 6)}. */
  public static NdArray relu6(NdArray x) {
    return map(x, v -> Math.min(Math.max(v, 0), 6));
  }

  /** {@code Relu6Grad(gradients, features)}: the gradient where {@code 0 < features < 6}, else 0. */
  public static NdArray relu6Grad(NdArray g, NdArray features) {
    return zip(g, features, (dy, v) -> v > 0 && v < 6 ? dy : 0);
  }

  /** {@code Elu}: {@code x < 0 ? exp(x) - 1 : x}. */
  public static NdArray elu(NdArray x) {
    return map(x, v -> v < 0 ? Math.expm1(v) : v);
  }

  /** {@code EluGrad(gradients, outputs)}: {@code outputs < 0 ? gradients * (outputs + 1) : gradients}. */
  public static NdArray eluGrad(NdArray g, NdArray outputs) {
    return zip(g, outputs, (dy, y) -> y < 0 ? dy * (y + 1) : dy);
  }

  /** {@code Rsqrt}: {@code 1 / sqrt(x)}. */
  public static NdArray rsqrt(NdArray x) {
    return map(x, v -> 1.0 / Math.sqrt(v));
  }

  /** {@code RsqrtGrad(y, dy)}: {@code dy * -0.5 * y^3}. */
  public static NdArray rsqrtGrad(NdArray y, NdArray dy) {
    return zip(y, dy, (a, d) -> d * -0.5 * a * a * a);
  }

  /** {@code Equal} / {@code NotEqual} with broadcasting; integers compared exactly, bools as bools. */
  public static NdArray equal(NdArray x, NdArray y, boolean equal) {
    Shape shape = Broadcast.resultShape(x.shape(), y.shape());
    NdArray bx = Broadcast.expand(x, shape);
    NdArray by = Broadcast.expand(y, shape);
    int n = bx.size();
    boolean[] out = new boolean[n];
    DType t = x.dtype();
    for (int i = 0; i < n; i++) {
      boolean same;
      if (t.isFloating()) {
        same = bx.getDouble(i) == by.getDouble(i);
      } else if (t.isInteger()) {
        same = bx.getLong(i) == by.getLong(i);
      } else {
        same = bx.get(i).equals(by.get(i));
      }
      out[i] = same == equal;
    }
    return NdArray.create(DType.BOOL, shape, out);
  }

  // ---------------------------------------------------------------------------------------------
  // Reductions and splitting

  /** {@code ArgMax(input, dimension)}: the index of the first largest value along the axis, as {@code outType}. */
  public static NdArray argMax(NdArray x, NdArray dimension, DType outType) {
    int rank = x.shape().rank();
    long a = dimension.getLong(0);
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentException("Expected dimension in the range [" + -rank + ", " + rank
          + "), but got " + a);
    }
    int axis = (int) (a < 0 ? a + rank : a);
    long[] dims = x.shape().dims();
    int len = (int) dims[axis];
    if (len == 0) {
      throw new InvalidArgumentException("Reduction axis " + axis + " is empty in shape "
          + x.shape().toDimsString());
    }
    int inner = 1;
    for (int d = axis + 1; d < rank; d++) {
      inner *= (int) dims[d];
    }
    int outer = x.size() / Math.max(len * inner, 1);
    long[] out = new long[outer * inner];
    boolean integer = x.dtype().isInteger();
    for (int o = 0; o < outer; o++) {
      for (int in = 0; in < inner; in++) {
        int base = o * len * inner + in;
        int best = 0;
        for (int k = 1; k < len; k++) {
          int at = base + k * inner;
          int bestAt = base + best * inner;
          boolean greater = integer ? x.getLong(at) > x.getLong(bestAt) : x.getDouble(at) > x.getDouble(bestAt);
          if (greater) {
            best = k;
          }
        }
        out[o * inner + in] = best;
      }
    }
    long[] outDims = new long[rank - 1];
    for (int d = 0, j = 0; d < rank; d++) {
      if (d != axis) {
        outDims[j++] = dims[d];
      }
    }
    return NdArray.create(DType.INT64, Shape.of(outDims), out).cast(outType);
  }

  /** {@code Max(input, reduction_indices)}: the largest value over the axes (lowest value of the type if empty). */
  public static NdArray max(NdArray x, NdArray axesValue, boolean keepDims) {
    int rank = x.shape().rank();
    long[] axes = axesValue.toLongArray();
    boolean[] reduced = new boolean[rank];
    for (long a : axes) {
      if (a < -rank || a >= rank) {
        throw new InvalidArgumentException("Invalid reduction dimension (" + a + " for input with " + rank
            + " dimension(s)");
      }
      reduced[(int) (a < 0 ? a + rank : a)] = true;
    }
    long[] dims = x.shape().dims();
    long[] outKept = dims.clone();
    int outSize = 1;
    for (int d = 0; d < rank; d++) {
      if (reduced[d]) {
        outKept[d] = 1;
      }
      outSize *= (int) outKept[d];
    }
    boolean integer = x.dtype().isInteger();
    double[] best = new double[outSize];
    long[] bestLong = new long[outSize];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(bestLong, x.dtype() == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
    long[] inStrides = ArrayKernels.strides(dims);
    long[] outStrides = ArrayKernels.strides(outKept);
    int n = x.size();
    for (int i = 0; i < n; i++) {
      int o = 0;
      long rest = i;
      for (int d = 0; d < rank; d++) {
        long c = rest / inStrides[d];
        rest %= inStrides[d];
        if (!reduced[d]) {
          o += (int) (c * outStrides[d]);
        }
      }
      if (integer) {
        bestLong[o] = Math.max(bestLong[o], x.getLong(i));
      } else {
        double v = x.getDouble(i);
        // NaN propagates as in Eigen's max reduction
        best[o] = Double.isNaN(v) || Double.isNaN(best[o]) ? Double.NaN : Math.max(best[o], v);
      }
    }
    Shape outShape;
    if (keepDims) {
      outShape = Shape.of(outKept);
    } else {
      long[] kept = new long[rank - countTrue(reduced)];
      for (int d = 0, j = 0; d < rank; d++) {
        if (!reduced[d]) {
          kept[j++] = dims[d];
        }
      }
      outShape = Shape.of(kept);
    }
    NdArray out = integer ? NdArray.create(DType.INT64, outShape, bestLong)
        : NdArray.create(DType.FLOAT64, outShape, best);
    return out.cast(x.dtype());
  }

  private static int countTrue(boolean[] b) {
    int c = 0;
    for (boolean v : b) {
      c += v ? 1 : 0;
    }
    return c;
  }

  /** {@code Split(split_dim, value)}: {@code num} equal pieces along the axis. */
  public static NdArray[] split(NdArray splitDim, NdArray value, int num) {
    int rank = value.shape().rank();
    long a = splitDim.getLong(0);
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentException("-input rank(-" + rank + ") <= split_dim < input rank (" + rank
          + "), but got " + a);
    }
    int axis = (int) (a < 0 ? a + rank : a);
    long size = value.shape().dim(axis);
    if (num <= 0 || size % num != 0) {
      throw new InvalidArgumentException("Number of ways to split should evenly divide the split dimension, but "
          + "got split_dim " + axis + " (size = " + size + ") and num_split " + num);
    }
    NdArray[] out = new NdArray[num];
    long piece = size / num;
    for (int i = 0; i < num; i++) {
      long[] begin = new long[rank];
      long[] sz = value.shape().dims();
      begin[axis] = i * piece;
      sz[axis] = piece;
      out[i] = ArrayKernels.slice(value, NdArray.of(begin), NdArray.of(sz));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Fused batch norm

  /** Where the channel of a flat index is: {@code (i / inner) % channels}. */
  private record Layout(int channels, int inner, int rest) {
    static Layout of(Shape x, boolean nchw) {
      int channelDim = nchw ? 1 : x.rank() - 1;
      int channels = (int) x.dim(channelDim);
      int inner = 1;
      for (int d = channelDim + 1; d < x.rank(); d++) {
        inner *= (int) x.dim(d);
      }
      return new Layout(channels, inner, channels == 0 ? 0 : (int) (x.numElements() / channels));
    }

    int channel(int i) {
      return (i / inner) % channels;
    }
  }

  private static void checkFourD(NdArray x, String what) {
    if (x.shape().rank() != 4) {
      throw new InvalidArgumentException(what + " must be 4-dimensional" + x.shape().toDimsString());
    }
  }

  private static void checkVector(NdArray v, String what) {
    if (v.shape().rank() != 1) {
      throw new InvalidArgumentException(what + " must be 1-dimensional" + v.shape().toDimsString());
    }
  }

  /**
   * {@code FusedBatchNormV3}: outputs y, batch_mean, batch_variance, reserve_space_1, reserve_space_2,
   * reserve_space_3. Training: the batch statistics over all but the channel dimension; batch_variance has
   * Bessel's correction ({@code n / (n - 1)}), reserve_space_1/2 hold the mean and the uncorrected variance the
   * gradient needs, reserve_space_3 is a scalar 0 (the CPU kernel's placeholder). Inference: normalises with the
   * given mean/variance, which outputs 1 to 4 repeat (TF's CPU kernel leaves them unset).
   */
  public static NdArray[] fusedBatchNorm(NdArray x, NdArray scale, NdArray offset, NdArray mean, NdArray variance,
      double epsilon, boolean nchw, boolean training) {
    checkFourD(x, "input");
    checkVector(scale, "scale");
    checkVector(offset, "offset");
    checkVector(mean, "estimated_mean");
    checkVector(variance, "estimated_variance");
    Layout l = Layout.of(x.shape(), nchw);
    int c = l.channels();
    if (scale.size() != c || offset.size() != c) {
      throw new InvalidArgumentException("scale and offset must have the same number of elements as the channels "
          + "of x, got " + scale.size() + ", " + offset.size() + " and " + c);
    }
    if (training && (mean.size() != 0 || variance.size() != 0)) {
      throw new InvalidArgumentException("estimated_mean must be empty for training"
          + mean.shape().toDimsString());
    }
    if (!training && (mean.size() != c || variance.size() != c)) {
      throw new InvalidArgumentException("mean and variance must have the same number of elements as the channels "
          + "of x, got " + mean.size() + ", " + variance.size() + " and " + c);
    }
    double[] xv = x.toDoubleArray();
    double[] m = new double[c];
    double[] v = new double[c];
    int n = xv.length;
    if (training) {
      for (int i = 0; i < n; i++) {
        m[l.channel(i)] += xv[i];
      }
      for (int k = 0; k < c; k++) {
        m[k] /= l.rest();
      }
      for (int i = 0; i < n; i++) {
        double d = xv[i] - m[l.channel(i)];
        v[l.channel(i)] += d * d;
      }
      for (int k = 0; k < c; k++) {
        v[k] /= l.rest();
      }
    } else {
      m = mean.toDoubleArray();
      v = variance.toDoubleArray();
    }
    double[] s = scale.toDoubleArray();
    double[] o = offset.toDoubleArray();
    double[] factor = new double[c];
    for (int k = 0; k < c; k++) {
      factor[k] = s[k] / Math.sqrt(v[k] + epsilon);
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int k = l.channel(i);
      y[i] = (xv[i] - m[k]) * factor[k] + o[k];
    }
    DType u = scale.dtype();
    NdArray yOut = NdArray.create(DType.FLOAT64, x.shape(), y).cast(x.dtype());
    NdArray meanOut = NdArray.create(DType.FLOAT64, Shape.of(c), m).cast(u);
    NdArray varOut = NdArray.create(DType.FLOAT64, Shape.of(c), v).cast(u);
    NdArray batchVar = varOut;
    if (training) {
      double adjust = (double) l.rest() / Math.max(l.rest() - 1, 1);
      double[] corrected = new double[c];
      for (int k = 0; k < c; k++) {
        corrected[k] = v[k] * adjust;
      }
      batchVar = NdArray.create(DType.FLOAT64, Shape.of(c), corrected).cast(u);
    }
    NdArray reserve3 = NdArray.filled(u, Shape.scalar(), 0);
    return new NdArray[] {yOut, meanOut, batchVar, meanOut, varOut, reserve3};
  }

  /**
   * {@code FusedBatchNormGradV3(y_backprop, x, scale, reserve_space_1, reserve_space_2, reserve_space_3)}:
   * x_backprop, scale_backprop, offset_backprop and two empty placeholders. Training: reserve spaces 1/2 are the
   * batch mean and uncorrected variance of the forward op; inference: the population mean and variance.
   */
  public static NdArray[] fusedBatchNormGrad(NdArray dy, NdArray x, NdArray scale, NdArray mean, NdArray variance,
      double epsilon, boolean nchw, boolean training) {
    checkFourD(dy, "input");
    checkFourD(x, "input");
    checkVector(scale, "scale");
    checkVector(mean, "saved mean");
    checkVector(variance, "saved variance");
    if (!x.shape().equals(dy.shape())) {
      throw new InvalidArgumentException("x and y_backprop must have same shape, but x has shape "
          + x.shape().toDimsString() + " and y_backprop has shape " + dy.shape().toDimsString());
    }
    Layout l = Layout.of(x.shape(), nchw);
    int c = l.channels();
    if (scale.size() != c || mean.size() != c || variance.size() != c) {
      throw new InvalidArgumentException("scale must have the same number of elements as the channels of x, got "
          + scale.size() + " and " + c);
    }
    double[] g = dy.toDoubleArray();
    double[] xv = x.toDoubleArray();
    double[] m = mean.toDoubleArray();
    double[] v = variance.toDoubleArray();
    double[] s = scale.toDoubleArray();
    int n = xv.length;
    double[] coef0 = new double[c];
    for (int k = 0; k < c; k++) {
      coef0[k] = 1.0 / Math.sqrt(v[k] + epsilon);
    }
    double[] sumDy = new double[c];
    double[] sumDyXc = new double[c];
    for (int i = 0; i < n; i++) {
      int k = l.channel(i);
      sumDy[k] += g[i];
      sumDyXc[k] += g[i] * (xv[i] - m[k]);
    }
    double[] dScale = new double[c];
    for (int k = 0; k < c; k++) {
      dScale[k] = sumDyXc[k] * coef0[k];
    }
    double[] dx = new double[n];
    for (int i = 0; i < n; i++) {
      int k = l.channel(i);
      if (training) {
        double dyCentered = g[i] - sumDy[k] / l.rest();
        double xc = xv[i] - m[k];
        dx[i] = s[k] * coef0[k] * (dyCentered - xc * coef0[k] * coef0[k] * sumDyXc[k] / l.rest());
      } else {
        dx[i] = g[i] * s[k] * coef0[k];
      }
    }
    DType u = scale.dtype();
    return new NdArray[] {
        NdArray.create(DType.FLOAT64, x.shape(), dx).cast(x.dtype()),
        NdArray.create(DType.FLOAT64, Shape.of(c), dScale).cast(u),
        NdArray.create(DType.FLOAT64, Shape.of(c), sumDy).cast(u),
        NdArray.filled(u, Shape.of(0), 0),
        NdArray.filled(u, Shape.of(0), 0)};
  }

  // ---------------------------------------------------------------------------------------------

  private static NdArray map(NdArray x, DoubleUnaryOperator f) {
    double[] v = x.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(v[i]);
    }
    return NdArray.create(DType.FLOAT64, x.shape(), v).cast(x.dtype());
  }

  /** Same-shape element-wise function of two arrays; the result has {@code a}'s dtype. */
  private static NdArray zip(NdArray a, NdArray b, DoubleBinaryOperator f) {
    if (!a.shape().equals(b.shape())) {
      throw new InvalidArgumentException("Incompatible shapes: " + a.shape().toDimsString() + " vs. "
          + b.shape().toDimsString());
    }
    double[] x = a.toDoubleArray();
    double[] y = b.toDoubleArray();
    for (int i = 0; i < x.length; i++) {
      x[i] = f.applyAsDouble(x[i], y[i]);
    }
    return NdArray.create(DType.FLOAT64, a.shape(), x).cast(a.dtype());
  }
}
