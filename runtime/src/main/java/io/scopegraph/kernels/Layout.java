package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;

/** NHWC/NCHW helpers of the convolution and pooling kernels, which compute in NHWC. */
final class Layout {
  private static final NdArray TO_NHWC = NdArray.of(new int[] {0, 2, 3, 1});
  private static final NdArray TO_NCHW = NdArray.of(new int[] {0, 3, 1, 2});

  private Layout() {}

  static boolean nchw(String dataFormat) {
    return switch (dataFormat) {
      case "NHWC" -> false;
      case "NCHW" -> true;
      default -> throw new InvalidArgumentException("Invalid data format: " + dataFormat);
    };
  }

  static NdArray toNhwc(NdArray x, boolean nchw) {
    return nchw ? ArrayKernels.transpose(x, TO_NHWC) : x;
  }

  static NdArray fromNhwc(NdArray x, boolean nchw) {
    return nchw ? ArrayKernels.transpose(x, TO_NCHW) : x;
  }

  static void requireSameDType(String op, NdArray a, NdArray b, String argB) {
    if (a.dtype() != b.dtype()) {
      throw new InvalidArgumentException(op + ": " + argB + " is " + b.dtype() + ", expected " + a.dtype());
    }
  }

  /** {@code {n, c, h, w}} of a four-element attribute in NCHW order, whatever the data format. */
  static long[] nchwOrder(long[] v, boolean nchw) {
    return nchw ? v : new long[] {v[0], v[3], v[1], v[2]};
  }

  static DType floating(String op, NdArray x) {
    if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) {
      throw NnKernels.noKernel(op, x.dtype());
    }
    return x.dtype();
  }
}
