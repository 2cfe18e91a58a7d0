package io.scopegraph.kernels;

import java.util.Arrays;

/**
 * The NHWC loops of {@code Conv2D} and its two backprop ops, one image at a time: the image's patch matrix
 * ({@link Im2Col}) times the filter on the blocked {@code MatMul} products of {@link MatMulProviders}. Batches
 * spread their images over the cores ({@link MatMulScheduler#forEach}), each worker with its own buffers; a
 * single image runs its product on all cores instead. float32 and float64 copies of the same code.
 */
final class ConvLoops {
  /**
   * Whether to compute the transposed products, whose result rows run along the image's pixels: the plain
   * product's inner loop runs along a row of C, so it is faster on wide products (here about 20%), while the
   * packed Vector API kernel measured faster with the pixels as rows.
   */
  private static final boolean WIDE = MatMulProviders.get() instanceof PlainMatMul;

  /**
   * The filter gradient sums its images in this many fixed groups (each in image order), then the groups in order,
   * so its float sums are the same from run to run and on any number of cores.
   */
  private static final int SUM_GROUPS = 8;

  private ConvLoops() {}

  /** The first image of {@code group} when {@code g}'s batch is split into {@code groups} contiguous groups. */
  private static int firstImage(ConvGeometry g, int groups, int group) {
    return (int) ((long) g.batch() * group / groups);
  }

  /** One worker per core when there are several images and enough work, else the calling thread alone. */
  private static int workers(ConvGeometry g, MatMulDims perImage) {
    return g.batch() > 1 && perImage.work() * g.batch() > MatMulScheduler.PARALLEL_WORK
        ? MatMulScheduler.THREADS : 1;
  }

  /** On this worker alone when images run in parallel; else the scheduler may use every core for it. */
  private static void multiply(MatMulProduct product, MatMulDims dims, int workers) {
    if (workers > 1) {
      product.compute(0, dims.m(), 0, dims.n());
    } else {
      MatMulScheduler.run(product, dims);
    }
  }

  static float[] forward(float[] in, float[] filter, ConvGeometry g, int outDepth) {
    return forward(in, filter, g, outDepth, WIDE);
  }

  static float[] forward(float[] in, float[] filter, ConvGeometry g, int outDepth, boolean wide) {
    int p = g.outPixels();
    int k = g.patchSize();
    float[] out = new float[g.batch() * p * outDepth];
    if (out.length == 0 || k == 0) {
      return out;
    }
    MatMulDims dims = wide ? new MatMulDims(outDepth, k, p, true, true)
        : new MatMulDims(p, k, outDepth, false, false);
    int workers = workers(g, dims);
    float[][] patches = new float[workers][];
    float[][] tiles = new float[workers][];
    MatMulScheduler.forEach(g.batch(), workers, (w, image) -> {
      float[] patch = patches[w] != null ? patches[w] : (patches[w] = new float[p * k]);
      float[] tile = tiles[w] != null ? tiles[w] : (tiles[w] = new float[p * outDepth]);
      Im2Col.im2col(in, image, g, patch);
      Arrays.fill(tile, 0f);
      int at = image * p * outDepth;
      if (wide) { // tile = filter^T [out, k] times patch^T [k, p], i.e. the image's output transposed
        multiply(MatMulProviders.get().floats(filter, patch, tile, dims), dims, workers);
        for (int o = 0; o < outDepth; o++) {
          for (int j = 0, t = o * p; j < p; j++, t++) {
            out[at + j * outDepth + o] = tile[t];
          }
        }
      } else {
        multiply(MatMulProviders.get().floats(patch, filter, tile, dims), dims, workers);
        System.arraycopy(tile, 0, out, at, p * outDepth);
      }
    });
    return out;
  }

