package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Kernels that move elements without computing on them: {@code ConcatV2} and {@code Slice}. They work on the
 * flat row-major storage of any dtype, copying contiguous runs. Further down, the shape and index kernels of
 * training graphs ({@code Shape}, {@code Tile}, {@code Transpose}, {@code BroadcastGradientArgs},
 * {@code DynamicStitch}, {@code Range}, {@code AddN}, …), as TensorFlow 1.15's CPU kernels compute them.
 */
public final class ArrayKernels {
  private ArrayKernels() {}

  /** {@code ConcatV2}: {@code values} joined along {@code axis} (a scalar; negative counts from the end). */
  public static NdArray concat(NdArray[] values, NdArray axisValue) {
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
    Object out = Array.newInstance(NdArrayAccess.storageClass(first.dtype()).getComponentType(),
        Math.toIntExact(shape.numElements()));
    int pos = 0;
    for (long o = 0; o < outer; o++) {
      for (NdArray v : values) {
        int run = (int) (v.size() / Math.max(outer, 1));
        System.arraycopy(NdArrayAccess.data(v), (int) (o * run), out, pos, run);
        pos += run;
      }
    }
    return NdArray.wrap(first.dtype(), shape, out);
  }

  /** {@code Slice}: the block of {@code x} starting at {@code begin} of extent {@code size} ({@code -1}: to the end). */
  public static NdArray slice(NdArray x, NdArray beginValue, NdArray sizeValue) {
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
    Object data = Array.newInstance(NdArrayAccess.storageClass(x.dtype()).getComponentType(), n);
    if (n > 0) {
      long[] strides = new long[rank];
      long stride = 1;
      for (int i = rank - 1; i >= 0; i--) {
        strides[i] = stride;
        stride *= dims[i];
      }
      copyBlock(NdArrayAccess.data(x), data, 0, strides, begin, out, new int[] {0}, 0);
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
  public static NdArray l2Loss(NdArray x) {
    double sum = 0;
    for (int i = 0; i < x.size(); i++) {
      double v = x.getDouble(i);
      sum += v * v;
    }
    sum /= 2;
    return x.dtype() == DType.FLOAT64 ? NdArray.scalar(sum) : NdArray.scalar((float) sum);
  }

  // ---------------------------------------------------------------------------------------------
  // Shape and index kernels of training graphs. Each takes its inputs as NdArrays (attrs as Java values) and
  // returns new arrays (or an input itself where TF forwards it); inputs are never written.

  /** {@code Shape}: the dimensions of {@code x} as a vector of {@code outType} (int32, TF's default, or int64). */
  public static NdArray shape(NdArray x, DType outType) {
    return integers(x.shape().dims(), outType, Shape.of(x.shape().rank()));
  }

  /** {@code Size}: the number of elements of {@code x}, a scalar of {@code outType} (int32 or int64). */
  public static NdArray size(NdArray x, DType outType) {
    return integers(new long[] {x.size()}, outType, Shape.scalar());
  }

  /** {@code Rank}: the number of dimensions of {@code x}, an int32 scalar. */
  public static NdArray rank(NdArray x) {
    return NdArray.scalar(x.shape().rank());
  }

  /** {@code StopGradient}, {@code PreventGradient}: the input itself (an NdArray is immutable). */
  public static NdArray identity(NdArray x) {
    return x;
  }

  /** {@code OnesLike}: ones (true for bool) of the input's shape and dtype. */
  public static NdArray onesLike(NdArray x) {
    if (x.dtype().isString()) {
      throw new UnsupportedOperationException("No kernel for op type 'OnesLike' with dtype string");
    }
    return NdArray.filled(x.dtype(), x.shape(), 1);
  }

  /**
   * {@code Tile}: {@code input} repeated {@code multiples[i]} times along each dimension {@code i}
   * ({@code multiples} an int32 or int64 vector with one entry per dimension); a scalar is returned as it is.
   */
  public static NdArray tile(NdArray input, NdArray multiples) {
    int rank = input.shape().rank();
    requireInteger(multiples, "multiples");
    if (multiples.shape().rank() != 1 || multiples.size() != rank) {
      throw new InvalidArgumentException("Expected multiples argument to be a vector of length " + rank
          + " but got length " + (multiples.shape().rank() == 1 ? multiples.shape().dim(0) : multiples.size()));
    }
    if (rank == 0) {
      return input;
    }
    long[] m = multiples.toLongArray();
    long[] in = input.shape().dims();
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      if (m[i] < 0) {
        throw new InvalidArgumentException("Expected multiples[" + i + "] >= 0, but got " + m[i]);
      }
      out[i] = in[i] * m[i];
    }
    Shape shape = Shape.of(out);
    int n = Math.toIntExact(shape.numElements());
    long[] inStrides = strides(in);
    int[] src = new int[n];
    int[] counter = new int[rank];
    for (int k = 0; k < n; k++) {
      long s = 0;
      for (int d = 0; d < rank; d++) {
        s += (counter[d] % in[d]) * inStrides[d];
      }
      src[k] = (int) s;
      advance(counter, out);
    }
    return gather(input, shape, src);
  }

  /**
   * {@code Transpose}: dimension {@code i} of the output is dimension {@code perm[i]} of {@code x}
   * ({@code perm} an int32 or int64 vector, a permutation of {@code 0 .. rank-1}); the identity permutation
   * returns {@code x} itself.
   */
  public static NdArray transpose(NdArray x, NdArray perm) {
    if (perm.shape().rank() != 1) {
      throw new InvalidArgumentException("perm must be a vector, not " + perm.shape().toDimsString());
    }
    requireInteger(perm, "perm");
    int dims = x.shape().rank();
    if (perm.size() != dims) {
      throw new InvalidArgumentException("transpose expects a vector of size " + dims
          + ". But input(1) is a vector of size " + perm.size());
    }
    int[] p = new int[dims];
    for (int i = 0; i < dims; i++) {
      p[i] = (int) perm.getLong(i); // TF narrows int64 permutations to int32
    }
    long[] in = x.shape().dims();
    long[] out = new long[dims];
    boolean[] seen = new boolean[dims];
    boolean identity = true;
    for (int i = 0; i < dims; i++) {
      int d = p[i];
      if (d < 0 || d >= dims) {
        throw new InvalidArgumentException(d + " is out of range [0 .. " + dims + ")");
      }
      seen[d] = true;
      out[i] = in[d];
      identity &= d == i;
    }
    for (int i = 0; i < dims; i++) {
      if (!seen[i]) {
        StringBuilder joined = new StringBuilder();
        for (int j = 0; j < dims; j++) {
          joined.append(j > 0 ? "," : "").append(p[j]);
        }
        throw new InvalidArgumentException(i + " is missing from {" + joined + "}.");
      }
    }
    if (identity) {
      return x;
    }
    long[] inStrides = strides(in);
    long[] step = new long[dims]; // step in x per step along output dimension i
    for (int i = 0; i < dims; i++) {
      step[i] = inStrides[p[i]];
    }
    Shape shape = Shape.of(out);
    int n = Math.toIntExact(shape.numElements());
    int[] src = new int[n];
    int[] counter = new int[dims];
    long index = 0;
    for (int k = 0; k < n; k++) {
      src[k] = (int) index;
      for (int d = dims - 1; d >= 0; d--) {
        index += step[d];
        if (++counter[d] < out[d]) {
          break;
        }
        index -= step[d] * out[d];
        counter[d] = 0;
      }
    }
    return gather(x, shape, src);
  }

  /** {@code InvertPermutation}: {@code y[x[i]] = i} for a permutation vector {@code x} (int32 or int64). */
  public static NdArray invertPermutation(NdArray x) {
    if (x.shape().rank() != 1) {
      throw new InvalidArgumentException("invert_permutation expects a 1D vector.");
    }
    requireInteger(x, "x");
    int n = x.size();
    long[] out = new long[n];
    Arrays.fill(out, -1);
    for (int i = 0; i < n; i++) {
      long d = x.getLong(i);
      if (d < 0 || d >= n) {
        throw new InvalidArgumentException(d + " is not between 0 and " + n);
      }
      if (out[(int) d] != -1) {
        throw new InvalidArgumentException(d + " is duplicated in the input.");
      }
      out[(int) d] = i;
    }
    return integers(out, x.dtype(), x.shape());
  }

  /**
   * {@code ExpandDims}: {@code input} with a dimension of size 1 inserted at {@code dim} (a one-element integer
   * tensor in {@code [-rank-1, rank]}; negative counts from the end).
   */
  public static NdArray expandDims(NdArray input, NdArray dim) {
    requireInteger(dim, "dim");
    if (dim.size() != 1) {
      throw new InvalidArgumentException("'dim' must be a tensor with a single value");
    }
    long d = dim.getLong(0);
    int rank = input.shape().rank();
    if (d < -1 - rank || d > rank) {
      throw new InvalidArgumentException("Tried to expand dim index " + d + " for tensor with " + rank
          + " dimensions.");
    }
    if (d < 0) {
      d += rank + 1;
    }
    long[] in = input.shape().dims();
    long[] out = new long[rank + 1];
    System.arraycopy(in, 0, out, 0, (int) d);
    out[(int) d] = 1;
    System.arraycopy(in, (int) d, out, (int) d + 1, rank - (int) d);
    return input.reshape(Shape.of(out));
  }

  /**
   * {@code Squeeze}: {@code input} without the dimensions listed in {@code squeezeDims} (each must be 1;
   * negative counts from the end), or without every dimension of size 1 when the list is empty.
   */
  public static NdArray squeeze(NdArray input, int[] squeezeDims) {
    int rank = input.shape().rank();
    boolean[] listed = new boolean[rank];
    for (int dim : squeezeDims) {
      if (dim < -rank || dim >= rank) {
        throw new InvalidArgumentException("Tried to squeeze dim index " + dim + " for tensor with " + rank
            + " dimensions.");
      }
      listed[dim < 0 ? dim + rank : dim] = true;
    }
    long[] in = input.shape().dims();
    long[] out = new long[rank];
    int n = 0;
    for (int i = 0; i < rank; i++) {
      if (squeezeDims.length > 0) {
        if (!listed[i]) {
          out[n++] = in[i];
        } else if (in[i] != 1) {
          throw new InvalidArgumentException("Can not squeeze dim[" + i + "], expected a dimension of 1, got "
              + in[i]);
        }
      } else if (in[i] != 1) {
        out[n++] = in[i];
      }
    }
    return input.reshape(Shape.of(Arrays.copyOf(out, n)));
  }

  /**
   * {@code BroadcastGradientArgs}: for shapes {@code s0} and {@code s1} (int32 or int64 vectors of one dtype),
   * the axes the gradient of each operand of a broadcasting binary op is summed over: {@code {r0, r1}} as
   * TF's {@code BCast} computes them (see {@link #bcastGradReduceIndices}).
   */
  public static NdArray[] broadcastGradientArgs(NdArray s0, NdArray s1) {
    NdArray[] in = {s0, s1};
    for (int i = 0; i < 2; i++) {
      if (in[i].shape().rank() != 1) {
        throw new InvalidArgumentException("In[" + i + "] must be a vector." + in[i].shape().toDimsString());
      }
      requireInteger(in[i], "s" + i);
    }
    if (s0.dtype() != s1.dtype()) {
      throw new InvalidArgumentException("BroadcastGradientArgs takes s0 and s1 of one dtype, got " + s0.dtype()
          + " and " + s1.dtype());
    }
    long[] x = s0.toLongArray();
    long[] y = s1.toLongArray();
    long[][] r = bcastGradReduceIndices(x, y);
    if (r == null) {
      throw new InvalidArgumentException("Incompatible shapes: [" + join(x) + "] vs. [" + join(y) + "]");
    }
    return new NdArray[] {
      integers(r[0], s0.dtype(), Shape.of(r[0].length)), integers(r[1], s0.dtype(), Shape.of(r[1].length))};
  }

  /**
   * TF's {@code BCast(sx, sy).grad_x_reduce_idx()} and {@code grad_y_reduce_idx()}, ascending: the axes of the
   * broadcast result that {@code sx} (resp. {@code sy}) is stretched along or lacks. Equal shapes give none at
   * all (even dimensions of size 1); otherwise a dimension where both are 1 is listed for both. Null when the
   * shapes do not broadcast.
   */
  public static long[][] bcastGradReduceIndices(long[] sx, long[] sy) {
    if (Arrays.equals(sx, sy)) {
      return new long[][] {{}, {}};
    }
    int n = Math.max(sx.length, sy.length);
    long[] rx = new long[n];
    long[] ry = new long[n];
    int nx = 0;
    int ny = 0;
    for (int idx = 0; idx < n; idx++) {
      long xi = idx - (n - sx.length) < 0 ? 1 : sx[idx - (n - sx.length)];
      long yi = idx - (n - sy.length) < 0 ? 1 : sy[idx - (n - sy.length)];
      if (xi == yi) {
        if (xi == 1) {
          rx[nx++] = idx;
          ry[ny++] = idx;
        }
      } else if (xi == 1) {
        rx[nx++] = idx;
      } else if (yi == 1) {
        ry[ny++] = idx;
      } else {
        return null;
      }
    }
    return new long[][] {Arrays.copyOf(rx, nx), Arrays.copyOf(ry, ny)};
  }

  /**
   * {@code DynamicStitch}: {@code merged[indices[m][i...]] = data[m][i..., ...]} with the first dimension
   * {@code max(indices) + 1}; later inputs win where indices repeat, rows no index names are zero. Indices
   * are integer tensors (int32 in TF), each {@code data[m]}'s shape starts with {@code indices[m]}'s and ends
   * with the same dimensions for all {@code m}.
   */
  public static NdArray dynamicStitch(NdArray[] indices, NdArray[] data) {
    if (indices.length == 0 || indices.length != data.length) {
      throw new IllegalArgumentException("DynamicStitch takes N >= 1 indices and N data, got " + indices.length
          + " and " + data.length);
    }
    long maxIndex = -1;
    for (NdArray idx : indices) {
      requireInteger(idx, "indices");
      for (int i = 0; i < idx.size(); i++) {
        maxIndex = Math.max(maxIndex, idx.getLong(i));
      }
    }
    long firstDim = maxIndex + 1;
    NdArray data0 = data[0];
    NdArray indices0 = indices[0];
    for (int m = 0; m < indices.length; m++) {
      Shape ds = data[m].shape();
      Shape is = indices[m].shape();
      boolean startsWith = ds.rank() >= is.rank();
      for (int d = 0; startsWith && d < is.rank(); d++) {
        startsWith = ds.dim(d) == is.dim(d);
      }
      if (!startsWith) {
        throw new InvalidArgumentException("data[" + m + "].shape = " + ds.toDimsString()
            + " does not start with indices[" + m + "].shape = " + is.toDimsString());
      }
      if (m > 0 && !sameExtraShape(data0.shape(), indices0.shape(), ds, is)) {
        throw new InvalidArgumentException("Need data[0].shape[" + indices0.shape().rank() + ":] = data[" + m
            + "].shape[" + is.rank() + ":], got data[0].shape = " + data0.shape().toDimsString() + ", data[" + m
            + "].shape = " + ds.toDimsString() + ", indices[0].shape = " + indices0.shape().toDimsString()
            + ", indices[" + m + "].shape = " + is.toDimsString());
      }
      if (data[m].dtype() != data0.dtype()) {
        throw new InvalidArgumentException("DynamicStitch takes data of one dtype, got " + data0.dtype() + " and "
            + data[m].dtype());
      }
    }
    long[] dims0 = data0.shape().dims();
    int r0 = indices0.shape().rank();
    long[] out = new long[1 + dims0.length - r0];
    out[0] = firstDim;
    long slice = 1;
    for (int d = r0; d < dims0.length; d++) {
      out[1 + d - r0] = dims0[d];
      slice *= dims0[d];
    }
    Shape shape = Shape.of(out);
    int n = Math.toIntExact(shape.numElements());
    Object merged = newStorage(data0.dtype(), n);
    if (merged instanceof byte[][] strings) {
      Arrays.fill(strings, new byte[0]);
    }
    int s = (int) slice;
    for (int m = 0; m < indices.length; m++) {
      NdArray idx = indices[m];
      for (int i = 0; i < idx.size(); i++) {
        long target = idx.getLong(i);
        if (target < 0 || target >= firstDim) {
          throw new InvalidArgumentException("indices[" + i + "] is out of range");
        }
        System.arraycopy(NdArrayAccess.data(data[m]), i * s, merged, (int) target * s, s);
      }
    }
    return NdArray.wrap(data0.dtype(), shape, merged);
  }

  private static boolean sameExtraShape(Shape data0, Shape indices0, Shape data1, Shape indices1) {
    int extra0 = data0.rank() - indices0.rank();
    int extra1 = data1.rank() - indices1.rank();
    if (extra0 != extra1) {
      return false;
    }
    for (int i = 0; i < extra0; i++) {
      if (data0.dim(indices0.rank() + i) != data1.dim(indices1.rank() + i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code Range}: {@code start, start + delta, …} up to but not including {@code limit}, three scalars of one
   * dtype (int32, int64, float32 or float64). The length is {@code ceil(|limit - start| / |delta|)} computed as
   * TF does in the dtype, and each element adds {@code delta} to the one before (so floating ranges accumulate
   * rounding as TF's do).
   */
  public static NdArray range(NdArray start, NdArray limit, NdArray delta) {
    requireRangeScalar(start, "start");
    requireRangeScalar(limit, "limit");
    requireRangeScalar(delta, "delta");
    DType t = start.dtype();
    if (limit.dtype() != t || delta.dtype() != t) {
      throw new InvalidArgumentException("Range takes start, limit and delta of one dtype, got " + t + ", "
          + limit.dtype() + " and " + delta.dtype());
    }
    switch (t) {
      case INT32: {
        int s = ((int[]) NdArrayAccess.data(start))[0];
        int l = ((int[]) NdArrayAccess.data(limit))[0];
        int d = ((int[]) NdArrayAccess.data(delta))[0];
        checkRange(d == 0, d > 0, d < 0, s > l, s < l, start, limit, delta);
        int size = (Math.abs(l - s) + Math.abs(d) - 1) / Math.abs(d);
        int[] out = new int[size];
        int v = s;
        for (int i = 0; i < size; i++) {
          out[i] = v;
          v += d;
        }
        return NdArray.wrap(t, Shape.of(size), out);
      }
      case INT64: {
        long s = ((long[]) NdArrayAccess.data(start))[0];
        long l = ((long[]) NdArrayAccess.data(limit))[0];
        long d = ((long[]) NdArrayAccess.data(delta))[0];
        checkRange(d == 0, d > 0, d < 0, s > l, s < l, start, limit, delta);
        long size = (Math.abs(l - s) + Math.abs(d) - 1) / Math.abs(d);
        long[] out = new long[Math.toIntExact(size)];
        long v = s;
        for (int i = 0; i < out.length; i++) {
          out[i] = v;
          v += d;
        }
        return NdArray.wrap(t, Shape.of(size), out);
      }
      case FLOAT32: {
        float s = ((float[]) NdArrayAccess.data(start))[0];
        float l = ((float[]) NdArrayAccess.data(limit))[0];
        float d = ((float[]) NdArrayAccess.data(delta))[0];
        checkRange(d == 0, d > 0, d < 0, s > l, s < l, start, limit, delta);
        long size = (long) (float) Math.ceil(Math.abs((l - s) / d));
        float[] out = new float[Math.toIntExact(size)];
        float v = s;
        for (int i = 0; i < out.length; i++) {
          out[i] = v;
          v += d;
        }
        return NdArray.wrap(t, Shape.of(size), out);
      }
      case FLOAT64: {
        double s = ((double[]) NdArrayAccess.data(start))[0];
        double l = ((double[]) NdArrayAccess.data(limit))[0];
        double d = ((double[]) NdArrayAccess.data(delta))[0];
        checkRange(d == 0, d > 0, d < 0, s > l, s < l, start, limit, delta);
        long size = (long) Math.ceil(Math.abs((l - s) / d));
        double[] out = new double[Math.toIntExact(size)];
        double v = s;
        for (int i = 0; i < out.length; i++) {
          out[i] = v;
          v += d;
        }
        return NdArray.wrap(t, Shape.of(size), out);
      }
      default:
        throw new UnsupportedOperationException("No kernel for op type 'Range' with dtype " + t);
    }
  }

  private static void requireRangeScalar(NdArray v, String what) {
    // TF accepts legacy scalars: rank 0, or a vector of one element.
    if (v.shape().rank() > 1 || v.size() != 1) {
      throw new InvalidArgumentException(what + " must be a scalar, not shape " + v.shape().toDimsString());
    }
  }

  private static void checkRange(boolean zero, boolean up, boolean down, boolean startAbove, boolean startBelow,
      NdArray start, NdArray limit, NdArray delta) {
    if (zero) {
      throw new InvalidArgumentException("Requires delta != 0: " + TfFormat.element(delta, 0));
    }
    if (up && startAbove) {
      throw new InvalidArgumentException("Requires start <= limit when delta > 0: " + TfFormat.element(start, 0)
          + "/" + TfFormat.element(limit, 0));
    }
    if (down && startBelow) {
      throw new InvalidArgumentException("Requires start >= limit when delta < 0: " + TfFormat.element(start, 0)
          + "/" + TfFormat.element(limit, 0));
    }
  }

  /**
   * {@code ConcatOffset}: for the int32 shape vectors of the values a {@code ConcatV2} along
   * {@code concatDim} joins, the offset of each value in the result (zero but along the axis, where the sizes
   * before it add up). One int32 vector per shape.
   */
  public static NdArray[] concatOffset(NdArray concatDim, NdArray[] shapes) {
    if (concatDim.shape().rank() != 0 || !concatDim.dtype().isInteger()) {
      throw new InvalidArgumentException("Concat dim tensor should be a scalar integer, but got shape "
          + concatDim.shape().toDimsString());
    }
    if (shapes.length == 0) {
      throw new IllegalArgumentException("ConcatOffset needs at least one shape");
    }
    for (int i = 0; i < shapes.length; i++) {
      if (shapes[i].shape().rank() != 1) {
        throw new InvalidArgumentException("input " + (i + 1) + " should be a vector, but got shape "
            + shapes[i].shape().toDimsString());
      }
      requireInteger(shapes[i], "shape");
    }
    NdArray inp0 = shapes[0];
    long cdim = concatDim.getLong(0);
    int dims = inp0.size();
    long axis = cdim < 0 ? cdim + dims : cdim;
    if (axis < 0 || axis >= dims) {
      throw new InvalidArgumentException("Concat dim is out of range: " + cdim + " vs. " + dims);
    }
    NdArray[] out = new NdArray[shapes.length];
    int offset = 0;
    for (int i = 0; i < shapes.length; i++) {
      NdArray inp = shapes[i];
      if (inp.size() != dims) {
        throw new InvalidArgumentException("input " + i + " should contain " + dims + " elements, but got "
            + inp.size());
      }
      int[] o = new int[dims];
      for (int j = 0; j < dims; j++) {
        if (j == axis) {
          o[j] = offset;
          offset += (int) inp.getLong(j);
        } else if (inp0.getLong(j) != inp.getLong(j)) {
          throw new InvalidArgumentException("All dimensions except " + axis + " must match. Input " + i
              + " has shape [" + TfFormat.summarize(inp, 10) + "] and doesn't match input 0 with shape ["
              + TfFormat.summarize(inp0, 10) + "].");
        }
      }
      out[i] = NdArray.wrap(DType.INT32, Shape.of(dims), o);
    }
    return out;
  }

  /**
   * {@code AddN}: the element-wise sum of inputs of one shape and dtype, added left to right in the dtype (as
   * TF's functors do; int32 wraps); one input is returned as it is. {@code opName} names the op in TF's
   * message for inputs of different shapes.
   */
  public static NdArray addN(NdArray[] inputs, String opName) {
    if (inputs.length == 0) {
      throw new IllegalArgumentException("AddN needs at least one input");
    }
    NdArray first = inputs[0];
    for (int i = 1; i < inputs.length; i++) {
      if (!inputs[i].shape().equals(first.shape())) {
        throw new InvalidArgumentException("Inputs to operation " + opName + " of type AddN must have the same size "
            + "and shape.  Input 0: " + first.shape().toDimsString() + " != input " + i + ": "
            + inputs[i].shape().toDimsString());
      }
      if (inputs[i].dtype() != first.dtype()) {
        throw new InvalidArgumentException("AddN takes inputs of one dtype, got " + first.dtype() + " and "
            + inputs[i].dtype());
      }
    }
    if (inputs.length == 1) {
      return first;
    }
    int n = first.size();
    Object out;
    switch (first.dtype()) {
      case FLOAT32: {
        float[] o = ((float[]) NdArrayAccess.data(first)).clone();
        for (int k = 1; k < inputs.length; k++) {
          float[] in = (float[]) NdArrayAccess.data(inputs[k]);
          for (int i = 0; i < n; i++) {
            o[i] += in[i];
          }
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] o = ((double[]) NdArrayAccess.data(first)).clone();
        for (int k = 1; k < inputs.length; k++) {
          double[] in = (double[]) NdArrayAccess.data(inputs[k]);
          for (int i = 0; i < n; i++) {
            o[i] += in[i];
          }
        }
        out = o;
        break;
      }
      case INT32: {
        int[] o = ((int[]) NdArrayAccess.data(first)).clone();
        for (int k = 1; k < inputs.length; k++) {
          int[] in = (int[]) NdArrayAccess.data(inputs[k]);
          for (int i = 0; i < n; i++) {
            o[i] += in[i];
          }
        }
        out = o;
        break;
      }
      case INT64: {
        long[] o = ((long[]) NdArrayAccess.data(first)).clone();
        for (int k = 1; k < inputs.length; k++) {
          long[] in = (long[]) NdArrayAccess.data(inputs[k]);
          for (int i = 0; i < n; i++) {
            o[i] += in[i];
          }
        }
        out = o;
        break;
      }
      default:
        throw new UnsupportedOperationException("No kernel for op type 'AddN' with dtype " + first.dtype());
    }
    return NdArray.wrap(first.dtype(), first.shape(), out);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** {@code values} as an integer array of {@code dtype} (int32 or int64) with the given shape. */
  public static NdArray integers(long[] values, DType dtype, Shape shape) {
    switch (dtype) {
      case INT64:
        return NdArray.wrap(DType.INT64, shape, values.clone());
      case INT32: {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
          out[i] = (int) values[i];
        }
        return NdArray.wrap(DType.INT32, shape, out);
      }
      default:
        throw new IllegalArgumentException("An index type must be int32 or int64, got " + dtype);
    }
  }

  private static void requireInteger(NdArray v, String what) {
    if (!v.dtype().isInteger()) {
      throw new InvalidArgumentException(what + " must be int32 or int64, got " + v.dtype());
    }
  }

  private static String join(long[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? "," : "").append(values[i]);
    }
    return sb.toString();
  }

  /** Row-major strides (in elements) of an array with these dimensions. */
  public static long[] strides(long[] dims) {
    long[] strides = new long[dims.length];
    long stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= dims[i];
    }
    return strides;
  }

  /** Advances a row-major odometer over {@code dims} by one step. */
  private static void advance(int[] counter, long[] dims) {
    for (int d = counter.length - 1; d >= 0; d--) {
      if (++counter[d] < dims[d]) {
        return;
      }
      counter[d] = 0;
    }
  }

  public static Object newStorage(DType dtype, int n) {
    return Array.newInstance(NdArrayAccess.storageClass(dtype).getComponentType(), n);
  }

  /** An array of {@code shape} whose element {@code k} is element {@code src[k]} of {@code x}. */
  public static NdArray gather(NdArray x, Shape shape, int[] src) {
    int n = src.length;
    Object data = switch (x.dtype()) {
      case FLOAT32 -> {
        float[] in = (float[]) NdArrayAccess.data(x);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = in[src[i]];
        }
        yield out;
      }
      case FLOAT64 -> {
        double[] in = (double[]) NdArrayAccess.data(x);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = in[src[i]];
        }
        yield out;
      }
      case INT32 -> {
        int[] in = (int[]) NdArrayAccess.data(x);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
          out[i] = in[src[i]];
        }
        yield out;
      }
      case INT64 -> {
        long[] in = (long[]) NdArrayAccess.data(x);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = in[src[i]];
        }
        yield out;
      }
      case BOOL -> {
        boolean[] in = (boolean[]) NdArrayAccess.data(x);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
          out[i] = in[src[i]];
        }
        yield out;
      }
      case STRING -> {
        byte[][] in = (byte[][]) NdArrayAccess.data(x);
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
          out[i] = in[src[i]];
        }
        yield out;
      }
    };
    return NdArray.wrap(x.dtype(), shape, data);
  }
}
