package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code tf.nn.embedding_lookup} on shards (spec §3.2): the op lists of both strategies and their values. */
class PartitionedEmbeddingTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> opsFrom(int index) {
    return g.operations().subList(index, g.operations().size()).stream().map(Operation::name).toList();
  }

  private static List<String> prefixed(String scope, String... names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(n.isEmpty() ? scope : scope + "/" + n);
    }
    return out;
  }

  @Test
  @DisplayName("§3.2 PartitionedVariable, strategy mod: flat ids, mod/floordiv, partitions, per-shard GatherV2, stitch, reshape")
  void modNames() {
    PartitionedVariable emb = tf.getVariableBuilder("emb").shape(Shape.of(10, 4))
        .partitioner(Partitioners.fixedSize(2)).getPartitioned();
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    int mark = g.operations().size();
    Tensor out = tf.embeddingLookup(emb, ids);
    assertEquals(prefixed("embedding_lookup", "Reshape/shape", "Reshape", "Size", "range/start", "range/delta",
        "range", "mod/y", "mod", "floordiv/y", "floordiv", "DynamicPartition", "DynamicPartition_1", "GatherV2/axis",
        "GatherV2", "GatherV2_1/axis", "GatherV2_1", "", "Shape", "concat/values_1", "concat/axis", "concat",
        "Reshape_1"), opsFrom(mark));
    assertEquals("ParallelDynamicStitch", g.operation("embedding_lookup").type());
    assertEquals("FloorMod", g.operation("embedding_lookup/mod").type());
    assertEquals("FloorDiv", g.operation("embedding_lookup/floordiv").type());
    assertEquals("emb/part_1/read:0", g.operation("embedding_lookup/GatherV2_1").input(0).name());
    assertEquals("embedding_lookup/Reshape_1:0", out.name());
    assertEquals(Shape.of(-1, 4), out.shape());
  }

  @Test
  @DisplayName("§3.2 strategy div with static shard sizes: Const, floordiv … Maximum, Less … Select; int64 ids add a Cast")
  void divNames() {
    List<Tensor> shards = List.of(tf.constant(new float[3][2], "s0"), tf.constant(new float[2][2], "s1"));
    Tensor ids = tf.placeholder(DType.INT64, Shape.of(-1), "ids");
    int mark = g.operations().size();
    tf.embeddingLookup(shards, ids, "div", "lookup");
    assertEquals(prefixed("lookup", "Reshape/shape", "Reshape", "Size", "range/start", "range/delta", "range",
        "Const", "floordiv/y", "floordiv", "mod/y", "mod", "add/y", "add", "floordiv_1", "sub", "floordiv_2",
        "Maximum", "Less", "add_1/y", "add_1", "mod_1", "sub_1", "mod_2", "Select", "Cast", "DynamicPartition",
        "DynamicPartition_1", "GatherV2/axis", "GatherV2", "GatherV2_1/axis", "GatherV2_1", "", "Shape",
        "concat/values_1", "concat/axis", "concat", "Reshape_1"), opsFrom(mark));
    assertEquals(NdArray.scalar(5L), g.operation("lookup/Const").attr("value"));
  }

  /** Rows {@code i * 10 + c}: an id's row is recognisable. */
  private static float[][] table(int rows) {
    float[][] t = new float[rows][2];
    for (int i = 0; i < rows; i++) {
      t[i] = new float[] {i * 10, i * 10 + 1};
    }
    return t;
  }

  @Test
  @DisplayName("mod and div lookups on shards equal the lookup on the whole table they split")
  void valuesEqualUnpartitioned() {
    float[][] full = table(7);
    int[][] ids = {{6, 0, 3}, {5, 5, 1}};
    for (int n : new int[] {2, 3}) {
      // mod: shard p holds ids p, p + n, …; div: contiguous blocks, the first total % n shards one row larger
      List<Tensor> mod = new ArrayList<>();
      List<Tensor> div = new ArrayList<>();
      int start = 0;
      for (int p = 0; p < n; p++) {
        List<float[]> rows = new ArrayList<>();
        for (int i = p; i < full.length; i += n) {
          rows.add(full[i]);
        }
        mod.add(tf.constant(rows.toArray(new float[0][])));
        int size = full.length / n + (p < full.length % n ? 1 : 0);
        div.add(tf.constant(java.util.Arrays.copyOfRange(full, start, start + size)));
        start += size;
      }
      Tensor idsT = tf.constant(ids);
      Tensor want = tf.embeddingLookup(tf.constant(full), idsT);
      Tensor gotMod = tf.embeddingLookup(mod, idsT, "mod", null);
      Tensor gotDiv = tf.embeddingLookup(div, idsT, "div", null);
      assertEquals(Shape.of(2, 3, 2), gotMod.shape());
      try (Session s = new Session(g)) {
        List<NdArray> v = s.run(List.of(want, gotMod, gotDiv));
        assertArrayEquals(v.get(0).toFloatArray(), v.get(1).toFloatArray(), "mod, " + n + " shards");
        assertArrayEquals(v.get(0).toFloatArray(), v.get(2).toFloatArray(), "div, " + n + " shards");
        assertEquals(Shape.of(2, 3, 2), v.get(1).shape());
      }
    }
  }

  @Test
  @DisplayName("a PartitionedVariable looked up with div equals the lookup on its concatenated shards")
  void partitionedVariableDiv() {
    PartitionedVariable emb = tf.getVariableBuilder("emb").shape(Shape.of(7, 3))
        .partitioner(Partitioners.fixedSize(3)).getPartitioned();
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor got = tf.embeddingLookup(emb, ids, "div", null);
    Tensor whole = tf.concat(emb.shards(), 0);
    Tensor want = tf.gather(whole, ids);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      List<NdArray> v = s.run(List.of(want, got), Map.of(ids, NdArray.of(6, 0, 2, 3, 6)));
      assertArrayEquals(v.get(0).toFloatArray(), v.get(1).toFloatArray());
    }
  }
}