  static float[] backpropInput(float[] filter, float[] outBackprop, ConvGeometry g, int outDepth) {
    int p = g.outPixels();
    int k = g.patchSize();
    float[] in = new float[g.batch() * g.imageSize()];
    if (in.length == 0 || p == 0 || outDepth == 0) {
      return in;
    }
    // Patch gradients [p, k] = out_backprop of the image [p, out] times the filter [k, out] transposed.
    MatMulDims dims = new MatMulDims(p, outDepth, k, false, true);
    int workers = workers(g, dims);
    float[][] patches = new float[workers][];
    MatMulScheduler.forEach(g.batch(), workers, (w, image) -> {
      float[] patch = patches[w] != null ? patches[w] : (patches[w] = new float[p * k]);
      Arrays.fill(patch, 0f);
      float[] grad = Arrays.copyOfRange(outBackprop, image * p * outDepth, (image + 1) * p * outDepth);
      multiply(MatMulProviders.get().floats(grad, filter, patch, dims), dims, workers);
      Im2Col.col2im(patch, g, in, image); // images own disjoint parts of the input
    });
    return in;
  }

  static float[] backpropFilter(float[] in, float[] outBackprop, ConvGeometry g, int outDepth) {
    return backpropFilter(in, outBackprop, g, outDepth, WIDE);
  }

  static float[] backpropFilter(float[] in, float[] outBackprop, ConvGeometry g, int outDepth, boolean wide) {
    return backpropFilter(in, outBackprop, g, outDepth, wide, SUM_GROUPS);
  }

  /** {@link #backpropFilter} with the images summed in at most {@code maxGroups} groups. */
  static float[] backpropFilter(float[] in, float[] outBackprop, ConvGeometry g, int outDepth, boolean wide,
      int maxGroups) {
    int p = g.outPixels();
    int k = g.patchSize();
    float[] filter = new float[k * outDepth];
    if (filter.length == 0 || p == 0 || g.batch() == 0) {
      return filter;
    }
    // Filter gradient [k, out] = sum over images of the patches [p, k] transposed times out_backprop [p, out]
    // (wide: its transpose [out, k] = out_backprop transposed times the patches).
    MatMulDims dims = wide ? new MatMulDims(outDepth, p, k, true, false)
        : new MatMulDims(k, p, outDepth, true, false);
    int groups = Math.min(g.batch(), maxGroups);
    int workers = Math.min(workers(g, dims), groups);
    float[][] patches = new float[workers][];
    float[][] sums = new float[groups][];
    MatMulScheduler.forEach(groups, workers, (w, group) -> {
      float[] patch = patches[w] != null ? patches[w] : (patches[w] = new float[p * k]);
      float[] sum = sums[group] = new float[k * outDepth];
      for (int image = firstImage(g, groups, group); image < firstImage(g, groups, group + 1); image++) {
        Im2Col.im2col(in, image, g, patch);
        float[] grad = Arrays.copyOfRange(outBackprop, image * p * outDepth, (image + 1) * p * outDepth);
        multiply(wide ? MatMulProviders.get().floats(grad, patch, sum, dims)
            : MatMulProviders.get().floats(patch, grad, sum, dims), dims, workers);
      }
    });
    float[] total = new float[k * outDepth];
    for (float[] sum : sums) { // the groups in order: the same sums whichever thread took which group
      for (int i = 0; i < total.length; i++) {
        total[i] += sum[i];
      }
    }
    if (!wide) {
      return total;
    }
    for (int o = 0; o < outDepth; o++) {
      for (int i = 0; i < k; i++) {
        filter[i * outDepth + o] = total[o * k + i];
      }
    }
    return filter;
  }

  static double[] forward(double[] in, double[] filter, ConvGeometry g, int outDepth) {
    return forward(in, filter, g, outDepth, WIDE);
  }

  static double[] forward(double[] in, double[] filter, ConvGeometry g, int outDepth, boolean wide) {
    int p = g.outPixels();
    int k = g.patchSize();
    double[] out = new double[g.batch() * p * outDepth];
    if (out.length == 0 || k == 0) {
      return out;
    }
    MatMulDims dims = wide ? new MatMulDims(outDepth, k, p, true, true)
        : new MatMulDims(p, k, outDepth, false, false);
    int workers = workers(g, dims);
    double[][] patches = new double[workers][];
    double[][] tiles = new double[workers][];
    MatMulScheduler.forEach(g.batch(), workers, (w, image) -> {
      double[] patch = patches[w] != null ? patches[w] : (patches[w] = new double[p * k]);
      double[] tile = tiles[w] != null ? tiles[w] : (tiles[w] = new double[p * outDepth]);
      Im2Col.im2col(in, image, g, patch);
      Arrays.fill(tile, 0d);
      int at = image * p * outDepth;
      if (wide) { // tile = filter^T [out, k] times patch^T [k, p], i.e. the image's output transposed
        multiply(MatMulProviders.get().doubles(filter, patch, tile, dims), dims, workers);
        for (int o = 0; o < outDepth; o++) {
          for (int j = 0, t = o * p; j < p; j++, t++) {
            out[at + j * outDepth + o] = tile[t];
          }
        }
      } else {
        multiply(MatMulProviders.get().doubles(patch, filter, tile, dims), dims, workers);
        System.arraycopy(tile, 0, out, at, p * outDepth);
      }
    });
    return out;
  }

