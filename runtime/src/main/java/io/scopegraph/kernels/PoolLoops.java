package io.scopegraph.kernels;

import java.util.Arrays;

/**
 * The NHWC loops of {@code MaxPool}, {@code AvgPool} and their gradients: direct loops over each output's window
 * (the part inside the input; SAME padding is never read), images spread over the cores. float32 and float64
 * copies of the same code.
 */
final class PoolLoops {
  private PoolLoops() {}

  /** Threads pay off only for big inputs: pooling reads each element a few times and does little else. */
  private static int workers(ConvGeometry g) {
    long work = (long) g.batch() * g.outPixels() * g.depth() * g.windowRows() * g.windowCols();
    return g.batch() > 1 && work > (1 << 18) ? MatMulScheduler.THREADS : 1;
  }

  /** The input rows {@code [y0, y1)} and columns {@code [x0, x1)} under the window of output pixel (oy, ox). */
  private static final class Window {
    final int y0;
    final int y1;
    final int x0;
    final int x1;

    Window(ConvGeometry g, int oy, int ox) {
      int top = oy * g.strideRows() - g.padTop();
      int left = ox * g.strideCols() - g.padLeft();
      y0 = Math.max(top, 0);
      y1 = Math.min(top + g.windowRows(), g.rows());
      x0 = Math.max(left, 0);
      x1 = Math.min(left + g.windowCols(), g.cols());
    }

    int count() {
      return Math.max(1, (y1 - y0) * (x1 - x0));
    }
  }

  static float[] maxPool(float[] in, ConvGeometry g) {
    int depth = g.depth();
    float[] out = new float[g.batch() * g.outPixels() * depth];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Arrays.fill(out, o, o + depth, Float.NEGATIVE_INFINITY);
          Window win = new Window(g, oy, ox);
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                if (in[i + c] > out[o + c]) {
                  out[o + c] = in[i + c];
                }
              }
            }
          }
        }
      }
    });
    return out;
  }

  /** Each output's gradient goes to the first maximum of its window (row-major order), as in TF's CPU kernel. */
  static float[] maxPoolGrad(float[] in, float[] grad, ConvGeometry g) {
    int depth = g.depth();
    float[] out = new float[in.length];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      float[] best = new float[depth];
      int[] arg = new int[depth];
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Window win = new Window(g, oy, ox);
          Arrays.fill(arg, -1);
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                if (arg[c] < 0 || in[i + c] > best[c]) {
                  best[c] = in[i + c];
                  arg[c] = i + c;
                }
              }
            }
          }
          for (int c = 0; c < depth; c++) {
            if (arg[c] >= 0) {
              out[arg[c]] += grad[o + c];
            }
          }
        }
      }
    });
    return out;
  }

  /** The mean over the part of each window inside the input (SAME padding does not count). */
  static float[] avgPool(float[] in, ConvGeometry g) {
    int depth = g.depth();
    float[] out = new float[g.batch() * g.outPixels() * depth];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Window win = new Window(g, oy, ox);
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                out[o + c] += in[i + c];
              }
            }
          }
          int count = win.count();
          for (int c = 0; c < depth; c++) {
            out[o + c] /= count;
          }
        }
      }
    });
    return out;
  }

  static float[] avgPoolGrad(float[] grad, ConvGeometry g) {
    int depth = g.depth();
    float[] out = new float[g.batch() * g.imageSize()];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      float[] share = new float[depth];
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Window win = new Window(g, oy, ox);
          int count = win.count();
          for (int c = 0; c < depth; c++) {
            share[c] = grad[o + c] / count;
          }
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                out[i + c] += share[c];
              }
            }
          }
        }
      }
    });
    return out;
  }

  static double[] maxPool(double[] in, ConvGeometry g) {
    int depth = g.depth();
    double[] out = new double[g.batch() * g.outPixels() * depth];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Arrays.fill(out, o, o + depth, Double.NEGATIVE_INFINITY);
          Window win = new Window(g, oy, ox);
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                if (in[i + c] > out[o + c]) {
                  out[o + c] = in[i + c];
                }
              }
            }
          }
        }
      }
    });
    return out;
  }

  /** Each output's gradient goes to the first maximum of its window (row-major order), as in TF's CPU kernel. */
  static double[] maxPoolGrad(double[] in, double[] grad, ConvGeometry g) {
    int depth = g.depth();
    double[] out = new double[in.length];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      double[] best = new double[depth];
      int[] arg = new int[depth];
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Window win = new Window(g, oy, ox);
          Arrays.fill(arg, -1);
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                if (arg[c] < 0 || in[i + c] > best[c]) {
                  best[c] = in[i + c];
                  arg[c] = i + c;
                }
              }
            }
          }
          for (int c = 0; c < depth; c++) {
            if (arg[c] >= 0) {
              out[arg[c]] += grad[o + c];
            }
          }
        }
      }
    });
    return out;
  }

  /** The mean over the part of each window inside the input (SAME padding does not count). */
  static double[] avgPool(double[] in, ConvGeometry g) {
    int depth = g.depth();
    double[] out = new double[g.batch() * g.outPixels() * depth];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Window win = new Window(g, oy, ox);
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                out[o + c] += in[i + c];
              }
            }
          }
          int count = win.count();
          for (int c = 0; c < depth; c++) {
            out[o + c] /= count;
          }
        }
      }
    });
    return out;
  }

  static double[] avgPoolGrad(double[] grad, ConvGeometry g) {
    int depth = g.depth();
    double[] out = new double[g.batch() * g.imageSize()];
    MatMulScheduler.forEach(g.batch(), workers(g), (w, n) -> {
      double[] share = new double[depth];
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          int o = ((n * g.outRows() + oy) * g.outCols() + ox) * depth;
          Window win = new Window(g, oy, ox);
          int count = win.count();
          for (int c = 0; c < depth; c++) {
            share[c] = grad[o + c] / count;
          }
          for (int y = win.y0; y < win.y1; y++) {
            for (int x = win.x0; x < win.x1; x++) {
              int i = ((n * g.rows() + y) * g.cols() + x) * depth;
              for (int c = 0; c < depth; c++) {
                out[i + c] += share[c];
              }
            }
          }
        }
      }
    });
    return out;
  }
}
