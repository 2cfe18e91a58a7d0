package io.scopegraph.tensorflow;

import io.scopegraph.Shape;

/**
 * Copies a region of a tensor between two flat row-major arrays that each hold one slice of it: how a tensor
 * is assembled from the slices a checkpoint stores, or a slice is cut from a stored tensor. Works on any array
 * type ({@code float[]}, …, {@code byte[][]}) with one {@link System#arraycopy} per run of the last dimension.
 */
final class SliceCopy {
  private SliceCopy() {}

  /**
   * Copies {@code region} (which both slices contain) from {@code src}, holding slice {@code srcSlice}, into
   * {@code dst}, holding {@code dstSlice}; all three are slices of a tensor of shape {@code full}.
   */
  static void copy(Shape full, Object src, TensorSlice srcSlice, Object dst, TensorSlice dstSlice,
      TensorSlice region) {
    int rank = full.rank();
    if (rank == 0) {
      System.arraycopy(src, 0, dst, 0, 1);
      return;
    }
    long[] size = new long[rank];
    long[] srcOrigin = new long[rank]; // the region's first element, relative to each slice
    long[] dstOrigin = new long[rank];
    for (int d = 0; d < rank; d++) {
      size[d] = region.length(d, full.dim(d));
      if (size[d] == 0) {
        return;
      }
      srcOrigin[d] = region.start(d) - srcSlice.start(d);
      dstOrigin[d] = region.start(d) - dstSlice.start(d);
    }
    long[] srcStrides = strides(srcSlice, full);
    long[] dstStrides = strides(dstSlice, full);
    int run = Math.toIntExact(size[rank - 1]);
    long[] index = new long[rank]; // position within the region; the last dimension is copied as one run
    while (true) {
      long s = 0;
      long t = 0;
      for (int d = 0; d < rank; d++) {
        s += (srcOrigin[d] + index[d]) * srcStrides[d];
        t += (dstOrigin[d] + index[d]) * dstStrides[d];
      }
      System.arraycopy(src, (int) s, dst, (int) t, run);
      int d = rank - 2;
      while (d >= 0 && ++index[d] == size[d]) {
        index[d--] = 0;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private static long[] strides(TensorSlice slice, Shape full) {
    long[] strides = new long[full.rank()];
    long stride = 1;
    for (int d = full.rank() - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= slice.length(d, full.dim(d));
    }
    return strides;
  }
}