  static double[] backpropInput(double[] filter, double[] outBackprop, ConvGeometry g, int outDepth) {
    int p = g.outPixels();
    int k = g.patchSize();
    double[] in = new double[g.batch() * g.imageSize()];
    if (in.length == 0 || p == 0 || outDepth == 0) {
      return in;
    }
    // Patch gradients [p, k] = out_backprop of the image [p, out] times the filter [k, out] transposed.
    MatMulDims dims = new MatMulDims(p, outDepth, k, false, true);
    int workers = workers(g, dims);
    double[][] patches = new double[workers][];
    MatMulScheduler.forEach(g.batch(), workers, (w, image) -> {
      double[] patch = patches[w] != null ? patches[w] : (patches[w] = new double[p * k]);
      Arrays.fill(patch, 0d);
      double[] grad = Arrays.copyOfRange(outBackprop, image * p * outDepth, (image + 1) * p * outDepth);
      multiply(MatMulProviders.get().doubles(grad, filter, patch, dims), dims, workers);
      Im2Col.col2im(patch, g, in, image); // images own disjoint parts of the input
    });
    return in;
  }

  static double[] backpropFilter(double[] in, double[] outBackprop, ConvGeometry g, int outDepth) {
    return backpropFilter(in, outBackprop, g, outDepth, WIDE);
  }

  static double[] backpropFilter(double[] in, double[] outBackprop, ConvGeometry g, int outDepth, boolean wide) {
    return backpropFilter(in, outBackprop, g, outDepth, wide, SUM_GROUPS);
  }

  /** {@link #backpropFilter} with the images summed in at most {@code maxGroups} groups. */
  static double[] backpropFilter(double[] in, double[] outBackprop, ConvGeometry g, int outDepth, boolean wide,
      int maxGroups) {
    int p = g.outPixels();
    int k = g.patchSize();
    double[] filter = new double[k * outDepth];
    if (filter.length == 0 || p == 0 || g.batch() == 0) {
      return filter;
    }
    // Filter gradient [k, out] = sum over images of the patches [p, k] transposed times out_backprop [p, out]
    // (wide: its transpose [out, k] = out_backprop transposed times the patches).
    MatMulDims dims = wide ? new MatMulDims(outDepth, p, k, true, false)
        : new MatMulDims(k, p, outDepth, true, false);
    int groups = Math.min(g.batch(), maxGroups);
    int workers = Math.min(workers(g, dims), groups);
    double[][] patches = new double[workers][];
    double[][] sums = new double[groups][];
    MatMulScheduler.forEach(groups, workers, (w, group) -> {
      double[] patch = patches[w] != null ? patches[w] : (patches[w] = new double[p * k]);
      double[] sum = sums[group] = new double[k * outDepth];
      for (int image = firstImage(g, groups, group); image < firstImage(g, groups, group + 1); image++) {
        Im2Col.im2col(in, image, g, patch);
        double[] grad = Arrays.copyOfRange(outBackprop, image * p * outDepth, (image + 1) * p * outDepth);
        multiply(wide ? MatMulProviders.get().doubles(grad, patch, sum, dims)
            : MatMulProviders.get().doubles(patch, grad, sum, dims), dims, workers);
      }
    });
    double[] total = new double[k * outDepth];
    for (double[] sum : sums) { // the groups in order: the same sums whichever thread took which group
      for (int i = 0; i < total.length; i++) {
        total[i] += sum[i];
      }
    }
    if (!wide) {
      return total;
    }
    for (int o = 0; o < outDepth; o++) {
      for (int i = 0; i < k; i++) {
        filter[i * outDepth + o] = total[o * k + i];
      }
    }
    return filter;
  }
}
