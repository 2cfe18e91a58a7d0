package io.scopegraph.kernels;

import io.scopegraph.InvalidArgumentException;

/**
 * The sizes of one 2-D convolution or pooling window pass in NHWC terms: the input {@code [batch, rows, cols,
 * depth]}, the window {@code [windowRows, windowCols]} (a filter's or a pool's), its strides and dilations, and the
 * output size and top/left padding that TF's {@code GetWindowedOutputSizeVerbose} gives for SAME or VALID.
 */
record ConvGeometry(int batch, int rows, int cols, int depth, int windowRows, int windowCols, int strideRows,
    int strideCols, int dilationRows, int dilationCols, int outRows, int outCols, int padTop, int padLeft) {

  static ConvGeometry of(long[] nhwc, int windowRows, int windowCols, int strideRows, int strideCols,
      int dilationRows, int dilationCols, String padding) {
    int[] r = outputSize(nhwc[1], windowRows, dilationRows, strideRows, padding);
    int[] c = outputSize(nhwc[2], windowCols, dilationCols, strideCols, padding);
    return new ConvGeometry((int) nhwc[0], (int) nhwc[1], (int) nhwc[2], (int) nhwc[3], windowRows, windowCols,
        strideRows, strideCols, dilationRows, dilationCols, r[0], c[0], r[1], c[1]);
  }

  /** {@code {output size, padding before}} of one spatial dimension. */
  static int[] outputSize(long in, int window, int dilation, int stride, String padding) {
    if (stride <= 0) {
      throw new InvalidArgumentException("Stride must be > 0, but got " + stride);
    }
    if (dilation < 1) {
      throw new InvalidArgumentException("Dilation rate must be >= 1, but got " + dilation);
    }
    long effective = (long) (window - 1) * dilation + 1;
    long out;
    long before = 0;
    switch (padding) {
      case "VALID" -> out = (in - effective + stride) / stride;
      case "SAME" -> {
        out = (in + stride - 1) / stride;
        long needed = Math.max(0, (out - 1) * stride + effective - in);
        before = needed / 2;
      }
      default -> throw new InvalidArgumentException("Invalid padding: " + padding);
    }
    if (out < 0) {
      throw new InvalidArgumentException("Computed output size would be negative: " + out + " [input_size: " + in
          + ", effective_filter_size: " + effective + ", stride: " + stride + "]");
    }
    return new int[] {(int) out, (int) before};
  }

  /** Elements of one image of the input. */
  int imageSize() {
    return rows * cols * depth;
  }

  /** Output pixels of one image: the rows of its patch matrix. */
  int outPixels() {
    return outRows * outCols;
  }

  /** Columns of the patch matrix: one window of all input channels, in the filter's {@code [h, w, in]} order. */
  int patchSize() {
    return windowRows * windowCols * depth;
  }
}
