package io.scopegraph;

import java.lang.reflect.Array;

/**
 * Kernels that move elements without computing on them: {@code ConcatV2} and {@code Slice}. They work on the
 * flat row-major storage of any dtype, copying contiguous runs.
 */
final class ArrayKernels {
  private ArrayKernels() {}

  /** {@code ConcatV2}: {@code values} joined along {@code axis} (a scalar; negative counts from the end). */
  static NdArray concat(NdArray[] values, NdArray axisValue) {
    if (axisValue.shape().rank() != 0 || !axisValue.dtype().isInteger()) {
      throw new InvalidArgumentException("ConcatOp : Expected concatenating dimension to be a scalar integer, got "
          + axisValue.dtype() + " of shape " + axisValue.shape().toDimsString());
    }
    NdArray first = values[0];
    int rank = first.shape().rank();
    long axis = axisValue.getLong(0);
    if (axis < -rank || axis >= rank) {
      throw new InvalidArgumentException("ConcatOp : Expected concatenating dimensions in the range [" + -rank
          + ", " + rank + "), but got " + axis);
    }
    int a = (int) (axis < 0 ? axis + rank : axis);
    long[] dims = first.shape().dims();
    long along = 0;
    for (int i = 0; i < values.length; i++) {
      NdArray v = values[i];
      if (v.dtype() != first.dtype()) {
        throw new InvalidArgumentException("ConcatOp : inputs have dtypes " + first.dtype() + " and " + v.dtype());
      }
      long[] d = v.shape().dims();
      boolean match = d.length == rank;
      for (int j = 0; match && j < rank; j++) {
        match = j == a || d[j] == dims[j];
      }
      if (!match) {
        throw new InvalidArgumentException("ConcatOp : Dimensions of inputs should match: shape[0] = "
            + first.shape().toDimsString() + " vs. shape[" + i + "] = " + v.shape().toDimsString());
      }
      along += d[a];
    }
    long outer = 1;
    for (int j = 0; j < a; j++) {
      outer *= dims[j];
    }
    dims[a] = along;
    Shape shape = Shape.of(dims);
    Object out = Array.newInstance(NdArray.storageClass(first.dtype()).getComponentType(),
        Math.toIntExact(shape.numElements()));
    int pos = 0;
    for (long o = 0; o < outer; o++) {
      for (NdArray v : values) {
        int run = (int) (v.size() / Math.max(outer, 1));
        System.arraycopy(v.data(), (int) (o * run), out, pos, run);
        pos += run;
      }
    }
    return NdArray.wrap(first.dtype(), shape, out);
  }

  /** {@code Slice}: the block of {@code x} starting at {@code begin} of extent {@code size} ({@code -1}: to the end). */
  static NdArray slice(NdArray x, NdArray beginValue, NdArray sizeValue) {
    int rank = x.shape().rank();
    long[] begin = Kernels.dims(beginValue, "Slice");
    long[] size = sizeValue.toLongArray();
    if (begin.length != rank || size.length != rank) {
      throw new InvalidArgumentException("Expected begin and size arguments to be 1-D tensors of size " + rank
          + ", but got shapes " + beginValue.shape().toDimsString() + " and " + sizeValue.shape().toDimsString()
          + " instead.");
    }
    long[] dims = x.shape().dims();
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = size[i] == -1 ? dims[i] - begin[i] : size[i];
      if (begin[i] > dims[i] || out[i] < 0 || begin[i] + out[i] > dims[i]) {
        throw new InvalidArgumentException("Expected size[" + i + "] in [0, " + (dims[i] - begin[i])
            + "], but got " + size[i]);
      }
    }
    Shape shape = Shape.of(out);
    int n = Math.toIntExact(shape.numElements());
    Object data = Array.newInstance(NdArray.storageClass(x.dtype()).getComponentType(), n);
    if (n > 0) {
      long[] strides = new long[rank];
      long stride = 1;
      for (int i = rank - 1; i >= 0; i--) {
        strides[i] = stride;
        stride *= dims[i];
      }
      copyBlock(x.data(), data, 0, strides, begin, out, new int[] {0}, 0);
    }
    return NdArray.wrap(x.dtype(), shape, data);
  }

  /** Copies the block rows of dimension {@code d} onward, the last dimension as one contiguous run. */
  private static void copyBlock(Object src, Object dst, long srcOffset, long[] strides, long[] begin, long[] size,
      int[] pos, int d) {
    int rank = strides.length;
    if (rank == 0) {
      System.arraycopy(src, 0, dst, 0, 1);
      return;
    }
    long base = srcOffset + begin[d] * strides[d];
    if (d == rank - 1) {
      System.arraycopy(src, (int) base, dst, pos[0], (int) size[d]);
      pos[0] += (int) size[d];
      return;
    }
    for (long i = 0; i < size[d]; i++) {
      copyBlock(src, dst, base + i * strides[d], strides, begin, size, pos, d + 1);
    }
  }

  /** {@code L2Loss}: {@code sum(x ** 2) / 2} as a scalar of the input's floating dtype, summed in double. */
  static NdArray l2Loss(NdArray x) {
    double sum = 0;
    for (int i = 0; i < x.size(); i++) {
      double v = x.getDouble(i);
      sum += v * v;
    }
    sum /= 2;
    return x.dtype() == DType.FLOAT64 ? NdArray.scalar(sum) : NdArray.scalar((float) sum);
  }
}
