package io.scopegraph;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The graph building that {@link IndexedSlices} need, named as TF 1.15's Python names it: the dense conversion
 * ({@code convert_to_tensor}), the aggregation of several gradients of which some are sparse
 * ({@code backprop.aggregate_indexed_slices_gradients}), {@code tuple} over sparse gradients, and the small
 * wrappers both use ({@code shape[0]}, {@code unsorted_segment_sum}). Under the graph lock.
 */
final class IndexedSlicesOps {
  private IndexedSlicesOps() {}

  private static final Operation[] NO_OPS = {};

  /**
   * {@code ops.convert_to_tensor(slices)} ({@code _indexed_slices_to_tensor}): {@code unsorted_segment_sum(values,
   * indices, dense_shape[0])} — ops {@code strided_slice/stack}, {@code …/stack_1}, {@code …/stack_2},
   * {@code strided_slice}, {@code UnsortedSegmentSum} in the current name scope.
   *
   * @throws ScopeGraphException without a dense shape, as TF's {@code ValueError}
   */
  static Tensor toDense(Ops tf, IndexedSlices slices) {
    if (slices.denseShape() == null) {
      throw new ScopeGraphException("Tensor conversion requested for IndexedSlices without dense_shape: " + slices);
    }
    Tensor rows = stridedSlice(tf, slices.denseShape(), new int[] {0}, new int[] {1}, new int[] {1}, 0, 0, 1);
    return unsortedSegmentSum(tf, slices.values(), slices.indices(), rows, null);
  }

  /** {@code t} itself, or the dense conversion of an {@code IndexedSlices}. */
  static Tensor dense(Ops tf, TensorLike t) {
    return t instanceof IndexedSlices s ? toDense(tf, s) : (Tensor) t;
  }

  /** {@link #dense} of each (nulls stay null). */
  static List<Tensor> denseAll(Ops tf, List<TensorLike> values) {
    List<Tensor> out = new ArrayList<>(values.size());
    for (TensorLike t : values) {
      out.add(t == null ? null : dense(tf, t));
    }
    return out;
  }

  /**
   * TF 1.15's aggregation of several gradients of one tensor when not all are dense: any dense one →
   * {@code add_n} of all (op {@code AddN}, the sparse ones converted inside its scope); else one
   * {@code IndexedSlices} of the concatenated values ({@code concat}) and indices ({@code concat_1}), int32
   * indices cast to int64 when the indices' dtypes differ.
   */
  static TensorLike aggregate(Ops tf, List<TensorLike> grads) {
    boolean anyDense = false;
    for (TensorLike g : grads) {
      anyDense |= g instanceof Tensor;
    }
    if (anyDense) {
      return tf.inScopeLocked(null, "AddN", scope -> {
        Tensor[] in = new Tensor[grads.size()];
        for (int i = 0; i < in.length; i++) {
          in[i] = dense(tf, grads.get(i)).value();
        }
        return tf.graph().addNode("AddN", scope, in, new Object[] {"N", (long) in.length, "T", in[0].dtype()});
      });
    }
    List<IndexedSlices> slices = new ArrayList<>();
    boolean int32 = false;
    boolean int64 = false;
    for (TensorLike g : grads) {
      IndexedSlices s = (IndexedSlices) g;
      slices.add(s);
      int32 |= s.indices().dtype() == DType.INT32;
      int64 |= s.indices().dtype() == DType.INT64;
    }
    if (int32 && int64) {
      List<IndexedSlices> cast = new ArrayList<>();
      for (IndexedSlices s : slices) {
        cast.add(s.indices().dtype() == DType.INT32
            ? new IndexedSlices(s.values(), tf.cast(s.indices(), DType.INT64), s.denseShape()) : s);
      }
      slices = cast;
    }
    List<Tensor> values = new ArrayList<>();
    List<Tensor> indices = new ArrayList<>();
    for (IndexedSlices s : slices) {
      values.add(s.values());
      indices.add(s.indices());
    }
    return new IndexedSlices(tf.concat(values, 0), tf.concat(indices, 0), slices.get(0).denseShape());
  }

