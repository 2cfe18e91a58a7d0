package io.scopegraph.kernels;

import java.util.Arrays;

/**
 * Patch matrices of a convolution ("im2col"): the windows of one NHWC image laid out as the rows of a matrix, so
 * that the convolution is one matrix product with the filter seen as {@code [h * w * in, out]}; and the adjoint
 * scatter ("col2im") for the input gradient. float32 and float64 copies of the same loops.
 */
final class Im2Col {
  private Im2Col() {}

  /**
   * Copies the windows of image {@code image} of {@code in} (NHWC) into {@code patches}, one row per output pixel
   * and {@link ConvGeometry#patchSize} columns in the filter's {@code [h, w, in]} order; padding reads as zero.
   */
  static void im2col(float[] in, int image, ConvGeometry g, float[] patches) {
    int depth = g.depth();
    int wc = g.windowCols();
    int rowLength = wc * depth;
    int k = g.patchSize();
    int inBase = image * g.imageSize();
    int r = 0;
    for (int oy = 0; oy < g.outRows(); oy++) {
      int y0 = oy * g.strideRows() - g.padTop();
      for (int ox = 0; ox < g.outCols(); ox++, r++) {
        int x0 = ox * g.strideCols() - g.padLeft();
        int base = r * k;
        boolean rowInside = x0 >= 0 && x0 + (wc - 1) * g.dilationCols() < g.cols();
        for (int ky = 0; ky < g.windowRows(); ky++) {
          int y = y0 + ky * g.dilationRows();
          int dst = base + ky * rowLength;
          if (y < 0 || y >= g.rows()) {
            Arrays.fill(patches, dst, dst + rowLength, 0f);
            continue;
          }
          int src = inBase + (y * g.cols() + x0) * depth;
          if (rowInside && g.dilationCols() == 1) {
            System.arraycopy(in, src, patches, dst, rowLength); // the whole window row is contiguous
            continue;
          }
          for (int kx = 0; kx < wc; kx++, dst += depth) {
            int x = x0 + kx * g.dilationCols();
            if (x < 0 || x >= g.cols()) {
              Arrays.fill(patches, dst, dst + depth, 0f);
            } else {
              System.arraycopy(in, inBase + (y * g.cols() + x) * depth, patches, dst, depth);
            }
          }
        }
      }
    }
  }

  /** The adjoint of {@link #im2col}: adds each patch row back onto the input pixels it was read from. */
  static void col2im(float[] patches, ConvGeometry g, float[] in, int image) {
    int depth = g.depth();
    int wc = g.windowCols();
    int k = g.patchSize();
    int inBase = image * g.imageSize();
    int r = 0;
    for (int oy = 0; oy < g.outRows(); oy++) {
      int y0 = oy * g.strideRows() - g.padTop();
      for (int ox = 0; ox < g.outCols(); ox++, r++) {
        int x0 = ox * g.strideCols() - g.padLeft();
        for (int ky = 0; ky < g.windowRows(); ky++) {
          int y = y0 + ky * g.dilationRows();
          if (y < 0 || y >= g.rows()) {
            continue;
          }
          int src = r * k + ky * wc * depth;
          for (int kx = 0; kx < wc; kx++, src += depth) {
            int x = x0 + kx * g.dilationCols();
            if (x >= 0 && x < g.cols()) {
              addInto(in, inBase + (y * g.cols() + x) * depth, patches, src, depth);
            }
          }
        }
      }
    }
  }

  private static void addInto(float[] dst, int d, float[] src, int s, int n) {
    for (int i = 0; i < n; i++) {
      dst[d + i] += src[s + i];
    }
  }

  /**
   * Copies the windows of image {@code image} of {@code in} (NHWC) into {@code patches}, one row per output pixel
   * and {@link ConvGeometry#patchSize} columns in the filter's {@code [h, w, in]} order; padding reads as zero.
   */
  static void im2col(double[] in, int image, ConvGeometry g, double[] patches) {
    int depth = g.depth();
    int wc = g.windowCols();
    int rowLength = wc * depth;
    int k = g.patchSize();
    int inBase = image * g.imageSize();
    int r = 0;
    for (int oy = 0; oy < g.outRows(); oy++) {
      int y0 = oy * g.strideRows() - g.padTop();
      for (int ox = 0; ox < g.outCols(); ox++, r++) {
        int x0 = ox * g.strideCols() - g.padLeft();
        int base = r * k;
        boolean rowInside = x0 >= 0 && x0 + (wc - 1) * g.dilationCols() < g.cols();
        for (int ky = 0; ky < g.windowRows(); ky++) {
          int y = y0 + ky * g.dilationRows();
          int dst = base + ky * rowLength;
          if (y < 0 || y >= g.rows()) {
            Arrays.fill(patches, dst, dst + rowLength, 0d);
            continue;
          }
          int src = inBase + (y * g.cols() + x0) * depth;
          if (rowInside && g.dilationCols() == 1) {
            System.arraycopy(in, src, patches, dst, rowLength); // the whole window row is contiguous
            continue;
          }
          for (int kx = 0; kx < wc; kx++, dst += depth) {
            int x = x0 + kx * g.dilationCols();
            if (x < 0 || x >= g.cols()) {
              Arrays.fill(patches, dst, dst + depth, 0d);
            } else {
              System.arraycopy(in, inBase + (y * g.cols() + x) * depth, patches, dst, depth);
            }
          }
        }
      }
    }
  }

  /** The adjoint of {@link #im2col}: adds each patch row back onto the input pixels it was read from. */
  static void col2im(double[] patches, ConvGeometry g, double[] in, int image) {
    int depth = g.depth();
    int wc = g.windowCols();
    int k = g.patchSize();
    int inBase = image * g.imageSize();
    int r = 0;
    for (int oy = 0; oy < g.outRows(); oy++) {
      int y0 = oy * g.strideRows() - g.padTop();
      for (int ox = 0; ox < g.outCols(); ox++, r++) {
        int x0 = ox * g.strideCols() - g.padLeft();
        for (int ky = 0; ky < g.windowRows(); ky++) {
          int y = y0 + ky * g.dilationRows();
          if (y < 0 || y >= g.rows()) {
            continue;
          }
          int src = r * k + ky * wc * depth;
          for (int kx = 0; kx < wc; kx++, src += depth) {
            int x = x0 + kx * g.dilationCols();
            if (x >= 0 && x < g.cols()) {
              addInto(in, inBase + (y * g.cols() + x) * depth, patches, src, depth);
            }
          }
        }
      }
    }
  }

  private static void addInto(double[] dst, int d, double[] src, int s, int n) {
    for (int i = 0; i < n; i++) {
      dst[d + i] += src[s + i];
    }
  }
}
