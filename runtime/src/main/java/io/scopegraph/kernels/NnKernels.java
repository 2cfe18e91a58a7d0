package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;

/**
 * Neural-network kernels of training graphs: {@code BiasAdd} and its gradient, the activation gradients
 * ({@code ReluGrad}, {@code SigmoidGrad}, {@code TanhGrad}), {@code LogSoftmax} and the two softmax
 * cross-entropy losses with their backprops. Semantics and messages are TF 1.15's CPU kernels'.
 *
 * <p>Arithmetic follows TF's Eigen expressions in the element type (float32 in {@code float}), with sums taken
 * in order as Eigen takes them when it does not vectorise the reduction (bias gradients always; softmax rows of
 * fewer than 8 classes). Results then equal TF's bit for bit, except where TF evaluates {@code exp}/{@code log}
 * with Eigen's vectorised polynomials or sums long rows in packets: there they differ by an ulp or two.
 * Inputs are never written; each method returns new arrays.
 */
public final class NnKernels {
  private NnKernels() {}

  /**
   * {@code BiasAdd}: {@code value + bias} with the 1-D {@code bias} added along the channel dimension: the last
   * one for {@code "NHWC"} (TF's default, any rank from 2 to 5), dimension 1 of a 4-D value for {@code "NCHW"}.
   * Numeric dtypes; value and bias of one dtype.
   */
  public static NdArray biasAdd(NdArray value, NdArray bias, String dataFormat) {
    boolean nchw = nchw(dataFormat);
    Shape shape = value.shape();
    if (shape.rank() < 2) {
      throw new InvalidArgumentException("Input tensor must be at least 2D: " + shape.toDimsString());
    }
    if (bias.shape().rank() != 1) {
      throw new InvalidArgumentException("Biases must be 1D: " + bias.shape().toDimsString());
    }
    int channelDim;
    if (nchw) {
      if (shape.rank() != 4) {
        throw new InvalidArgumentException("NCHW format supports only 4D input tensor.");
      }
      channelDim = 1;
    } else {
      channelDim = shape.rank() - 1;
    }
    if (bias.shape().dim(0) != shape.dim(channelDim)) {
      throw new InvalidArgumentException("Must provide as many biases as the last dimension of the input tensor: "
          + bias.shape().toDimsString() + " vs. " + shape.toDimsString());
    }
    requireSameDtype("BiasAdd", value, bias, "bias");
    if (!value.dtype().isNumeric()) {
      throw noKernel("BiasAdd", value.dtype());
    }
    if (value.size() == 0) {
      return value;
    }
    if (!nchw && shape.rank() > 5) {
      throw new InvalidArgumentException("Only ranks up to 5 supported: " + shape.toDimsString());
    }
    int channels = (int) shape.dim(channelDim);
    // Element i belongs to channel (i / inner) % channels, inner being the size of the dimensions after it.
    int inner = 1;
    for (int d = channelDim + 1; d < shape.rank(); d++) {
      inner *= (int) shape.dim(d);
    }
    int n = value.size();
    Object out;
    switch (value.dtype()) {
      case FLOAT32: {
        float[] x = (float[]) NdArrayAccess.data(value);
        float[] b = (float[]) NdArrayAccess.data(bias);
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
          o[i] = x[i] + b[(i / inner) % channels];
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] x = (double[]) NdArrayAccess.data(value);
        double[] b = (double[]) NdArrayAccess.data(bias);
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
          o[i] = x[i] + b[(i / inner) % channels];
        }
        out = o;
        break;
      }
      case INT32: {
        int[] x = (int[]) NdArrayAccess.data(value);
        int[] b = (int[]) NdArrayAccess.data(bias);
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
          o[i] = x[i] + b[(i / inner) % channels];
        }
        out = o;
        break;
      }
      default: {
        long[] x = (long[]) NdArrayAccess.data(value);
        long[] b = (long[]) NdArrayAccess.data(bias);
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
          o[i] = x[i] + b[(i / inner) % channels];
        }
        out = o;
        break;
      }
    }
    return NdArray.wrap(value.dtype(), shape, out);
  }

  /**
   * {@code BiasAddGrad}: {@code outBackprop} summed over every dimension but the channel one ({@code "NHWC"}:
   * the last; {@code "NCHW"}: dimension 1 of a 4-D tensor), a vector of the channel count. Sums run in the
   * element type in row order, as TF's reduction over the leading dimensions does (integers wrap).
   */
  public static NdArray biasAddGrad(NdArray outBackprop, String dataFormat) {
    boolean nchw = nchw(dataFormat);
    Shape shape = outBackprop.shape();
    if (shape.rank() < 2) {
      throw new InvalidArgumentException("Input tensor must be at least 2D: " + shape.toDimsString());
    }
    if (!outBackprop.dtype().isNumeric()) {
      throw noKernel("BiasAddGrad", outBackprop.dtype());
    }
    int channelDim = nchw ? 1 : shape.rank() - 1;
    int channels = (int) shape.dim(channelDim);
    if (nchw && outBackprop.size() > 0 && channels > 0 && shape.rank() != 4) {
      throw new InvalidArgumentException("NCHW format supports only 4D input/output tensor.");
    }
    int inner = 1;
    for (int d = channelDim + 1; d < shape.rank(); d++) {
      inner *= (int) shape.dim(d);
    }
    int n = outBackprop.size();
    Object out;
    switch (outBackprop.dtype()) {
      case FLOAT32: {
        float[] g = (float[]) NdArrayAccess.data(outBackprop);
        float[] o = new float[channels];
        for (int i = 0; i < n; i++) {
          o[(i / inner) % channels] += g[i];
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] g = (double[]) NdArrayAccess.data(outBackprop);
        double[] o = new double[channels];
        for (int i = 0; i < n; i++) {
          o[(i / inner) % channels] += g[i];
        }
        out = o;
        break;
      }
      case INT32: {
        int[] g = (int[]) NdArrayAccess.data(outBackprop);
        int[] o = new int[channels];
        for (int i = 0; i < n; i++) {
          o[(i / inner) % channels] += g[i];
        }
        out = o;
        break;
      }
      default: {
        long[] g = (long[]) NdArrayAccess.data(outBackprop);
        long[] o = new long[channels];
        for (int i = 0; i < n; i++) {
          o[(i / inner) % channels] += g[i];
        }
        out = o;
        break;
      }
    }
    return NdArray.wrap(outBackprop.dtype(), Shape.of(channels), out);
  }

  private static boolean nchw(String dataFormat) {
    if (dataFormat == null || dataFormat.equals("NHWC")) {
      return false;
    }
    if (dataFormat.equals("NCHW")) {
      return true;
    }
    throw new InvalidArgumentException("Invalid data format");
  }

  /**
   * {@code ReluGrad}: {@code gradients * (features > 0)}, a product as in TF (so a negative gradient where the
   * feature is not positive gives {@code -0.0}, and an infinite or NaN one gives NaN). Numeric dtypes; both
   * inputs of one shape ({@code opName} names the op in TF's message otherwise).
   */
  public static NdArray reluGrad(NdArray gradients, NdArray features, String opName) {
    requireSameShape("ReluGrad", opName, gradients, features);
    requireSameDtype("ReluGrad", gradients, features, "features");
    int n = gradients.size();
    Object out;
    switch (gradients.dtype()) {
      case FLOAT32: {
        float[] g = (float[]) NdArrayAccess.data(gradients);
        float[] f = (float[]) NdArrayAccess.data(features);
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
          o[i] = g[i] * (f[i] > 0 ? 1f : 0f);
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] g = (double[]) NdArrayAccess.data(gradients);
        double[] f = (double[]) NdArrayAccess.data(features);
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
          o[i] = g[i] * (f[i] > 0 ? 1.0 : 0.0);
        }
        out = o;
        break;
      }
      case INT32: {
        int[] g = (int[]) NdArrayAccess.data(gradients);
        int[] f = (int[]) NdArrayAccess.data(features);
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
          o[i] = f[i] > 0 ? g[i] : 0;
        }
        out = o;
        break;
      }
      case INT64: {
        long[] g = (long[]) NdArrayAccess.data(gradients);
        long[] f = (long[]) NdArrayAccess.data(features);
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
          o[i] = f[i] > 0 ? g[i] : 0;
        }
        out = o;
        break;
      }
      default:
        throw noKernel("ReluGrad", gradients.dtype());
    }
    return NdArray.wrap(gradients.dtype(), gradients.shape(), out);
  }

  /**
   * {@code SigmoidGrad}: {@code dy * y * (1 - y)} for the sigmoid's output {@code y}, in the shape of {@code y}.
   * Floating dtypes. TF's functor groups the product differently in its vectorised and scalar forms:
   * {@code dy * (y * (1 - y))} for whole packets and {@code (dy * y) * (1 - y)} for the last {@code n % 8}
   * float32 ({@code n % 4} float64) elements, the packet widths of an AVX build; so does this kernel.
   */
  public static NdArray sigmoidGrad(NdArray y, NdArray dy) {
    return activationGrad("SigmoidGrad", y, dy, true);
  }

  /** {@code TanhGrad}: {@code dy * (1 - y * y)} for the tanh's output {@code y}, in the shape of {@code y}. */
  public static NdArray tanhGrad(NdArray y, NdArray dy) {
    return activationGrad("TanhGrad", y, dy, false);
  }

  /** Packet widths, in elements, of an AVX build of TF: where Eigen's vectorised loops stop. */
  public static final int FLOAT_PACKET = 8;
  public static final int DOUBLE_PACKET = 4;

  private static NdArray activationGrad(String type, NdArray y, NdArray dy, boolean sigmoid) {
    requireSameDtype(type, y, dy, "dy");
    if (y.size() != dy.size()) {
      throw new InvalidArgumentException("The two arguments to a cwise op must have same number of elements, got "
          + y.size() + " and " + dy.size());
    }
    int n = y.size();
    switch (y.dtype()) {
      case FLOAT32: {
        float[] a = (float[]) NdArrayAccess.data(y);
        float[] g = (float[]) NdArrayAccess.data(dy);
        float[] o = new float[n];
        int packets = n - n % FLOAT_PACKET;
        for (int i = 0; i < n; i++) {
          if (!sigmoid) {
            o[i] = g[i] * (1f - a[i] * a[i]);
          } else if (i < packets) {
            o[i] = g[i] * (a[i] * (1f - a[i]));
          } else {
            o[i] = g[i] * a[i] * (1f - a[i]);
          }
        }
        return NdArray.wrap(y.dtype(), y.shape(), o);
      }
      case FLOAT64: {
        double[] a = (double[]) NdArrayAccess.data(y);
        double[] g = (double[]) NdArrayAccess.data(dy);
        double[] o = new double[n];
        int packets = n - n % DOUBLE_PACKET;
        for (int i = 0; i < n; i++) {
          if (!sigmoid) {
            o[i] = g[i] * (1.0 - a[i] * a[i]);
          } else if (i < packets) {
            o[i] = g[i] * (a[i] * (1.0 - a[i]));
          } else {
            o[i] = g[i] * a[i] * (1.0 - a[i]);
          }
        }
        return NdArray.wrap(y.dtype(), y.shape(), o);
      }
      default:
        throw noKernel(type, y.dtype());
    }
  }

  /** {@code LogSoftmax} over the last dimension: {@code (x - max) - log(sum(exp(x - max)))} per row, in the dtype. */
  public static NdArray logSoftmax(NdArray logits) {
    int rank = logits.shape().rank();
    if (rank < 1) {
      throw new InvalidArgumentException("logits must have >= 1 dimension, got "
          + logits.shape().toDimsString());
    }
    int cols = (int) logits.shape().dim(rank - 1);
    int n = logits.size();
    switch (logits.dtype()) {
      case FLOAT32: {
        float[] x = (float[]) NdArrayAccess.data(logits);
        float[] o = new float[n];
        for (int start = 0; start < n; start += cols) {
          float max = rowMax(x, start, cols);
          float sum = 0;
          for (int j = start; j < start + cols; j++) {
            o[j] = x[j] - max;
            sum += (float) Math.exp(o[j]);
          }
          float logSum = (float) Math.log(sum);
          for (int j = start; j < start + cols; j++) {
            o[j] -= logSum;
          }
        }
        return NdArray.wrap(logits.dtype(), logits.shape(), o);
      }
      case FLOAT64: {
        double[] x = (double[]) NdArrayAccess.data(logits);
        double[] o = new double[n];
        for (int start = 0; start < n; start += cols) {
          double max = rowMax(x, start, cols);
          double sum = 0;
          for (int j = start; j < start + cols; j++) {
            o[j] = x[j] - max;
            sum += Math.exp(o[j]);
          }
          double logSum = Math.log(sum);
          for (int j = start; j < start + cols; j++) {
            o[j] -= logSum;
          }
        }
        return NdArray.wrap(logits.dtype(), logits.shape(), o);
      }
      default:
        throw noKernel("LogSoftmax", logits.dtype());
    }
  }

  /**
   * {@code SoftmaxCrossEntropyWithLogits}: for logits {@code features} and probability {@code labels} (both
   * {@code [batch, classes]}, or shapes that broadcast to that, as in TF 1.15), {@code {loss, backprop}}:
   * {@code loss[b] = sum_j labels[b,j] * (log(sum_k exp(s[b,k])) - s[b,j])} with {@code s = features - max}
   * per row (so large logits do not overflow), and {@code backprop = exp(s) / sum_k exp(s[b,k]) - labels}.
   */
  public static NdArray[] softmaxCrossEntropyWithLogits(NdArray features, NdArray labels) {
    requireSameDtype("SoftmaxCrossEntropyWithLogits", features, labels, "labels");
    Shape shape = features.shape();
    if (!features.shape().equals(labels.shape())) {
      try {
        shape = Broadcast.resultShape(features.shape(), labels.shape());
      } catch (InvalidArgumentException e) {
        throw new InvalidArgumentException("logits and labels must be broadcastable: logits_size="
            + features.shape().toDimsString() + " labels_size=" + labels.shape().toDimsString());
      }
    }
    if (shape.rank() != 2) {
      throw new InvalidArgumentException(
          "logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional");
    }
    if (!features.dtype().isFloating()) {
      throw noKernel("SoftmaxCrossEntropyWithLogits", features.dtype());
    }
    NdArray f = Broadcast.expand(features, shape);
    NdArray l = Broadcast.expand(labels, shape);
    int batch = (int) shape.dim(0);
    int classes = (int) shape.dim(1);
    if (features.dtype() == DType.FLOAT32) {
      float[] x = (float[]) NdArrayAccess.data(f);
      float[] y = (float[]) NdArrayAccess.data(l);
      float[] loss = new float[batch];
      float[] backprop = new float[batch * classes];
      for (int b = 0; b < batch; b++) {
        int start = b * classes;
        float max = rowMax(x, start, classes);
        float sum = 0;
        for (int j = start; j < start + classes; j++) {
          backprop[j] = x[j] - max; // the shifted logits, for now
          sum += (float) Math.exp(backprop[j]);
        }
        float logSum = (float) Math.log(sum);
        float rowLoss = 0;
        for (int j = start; j < start + classes; j++) {
          float shifted = backprop[j];
          rowLoss += y[j] * (logSum - shifted);
          backprop[j] = (float) Math.exp(shifted) / sum - y[j];
        }
        loss[b] = rowLoss;
      }
      return new NdArray[] {
        NdArray.wrap(DType.FLOAT32, Shape.of(batch), loss), NdArray.wrap(DType.FLOAT32, shape, backprop)};
    }
    double[] x = (double[]) NdArrayAccess.data(f);
    double[] y = (double[]) NdArrayAccess.data(l);
    double[] loss = new double[batch];
    double[] backprop = new double[batch * classes];
    for (int b = 0; b < batch; b++) {
      int start = b * classes;
      double max = rowMax(x, start, classes);
      double sum = 0;
      for (int j = start; j < start + classes; j++) {
        backprop[j] = x[j] - max;
        sum += Math.exp(backprop[j]);
      }
      double logSum = Math.log(sum);
      double rowLoss = 0;
      for (int j = start; j < start + classes; j++) {
        double shifted = backprop[j];
        rowLoss += y[j] * (logSum - shifted);
        backprop[j] = Math.exp(shifted) / sum - y[j];
      }
      loss[b] = rowLoss;
    }
    return new NdArray[] {
      NdArray.wrap(DType.FLOAT64, Shape.of(batch), loss), NdArray.wrap(DType.FLOAT64, shape, backprop)};
  }

  /**
   * {@code SparseSoftmaxCrossEntropyWithLogits}: for logits {@code features [batch, classes]} and class indices
   * {@code labels [batch]} (int32 or int64), {@code {loss, backprop}}: {@code loss[b] = log(sum_k exp(s[b,k]))
   * - s[b, labels[b]]} with {@code s = features - max} per row, and {@code backprop = softmax(features) -
   * onehot(labels)}. A label outside {@code [0, classes)} throws TF's {@code Received a label value of …}
   * (naming the smallest label if one is negative, else the largest), checked when the batch is not empty.
   */
  public static NdArray[] sparseSoftmaxCrossEntropyWithLogits(NdArray features, NdArray labels) {
    Shape fs = features.shape();
    Shape ls = labels.shape();
    if (fs.rank() != 2) {
      throw new InvalidArgumentException("logits must be 2-D, but got shape " + fs.toDimsString());
    }
    if (ls.rank() != 1) {
      throw new InvalidArgumentException("labels must be 1-D, but got shape " + ls.toDimsString());
    }
    if (fs.dim(0) != ls.dim(0)) {
      throw new InvalidArgumentException("logits and labels must have the same first dimension, got logits shape "
          + fs.toDimsString() + " and labels shape " + ls.toDimsString());
    }
    if (fs.dim(1) <= 0) {
      throw new InvalidArgumentException("Must have at least one class, but got logits shape " + fs.toDimsString());
    }
    if (!features.dtype().isFloating()) {
      throw noKernel("SparseSoftmaxCrossEntropyWithLogits", features.dtype());
    }
    if (!labels.dtype().isInteger()) {
      throw new InvalidArgumentException("labels must be int32 or int64, got " + labels.dtype());
    }
    int batch = (int) fs.dim(0);
    int classes = (int) fs.dim(1);
    if (batch > 0) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < batch; i++) {
        min = Math.min(min, labels.getLong(i));
        max = Math.max(max, labels.getLong(i));
      }
      if (min < 0 || max >= classes) {
        throw new InvalidArgumentException("Received a label value of " + (min < 0 ? min : max)
            + " which is outside the valid range of [0, " + classes + ").  Label values: "
            + TfFormat.summarize(labels, labels.size()));
      }
    }
    if (features.dtype() == DType.FLOAT32) {
      float[] x = (float[]) NdArrayAccess.data(features);
      float[] loss = new float[batch];
      float[] backprop = new float[batch * classes];
      for (int b = 0; b < batch; b++) {
        int start = b * classes;
        int label = (int) labels.getLong(b);
        float max = rowMax(x, start, classes);
        float sum = 0;
        for (int j = start; j < start + classes; j++) {
          backprop[j] = x[j] - max;
          sum += (float) Math.exp(backprop[j]);
        }
        loss[b] = (float) Math.log(sum) - backprop[start + label];
        for (int j = start; j < start + classes; j++) {
          backprop[j] = (float) Math.exp(backprop[j]) / sum - (j - start == label ? 1f : 0f);
        }
      }
      return new NdArray[] {
        NdArray.wrap(DType.FLOAT32, Shape.of(batch), loss), NdArray.wrap(DType.FLOAT32, fs, backprop)};
    }
    double[] x = (double[]) NdArrayAccess.data(features);
    double[] loss = new double[batch];
    double[] backprop = new double[batch * classes];
    for (int b = 0; b < batch; b++) {
      int start = b * classes;
      int label = (int) labels.getLong(b);
      double max = rowMax(x, start, classes);
      double sum = 0;
      for (int j = start; j < start + classes; j++) {
        backprop[j] = x[j] - max;
        sum += Math.exp(backprop[j]);
      }
      loss[b] = Math.log(sum) - backprop[start + label];
      for (int j = start; j < start + classes; j++) {
        backprop[j] = Math.exp(backprop[j]) / sum - (j - start == label ? 1.0 : 0.0);
      }
    }
    return new NdArray[] {
      NdArray.wrap(DType.FLOAT64, Shape.of(batch), loss), NdArray.wrap(DType.FLOAT64, fs, backprop)};
  }

  /** The largest of {@code count} elements from {@code start} (Eigen's max: NaNs passed over; none: lowest). */
  private static float rowMax(float[] x, int start, int count) {
    float max = -Float.MAX_VALUE;
    for (int j = start; j < start + count; j++) {
      if (max < x[j]) {
        max = x[j];
      }
    }
    return max;
  }

  private static double rowMax(double[] x, int start, int count) {
    double max = -Double.MAX_VALUE;
    for (int j = start; j < start + count; j++) {
      if (max < x[j]) {
        max = x[j];
      }
    }
    return max;
  }

  private static void requireSameShape(String type, String opName, NdArray a, NdArray b) {
    if (!a.shape().equals(b.shape())) {
      throw new InvalidArgumentException("Inputs to operation " + opName + " of type " + type
          + " must have the same size and shape.  Input 0: " + a.shape().toDimsString() + " != input 1: "
          + b.shape().toDimsString());
    }
  }

  public static void requireSameDtype(String type, NdArray first, NdArray other, String otherName) {
    if (other.dtype() != first.dtype()) {
      throw new InvalidArgumentException(type + " takes " + otherName + " of dtype " + first.dtype() + ", got "
          + other.dtype());
    }
  }

  public static UnsupportedOperationException noKernel(String type, DType dtype) {
    return new UnsupportedOperationException("No kernel for op type '" + type + "' with dtype " + dtype);
  }
}
