package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;

/**
 * The kernels of {@code MaxPool}, {@code MaxPoolGrad}, {@code AvgPool} and {@code AvgPoolGrad} (float32, float64)
 * over the two spatial dimensions, with TF's run-time checks; NCHW through transposes as in {@link ConvKernels}.
 * {@code ksize} and {@code strides} are the op's four-element attributes in the op's data format.
 */
public final class PoolKernels {
  private PoolKernels() {}

  public static NdArray maxPool(NdArray input, long[] ksize, long[] strides, String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    Layout.floating("MaxPool", input);
    NdArray x = Layout.toNhwc(requireRank(input, "input"), nchw);
    ConvGeometry g = geometry(x.shape().dims(), ksize, strides, padding, nchw);
    Object out = x.dtype() == DType.FLOAT32
        ? PoolLoops.maxPool((float[]) NdArrayAccess.data(x), g)
        : PoolLoops.maxPool((double[]) NdArrayAccess.data(x), g);
    return Layout.fromNhwc(NdArray.wrap(x.dtype(), outShape(g), out), nchw);
  }

  public static NdArray maxPoolGrad(NdArray origInput, NdArray origOutput, NdArray grad, long[] ksize,
      long[] strides, String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    Layout.floating("MaxPoolGrad", origInput);
    Layout.requireSameDType("MaxPoolGrad", origInput, grad, "grad");
    NdArray x = Layout.toNhwc(requireRank(origInput, "orig_input"), nchw);
    requireRank(origOutput, "orig_output");
    NdArray dy = Layout.toNhwc(requireRank(grad, "grad"), nchw);
    ConvGeometry g = geometry(x.shape().dims(), ksize, strides, padding, nchw);
    requireGrad(g, dy);
    Object out = x.dtype() == DType.FLOAT32
        ? PoolLoops.maxPoolGrad((float[]) NdArrayAccess.data(x), (float[]) NdArrayAccess.data(dy), g)
        : PoolLoops.maxPoolGrad((double[]) NdArrayAccess.data(x), (double[]) NdArrayAccess.data(dy), g);
    return Layout.fromNhwc(NdArray.wrap(x.dtype(), x.shape(), out), nchw);
  }

  public static NdArray avgPool(NdArray value, long[] ksize, long[] strides, String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    Layout.floating("AvgPool", value);
    NdArray x = Layout.toNhwc(requireRank(value, "value"), nchw);
    ConvGeometry g = geometry(x.shape().dims(), ksize, strides, padding, nchw);
    Object out = x.dtype() == DType.FLOAT32
        ? PoolLoops.avgPool((float[]) NdArrayAccess.data(x), g)
        : PoolLoops.avgPool((double[]) NdArrayAccess.data(x), g);
    return Layout.fromNhwc(NdArray.wrap(x.dtype(), outShape(g), out), nchw);
  }

  public static NdArray avgPoolGrad(NdArray origInputShape, NdArray grad, long[] ksize, long[] strides,
      String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    Layout.floating("AvgPoolGrad", grad);
    if (origInputShape.shape().rank() != 1 || origInputShape.shape().dim(0) != 4) {
      throw new InvalidArgumentException("orig_input_shape must be 1-dimensional and 4 elements");
    }
    long[] sizes = origInputShape.toLongArray();
    long[] nhwc = nchw ? new long[] {sizes[0], sizes[2], sizes[3], sizes[1]} : sizes;
    NdArray dy = Layout.toNhwc(requireRank(grad, "out_backprop"), nchw);
    ConvGeometry g = geometry(nhwc, ksize, strides, padding, nchw);
    requireGrad(g, dy);
    Object out = dy.dtype() == DType.FLOAT32
        ? PoolLoops.avgPoolGrad((float[]) NdArrayAccess.data(dy), g)
        : PoolLoops.avgPoolGrad((double[]) NdArrayAccess.data(dy), g);
    return Layout.fromNhwc(NdArray.wrap(dy.dtype(), Shape.of(nhwc), out), nchw);
  }

  private static ConvGeometry geometry(long[] nhwc, long[] ksize, long[] strides, String padding, boolean nchw) {
    if (ksize.length != 4 || strides.length != 4) {
      throw new InvalidArgumentException("Sliding window ksize and strides fields must specify 4 dimensions");
    }
    long[] k = Layout.nchwOrder(ksize, nchw);
    long[] s = Layout.nchwOrder(strides, nchw);
    if (k[0] != 1 || s[0] != 1) {
      throw new UnsupportedOperationException("Pooling is not yet supported on the batch dimension.");
    }
    if (k[1] != 1 || s[1] != 1) {
      throw new UnsupportedOperationException("Pooling across depth is not supported (ksize and strides must be 1 "
          + "in the depth dimension)");
    }
    if (k[2] <= 0 || k[3] <= 0) {
      throw new InvalidArgumentException("Sliding window ksize for dimension " + (k[2] <= 0 ? 1 : 2)
          + " was zero or negative");
    }
    return ConvGeometry.of(nhwc, (int) k[2], (int) k[3], (int) s[2], (int) s[3], 1, 1, padding);
  }

  private static Shape outShape(ConvGeometry g) {
    return Shape.of(g.batch(), g.outRows(), g.outCols(), g.depth());
  }

  private static void requireGrad(ConvGeometry g, NdArray dy) {
    if (!dy.shape().equals(outShape(g))) {
      throw new InvalidArgumentException("Expected grad shape to be " + outShape(g).toDimsString() + ", but got "
          + dy.shape().toDimsString());
    }
  }

  private static NdArray requireRank(NdArray x, String arg) {
    if (x.shape().rank() != 4) {
      throw new InvalidArgumentException(arg + " must be 4-dimensional");
    }
    return x;
  }
}
