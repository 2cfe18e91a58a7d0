package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernels of the ops behind embeddings and sparse gradients ({@code GatherV2}, {@code StridedSlice},
 * {@code Unique}, {@code UnsortedSegmentSum}, {@code DynamicPartition}, {@code Scatter*}). Data movement goes
 * through index maps ({@link ArrayKernels#gather}), so every dtype is served by one loop; sums are computed in
 * {@code double} for floating dtypes and in {@code long} for integer ones, then stored in the element type.
 * Index errors carry TensorFlow's text ({@code indices[1] = 12 is not in [0, 10)}) and, where the caller gives
 * it, the node that failed.
 */
public final class SparseKernels {
  private SparseKernels() {}

  /**
   * {@code GatherV2} with {@code batch_dims = 0}: {@code params.shape[:axis] + indices.shape +
   * params.shape[axis + 1:]}.
   */
  public static NdArray gatherV2(NdArray params, NdArray indices, NdArray axisValue, String node) {
    requireIndices(indices, "indices");
    int rank = params.shape().rank();
    long axis = axisValue.getLong(0);
    if (axis < -rank || axis >= rank) {
      throw new InvalidArgumentException("Expected axis in the range [" + -rank + ", " + rank + "), but got " + axis
          + where(node));
    }
    int a = (int) (axis < 0 ? axis + rank : axis);
    long[] dims = params.shape().dims();
    long outer = product(dims, 0, a);
    long axisDim = dims[a];
    long inner = product(dims, a + 1, rank);
    int n = indices.size();
    int[] src = new int[Math.toIntExact(outer * n * inner)];
    int k = 0;
    for (long o = 0; o < outer; o++) {
      for (int j = 0; j < n; j++) {
        long idx = indices.getLong(j);
        if (idx < 0 || idx >= axisDim) {
          throw new InvalidArgumentException("indices" + position(indices.shape(), j) + " = " + idx + " is not in [0, "
              + axisDim + ")" + where(node));
        }
        long base = (o * axisDim + idx) * inner;
        for (long i = 0; i < inner; i++) {
          src[k++] = (int) (base + i);
        }
      }
    }
    long[] out = concat(Arrays.copyOfRange(dims, 0, a), indices.shape().dims(), Arrays.copyOfRange(dims, a + 1, rank));
    return ArrayKernels.gather(params, Shape.of(out), src);
  }

  /** {@code Unique}: the distinct elements of a vector in order of first appearance, and each element's position. */
  public static NdArray[] unique(NdArray x, DType outIdx) {
    if (x.shape().rank() != 1) {
      throw new InvalidArgumentException("unique expects a 1D vector.");
    }
    Map<Object, Integer> seen = new HashMap<>();
    List<Integer> firsts = new ArrayList<>();
    long[] idx = new long[x.size()];
    for (int i = 0; i < x.size(); i++) {
      Object key = x.get(i);
      Integer at = seen.get(key);
      if (at == null) {
        at = firsts.size();
        seen.put(key, at);
        firsts.add(i);
      }
      idx[i] = at;
    }
    int[] src = firsts.stream().mapToInt(Integer::intValue).toArray();
    NdArray y = ArrayKernels.gather(x, Shape.of(src.length), src);
    return new NdArray[] {y, ArrayKernels.integers(idx, outIdx, x.shape())};
  }

  /**
   * {@code UnsortedSegmentSum}: {@code out[segment_ids[i], ...] += data[i, ...]}, of shape
   * {@code [num_segments] + data.shape[segment_ids.rank:]}; segments no id names are zero.
   */
  public static NdArray unsortedSegmentSum(NdArray data, NdArray segmentIds, NdArray numSegments, String node) {
    requireIndices(segmentIds, "segment_ids");
    Shape ids = segmentIds.shape();
    if (!startsWith(data.shape(), ids)) {
      throw new InvalidArgumentException("data.shape = " + data.shape().toDimsString()
          + " does not start with segment_ids.shape = " + ids.toDimsString() + where(node));
    }
    long rows = numSegments.getLong(0);
    if (rows < 0) {
      throw new InvalidArgumentException("Input num_segments == " + rows + " must not be negative." + where(node));
    }
    long[] dims = data.shape().dims();
    long[] tail = Arrays.copyOfRange(dims, ids.rank(), dims.length);
    int inner = (int) product(tail, 0, tail.length);
    long[] outDims = concat(new long[] {rows}, tail);
    int n = segmentIds.size();
    Accumulator acc = new Accumulator(data.dtype(), Math.toIntExact(rows * inner));
    for (int i = 0; i < n; i++) {
      long j = segmentIds.getLong(i);
      if (j < 0 || j >= rows) {
        throw new InvalidArgumentException("segment_ids" + position(ids, i) + " = " + j + " is out of range [0, " + rows
            + ")" + where(node));
      }
      acc.addRow(data, i * inner, (int) j * inner, inner, 1);
    }
    return acc.result(Shape.of(outDims));
  }

  /**
   * {@code DynamicPartition}: output {@code p} holds the slices {@code data[i]} whose {@code partitions[i] == p},
   * in order ({@code partitions.shape} must prefix {@code data.shape}).
   */
  public static NdArray[] dynamicPartition(NdArray data, NdArray partitions, int numPartitions, String node) {
    Shape ps = partitions.shape();
    if (!startsWith(data.shape(), ps)) {
      throw new InvalidArgumentException("data.shape must start with partitions.shape, got data.shape = "
          + data.shape().toDimsString() + ", partitions.shape = " + ps.toDimsString() + where(node));
    }
    long[] dims = data.shape().dims();
    long[] tail = Arrays.copyOfRange(dims, ps.rank(), dims.length);
    int inner = (int) product(tail, 0, tail.length);
    List<List<Integer>> rows = new ArrayList<>();
    for (int p = 0; p < numPartitions; p++) {
      rows.add(new ArrayList<>());
    }
    for (int i = 0; i < partitions.size(); i++) {
      long p = partitions.getLong(i);
      if (p < 0 || p >= numPartitions) {
        throw new InvalidArgumentException("partitions" + position(ps, i) + " = " + p + " is not in [0, "
            + numPartitions + ")" + where(node));
      }
      rows.get((int) p).add(i);
    }
    NdArray[] out = new NdArray[numPartitions];
    for (int p = 0; p < numPartitions; p++) {
      List<Integer> r = rows.get(p);
      int[] src = new int[r.size() * inner];
      int k = 0;
      for (int row : r) {
        for (int e = 0; e < inner; e++) {
          src[k++] = row * inner + e;
        }
      }
      out[p] = ArrayKernels.gather(data, Shape.of(concat(new long[] {r.size()}, tail)), src);
    }
    return out;
  }

  /** How a {@code Scatter*} op combines a variable's row with an update row. */
  public enum ScatterMode {
    UPDATE, ADD, SUB
  }

  /**
   * {@code ScatterUpdate}/{@code ScatterAdd}/{@code ScatterSub}: the new value of {@code ref} after applying
   * {@code updates[i, ...]} to row {@code indices[i]}, in order ({@code updates.shape = indices.shape +
   * ref.shape[1:]}).
   */
  public static NdArray scatter(NdArray ref, NdArray indices, NdArray updates, ScatterMode mode, String node) {
    requireIndices(indices, "indices");
    long[] dims = ref.shape().dims();
    if (dims.length == 0) {
      throw new InvalidArgumentException("Parameter must be at least 1-D, got shape [] " + where(node).trim());
    }
    long[] expected = concat(indices.shape().dims(), Arrays.copyOfRange(dims, 1, dims.length));
    if (!Arrays.equals(expected, updates.shape().dims())) {
      throw new InvalidArgumentException("Must have updates.shape = indices.shape + params.shape[1:] or "
          + "updates.shape = [], got updates.shape " + updates.shape().toDimsString() + ", indices.shape "
          + indices.shape().toDimsString() + ", params.shape " + ref.shape().toDimsString() + where(node));
    }
    int inner = (int) product(dims, 1, dims.length);
    Accumulator acc = new Accumulator(ref);
    for (int i = 0; i < indices.size(); i++) {
      long idx = indices.getLong(i);
      if (idx < 0 || idx >= dims[0]) {
        throw new InvalidArgumentException("indices" + position(indices.shape(), i) + " = " + idx + " is not in [0, "
            + dims[0] + ")" + where(node));
      }
      int at = (int) idx * inner;
      switch (mode) {
        case UPDATE -> acc.setRow(updates, i * inner, at, inner);
        case ADD -> acc.addRow(updates, i * inner, at, inner, 1);
        case SUB -> acc.addRow(updates, i * inner, at, inner, -1);
      }
    }
    return acc.result(ref.shape());
  }

  /**
   * {@code StridedSlice} without ellipsis and new axes: {@code input[begin:end:strides]} per dimension, the
   * masks as TF reads them (bit {@code i} of {@code begin_mask}/{@code end_mask}: that bound is the full
   * range; of {@code shrink_axis_mask}: take the single index {@code begin[i]} and drop the dimension).
   */
  public static NdArray stridedSlice(NdArray input, NdArray begin, NdArray end, NdArray strides, long beginMask,
      long endMask, long shrinkMask, String node) {
    long[] dims = input.shape().dims();
    Plan plan = plan(dims, begin.toLongArray(), end.toLongArray(), strides.toLongArray(), beginMask, endMask,
        shrinkMask, node);
    int rank = dims.length;
    long[] inStrides = ArrayKernels.strides(dims);
    long total = 1;
    for (long s : plan.sizes) {
      total *= s;
    }
    int[] src = new int[Math.toIntExact(total)];
    long[] counter = new long[rank];
    for (int k = 0; k < src.length; k++) {
      long offset = 0;
      for (int d = 0; d < rank; d++) {
        offset += (plan.starts[d] + counter[d] * plan.steps[d]) * inStrides[d];
      }
      src[k] = (int) offset;
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < plan.sizes[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return ArrayKernels.gather(input, Shape.of(plan.outDims), src);
  }

  /** The output shape of {@code StridedSlice} when the input shape is known (unknown dimensions stay unknown). */
  public static Shape stridedSliceShape(Shape input, long[] begin, long[] end, long[] strides, long beginMask,
      long endMask, long shrinkMask, String node) {
    long[] dims = input.dims();
    long[] known = new long[dims.length];
    for (int d = 0; d < dims.length; d++) {
      known[d] = dims[d] < 0 ? Long.MAX_VALUE / 4 : dims[d];
    }
    Plan plan = plan(known, begin, end, strides, beginMask, endMask, shrinkMask, node);
    List<Long> out = new ArrayList<>();
    for (int d = 0, o = 0; d < dims.length; d++) {
      if ((shrinkMask >> d & 1) != 0 && d < begin.length) {
        continue;
      }
      out.add(dims[d] < 0 ? -1 : plan.outDims[o]);
      o++;
    }
    return Shape.of(out.stream().mapToLong(Long::longValue).toArray());
  }

  private record Plan(long[] starts, long[] steps, long[] sizes, long[] outDims) {}

  private static Plan plan(long[] dims, long[] begin, long[] end, long[] strides, long beginMask, long endMask,
      long shrinkMask, String node) {
    if (begin.length != end.length || begin.length != strides.length) {
      throw new InvalidArgumentException("Expected begin, end, and strides to be 1D equal size tensors, but got "
          + "shapes [" + begin.length + "], [" + end.length + "], and [" + strides.length + "] instead." + where(node));
    }
    if (begin.length > dims.length) {
      throw new InvalidArgumentException("Index out of range using input dim " + dims.length + "; input has only "
          + dims.length + " dims" + where(node));
    }
    int rank = dims.length;
    long[] starts = new long[rank];
    long[] steps = new long[rank];
    long[] sizes = new long[rank];
    List<Long> out = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      long n = dims[d];
      if (d >= begin.length) {
        starts[d] = 0;
        steps[d] = 1;
        sizes[d] = n;
        out.add(n);
        continue;
      }
      long s = strides[d];
      if (s == 0) {
        throw new InvalidArgumentException("strides[" + d + "] must be non-zero" + where(node));
      }
      if ((shrinkMask >> d & 1) != 0) {
        long b = begin[d] < 0 ? begin[d] + n : begin[d];
        if (b < 0 || b >= n) {
          throw new InvalidArgumentException("slice index " + begin[d] + " of dimension " + d + " out of bounds."
              + where(node));
        }
        starts[d] = b;
        steps[d] = 1;
        sizes[d] = 1;
        continue;
      }
      long b;
      long e;
      if (s > 0) {
        b = (beginMask >> d & 1) != 0 ? 0 : clamp(begin[d] < 0 ? begin[d] + n : begin[d], 0, n);
        e = (endMask >> d & 1) != 0 ? n : clamp(end[d] < 0 ? end[d] + n : end[d], 0, n);
      } else {
        b = (beginMask >> d & 1) != 0 ? n - 1 : clamp(begin[d] < 0 ? begin[d] + n : begin[d], -1, n - 1);
        e = (endMask >> d & 1) != 0 ? -1 : clamp(end[d] < 0 ? end[d] + n : end[d], -1, n - 1);
      }
      long size = s > 0 ? Math.max(0, (e - b + s - 1) / s) : Math.max(0, (b - e + (-s) - 1) / (-s));
      starts[d] = b;
      steps[d] = s;
      sizes[d] = size;
      out.add(size);
    }
    return new Plan(starts, steps, sizes, out.stream().mapToLong(Long::longValue).toArray());
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  // ---------------------------------------------------------------------------------------------

  /** Rows of a numeric array being summed or overwritten: {@code double}s for floating dtypes, {@code long}s else. */
  static final class Accumulator {
    private final DType dtype;
    private final double[] d;
    private final long[] l;

    Accumulator(DType dtype, int size) {
      this.dtype = dtype;
      requireNumeric(dtype);
      d = dtype.isFloating() ? new double[size] : null;
      l = dtype.isFloating() ? null : new long[size];
    }

    Accumulator(NdArray start) {
      this(start.dtype(), start.size());
      for (int i = 0; i < start.size(); i++) {
        if (d != null) {
          d[i] = start.getDouble(i);
        } else {
          l[i] = start.getLong(i);
        }
      }
    }

    void addRow(NdArray from, int fromAt, int at, int n, int sign) {
      for (int e = 0; e < n; e++) {
        if (d != null) {
          d[at + e] += sign * from.getDouble(fromAt + e);
        } else {
          l[at + e] += sign * from.getLong(fromAt + e);
        }
      }
    }

    void setRow(NdArray from, int fromAt, int at, int n) {
      for (int e = 0; e < n; e++) {
        if (d != null) {
          d[at + e] = from.getDouble(fromAt + e);
        } else {
          l[at + e] = from.getLong(fromAt + e);
        }
      }
    }

    NdArray result(Shape shape) {
      return d != null ? NdArray.create(DType.FLOAT64, shape, d).cast(dtype)
          : NdArray.create(DType.INT64, shape, l).cast(dtype);
    }
  }

  static void requireNumeric(DType dtype) {
    if (!dtype.isNumeric()) {
      throw new InvalidArgumentException("Expected a numeric dtype (float32, float64, int32, int64), got " + dtype);
    }
  }

  static void requireIndices(NdArray indices, String what) {
    if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
      throw new InvalidArgumentException(what + " must be int32 or int64, got " + indices.dtype());
    }
  }

  static String where(String node) {
    return node == null ? "" : "\n\t [[node " + node + "]]";
  }

  /** TF's {@code SliceDebugString}: {@code [i]} for a vector, {@code [i,j]} for a matrix. */
  static String position(Shape shape, int flat) {
    long[] dims = shape.dims();
    if (dims.length == 0) {
      return "";
    }
    long[] at = new long[dims.length];
    long rest = flat;
    for (int d = dims.length - 1; d >= 0; d--) {
      at[d] = dims[d] == 0 ? 0 : rest % dims[d];
      rest = dims[d] == 0 ? 0 : rest / dims[d];
    }
    StringBuilder b = new StringBuilder("[");
    for (int d = 0; d < at.length; d++) {
      b.append(d > 0 ? "," : "").append(at[d]);
    }
    return b.append("]").toString();
  }

  static boolean startsWith(Shape full, Shape prefix) {
    if (full.rank() < prefix.rank()) {
      return false;
    }
    for (int d = 0; d < prefix.rank(); d++) {
      if (full.dim(d) != prefix.dim(d)) {
        return false;
      }
    }
    return true;
  }

  static long product(long[] dims, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }

  static long[] concat(long[]... parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] out = new long[n];
    int k = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