  /**
   * {@code control_flow_ops.tuple} over gradients some of which are sparse: gate {@code tuple/group_deps} on the
   * ops producing them (an {@code IndexedSlices}' values), then {@code tuple/control_dependency[_k]} on each
   * tensor or each {@code IndexedSlices}' values ({@code with_dependencies}).
   */
  static List<TensorLike> tuple(Ops tf, List<TensorLike> tensors) {
    Graph graph = tf.graph();
    return tf.inScopeLocked(null, "tuple", scope -> {
      TreeMap<Integer, Operation> gating = new TreeMap<>();
      for (TensorLike t : tensors) {
        if (t != null) {
          Operation op = t instanceof IndexedSlices s ? s.op() : ((Tensor) t).op();
          gating.put(op.id(), op);
        }
      }
      Operation gate = tf.inScopeLocked(null, "group_deps", s -> graph.addNode("NoOp", s, new Tensor[0],
          gating.values().toArray(new Operation[0]), null));
      List<TensorLike> out = new ArrayList<>();
      for (TensorLike t : tensors) {
        if (t == null) {
          out.add(null);
          continue;
        }
        Tensor v = t instanceof IndexedSlices s ? s.values() : (Tensor) t;
        Tensor gated = tf.inScopeLocked(null, "control_dependency", s -> graph.addNode("Identity", s,
            new Tensor[] {v}, new Operation[] {gate}, Ops.typeAttr(v)).output(0));
        out.add(t instanceof IndexedSlices s ? new IndexedSlices(gated, s.indices(), s.denseShape()) : gated);
      }
      return out;
    });
  }

  /**
   * {@code input[...]} as Python's {@code _slice_helper} builds it: scope {@code strided_slice}, the constant
   * vectors {@code stack}, {@code stack_1}, {@code stack_2} (begin, end, strides; int32) and the op.
   */
  static Tensor stridedSlice(Ops tf, Tensor input, int[] begin, int[] end, int[] strides, long beginMask,
      long endMask, long shrinkMask) {
    return tf.inScopeLocked(null, "strided_slice", scope -> {
      Tensor b = tf.constOp(NdArray.of(begin), "stack");
      Tensor e = tf.constOp(NdArray.of(end), "stack");
      Tensor s = tf.constOp(NdArray.of(strides), "stack");
      return tf.graph().addNode("StridedSlice", scope, new Tensor[] {input.value(), b, e, s}, NO_OPS,
          new Object[] {"Index", DType.INT32, "T", input.dtype(), "begin_mask", beginMask, "ellipsis_mask", 0L,
              "end_mask", endMask, "new_axis_mask", 0L, "shrink_axis_mask", shrinkMask}).output(0);
    });
  }

  /** {@code math_ops.unsorted_segment_sum(data, segment_ids, num_segments, name)}: op {@code UnsortedSegmentSum}. */
  static Tensor unsortedSegmentSum(Ops tf, Tensor data, Tensor ids, Tensor numSegments, String name) {
    return tf.inScopeLocked(name, "UnsortedSegmentSum", scope -> tf.graph().addNode("UnsortedSegmentSum", scope,
        new Tensor[] {data.value(), ids.value(), numSegments.value()}, NO_OPS,
        new Object[] {"T", data.dtype(), "Tindices", ids.dtype(), "Tnumsegments", numSegments.dtype()}).output(0));
  }

  /** {@code array_ops.gather(params, indices, axis=axis, name)}: {@code GatherV2/axis} (int32) and op {@code GatherV2}. */
  static Tensor gather(Ops tf, Tensor params, Tensor indices, int axis, String name) {
    return tf.inScopeLocked(name, "GatherV2", scope -> {
      Tensor a = tf.constOp(NdArray.scalar(axis), "axis");
      return tf.graph().addNode("GatherV2", scope, new Tensor[] {params.value(), indices.value(), a}, NO_OPS,
          new Object[] {"Taxis", DType.INT32, "Tindices", indices.dtype(), "Tparams", params.dtype(), "batch_dims",
              0L}).output(0);
    });
  }
}
