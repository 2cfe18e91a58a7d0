package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;

/**
 * The kernels of {@code Conv2D}, {@code Conv2DBackpropInput} and {@code Conv2DBackpropFilter} (float32, float64),
 * with TF's run-time checks. The loops ({@link ConvLoops}) work in NHWC; an NCHW op transposes its input to NHWC
 * and its result back, which costs two copies but keeps one set of loops. {@code strides} and {@code dilations}
 * are the op's four-element attributes in the op's data format.
 */
public final class ConvKernels {
  private ConvKernels() {}

  public static NdArray conv2d(NdArray input, NdArray filter, long[] strides, long[] dilations, String padding,
      String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    requireRank(input, "input");
    requireRank(filter, "filter");
    Layout.floating("Conv2D", input);
    Layout.requireSameDType("Conv2D", input, filter, "filter");
    NdArray x = Layout.toNhwc(input, nchw);
    ConvGeometry g = geometry("Conv2D", x.shape().dims(), filter.shape().dims(), strides, dilations, padding,
        dataFormat);
    int outDepth = (int) filter.shape().dim(3);
    Shape shape = Shape.of(g.batch(), g.outRows(), g.outCols(), outDepth);
    Object out = input.dtype() == DType.FLOAT32
        ? ConvLoops.forward((float[]) NdArrayAccess.data(x), (float[]) NdArrayAccess.data(filter), g, outDepth)
        : ConvLoops.forward((double[]) NdArrayAccess.data(x), (double[]) NdArrayAccess.data(filter), g, outDepth);
    return Layout.fromNhwc(NdArray.wrap(input.dtype(), shape, out), nchw);
  }

  public static NdArray conv2dBackpropInput(NdArray inputSizes, NdArray filter, NdArray outBackprop, long[] strides,
      long[] dilations, String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    long[] sizes = shapeVector("Conv2DBackpropInput", inputSizes, "input_sizes");
    requireRank(filter, "filter");
    requireRank(outBackprop, "out_backprop");
    Layout.floating("Conv2DBackpropInput", filter);
    Layout.requireSameDType("Conv2DBackpropInput", filter, outBackprop, "out_backprop");
    long[] nhwc = nchw ? new long[] {sizes[0], sizes[2], sizes[3], sizes[1]} : sizes;
    ConvGeometry g = geometry("Conv2DBackpropInput", nhwc, filter.shape().dims(), strides, dilations, padding,
        dataFormat);
    NdArray dy = Layout.toNhwc(outBackprop, nchw);
    requireOutBackprop("Conv2DBackpropInput", g, filter, dy);
    int outDepth = (int) filter.shape().dim(3);
    Object out = filter.dtype() == DType.FLOAT32
        ? ConvLoops.backpropInput((float[]) NdArrayAccess.data(filter), (float[]) NdArrayAccess.data(dy), g, outDepth)
        : ConvLoops.backpropInput((double[]) NdArrayAccess.data(filter), (double[]) NdArrayAccess.data(dy), g,
            outDepth);
    return Layout.fromNhwc(NdArray.wrap(filter.dtype(), Shape.of(nhwc), out), nchw);
  }

  public static NdArray conv2dBackpropFilter(NdArray input, NdArray filterSizes, NdArray outBackprop, long[] strides,
      long[] dilations, String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    requireRank(input, "input");
    long[] sizes = shapeVector("Conv2DBackpropFilter", filterSizes, "filter_sizes");
    requireRank(outBackprop, "out_backprop");
    Layout.floating("Conv2DBackpropFilter", input);
    Layout.requireSameDType("Conv2DBackpropFilter", input, outBackprop, "out_backprop");
    NdArray x = Layout.toNhwc(input, nchw);
    ConvGeometry g = geometry("Conv2DBackpropFilter", x.shape().dims(), sizes, strides, dilations, padding,
        dataFormat);
    NdArray dy = Layout.toNhwc(outBackprop, nchw);
    requireOutBackprop("Conv2DBackpropFilter", g, NdArray.wrap(DType.INT64, Shape.of(4), sizes), dy);
    int outDepth = (int) sizes[3];
    Object out = input.dtype() == DType.FLOAT32
        ? ConvLoops.backpropFilter((float[]) NdArrayAccess.data(x), (float[]) NdArrayAccess.data(dy), g, outDepth)
        : ConvLoops.backpropFilter((double[]) NdArrayAccess.data(x), (double[]) NdArrayAccess.data(dy), g, outDepth);
    return NdArray.wrap(input.dtype(), Shape.of(sizes), out);
  }

  /** The geometry of an NHWC input and an HWIO filter, checking TF's conditions on strides, dilations and depth. */
  private static ConvGeometry geometry(String op, long[] nhwc, long[] hwio, long[] strides, long[] dilations,
      String padding, String dataFormat) {
    boolean nchw = Layout.nchw(dataFormat);
    if (strides.length != 4) {
      throw new InvalidArgumentException("Sliding window strides field must specify 4 dimensions");
    }
    if (dilations.length != 4) {
      throw new InvalidArgumentException("Sliding window dilations field must specify 4 dimensions");
    }
    int h = nchw ? 2 : 1;
    int w = nchw ? 3 : 2;
    int c = nchw ? 1 : 3;
    if (strides[0] != 1 || strides[c] != 1) {
      throw new InvalidArgumentException(
          "Current implementation does not yet support strides in the batch and depth dimensions.");
    }
    if (dilations[0] != 1 || dilations[c] != 1) {
      throw new InvalidArgumentException(
          "Current implementation does not yet support dilations in the batch and depth dimensions.");
    }
    if (!padding.equals("SAME") && !padding.equals("VALID")) {
      throw new UnsupportedOperationException(op + " with padding " + padding + " is not supported (SAME or VALID)");
    }
    if (nhwc[3] != hwio[2]) {
      throw new InvalidArgumentException("input and filter must have the same depth: " + nhwc[3] + " vs " + hwio[2]);
    }
    return ConvGeometry.of(nhwc, (int) hwio[0], (int) hwio[1], (int) strides[h], (int) strides[w],
        (int) dilations[h], (int) dilations[w], padding);
  }

  private static void requireOutBackprop(String op, ConvGeometry g, NdArray filterOrSizes, NdArray dy) {
    long outDepth = filterOrSizes.dtype() == DType.INT64 ? filterOrSizes.toLongArray()[3]
        : filterOrSizes.shape().dim(3);
    Shape expected = Shape.of(g.batch(), g.outRows(), g.outCols(), outDepth);
    if (!dy.shape().equals(expected)) {
      throw new InvalidArgumentException(op + ": Size of out_backprop doesn't match computed: actual = "
          + dy.shape().toDimsString() + ", computed = " + expected.toDimsString());
    }
  }

  private static long[] shapeVector(String op, NdArray sizes, String arg) {
    if (sizes.shape().rank() != 1 || sizes.shape().dim(0) != 4 || !sizes.dtype().isInteger()) {
      throw new InvalidArgumentException(op + ": " + arg + " input must be 1-dim of 4 integers, not "
          + sizes.shape().toDimsString());
    }
    return sizes.toLongArray();
  }

  private static void requireRank(NdArray x, String arg) {
    if (x.shape().rank() != 4) {
      throw new InvalidArgumentException(arg + " must be 4-dimensional" + x.shape().toDimsString());
    }
  }
}
