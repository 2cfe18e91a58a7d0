package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.Shape;
import io.scopegraph.kernels.ShapeFunctions.Ctx;
import io.scopegraph.kernels.ShapeFunctions.Output;

/**
 * Shape functions of the convolution and pooling ops, with TF 1.15's checks and messages
 * ({@code common_shape_fns.cc}: {@code Conv2DShapeImpl}, {@code MaxPoolShape}, {@code AvgPoolShape},
 * {@code GetWindowedOutputSizeFromDimsV2}), each followed by the node and its input shapes. Four-element
 * attributes are in the op's data format.
 */
public final class ConvShapeFunctions {
  private ConvShapeFunctions() {}

  /** {@code Conv2D}: {@code [batch, out_rows, out_cols, out_depth]} (NCHW: depth second). */
  public static Output conv2d(DType t, Shape input, Shape filter, long[] strides, long[] dilations, String padding,
      String dataFormat, String opName) {
    Ctx c = new Ctx(opName, "Conv2D", input, filter);
    boolean nchw = "NCHW".equals(dataFormat);
    Shape in = c.withRank(input, 4);
    Shape f = c.withRank(filter, 4);
    if (dilations.length != 4) {
      throw c.error("Conv2D requires the dilation attribute to contain 4 values, but got: " + dilations.length);
    }
    if (strides.length != 4) {
      throw c.error("Conv2D on data format " + dataFormat + " requires the stride attribute to contain 4 values, "
          + "but got: " + strides.length);
    }
    int h = nchw ? 2 : 1;
    int w = nchw ? 3 : 2;
    long inDepth = in.dim(nchw ? 1 : 3);
    long filterDepth = f.dim(2);
    long outDepth = f.dim(3);
    if (inDepth >= 0 && filterDepth >= 0) {
      if (filterDepth == 0 || inDepth % filterDepth != 0) {
        throw c.error("Depth of input (" + inDepth + ") is not a multiple of input depth of filter ("
            + filterDepth + ")");
      }
      long groups = inDepth / filterDepth;
      if (groups != 1 && outDepth >= 0 && outDepth % groups != 0) {
        throw c.error("Depth of output (" + outDepth + ") is not a multiple of the number of groups (" + groups + ")");
      }
    }
    long rows = windowedOutputSize(c, in.dim(h), f.dim(0), dilations[h], strides[h], padding);
    long cols = windowedOutputSize(c, in.dim(w), f.dim(1), dilations[w], strides[w], padding);
    Shape out = nchw ? Shape.of(in.dim(0), outDepth, rows, cols) : Shape.of(in.dim(0), rows, cols, outDepth);
    return new Output(t, out);
  }

  /** {@code Conv2DBackpropInput}: the shape {@code input_sizes} holds, of rank 4. */
  public static Output conv2dBackpropInput(DType t, Shape inputSizes, Shape filter, Shape outBackprop,
      long[] inputSizesValue, String opName) {
    Ctx c = new Ctx(opName, "Conv2DBackpropInput", inputSizes, filter, outBackprop).computed(0, inputSizesValue);
    return new Output(t, c.withRank(c.makeShapeFromShapeTensor(0, inputSizesValue), 4));
  }

  /** {@code Conv2DBackpropFilter}: the shape {@code filter_sizes} holds, of rank 4. */
  public static Output conv2dBackpropFilter(DType t, Shape input, Shape filterSizes, Shape outBackprop,
      long[] filterSizesValue, String opName) {
    Ctx c = new Ctx(opName, "Conv2DBackpropFilter", input, filterSizes, outBackprop).computed(1, filterSizesValue);
    return new Output(t, c.withRank(c.makeShapeFromShapeTensor(1, filterSizesValue), 4));
  }

  /** {@code MaxPool} / {@code AvgPool} ({@code type}): the windowed spatial sizes, batch and depth kept. */
  public static Output pool(String type, DType t, Shape input, long[] ksize, long[] strides, String padding,
      String dataFormat, String opName) {
    Ctx c = new Ctx(opName, type, input);
    boolean nchw = "NCHW".equals(dataFormat);
    Shape in = c.withRank(input, 4);
    if (strides.length != 4) {
      throw c.error(type + " requires the stride attribute to contain 4 values, but got: " + strides.length);
    }
    if (ksize.length != 4) {
      throw c.error(type + " requires the ksize attribute to contain 4 values, but got: " + ksize.length);
    }
    int h = nchw ? 2 : 1;
    int w = nchw ? 3 : 2;
    long rows = windowedOutputSize(c, in.dim(h), ksize[h], 1, strides[h], padding);
    long cols = windowedOutputSize(c, in.dim(w), ksize[w], 1, strides[w], padding);
    long depth = in.dim(nchw ? 1 : 3);
    Shape out = nchw ? Shape.of(in.dim(0), depth, rows, cols) : Shape.of(in.dim(0), rows, cols, depth);
    return new Output(t, out);
  }

  /** {@code MaxPoolGrad}: the shape of {@code orig_input}, of rank 4. */
  public static Output maxPoolGrad(DType t, Shape origInput, Shape origOutput, Shape grad, String opName) {
    Ctx c = new Ctx(opName, "MaxPoolGrad", origInput, origOutput, grad);
    return new Output(t, c.withRank(origInput, 4));
  }

  /** {@code AvgPoolGrad}: the shape {@code orig_input_shape} holds, of rank 4. */
  public static Output avgPoolGrad(DType t, Shape origInputShape, Shape grad, long[] shapeValue, String opName) {
    Ctx c = new Ctx(opName, "AvgPoolGrad", origInputShape, grad).computed(0, shapeValue);
    return new Output(t, c.withRank(c.makeShapeFromShapeTensor(0, shapeValue), 4));
  }

  /** {@code GetWindowedOutputSizeFromDimsV2} for SAME and VALID; -1 (unknown) in, unknown out. */
  static long windowedOutputSize(Ctx c, long in, long window, long dilation, long stride, String padding) {
    if (stride <= 0) {
      throw c.error("Stride must be > 0, but got " + stride);
    }
    if (dilation < 1) {
      throw c.error("Dilation rate must be >= 1, but got " + dilation);
    }
    if (padding.equals("SAME")) {
      return in < 0 ? -1 : (in + stride - 1) / stride;
    }
    if (!padding.equals("VALID")) {
      throw c.error("Padding " + padding + " is not supported here (SAME or VALID)");
    }
    if (in < 0 || window < 0) {
      return -1;
    }
    long effective = dilation > 1 ? (window - 1) * dilation + 1 : window;
    if (in < effective) {
      throw c.error("Negative dimension size caused by subtracting " + effective + " from " + in);
    }
    return (in - effective + stride) / stride;
  }
}
