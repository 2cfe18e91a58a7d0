package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.train.GradAndVar;
import io.scopegraph.train.GradientDescentOptimizer;
import io.scopegraph.train.MomentumOptimizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cases L36 and L43 of layers-cases.md and the rest of tf.nn.embedding_lookup's naming (spec §3.2, §4, §4.1). */
class EmbeddingConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> opsFrom(int index) {
    return g.operations().subList(index, g.operations().size()).stream().map(Operation::name).toList();
  }

  private static List<String> names(List<Tensor> tensors) {
    return tensors.stream().map(Tensor::name).toList();
  }

  @Test
  @DisplayName("L36 embedding_lookup on one variable: axis, GatherV2 on emb/read, Identity; name= and _1")
  void l36SingleVariable() {
    Variable emb = tf.getVariable("emb", Shape.of(100, 8));
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    int mark = g.operations().size();
    Tensor e1 = tf.embeddingLookup(emb, ids);
    Tensor e2 = tf.embeddingLookup(emb, ids, "lookup");
    Tensor e3 = tf.embeddingLookup(emb, ids);
    assertEquals(List.of("embedding_lookup/axis", "embedding_lookup", "embedding_lookup/Identity",
        "lookup/axis", "lookup", "lookup/Identity",
        "embedding_lookup_1/axis", "embedding_lookup_1", "embedding_lookup_1/Identity"), opsFrom(mark));
    Operation gather = g.operation("embedding_lookup");
    assertEquals("GatherV2", gather.type());
    assertEquals(List.of("emb/read:0", "ids:0", "embedding_lookup/axis:0"), names(gather.inputs()));
    assertEquals(NdArray.scalar(0), g.operation("embedding_lookup/axis").attr("value"));
    assertEquals("embedding_lookup/Identity:0", e1.name());
    assertEquals("lookup/Identity:0", e2.name());
    assertEquals("embedding_lookup_1/Identity:0", e3.name());
    assertEquals(Shape.of(-1, 8), e1.shape());
    assertEquals("Identity", e1.op().type());
  }

  @Test
  @DisplayName("L43 GradientDescent: _GatherV2Grad's IndexedSlices, then mul and ScatterSub (no Unique)")
  void l43GradientDescent() {
    Variable emb = tf.getVariable("emb", Shape.of(10, 4));
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor loss = tf.sum(tf.embeddingLookup(emb, ids));
    int mark = g.operations().size();
    Operation train = new GradientDescentOptimizer(0.1).minimize(loss);
    assertEquals(List.of("gradients/Shape", "gradients/grad_ys_0", "gradients/Fill",
        "gradients/Sum_grad/Reshape/shape", "gradients/Sum_grad/Reshape", "gradients/Sum_grad/Shape",
        "gradients/Sum_grad/Tile",
        "gradients/embedding_lookup_grad/Shape", "gradients/embedding_lookup_grad/Cast",
        "gradients/embedding_lookup_grad/Size", "gradients/embedding_lookup_grad/ExpandDims/dim",
        "gradients/embedding_lookup_grad/ExpandDims", "gradients/embedding_lookup_grad/strided_slice/stack",
        "gradients/embedding_lookup_grad/strided_slice/stack_1",
        "gradients/embedding_lookup_grad/strided_slice/stack_2", "gradients/embedding_lookup_grad/strided_slice",
        "gradients/embedding_lookup_grad/concat/axis", "gradients/embedding_lookup_grad/concat",
        "gradients/embedding_lookup_grad/Reshape", "gradients/embedding_lookup_grad/Reshape_1",
        "GradientDescent/learning_rate", "GradientDescent/update_emb/mul", "GradientDescent/update_emb/ScatterSub",
        "GradientDescent"), opsFrom(mark));
    Operation shape = g.operation("gradients/embedding_lookup_grad/Shape");
    assertEquals("Const", shape.type());
    assertEquals(NdArray.of(10L, 4L), shape.attr("value"));
    assertEquals("Size", g.operation("gradients/embedding_lookup_grad/Size").type());
    assertEquals("StridedSlice", g.operation("gradients/embedding_lookup_grad/strided_slice").type());
    Operation scatter = g.operation("GradientDescent/update_emb/ScatterSub");
    assertEquals(List.of("emb:0", "gradients/embedding_lookup_grad/Reshape_1:0", "GradientDescent/update_emb/mul:0"),
        names(scatter.inputs()));
    assertEquals(List.of("gradients/embedding_lookup_grad/Reshape:0", "GradientDescent/learning_rate:0"),
        names(g.operation("GradientDescent/update_emb/mul").inputs()));
    assertEquals("GradientDescent", train.name());
  }

  @Test
  @DisplayName("L43 the gradient of emb is an IndexedSlices (values Reshape, indices Reshape_1, dense_shape Cast)")
  void l43IndexedSlices() {
    Variable emb = tf.getVariable("emb", Shape.of(10, 4));
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor loss = tf.sum(tf.embeddingLookup(emb, ids));
    List<GradAndVar> gv = new GradientDescentOptimizer(0.1).computeGradients(loss);
    assertTrue(gv.get(0).isSparse());
    IndexedSlices s = gv.get(0).indexedSlices();
    assertEquals("gradients/embedding_lookup_grad/Reshape:0", s.values().name());
    assertEquals("gradients/embedding_lookup_grad/Reshape_1:0", s.indices().name());
    assertEquals("gradients/embedding_lookup_grad/Cast:0", s.denseShape().name());
    assertEquals(Shape.of(-1, 4), s.values().shape());
    assertThrows(IllegalStateException.class, () -> gv.get(0).gradient());
    assertSame(s, gv.get(0).gradientOrSlices());
  }

  @Test
  @DisplayName("L43 Momentum: slot emb/Momentum, dedupe (Unique … UnsortedSegmentSum), SparseApplyMomentum")
  void l43Momentum() {
    Variable emb = tf.getVariable("emb", Shape.of(10, 4));
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor loss = tf.sum(tf.embeddingLookup(emb, ids));
    MomentumOptimizer opt = new MomentumOptimizer(0.1, 0.9);
    Operation train = opt.minimize(loss);
    assertEquals("emb/Momentum:0", opt.getSlot(emb, "momentum").name());
    List<String> ops = opsFrom(g.operations().indexOf(g.operation("Momentum/learning_rate")));
    assertEquals(List.of("Momentum/learning_rate", "Momentum/momentum", "Momentum/update_emb/Unique",
        "Momentum/update_emb/Shape", "Momentum/update_emb/strided_slice/stack",
        "Momentum/update_emb/strided_slice/stack_1", "Momentum/update_emb/strided_slice/stack_2",
        "Momentum/update_emb/strided_slice", "Momentum/update_emb/UnsortedSegmentSum",
        "Momentum/update_emb/SparseApplyMomentum", "Momentum"), ops);
    Operation apply = g.operation("Momentum/update_emb/SparseApplyMomentum");
    assertEquals(List.of("emb:0", "emb/Momentum:0", "Momentum/learning_rate:0",
        "Momentum/update_emb/UnsortedSegmentSum:0", "Momentum/update_emb/Unique:0", "Momentum/momentum:0"),
        names(apply.inputs()));
    assertEquals(List.of("gradients/embedding_lookup_grad/Reshape:0", "Momentum/update_emb/Unique:1",
        "Momentum/update_emb/strided_slice:0"), names(g.operation("Momentum/update_emb/UnsortedSegmentSum").inputs()));
    assertEquals("Momentum", train.name());
  }

  @Test
  @DisplayName("L43 values: GradientDescent subtracts lr * (sum of rows) for repeated ids; Momentum likewise")
  void l43Values() {
    Variable emb = tf.getVariable("emb", Shape.of(10, 4), Initializers.zeros());
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor loss = tf.sum(tf.embeddingLookup(emb, ids));
    Operation gd = new GradientDescentOptimizer(0.1).minimize(loss);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.runner().feed(ids, NdArray.of(3, 1, 3)).addTarget(gd).run();
      float[] v = s.run(emb).toFloatArray();
      for (int r = 0; r < 10; r++) {
        float want = r == 3 ? -0.2f : r == 1 ? -0.1f : 0f;
        for (int c = 0; c < 4; c++) {
          assertEquals(want, v[r * 4 + c], 1e-7, "row " + r);
        }
      }
    }
  }

  @Test
  @DisplayName("Ops.gradients (frozen, dense) returns TF's convert_to_tensor of the IndexedSlices, built after the scope")
  void denseGradientsConvert() {
    Variable emb = tf.getVariable("emb", Shape.of(5, 2), Initializers.zeros());
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor loss = tf.sum(tf.embeddingLookup(emb, ids));
    List<TensorLike> sparse = tf.sparseGradients(loss, List.of(emb));
    assertInstanceOf(IndexedSlices.class, sparse.get(0));
    int mark = g.operations().size();
    Tensor dense = tf.gradients(loss, List.of(emb)).get(0);
    List<String> ops = opsFrom(mark);
    assertEquals(List.of("strided_slice/stack", "strided_slice/stack_1", "strided_slice/stack_2", "strided_slice",
        "UnsortedSegmentSum"), ops.subList(ops.size() - 5, ops.size()));
    assertEquals("UnsortedSegmentSum:0", dense.name());
    try (NameScopeHandle scope = tf.nameScope("outer")) {
      Tensor named = tf.convertToTensor(sparse.get(0), "dense_emb");
      assertEquals("outer/dense_emb:0", named.name());
      assertEquals("outer/strided_slice", named.op().input(2).op().name());
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      NdArray v = s.run(List.of(dense), Map.of(ids, NdArray.of(4, 0, 4))).get(0);
      assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0, 0, 0, 2, 2}, v.toFloatArray());
      assertEquals(Shape.of(5, 2), v.shape());
    }
  }

  @Test
  @DisplayName("Two lookups of one variable: the IndexedSlices are concatenated (gradients/concat, concat_1)")
  void aggregationOfSlices() {
    Variable emb = tf.getVariable("emb", Shape.of(5, 2), Initializers.zeros());
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor loss = tf.sum(tf.embeddingLookup(emb, ids)).add(tf.sum(tf.embeddingLookup(emb, ids)));
    IndexedSlices s = (IndexedSlices) tf.sparseGradients(loss, List.of(emb)).get(0);
    assertEquals("gradients/concat:0", s.values().name());
    assertEquals("gradients/concat_1:0", s.indices().name());
    assertEquals("ConcatV2", s.values().op().type());
    // and with a dense gradient too: AddN (the sparse one converted inside its scope)
    Tensor both = loss.add(tf.sum(emb));
    TensorLike mixed = tf.sparseGradients(both, List.of(emb)).get(0);
    assertInstanceOf(Tensor.class, mixed);
    assertEquals("AddN", ((Tensor) mixed).op().type());
    try (Session session = new Session(g)) {
      session.run(tf.globalVariablesInitializer());
      NdArray v = session.run(List.of((Tensor) mixed), Map.of(ids, NdArray.of(1, 1))).get(0);
      assertArrayEquals(new float[] {1, 1, 5, 5, 1, 1, 1, 1, 1, 1}, v.toFloatArray());
    }
  }

  @Test
  @DisplayName("embedding_lookup errors: params null, empty list, unknown strategy; nothing is left in the graph")
  void errors() {
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Variable a = tf.getVariable("a", Shape.of(4, 2));
    Variable b = tf.getVariable("b", Shape.of(4, 2));
    int before = g.operations().size();
    assertEquals("params must be specified", assertThrows(ScopeGraphException.class,
        () -> tf.embeddingLookup((List<Tensor>) null, ids, "mod", null)).getMessage());
    assertEquals("Need at least one param", assertThrows(ScopeGraphException.class,
        () -> tf.embeddingLookup(List.of(), ids, "mod", null)).getMessage());
    assertEquals("Unrecognized partition strategy: xyz", assertThrows(ScopeGraphException.class,
        () -> tf.embeddingLookup(List.of(a, b), ids, "xyz", null)).getMessage());
    assertEquals(before, g.operations().size());
    assertNull(g.operation("embedding_lookup"));
  }
}
