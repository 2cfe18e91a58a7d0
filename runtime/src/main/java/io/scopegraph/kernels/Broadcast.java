package io.scopegraph.kernels;

import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;

/**
 * NumPy broadcasting at run time: the result shape of two concrete shapes, and the index mapping that reads
 * a smaller array as if it had the larger shape. Reductions use the same mapping backwards (each input
 * element to the output element it adds to).
 */
public final class Broadcast {
  private Broadcast() {}

  /** The broadcast shape of two fully defined shapes; dimensions must be equal or one of them 1. */
  public static Shape resultShape(Shape x, Shape y) {
    if (x.equals(y)) {
      return x;
    }
    int rank = Math.max(x.rank(), y.rank());
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long dx = dimFromEnd(x, rank - 1 - i);
      long dy = dimFromEnd(y, rank - 1 - i);
      if (dx != dy && dx != 1 && dy != 1) {
        throw new InvalidArgumentException("Incompatible shapes: " + x.toDimsString() + " vs. " + y.toDimsString());
      }
      out[i] = dx == 1 ? dy : dx;
    }
    return Shape.of(out);
  }

  /** Dimension {@code fromEnd} places before the last; 1 beyond the rank, as broadcasting pads on the left. */
  private static long dimFromEnd(Shape s, int fromEnd) {
    int i = s.rank() - 1 - fromEnd;
    return i < 0 ? 1 : s.dim(i);
  }

  /**
   * For each element of {@code to} in row-major order, the flat index of the element of {@code from} that
   * broadcasting reads there. {@code from} must broadcast to {@code to}.
   */
  public static int[] sourceIndices(Shape from, Shape to) {
    int rank = to.rank();
    int offset = rank - from.rank();
    long[] dims = to.dims();
    // Step in `from` per step along each axis of `to`: 0 where `from` is stretched (size 1 or missing).
    int[] step = new int[rank];
    int stride = 1;
    for (int axis = from.rank() - 1; axis >= 0; axis--) {
      int d = (int) from.dim(axis);
      step[axis + offset] = d == 1 ? 0 : stride;
      stride *= d;
    }
    int n = Math.toIntExact(to.numElements());
    int[] out = new int[n];
    int[] counter = new int[rank];
    int index = 0;
    for (int i = 0; i < n; i++) {
      out[i] = index;
      // Odometer: advance the last axis, carrying into earlier ones.
      for (int axis = rank - 1; axis >= 0; axis--) {
        index += step[axis];
        if (++counter[axis] < dims[axis]) {
          break;
        }
        index -= step[axis] * (int) dims[axis];
        counter[axis] = 0;
      }
    }
    return out;
  }

  /** {@code x} laid out with shape {@code to} (a copy, elements repeated as broadcasting reads them). */
  public static NdArray expand(NdArray x, Shape to) {
    if (x.shape().equals(to)) {
      return x;
    }
    return ArrayKernels.gather(x, to, sourceIndices(x.shape(), to));
  }
}
