package io.scopegraph.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.IndexedSlices;
import io.scopegraph.Initializers;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An embedding model trained on the sparse path (spec §4.1) with every optimizer: the sparse update equals the
 * dense update of the same gradient converted to a tensor, and rows no id names do not move (Adam's composite
 * decays m and v of every row, so a row seen before keeps moving, as in TF).
 */
class SparseTrainingTest {
  private static final float[][] INIT = {
      {0.1f, -0.2f, 0.3f}, {0.4f, 0.5f, -0.6f}, {-0.7f, 0.8f, 0.9f}, {1.0f, -1.1f, 1.2f}, {0.3f, 0.2f, 0.1f},
      {-0.5f, 0.6f, 0.7f}};
  private static final int[][] STEPS = {{1, 4, 1}, {4, 1, 1}, {1, 1, 4}};

  /** loss = sum((lookup(emb, ids) - target)²) with target row t = (1, 2, 3) * (position + 1). */
  private record Model(Graph g, Ops tf, Variable emb, Tensor ids, Tensor loss) {}

  private static Model model() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Variable emb = tf.getVariable("emb", Shape.of(6, 3), Initializers.constant(NdArray.of((Object) INIT)));
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(3), "ids");
    Tensor target = tf.constant(new float[][] {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}});
    Tensor loss = tf.sum(tf.square(tf.sub(tf.embeddingLookup(emb, ids), target)));
    return new Model(g, tf, emb, ids, loss);
  }

  private static float[] train(Model m, Operation step, int[][] steps) {
    try (Session s = new Session(m.g())) {
      s.run(m.tf().globalVariablesInitializer());
      for (int[] ids : steps) {
        s.runner().feed(m.ids(), NdArray.of(ids)).addTarget(step).run();
      }
      return s.run(m.emb()).toFloatArray();
    }
  }

  private static List<Supplier<Optimizer>> optimizers() {
    return List.of(() -> new GradientDescentOptimizer(0.05), () -> new MomentumOptimizer(0.05, 0.9),
        () -> new MomentumOptimizer(0.05, 0.9, true), () -> new AdagradOptimizer(0.3),
        () -> new RMSPropOptimizer(0.01), () -> new RMSPropOptimizer(0.01, 0.9, 0.5, 1e-10, true),
        () -> new AdamOptimizer(0.1));
  }

  @Test
  @DisplayName("each optimizer: sparse update = dense update of the converted gradient; unnamed rows stay")
  void sparseEqualsDenseAndUnnamedRowsStay() {
    for (Supplier<Optimizer> make : optimizers()) {
      Model sparse = model();
      Optimizer opt = make.get();
      Operation sparseStep = opt.minimize(sparse.loss());
      String name = opt.toString();
      List<String> types = sparse.g().operations().stream().map(Operation::type).toList();
      assertTrue(types.stream().noneMatch(t -> t.startsWith("Apply")), name + ": no dense Apply* op");

      Model dense = model();
      Optimizer denseOpt = make.get();
      List<GradAndVar> gv = denseOpt.computeGradients(dense.loss());
      IndexedSlices slices = gv.get(0).indexedSlices();
      Tensor converted = dense.tf().convertToTensor(slices);
      Operation denseStep = denseOpt.applyGradients(List.of(new GradAndVar(converted, dense.emb())));

      float[] s = train(sparse, sparseStep, STEPS);
      float[] d = train(dense, denseStep, STEPS);
      for (int i = 0; i < s.length; i++) {
        assertEquals(d[i], s[i], 2e-5, name + " element " + i);
      }
      float[] init = NdArray.of((Object) INIT).toFloatArray();
      for (int row : new int[] {0, 2, 3, 5}) {
        for (int c = 0; c < 3; c++) {
          assertEquals(init[row * 3 + c], s[row * 3 + c], name + ": row " + row + " is never looked up");
        }
      }
      for (int row : new int[] {1, 4}) {
        assertNotEquals(init[row * 3], s[row * 3], name + ": row " + row + " trains");
      }
    }
  }

  @Test
  @DisplayName("Adam's composite keeps moving a row seen in an earlier step (m, v decay on all rows); the others do not")
  void adamMovesEarlierRows() {
    List<float[]> after = new ArrayList<>();
    for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(() -> new AdamOptimizer(0.1),
        () -> new MomentumOptimizer(0.05, 0.9))) {
      Model m = model();
      Operation step = make.get().minimize(m.loss());
      float[] one = train(m, step, new int[][] {{0, 0, 2}});
      float[] two = train(m, step, new int[][] {{0, 0, 2}, {1, 1, 1}});
      after.add(one);
      after.add(two);
    }
    // Adam: row 0 moves again in step 2 although only row 1 is looked up
    assertNotEquals(after.get(0)[0], after.get(1)[0]);
    // Momentum's SparseApplyMomentum leaves row 0 alone in step 2
    assertEquals(after.get(2)[0], after.get(3)[0]);
  }

  @Test
  @DisplayName("a constrained variable cannot take a sparse gradient (TF's RuntimeError text)")
  void constraintOnSparseVariable() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Variable emb = tf.getVariableBuilder("emb").shape(Shape.of(4, 2)).constraint(v -> v).get();
    Tensor loss = tf.sum(tf.embeddingLookup(emb, tf.constant(new int[] {1})));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new GradientDescentOptimizer(0.1).minimize(loss));
    assertEquals("Cannot use a constraint function on a sparse variable.", e.getMessage());
  }

  @Test
  @DisplayName("Adam's sparse update: TF 1.15's composite op list after the dedupe")
  void adamOpList() {
    Model m = model();
    new AdamOptimizer(0.1).minimize(m.loss());
    List<String> all = m.g().operations().stream().map(Operation::name).toList();
    int from = all.indexOf("Adam/update_emb/Unique");
    int to = all.indexOf("Adam/update_emb/group_deps");
    List<String> want = new ArrayList<>();
    for (String n : List.of("Unique", "Shape", "strided_slice/stack", "strided_slice/stack_1",
        "strided_slice/stack_2", "strided_slice", "UnsortedSegmentSum", "sub/x", "sub", "Sqrt", "mul", "sub_1/x",
        "sub_1", "truediv", "sub_2/x", "sub_2", "mul_1", "mul_2", "Assign", "ScatterAdd", "mul_3", "sub_3/x",
        "sub_3", "mul_4", "mul_5", "Assign_1", "ScatterAdd_1", "Sqrt_1", "mul_6", "add", "truediv_1", "AssignSub",
        "group_deps")) {
      want.add("Adam/update_emb/" + n);
    }
    assertEquals(want, all.subList(from, to + 1));
    assertEquals(List.of("Adam/update_emb/Assign"), m.g().operation("Adam/update_emb/ScatterAdd").controlInputs()
        .stream().map(Operation::name).toList());
    assertEquals(List.of("emb/Adam:0", "Adam/update_emb/Unique:0", "Adam/update_emb/mul_1:0"),
        m.g().operation("Adam/update_emb/ScatterAdd").inputs().stream().map(Tensor::name).toList());
    assertEquals("emb:0", m.g().operation("Adam/update_emb/AssignSub").input(0).name());
  }

  @Test
  @DisplayName("GATE_GRAPH: one tuple over all gradients gates an IndexedSlices' values")
  void gateGraph() {
    Model m = model();
    GradientDescentOptimizer opt = new GradientDescentOptimizer(0.05);
    List<GradAndVar> gv = opt.computeGradients(m.loss(), null, Optimizer.GATE_GRAPH);
    IndexedSlices s = gv.get(0).indexedSlices();
    assertEquals("tuple/control_dependency:0", s.values().name());
    assertEquals("gradients/embedding_lookup_grad/Reshape_1:0", s.indices().name());
    Operation step = opt.applyGradients(gv);
    float[] v = train(m, step, new int[][] {{2, 2, 2}});
    assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, java.util.Arrays.copyOfRange(v, 0, 3));
  }
}
