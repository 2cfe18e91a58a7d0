package io.scopegraph;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code tf.nn.embedding_lookup(params, ids, partition_strategy, name)} as TF 1.15's
 * {@code _embedding_lookup_and_transform} builds it (no {@code max_norm}, no transform): one tensor or variable →
 * {@code GatherV2} on its value and an {@code Identity}; several shards → flat ids, shard and row of each id by
 * the strategy ({@code "mod"} or {@code "div"}), {@code DynamicPartition}s, one {@code GatherV2} per shard,
 * {@code ParallelDynamicStitch} and the reshape back to {@code ids.shape + row shape}. Runs under the graph lock.
 */
final class EmbeddingLookup {
  private EmbeddingLookup() {}

  private static final Operation[] NO_OPS = {};

  static Tensor build(Ops tf, List<? extends Tensor> params, Tensor ids, String strategy, String name) {
    if (params == null) {
      throw new ScopeGraphException("params must be specified");
    }
    if (params.isEmpty()) {
      throw new ScopeGraphException("Need at least one param");
    }
    if (ids.dtype() != DType.INT32 && ids.dtype() != DType.INT64) {
      throw new DTypeMismatchException("Value passed to parameter 'indices' has DataType " + ids.dtype()
          + " not in list of allowed values: int32, int64 (op GatherV2)");
    }
    List<Tensor> values = new ArrayList<>(params);
    values.add(ids);
    Graph graph = tf.graph();
    graph.checkValuesFromThisGraph(values);
    if (params.size() > 1 && !strategy.equals("mod") && !strategy.equals("div")) {
      throw new ScopeGraphException("Unrecognized partition strategy: " + strategy);
    }
    return tf.inScopeLocked(name, "embedding_lookup", scope -> {
      List<Tensor> p = new ArrayList<>();
      for (Tensor t : params) {
        p.add(t.value()); // convert_n_to_tensor: a variable's read snapshot
      }
      if (p.size() == 1) {
        Tensor result = graph.colocatedWith(p.get(0).op(), () -> gather(tf, p.get(0), ids, scope));
        return tf.rawOp("Identity", Ops.typeAttr(result), result);
      }
      return partitioned(tf, p, ids.value(), strategy, scope);
    });
  }

