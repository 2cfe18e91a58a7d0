package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The embedding ops through the facade and the session: names, static shapes, values, run-time errors. */
class SparseOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private NdArray run(Tensor t) {
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      return s.run(t);
    }
  }

  private static NdArray matrix(float[][] rows) {
    return NdArray.of((Object) rows);
  }

  @Test
  @DisplayName("gather axis 0 with repeated ids, every params dtype, int32 and int64 indices")
  void gatherAxis0() {
    Tensor params = tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor out = tf.gather(params, tf.constant(new int[] {2, 0, 2}));
    assertEquals("GatherV2", out.op().name());
    assertEquals("GatherV2/axis", out.op().input(2).op().name());
    assertEquals(Shape.of(3, 2), out.shape());
    assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, run(out).toFloatArray());
    assertArrayEquals(new double[] {3, 1}, run(tf.gather(tf.constant(new double[] {1, 2, 3}),
        tf.constant(new long[] {2, 0}))).toDoubleArray());
    assertArrayEquals(new int[] {30, 10}, run(tf.gather(tf.constant(new int[] {10, 20, 30}),
        tf.constant(new int[] {2, 0}))).toIntArray());
    assertArrayEquals(new long[] {20, 20}, run(tf.gather(tf.constant(new long[] {10, 20, 30}),
        tf.constant(new long[] {1, 1}), "g64")).toLongArray());
    Tensor twoD = tf.gather(params, tf.constant(new int[][] {{0, 1}, {2, 2}}));
    assertEquals(Shape.of(2, 2, 2), twoD.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 5, 6}, run(twoD).toFloatArray());
  }

  @Test
  @DisplayName("gather along axis 1: params[:, ids]")
  void gatherAxis1() {
    Tensor params = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor out = tf.gather(params, tf.constant(new int[] {2, 2, 0}), 1);
    assertEquals(Shape.of(2, 3), out.shape());
    assertArrayEquals(new float[] {3, 3, 1, 6, 6, 4}, run(out).toFloatArray());
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    assertEquals(Shape.of(2, -1), tf.gather(params, ids, 1).shape());
  }

  @Test
  @DisplayName("gather: an index out of range fails at run time naming the index and the node")
  void gatherOutOfRange() {
    Variable emb = tf.getVariable("emb", Shape.of(10, 2));
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor e = tf.embeddingLookup(emb, ids);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      InvalidArgumentException ex = assertThrows(InvalidArgumentException.class,
          () -> s.run(List.of(e), Map.of(ids, NdArray.of(1, 12))));
      assertEquals("indices[1] = 12 is not in [0, 10)\n\t [[node embedding_lookup (GatherV2)]]", ex.getMessage());
      assertThrows(InvalidArgumentException.class, () -> s.run(List.of(e), Map.of(ids, NdArray.of(new int[] {-1}))));
    }
  }

  @Test
  @DisplayName("unique: first appearances in order and the position of each element")
  void unique() {
    List<Tensor> u = tf.unique(tf.constant(new int[] {4, 1, 4, 7, 1}));
    assertEquals("Unique:0", u.get(0).name());
    assertEquals("Unique:1", u.get(1).name());
    assertEquals(Shape.of(-1), u.get(0).shape());
    assertEquals(Shape.of(5), u.get(1).shape());
    assertArrayEquals(new int[] {4, 1, 7}, run(u.get(0)).toIntArray());
    assertArrayEquals(new int[] {0, 1, 0, 2, 1}, run(u.get(1)).toIntArray());
    assertArrayEquals(new long[] {9, 3}, run(tf.unique(tf.constant(new long[] {9, 3, 9})).get(0)).toLongArray());
  }

  @Test
  @DisplayName("unsorted_segment_sum: rows summed per id, missing segments zero, out-of-range id refused")
  void unsortedSegmentSum() {
    Tensor data = tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor sum = tf.unsortedSegmentSum(data, tf.constant(new int[] {2, 0, 2}), tf.constant(4));
    assertEquals(Shape.of(4, 2), sum.shape());
    assertArrayEquals(new float[] {3, 4, 0, 0, 6, 8, 0, 0}, run(sum).toFloatArray());
    Tensor ints = tf.unsortedSegmentSum(tf.constant(new int[] {1, 2, 3}), tf.constant(new long[] {1, 1, 0}),
        tf.constant(2));
    assertArrayEquals(new int[] {3, 3}, run(ints).toIntArray());
    Tensor bad = tf.unsortedSegmentSum(data, tf.constant(new int[] {0, 5, 1}), tf.constant(3), "bad");
    assertEquals("segment_ids[1] = 5 is out of range [0, 3)\n\t [[node bad (UnsortedSegmentSum)]]",
        assertThrows(InvalidArgumentException.class, () -> run(bad)).getMessage());
  }

  @Test
  @DisplayName("dynamic_partition then parallel_dynamic_stitch restore the original order")
  void partitionAndStitch() {
    Tensor data = tf.constant(new float[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}});
    Tensor parts = tf.constant(new int[] {1, 0, 1, 1, 0});
    List<Tensor> split = tf.dynamicPartition(data, parts, 2);
    assertEquals(List.of("DynamicPartition:0", "DynamicPartition:1"), split.stream().map(Tensor::name).toList());
    assertEquals(Shape.of(-1, 2), split.get(0).shape());
    assertArrayEquals(new float[] {1, 1, 4, 4}, run(split.get(0)).toFloatArray());
    assertArrayEquals(new float[] {0, 0, 2, 2, 3, 3}, run(split.get(1)).toFloatArray());
    List<Tensor> positions = tf.dynamicPartition(tf.constant(new int[] {0, 1, 2, 3, 4}), parts, 2);
    Tensor stitched = tf.parallelDynamicStitch(positions, split);
    assertEquals("ParallelDynamicStitch", stitched.op().type());
    assertArrayEquals(run(data).toFloatArray(), run(stitched).toFloatArray());
    List<Tensor> badParts = tf.dynamicPartition(data, tf.constant(new int[] {0, 0, 3, 0, 0}), 2, "dp");
    assertEquals("partitions[2] = 3 is not in [0, 2)\n\t [[node dp (DynamicPartition)]]",
        assertThrows(InvalidArgumentException.class, () -> run(badParts.get(0))).getMessage());
  }

  @Test
  @DisplayName("scatter_sub / scatter_add / scatter_update change only the named rows (repeated rows twice)")
  void scatterOps() {
    Variable v = tf.variable(new float[][] {{1, 1}, {2, 2}, {3, 3}}, "v");
    Tensor idx = tf.constant(new int[] {2, 0, 2});
    Tensor upd = tf.constant(new float[][] {{1, 1}, {10, 10}, {1, 2}});
    Tensor sub = tf.scatterSub(v, idx, upd);
    Tensor add = tf.scatterAdd(v, idx, upd);
    Tensor set = tf.scatterUpdate(v, tf.constant(new int[] {1}), tf.constant(new float[][] {{7, 8}}));
    assertEquals("ScatterSub", sub.op().name());
    assertEquals("v:0", sub.op().input(0).name());
    assertEquals(Shape.of(3, 2), sub.shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new float[] {-9, -9, 2, 2, 1, 0}, s.run(sub).toFloatArray());
      assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, s.run(add).toFloatArray());
      assertArrayEquals(new float[] {1, 1, 7, 8, 3, 3}, s.run(set).toFloatArray());
      assertArrayEquals(new float[] {1, 1, 7, 8, 3, 3}, s.run(v).toFloatArray());
      Tensor bad = tf.scatterAdd(v, tf.constant(new int[] {3}), tf.constant(new float[][] {{1, 1}}));
      assertEquals("indices[0] = 3 is not in [0, 3)\n\t [[node ScatterAdd_1 (ScatterAdd)]]",
          assertThrows(InvalidArgumentException.class, () -> s.run(bad)).getMessage());
    }
  }

  @Test
  @DisplayName("strided_slice as shape[0] and x[1:]: the _slice_helper names, static shapes, values")
  void stridedSlice() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor first = tf.getItem(tf.shape(x), 0);
    assertEquals("strided_slice", first.op().name());
    assertEquals(List.of("Shape:0", "strided_slice/stack:0", "strided_slice/stack_1:0", "strided_slice/stack_2:0"),
        first.op().inputs().stream().map(Tensor::name).toList());
    assertEquals(Shape.scalar(), first.shape());
    assertEquals(1L, first.op().attr("shrink_axis_mask"));
    Tensor tail = tf.getSlice(tf.constant(new int[] {5, 6, 7}), 1, null);
    assertEquals("strided_slice_1", tail.op().name());
    assertEquals(Shape.of(2), tail.shape());
    assertArrayEquals(new int[] {6, 7}, run(tail).toIntArray());
    assertArrayEquals(new int[] {5, 6}, run(tf.getSlice(tf.constant(new int[] {5, 6, 7}), null, 2)).toIntArray());
    assertArrayEquals(new int[] {7}, run(tf.getItem(tf.constant(new int[] {5, 6, 7}), -1)).toIntArray());
    try (Session s = new Session(g)) {
      assertEquals(4, s.run(List.of(first), Map.of(x, NdArray.create(DType.FLOAT32, Shape.of(4, 3),
          new float[12]))).get(0).getLong(0));
    }
    Tensor m = tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor rows = tf.getSlice(m, 1, null);
    assertEquals(Shape.of(2, 2), rows.shape());
    assertArrayEquals(new float[] {3, 4, 5, 6}, run(rows).toFloatArray());
  }

  @Test
  @DisplayName("SparseApply* update the named rows as the dense Apply* would on those rows, one index at a time")
  void sparseApplyMatchesDense() {
    float[][] init = {{1, 2}, {3, 4}, {5, 6}};
    float[][] slot = {{0.5f, 0.5f}, {0.25f, 1}, {2, 0.75f}};
    float[][] grad = {{0.1f, -0.2f}, {0.3f, 0.4f}};
    int[] rows = {2, 0};
    String[][] kinds = {{"SparseApplyMomentum", "ApplyMomentum"}, {"SparseApplyAdagrad", "ApplyAdagrad"},
        {"SparseApplyRMSProp", "ApplyRMSProp"}, {"SparseApplyCenteredRMSProp", "ApplyCenteredRMSProp"}};
    for (String[] kind : kinds) {
      Graph graph = new Graph();
      Ops t = Ops.on(graph);
      Variable var = t.variable(init, "var");
      int slots = kind[0].equals("SparseApplyRMSProp") ? 2 : kind[0].equals("SparseApplyCenteredRMSProp") ? 3 : 1;
      // slots: the positive one (accum, ms) and zeros for mom and mg
      String[] order = switch (slots) {
        case 1 -> new String[] {"pos"};
        case 2 -> new String[] {"pos", "zero"};
        default -> new String[] {"zero", "pos", "zero"};
      };
      Variable[] s = new Variable[slots];
      Variable[] ds = new Variable[slots];
      for (int i = 0; i < slots; i++) {
        float[][] full = order[i].equals("pos") ? slot : new float[3][2];
        s[i] = t.variable(full, "slot" + i);
        ds[i] = t.variable(new float[][] {full[2], full[0]}, "dslot" + i); // the rows the sparse op updates
      }
      Variable dvar = t.variable(new float[][] {init[2], init[0]}, "dvar");
      Tensor lr = t.constant(0.1f, "lr");
      Tensor g = t.constant(grad, "g");
      Tensor idx = t.constant(rows, "idx");
      List<Tensor> sparseIn = new java.util.ArrayList<>(List.of(var));
      List<Tensor> denseIn = new java.util.ArrayList<>(List.of(dvar));
      sparseIn.addAll(List.of(s));
      denseIn.addAll(List.of(ds));
      sparseIn.add(lr);
      denseIn.add(lr);
      switch (kind[0]) {
        case "SparseApplyMomentum" -> {
          sparseIn.addAll(List.of(g, idx, t.constant(0.9f, "m")));
          denseIn.addAll(List.of(g, t.constant(0.9f, "m2")));
        }
        case "SparseApplyAdagrad" -> {
          sparseIn.addAll(List.of(g, idx));
          denseIn.add(g);
        }
        default -> {
          for (Tensor h : List.of(t.constant(0.9f, "rho"), t.constant(0.5f, "mom"), t.constant(1e-3f, "eps"))) {
            sparseIn.add(h);
            denseIn.add(h);
          }
          sparseIn.addAll(List.of(g, idx));
          denseIn.add(g);
        }
      }
      Operation sparse = build(graph, kind[0], sparseIn, true);
      Operation dense = build(graph, kind[1], denseIn, false);
      try (Session session = new Session(graph)) {
        session.run(t.globalVariablesInitializer());
        session.run(sparse, dense);
        float[] after = session.run(var).toFloatArray();
        float[] d = session.run(dvar).toFloatArray();
        assertEquals(d[0], after[4], 1e-6, kind[0]);
        assertEquals(d[1], after[5], 1e-6, kind[0]);
        assertEquals(d[2], after[0], 1e-6, kind[0]);
        assertEquals(d[3], after[1], 1e-6, kind[0]);
        assertEquals(3f, after[2], kind[0] + ": row 1 untouched");
        assertEquals(4f, after[3], kind[0] + ": row 1 untouched");
        for (int i = 0; i < slots; i++) {
          float[] sa = session.run(s[i]).toFloatArray();
          float[] da = session.run(ds[i]).toFloatArray();
          assertEquals(da[0], sa[4], 1e-6, kind[0] + " slot " + i);
          assertEquals(da[3], sa[1], 1e-6, kind[0] + " slot " + i);
        }
      }
    }
  }

  private static Operation build(Graph graph, String type, List<Tensor> inputs, boolean sparse) {
    OpBuilder b = graph.opBuilder(type, null);
    for (Tensor in : inputs) {
      b.addInput(in); // variables as references
    }
    b.setAttr("T", DType.FLOAT32);
    if (sparse) {
      b.setAttr("Tindices", DType.INT32);
    }
    b.setAttr("use_locking", false);
    return b.build();
  }

  @Test
  @DisplayName("SparseApplyMomentum with a repeated index applies the update twice, in order")
  void sparseApplyRepeatedIndex() {
    Variable var = tf.variable(new float[][] {{1}, {1}}, "var");
    Variable acc = tf.variable(new float[][] {{0}, {0}}, "acc");
    Operation op = g.opBuilder("SparseApplyMomentum", null).addInput(var).addInput(acc)
        .addInput(tf.constant(1f)).addInput(tf.constant(new float[][] {{1}, {1}})).addInput(tf.constant(new int[] {0, 0}))
        .addInput(tf.constant(0.5f)).setAttr("T", DType.FLOAT32).setAttr("Tindices", DType.INT32)
        .setAttr("use_locking", false).setAttr("use_nesterov", false).build();
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(op);
      // accum: 0*0.5+1 = 1, var 1-1 = 0; accum 1*0.5+1 = 1.5, var 0-1.5 = -1.5
      assertArrayEquals(new float[] {-1.5f, 1}, s.run(var).toFloatArray());
      assertArrayEquals(new float[] {1.5f, 0}, s.run(acc).toFloatArray());
    }
    assertTrue(OpRegistry.get("SparseApplyMomentum").isRefInput(1));
  }
}