  private static Tensor partitioned(Ops tf, List<Tensor> params, Tensor ids, String strategy, String scope) {
    Graph graph = tf.graph();
    int np = params.size();
    Tensor flatIds = tf.reshapeOp(ids, new int[] {-1}, null);
    Tensor originalIndices = tf.rangeOp(0, tf.sizeOf(flatIds, null), 1);
    Tensor assignments;
    Tensor newIds;
    if (strategy.equals("mod")) {
      assignments = tf.operator("mod", flatIds, np);
      newIds = tf.operator("floordiv", flatIds, np);
    } else {
      long total = 0;
      for (Tensor t : params) {
        long rows = t.shape().hasKnownRank() && t.shape().rank() > 0 ? t.shape().dim(0) : -1;
        if (rows < 0) {
          throw new UnsupportedOperationException("embedding_lookup with partition_strategy \"div\" needs every "
              + "shard's first dimension known statically; " + t + " has shape " + t.shape());
        }
        total += rows;
      }
      Tensor numTotal = tf.constOp(flatIds.dtype() == DType.INT64 ? NdArray.scalar(total)
          : NdArray.scalar(Math.toIntExact(total)), null);
      Tensor idsPerPartition = tf.operator("floordiv", numTotal, np);
      Tensor extras = tf.operator("mod", numTotal, np);
      Tensor larger = tf.operator("floordiv", flatIds, tf.operator("add", idsPerPartition, 1));
      Tensor smaller = tf.operator("floordiv", tf.operator("sub", flatIds, extras), idsPerPartition);
      assignments = tf.rawOp("Maximum", Ops.typeAttr(larger), larger, smaller);
      Tensor inLarger = tf.rawOp("Less", Ops.typeAttr(assignments), assignments, extras);
      Tensor rowInLarger = tf.operator("mod", flatIds, tf.operator("add", idsPerPartition, 1));
      Tensor rowInSmaller = tf.operator("mod", tf.operator("sub", flatIds, extras), idsPerPartition);
      newIds = tf.rawOp("Select", Ops.typeAttr(rowInLarger), inLarger, rowInLarger, rowInSmaller);
    }
    if (assignments.dtype() != DType.INT32) {
      Tensor from = assignments;
      assignments = tf.inScopeLocked(null, "Cast", s -> graph.addNode("Cast", s, new Tensor[] {from},
          new Object[] {"SrcT", from.dtype(), "DstT", DType.INT32, "Truncate", false}));
    }
    Operation gatherIds = dynamicPartition(tf, newIds, assignments, np);
    Operation positions = dynamicPartition(tf, originalIndices, assignments, np);
    List<Tensor> rows = new ArrayList<>();
    for (int i = 0; i < np; i++) {
      Tensor shard = params.get(i);
      Tensor shardIds = gatherIds.output(i);
      rows.add(graph.colocatedWith(shard.op(), () -> IndexedSlicesOps.gather(tf, shard, shardIds, 0, null)));
    }
    Tensor[] stitchIn = new Tensor[2 * np];
    for (int i = 0; i < np; i++) {
      stitchIn[i] = positions.output(i);
      stitchIn[np + i] = rows.get(i);
    }
    Tensor stitched = graph.addNode("ParallelDynamicStitch", scope, stitchIn, NO_OPS,
        new Object[] {"N", (long) np, "T", rows.get(0).dtype()}).output(0);
    Shape rowShape = rowShape(params);
    Tensor rowDims;
    Tensor idsShape;
    if (rowShape.isFullyDefined()) {
      idsShape = tf.shapeOf(ids, true, null);
      rowDims = null;
    } else {
      Tensor firstShape = graph.colocatedWith(params.get(0).op(), () -> tf.shapeOf(params.get(0), true, null));
      rowDims = IndexedSlicesOps.stridedSlice(tf, firstShape, new int[] {1}, new int[] {0}, new int[] {1}, 0, 1, 0);
      idsShape = tf.shapeOf(ids, true, null);
    }
    Tensor fullShape = tf.inScopeLocked(null, "concat", s -> {
      Tensor rest = rowDims != null ? rowDims : tf.constOp(NdArray.of(Ops.toInts(rowShape.dims())), "values_1");
      Tensor axis = tf.constOp(NdArray.scalar(0), "axis");
      return graph.addNode("ConcatV2", s, new Tensor[] {idsShape, rest, axis},
          new Object[] {"N", 2L, "T", DType.INT32, "Tidx", DType.INT32});
    });
    Tensor out = tf.reshapeOp(stitched, fullShape, null);
    if (ids.shape().hasKnownRank() && rowShape.hasKnownRank()) {
      long[] a = ids.shape().dims();
      long[] b = rowShape.dims();
      long[] all = new long[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      out.setShape(Shape.of(all));
    }
    return out;
  }

  /** The GatherV2 named exactly {@code opName}, its axis {@code <opName>/axis}. */
  private static Tensor gather(Ops tf, Tensor params, Tensor ids, String opName) {
    Tensor axis = tf.constOp(NdArray.scalar(0), "axis");
    return tf.graph().addNode("GatherV2", opName, new Tensor[] {params, ids.value(), axis}, NO_OPS,
        new Object[] {"Taxis", DType.INT32, "Tindices", ids.dtype(), "Tparams", params.dtype(), "batch_dims", 0L})
        .output(0);
  }

  private static Operation dynamicPartition(Ops tf, Tensor data, Tensor partitions, int n) {
    return tf.inScopeLocked(null, "DynamicPartition", s -> tf.graph().addNode("DynamicPartition", s,
        new Tensor[] {data, partitions}, NO_OPS, new Object[] {"T", data.dtype(), "num_partitions", (long) n}));
  }

  /** The merged static shape of one row ({@code params[i].shape[1:]}). */
  private static Shape rowShape(List<Tensor> params) {
    Shape merged = Shape.unknown();
    for (Tensor t : params) {
      Shape s = t.shape();
      merged = merged.mergeWith(s.hasKnownRank() && s.rank() > 0
          ? Shape.of(java.util.Arrays.copyOfRange(s.dims(), 1, s.rank())) : Shape.unknown());
    }
    return merged;
  }
}
