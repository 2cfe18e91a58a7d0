package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code tf.gradients} naming, order and values: the cases of TF 1.15's graph mode (T1–T20) and errors. */
class GradientsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private int mark() {
    return g.size();
  }

  private List<String> namesFrom(int from) {
    List<String> names = new ArrayList<>();
    List<Operation> ops = g.operations();
    for (int i = from; i < ops.size(); i++) {
      names.add(ops.get(i).name());
    }
    return names;
  }

  private static String p(String prefix, String... names) {
    return String.join(",", Arrays.stream(names).map(n -> prefix + n).toList());
  }

  private static List<String> list(String prefix, String... names) {
    return Arrays.stream(names).map(n -> prefix + n).toList();
  }

  private NdArray run(Tensor t) {
    try (Session s = new Session(g)) {
      return s.run(t);
    }
  }

  private NdArray run(Tensor t, Map<Tensor, NdArray> feeds) {
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      return s.run(List.of(t), feeds).get(0);
    }
  }

  @Test
  @DisplayName("T1 basic naming, fully-known shapes, second call")
  void t1() {
    Tensor x = tf.constant(new float[][] {{1, 2}}, "x");
    Variable w = tf.getVariable("w", Shape.of(2, 3));
    Tensor loss = tf.sum(tf.matMul(x, w));
    int m = mark();
    Tensor gw = tf.gradients(loss, List.of(w)).get(0);
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill", "Sum_grad/Reshape/shape", "Sum_grad/Reshape",
        "Sum_grad/Const", "Sum_grad/Tile", "MatMul_grad/MatMul", "MatMul_grad/MatMul_1"), namesFrom(m));
    assertEquals("Const", g.operation("gradients/Shape").type());
    assertEquals(NdArray.of(new int[0]), g.operation("gradients/Shape").attr("value"));
    assertEquals(NdArray.of(1, 1), g.operation("gradients/Sum_grad/Reshape/shape").attr("value"));
    assertEquals(NdArray.of(1, 3), g.operation("gradients/Sum_grad/Const").attr("value"));
    assertEquals(true, g.operation("gradients/MatMul_grad/MatMul").attr("transpose_b"));
    assertEquals(true, g.operation("gradients/MatMul_grad/MatMul_1").attr("transpose_a"));
    assertEquals("gradients/MatMul_grad/MatMul_1:0", gw.name());
    assertEquals(NdArray.of(new float[][] {{1, 1, 1}, {2, 2, 2}}), run(gw));
    Tensor g2 = tf.gradients(loss, List.of(w)).get(0);
    assertEquals("gradients_1/MatMul_grad/MatMul_1:0", g2.name());
  }

  @Test
  @DisplayName("T2 MatMul gradient type, transpose attributes and original op")
  void t2() {
    Tensor inp = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(32, 100), 1), "in");
    Tensor w = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(100, 10), 1), "w");
    Tensor b = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(10), 1), "b");
    Tensor xw = tf.matMul(inp, w, "xw");
    Tensor h = tf.biasAdd(xw, b, "h");
    int m = mark();
    Tensor wGrad = tf.gradients(h, List.of(w)).get(0);
    assertEquals("MatMul", wGrad.op().type());
    assertEquals(true, wGrad.op().attr("transpose_a"));
    assertEquals(false, wGrad.op().attr("transpose_b"));
    assertSame(xw.op(), wGrad.op().originalOp());
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill", "h_grad/BiasAddGrad", "xw_grad/MatMul",
        "xw_grad/MatMul_1"), namesFrom(m));
    assertEquals(NdArray.of(32, 10), g.operation("gradients/Shape").attr("value"));
    assertEquals("gradients/xw_grad/MatMul_1:0", wGrad.name());
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(100, 10), 32), run(wGrad));
  }

  @Test
  @DisplayName("T4 gradients inside a name scope")
  void t4() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Tensor y;
    Variable k;
    try (VarScope vs = tf.variableScope("dense")) {
      k = tf.getVariable("kernel", Shape.of(2, 1));
      y = tf.matMul(x, k);
    }
    assertEquals("dense/MatMul", y.op().name());
    Tensor gk;
    int m;
    try (NameScopeHandle ns = tf.nameScope("train")) {
      Tensor s = tf.sum(y);
      assertEquals("train/Sum", s.op().name());
      m = mark();
      gk = tf.gradients(s, List.of(k)).get(0);
    }
    assertEquals(list("train/gradients/", "Shape", "grad_ys_0", "Fill", "train/Sum_grad/Reshape/shape",
        "train/Sum_grad/Reshape", "train/Sum_grad/Shape", "train/Sum_grad/Tile", "dense/MatMul_grad/MatMul",
        "dense/MatMul_grad/MatMul_1"), namesFrom(m));
    assertEquals("Shape", g.operation("train/gradients/train/Sum_grad/Shape").type());
    assertEquals("train/gradients/dense/MatMul_grad/MatMul_1:0", gk.name());
    assertEquals(NdArray.of(new float[][] {{4}, {6}}),
        run(gk, Map.of(x, NdArray.of(new float[][] {{1, 2}, {3, 4}}))));
  }

  @Test
  @DisplayName("T5 caller-supplied grad_ys; broadcast-args cache constants")
  void t5() {
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor y = x.mul(3.0f);
    Tensor gy = tf.constant(new float[] {10, 20}, "gy");
    int m = mark();
    Tensor gx = tf.gradients(List.of(y), List.of(x), GradientOptions.builder().gradYs(List.of(gy)).build()).get(0);
    assertEquals(list("gradients/", "grad_ys_0", "mul_grad/BroadcastGradientArgs/s0",
        "mul_grad/BroadcastGradientArgs/s1", "mul_grad/BroadcastGradientArgs", "mul_grad/Mul", "mul_grad/Mul_1",
        "mul_grad/Sum/reduction_indices", "mul_grad/Sum", "mul_grad/Reshape/shape", "mul_grad/Reshape"),
        namesFrom(m));
    assertEquals("Identity", g.operation("gradients/grad_ys_0").type());
    assertEquals("gradients/mul_grad/Mul:0", gx.name());
    assertEquals(NdArray.of(30f, 60f), run(gx));
    // The same shape pair again: the cache answers, no BroadcastGradientArgs ops.
    Tensor y2 = x.mul(5.0f);
    int m2 = mark();
    tf.gradients(y2, List.of(x));
    assertTrue(namesFrom(m2).stream().noneMatch(n -> n.contains("BroadcastGradientArgs")), namesFrom(m2).toString());
  }

  @Test
  @DisplayName("T6 aggregation with AddN in the gradients/ scope")
  void t6() {
    Tensor x = tf.constant(3.0f, "x");
    Tensor y = tf.square(x);
    Tensor z = y.add(y);
    assertEquals("AddV2", z.op().type());
    int m = mark();
    Tensor gx = tf.gradients(z, List.of(x)).get(0);
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill", "AddN", "Square_grad/Const", "Square_grad/Mul",
        "Square_grad/Mul_1"), namesFrom(m));
    Operation addN = g.operation("gradients/AddN");
    assertEquals("gradients/Fill:0", addN.input(0).name());
    assertEquals("gradients/Fill:0", addN.input(1).name());
    assertEquals(List.of(g.operation("gradients/AddN")), g.operation("gradients/Square_grad/Const").controlInputs());
    assertEquals("gradients/Square_grad/Mul_1:0", gx.name());
    assertEquals(NdArray.scalar(12f), run(gx));
  }

  @Test
  @DisplayName("T7 aggregation methods: values and tree names")
  void t7() {
    Tensor x = tf.constant(1.0f);
    Tensor y = x.mul(2.0f);
    Tensor z = y;
    for (int i = 1; i < 10; i++) {
      z = z.add(y);
    }
    for (AggregationMethod method : AggregationMethod.values()) {
      List<Tensor> grads = tf.gradients(List.of(z), List.of(x, y),
          GradientOptions.builder().aggregationMethod(method).build());
      assertEquals(NdArray.scalar(20f), run(grads.get(0)), method.toString());
      assertEquals(NdArray.scalar(10f), run(grads.get(1)), method.toString());
    }
    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Tensor a = tf2.constant(3.0f, "x");
    Tensor sq = tf2.square(a);
    Tensor s = sq.add(sq);
    for (AggregationMethod method : List.of(AggregationMethod.EXPERIMENTAL_TREE,
        AggregationMethod.EXPERIMENTAL_ACCUMULATE_N)) {
      int m = g2.size();
      tf2.gradients(List.of(s), List.of(a), GradientOptions.builder().aggregationMethod(method).build());
      String scope = method == AggregationMethod.EXPERIMENTAL_TREE ? "gradients/" : "gradients_1/";
      assertEquals(scope + "Square_gradient_sum/AddN", g2.operations().get(m + 3).name());
    }
  }

  @Test
  @DisplayName("T8 broadcasting Add with an unknown batch dimension")
  void t8() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Variable b = tf.getVariable("b", Shape.of(3));
    Tensor y = x.add(b);
    Tensor s = tf.sum(y);
    int m = mark();
    List<Tensor> grads = tf.gradients(s, List.of(x, b));
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill", "Sum_grad/Reshape/shape", "Sum_grad/Reshape",
        "Sum_grad/Shape", "Sum_grad/Tile", "add_grad/Shape", "add_grad/Shape_1", "add_grad/BroadcastGradientArgs",
        "add_grad/Sum", "add_grad/Reshape", "add_grad/Sum_1", "add_grad/Reshape_1"), namesFrom(m));
    assertEquals("Shape", g.operation("gradients/add_grad/Shape_1").type());
    assertEquals("gradients/add_grad/Reshape:0", grads.get(0).name());
    assertEquals("gradients/add_grad/Reshape_1:0", grads.get(1).name());
    NdArray fed = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {1, 1, 1}});
    assertEquals(NdArray.of(4f, 4f, 4f), run(grads.get(1), Map.of(x, fed)));
  }

  @Test
  @DisplayName("T9 Add of identical fully-defined shapes creates no gradient ops")
  void t9() {
    Tensor a = tf.constant(new float[] {1, 2}, "a");
    Tensor b = tf.constant(new float[] {3, 4}, "b");
    int m0 = mark();
    Tensor sum = a.add(b);
    int m = mark();
    assertEquals(m0 + 1, m);
    List<Tensor> grads = tf.gradients(sum, List.of(a, b));
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill"), namesFrom(m));
    assertEquals(NdArray.of(new int[] {2}), g.operation("gradients/Shape").attr("value"));
    assertSame(grads.get(0), grads.get(1));
    assertEquals("gradients/Fill:0", grads.get(0).name());
    // Gated (compute_gradients): only the tuple ops.
    int m2 = mark();
    tf.gradients(List.of(sum), List.of(a, b), GradientOptions.builder().gateGradients(true).build());
    assertEquals(list("gradients_1/", "Shape", "grad_ys_0", "Fill", "add_grad/tuple/group_deps",
        "add_grad/tuple/control_dependency", "add_grad/tuple/control_dependency_1"), namesFrom(m2));
  }

  @Test
  @DisplayName("T11 reduce_mean with an unknown batch dimension")
  void t11() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Tensor loss = tf.mean(tf.square(x));
    int m = mark();
    Tensor gx = tf.gradients(loss, List.of(x)).get(0);
    List<String> expected = new ArrayList<>(list("gradients/", "Shape", "grad_ys_0", "Fill"));
    expected.addAll(list("gradients/Mean_grad/", "Reshape/shape", "Reshape", "Shape", "Tile", "Shape_1", "Shape_2",
        "Const", "Prod", "Const_1", "Prod_1", "Maximum/y", "Maximum", "floordiv", "Cast", "truediv"));
    expected.addAll(list("gradients/Square_grad/", "Const", "Mul", "Mul_1"));
    assertEquals(expected, namesFrom(m));
    assertEquals("Shape", g.operation("gradients/Mean_grad/Shape").type());
    assertEquals("Shape", g.operation("gradients/Mean_grad/Shape_1").type());
    assertEquals("Const", g.operation("gradients/Mean_grad/Shape_2").type());
    assertEquals("FloorDiv", g.operation("gradients/Mean_grad/floordiv").type());
    assertEquals("RealDiv", g.operation("gradients/Mean_grad/truediv").type());
    assertEquals("gradients/Square_grad/Mul_1:0", gx.name());
    assertEquals(NdArray.of(new float[][] {{0.5f, 1}, {1.5f, 2}}),
        run(gx, Map.of(x, NdArray.of(new float[][] {{1, 2}, {3, 4}}))));
  }

  @Test
  @DisplayName("T12 reduce_mean with a fully-known shape")
  void t12() {
    Tensor x = tf.constant(new float[][] {{1, 2}, {3, 4}}, "x");
    Tensor mean = tf.mean(x);
    int m = mark();
    Tensor gx = tf.gradients(mean, List.of(x)).get(0);
    assertEquals(list("gradients/Mean_grad/", "Reshape/shape", "Reshape", "Const", "Tile", "Const_1", "truediv"),
        namesFrom(m + 3));
    assertEquals(NdArray.of(2, 2), g.operation("gradients/Mean_grad/Const").attr("value"));
    assertEquals(NdArray.scalar(4f), g.operation("gradients/Mean_grad/Const_1").attr("value"));
    assertEquals("gradients/Mean_grad/truediv:0", gx.name());
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 2), 0.25), run(gx));
  }

  @Test
  @DisplayName("T14 stop_gradient, prevent_gradient, stop_gradients=")
  void t14() {
    Tensor inp = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(100, 32), 1), "in");
    assertNull(tf.gradients(tf.stopGradient(inp), List.of(inp)).get(0));
    Tensor prevented = tf.preventGradient(inp, "");
    int size = g.size();
    NoGradientException e = assertThrows(NoGradientException.class, () -> tf.gradients(prevented, List.of(inp)));
    assertEquals("Gradient explicitly disabled. Reason: ", e.getMessage());
    assertEquals(size, g.size());
    Tensor x = tf.constant(1f);
    Tensor y = x.rmul(2);
    Tensor z = x.add(y);
    List<Tensor> grads = tf.gradients(z, List.of(x, y));
    assertEquals(NdArray.scalar(3f), run(grads.get(0)));
    assertEquals(NdArray.scalar(1f), run(grads.get(1)));
    List<Tensor> partial = tf.gradients(List.of(z), List.of(x, y),
        GradientOptions.builder().stopGradients(List.of(x, y)).build());
    assertEquals(NdArray.scalar(1f), run(partial.get(0)));
    assertEquals(NdArray.scalar(1f), run(partial.get(1)));
  }

  @Test
  @DisplayName("T15 unconnected xs: null, or zeros_like in the caller's scope")
  void t15() {
    Tensor x = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(2, 2), 1));
    Tensor y = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(3, 1), 3));
    assertNull(tf.gradients(y, List.of(x)).get(0));
    Tensor zero;
    try (NameScopeHandle ns = tf.nameScope("outer")) {
      zero = tf.gradients(List.of(y), List.of(x),
          GradientOptions.builder().unconnectedGradients(UnconnectedGradients.ZERO).build()).get(0);
    }
    assertEquals("outer/zeros_like:0", zero.name());
    assertEquals("Const", zero.op().type());
    assertEquals(NdArray.of(new float[][] {{0, 0}, {0, 0}}), run(zero));
  }

  @Test
  @DisplayName("T17 dense softmax cross-entropy")
  void t17() {
    Tensor logits = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "logits");
    Tensor labels = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "labels");
    Tensor xent = tf.softmaxCrossEntropyWithLogits(labels, logits);
    Operation op = g.operation("softmax_cross_entropy_with_logits");
    assertEquals("SoftmaxCrossEntropyWithLogits", op.type());
    assertEquals(Shape.of(-1), xent.shape());
    int m = mark();
    Tensor gl = tf.gradients(xent, List.of(logits)).get(0);
    List<String> names = namesFrom(m);
    int at = names.indexOf("gradients/zeros_like");
    assertTrue(at > 0, names.toString());
    assertEquals(list("gradients/softmax_cross_entropy_with_logits_grad/", "ExpandDims/dim", "ExpandDims", "mul",
        "LogSoftmax", "Neg", "ExpandDims_1/dim", "ExpandDims_1", "mul_1"), names.subList(at + 1, at + 9));
    NdArray lg = NdArray.of(new float[][] {{1, 2, 3}, {0, 0, 0}});
    NdArray lb = NdArray.of(new float[][] {{0, 0, 1}, {1, 0, 0}});
    NdArray grad = run(gl, Map.of(logits, lg, labels, lb));
    float[] v = grad.toFloatArray();
    double e1 = Math.exp(1);
    double e2 = Math.exp(2);
    double e3 = Math.exp(3);
    double sum = e1 + e2 + e3;
    double[] expected = {e1 / sum, e2 / sum, e3 / sum - 1, 1.0 / 3 - 1, 1.0 / 3, 1.0 / 3};
    for (int i = 0; i < 6; i++) {
      assertEquals(expected[i], v[i], 1e-6);
    }
  }

  @Test
  @DisplayName("T18 gate_gradients (compute_gradients' GATE_OP) gates multi-input gradients")
  void t18() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Variable w;
    try (VarScope vs = tf.variableScope("tower")) {
      w = tf.getVariable("w", Shape.of(3, 2));
      tf.matMul(x, w);
    }
    Tensor loss = tf.mean(g.tensor("tower/MatMul:0"));
    int m = mark();
    Tensor gw = tf.gradients(List.of(loss), List.of(w), GradientOptions.builder().gateGradients(true).build()).get(0);
    assertEquals("gradients/tower/MatMul_grad/tuple/control_dependency_1:0", gw.name());
    List<String> names = namesFrom(m);
    int at = names.indexOf("gradients/tower/MatMul_grad/MatMul");
    assertEquals(list("gradients/tower/MatMul_grad/", "MatMul", "MatMul_1", "tuple/group_deps",
        "tuple/control_dependency", "tuple/control_dependency_1"), names.subList(at, names.size()));
    Operation groupDeps = g.operation("gradients/tower/MatMul_grad/tuple/group_deps");
    assertEquals("NoOp", groupDeps.type());
    assertEquals(List.of(g.operation("gradients/tower/MatMul_grad/MatMul"),
        g.operation("gradients/tower/MatMul_grad/MatMul_1")), groupDeps.controlInputs());
    Operation cd = g.operation("gradients/tower/MatMul_grad/tuple/control_dependency");
    assertEquals("Identity", cd.type());
    assertEquals("gradients/tower/MatMul_grad/MatMul:0", cd.input(0).name());
    assertEquals(List.of(groupDeps), cd.controlInputs());
    // The gradient of the Mean is a single input gradient: never gated.
    assertTrue(names.stream().noneMatch(n -> n.startsWith("gradients/Mean_grad/tuple")));
  }

  @Test
  @DisplayName("T20 dense layer chain: L2Loss, Relu, BiasAdd, MatMul")
  void t20() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    Variable w = tf.getVariable("w", Shape.of(4, 2));
    Variable b = tf.getVariable("b", Shape.of(2));
    Tensor h = tf.relu(tf.biasAdd(tf.matMul(x, w), b));
    Tensor loss = tf.l2Loss(h);
    int m = mark();
    List<Tensor> grads = tf.gradients(loss, List.of(w, b));
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill", "L2Loss_grad/mul", "Relu_grad/ReluGrad",
        "BiasAdd_grad/BiasAddGrad", "MatMul_grad/MatMul", "MatMul_grad/MatMul_1"), namesFrom(m));
    assertEquals(NdArray.of(new int[0]), g.operation("gradients/Shape").attr("value"));
    assertEquals("gradients/MatMul_grad/MatMul_1:0", grads.get(0).name());
    assertEquals("gradients/BiasAdd_grad/BiasAddGrad:0", grads.get(1).name());
  }

  // ---------------------------------------------------------------------------------------------
  // Catalogue details beyond the numbered cases

  @Test
  @DisplayName("Sum over some axes of a fully-known shape: reduced_shape ops once per (shape, axes) in the graph")
  void partialSumFullyKnown() {
    Tensor x = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(2, 3), 1), "x");
    Tensor s = tf.sum(x, new int[] {1}, false);
    int m = mark();
    Tensor gx = tf.gradients(s, List.of(x)).get(0);
    assertEquals(list("gradients/Sum_grad/", "Cast/x", "Cast_1/x", "Size", "add", "mod", "Shape", "range/start",
        "range/delta", "range", "Fill/value", "Fill", "DynamicStitch", "Maximum/y", "Maximum", "floordiv/x",
        "floordiv", "Reshape/shape", "Reshape", "Tile/multiples", "Tile"), namesFrom(m + 3));
    assertEquals(NdArray.of(2, 1), g.operation("gradients/Sum_grad/Reshape/shape").attr("value"));
    assertEquals(NdArray.of(1, 3), g.operation("gradients/Sum_grad/Tile/multiples").attr("value"));
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 3), 1), run(gx));
    try (Session session = new Session(g)) {
      assertEquals(NdArray.of(2, 1), session.run(g.tensor("gradients/Sum_grad/DynamicStitch:0")));
      assertEquals(NdArray.of(1, 3), session.run(g.tensor("gradients/Sum_grad/floordiv:0")));
    }
    int m2 = mark();
    tf.gradients(s, List.of(x));
    assertEquals(list("gradients_1/Sum_grad/", "Reshape/shape", "Reshape", "Tile/multiples", "Tile"),
        namesFrom(m2 + 3));
  }

  @Test
  @DisplayName("Mean over some axes with an unknown dimension: the general reduced_shape path")
  void partialMeanUnknown() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor mean = tf.mean(x, new int[] {0}, false);
    Tensor s = tf.sum(mean);
    int m = mark();
    Tensor gx = tf.gradients(s, List.of(x)).get(0);
    List<String> names = namesFrom(m);
    int at = names.indexOf("gradients/Mean_grad/Shape");
    assertEquals(list("gradients/Mean_grad/", "Shape", "Size", "add", "mod", "Shape_1", "range/start",
        "range/delta", "range", "Fill/value", "Fill", "DynamicStitch", "Maximum/y", "Maximum", "floordiv",
        "Reshape", "Tile", "Shape_2", "Shape_3", "Const", "Prod", "Const_1", "Prod_1", "Maximum_1/y", "Maximum_1",
        "floordiv_1", "Cast", "truediv"), names.subList(at, names.size()));
    NdArray fed = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 3), 0.5), run(gx, Map.of(x, fed)));
  }

  @Test
  @DisplayName("RealDiv (the / operator) and Sub: catalogue order")
  void realDivAndSub() {
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor y = tf.constant(new float[] {4, 8}, "y");
    Tensor q = x.truediv(y);
    assertEquals("truediv", q.op().name());
    int m = mark();
    List<Tensor> grads = tf.gradients(q, List.of(x, y));
    assertEquals(list("gradients/truediv_grad/", "Shape", "Shape_1", "BroadcastGradientArgs", "RealDiv", "Sum",
        "Reshape", "Neg", "RealDiv_1", "RealDiv_2", "mul", "Sum_1", "Reshape_1"), namesFrom(m + 3));
    assertEquals(NdArray.of(0.25f, 0.125f), run(grads.get(0)));
    assertEquals(NdArray.of(-1f / 16, -2f / 64), run(grads.get(1)));
    Tensor d = x.sub(y);
    int m2 = mark();
    List<Tensor> sg = tf.gradients(d, List.of(x, y));
    assertEquals(list("gradients_1/sub_grad/", "Neg"), namesFrom(m2 + 3));
    assertEquals(NdArray.of(-1f, -1f), run(sg.get(1)));
  }

  @Test
  @DisplayName("Softmax, Transpose, AddN, sparse cross entropy: catalogue names")
  void nnCatalogue() {
    Tensor x = tf.constant(new float[][] {{1, 2, 3}, {1, 1, 1}}, "x");
    Tensor sm = tf.softmax(x);
    int m = mark();
    tf.gradients(sm, List.of(x));
    assertEquals(list("gradients/Softmax_grad/", "mul", "Sum/reduction_indices", "Sum", "sub", "mul_1"),
        namesFrom(m + 3));
    Tensor t = tf.transpose(x);
    int m2 = mark();
    tf.gradients(t, List.of(x));
    assertEquals(list("gradients_1/transpose_grad/", "InvertPermutation", "transpose"), namesFrom(m2 + 3));
    Tensor n = tf.addN(List.of(x, x, x));
    int m3 = mark();
    Tensor gn = tf.gradients(n, List.of(x)).get(0);
    assertEquals(list("gradients_2/", "Shape", "grad_ys_0", "Fill", "AddN"), namesFrom(m3));
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 3), 3), run(gn));
    Tensor labels = tf.constant(new int[] {2, 0}, "labels");
    Tensor sparse = tf.sparseSoftmaxCrossEntropyWithLogits(labels, x);
    assertEquals("SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits", sparse.op().name());
    int m4 = mark();
    tf.gradients(sparse, List.of(x));
    assertEquals(list("gradients_3/", "Shape", "grad_ys_0", "Fill", "zeros_like",
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits_grad/PreventGradient",
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits_grad/ExpandDims/dim",
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits_grad/ExpandDims",
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits_grad/mul"), namesFrom(m4));
  }

  @Test
  @DisplayName("ConcatV2 and Slice: catalogue names, ShapeN when a shape is not fully known")
  void concatAndSlice() {
    Tensor a = tf.constant(new float[][] {{1, 2}, {3, 4}}, "a");
    Tensor b = tf.constant(new float[][] {{5, 6, 7}, {8, 9, 10}}, "b");
    Tensor c = tf.concat(List.of(a, b), 1);
    int m = mark();
    List<Tensor> grads = tf.gradients(c, List.of(a, b));
    assertEquals(list("gradients/concat_grad/", "Rank", "mod", "Shape", "Shape_1", "ConcatOffset", "Slice",
        "Slice_1"), namesFrom(m + 3));
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 3), 1), run(grads.get(1)));
    Tensor p = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "p");
    Tensor c2 = tf.concat(List.of(a, p), 0);
    int m2 = mark();
    tf.gradients(c2, List.of(p));
    assertEquals(list("gradients_1/concat_1_grad/", "Rank", "mod", "Shape", "Shape_1", "ShapeN", "ConcatOffset",
        "Slice", "Slice_1"), namesFrom(m2 + 3));
    Tensor sl = tf.slice(b, new int[] {0, 1}, new int[] {2, 2});
    int m3 = mark();
    Tensor gs = tf.gradients(sl, List.of(b)).get(0);
    assertEquals(list("gradients_2/Slice_grad/", "Rank", "Shape", "stack/1", "stack", "Reshape", "Shape_1", "sub",
        "sub_1", "Reshape_1", "concat/axis", "concat", "Pad"), namesFrom(m3 + 3));
    assertEquals(NdArray.of(new float[][] {{0, 1, 1}, {0, 1, 1}}), run(gs));
  }

  @Test
  @DisplayName("Tile, Maximum, ExpandDims, Log: catalogue names and control edges")
  void tileMaximumExpandDims() {
    Tensor x = tf.constant(new float[][] {{1, 2}, {3, 4}}, "x");
    Tensor t = tf.tile(x, new int[] {1, 2});
    int m = mark();
    Tensor gt = tf.gradients(t, List.of(x)).get(0);
    assertEquals(list("gradients/Tile_grad/", "Shape", "stack", "transpose/perm", "transpose", "Reshape/shape",
        "Reshape", "Size", "range/start", "range/delta", "range", "Reshape_1", "Sum"), namesFrom(m + 3));
    assertEquals(Shape.of(2, 2), gt.shape());
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(2, 2), 2), run(gt));
    Tensor y = tf.constant(new float[] {2, 2}, "y");
    Tensor mx = tf.maximum(x, y);
    int m2 = mark();
    List<Tensor> gm = tf.gradients(mx, List.of(x, y));
    assertEquals(list("gradients_1/Maximum_grad/", "Shape", "Shape_1", "Shape_2", "zeros/Const", "zeros",
        "GreaterEqual", "BroadcastGradientArgs", "Select", "Sum", "Reshape", "Select_1", "Sum_1", "Reshape_1"),
        namesFrom(m2 + 3));
    assertEquals(NdArray.of(new float[][] {{0, 1}, {1, 1}}), run(gm.get(0)));
    assertEquals(NdArray.of(1f, 0f), run(gm.get(1))); // ties go to x (GreaterEqual)
    Tensor e = tf.expandDims(x, 0);
    int m3 = mark();
    tf.gradients(e, List.of(x));
    assertEquals(list("gradients_2/ExpandDims_grad/", "Shape", "Reshape"), namesFrom(m3 + 3));
    Tensor l = tf.log(x);
    int m4 = mark();
    tf.gradients(l, List.of(x));
    assertEquals(list("gradients_3/Log_grad/", "Reciprocal", "mul"), namesFrom(m4 + 3));
    assertEquals(List.of(g.operation("gradients_3/Fill")), g.operation("gradients_3/Log_grad/Reciprocal").controlInputs());
    assertEquals(List.of(), g.operation("gradients_3/Log_grad/mul").controlInputs());
  }

  @Test
  @DisplayName("Pow and SquaredDifference: names in Python's evaluation order, control edges")
  void powAndSquaredDifference() {
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor y = tf.constant(new float[] {3, 2}, "y");
    Tensor p = tf.pow(x, y);
    int m = mark();
    tf.gradients(p, List.of(x, y));
    assertEquals(list("gradients/Pow_grad/", "BroadcastGradientArgs/s0", "BroadcastGradientArgs/s1",
        "BroadcastGradientArgs", "mul", "sub/y", "sub", "Pow", "mul_1", "Greater/y", "Greater", "ones_like", "Select",
        "Log", "zeros_like", "Select_1", "mul_2", "mul_3"), namesFrom(m + 3));
    Tensor d = tf.squaredDifference(x, y);
    int m2 = mark();
    tf.gradients(d, List.of(x, y));
    assertEquals(list("gradients_1/SquaredDifference_grad/", "scalar", "Mul", "sub", "mul_1", "Neg"), namesFrom(m2 + 3)); // mul_1: names are case-insensitive
    Operation fill = g.operation("gradients_1/Fill");
    assertEquals(List.of(fill), g.operation("gradients_1/SquaredDifference_grad/scalar").controlInputs());
    assertEquals(List.of(fill), g.operation("gradients_1/SquaredDifference_grad/sub").controlInputs());
    assertEquals(List.of(), g.operation("gradients_1/SquaredDifference_grad/Mul").controlInputs());
  }

  @Test
  @DisplayName("the name option and the enclosing variable scope prefix the gradients scope")
  void nameOption() {
    Tensor x = tf.constant(2f, "x");
    Tensor y = tf.square(x);
    Tensor g1 = tf.gradients(List.of(y), List.of(x), GradientOptions.builder().name("grads").build()).get(0);
    assertEquals("grads/Square_grad/Mul_1:0", g1.name());
    Tensor g2;
    try (VarScope vs = tf.variableScope("vs")) {
      g2 = tf.gradients(y, List.of(x)).get(0);
    }
    assertEquals("vs/gradients/Square_grad/Mul_1:0", g2.name());
    assertEquals("grads/uid_1", g.uniqueName("grads/uid", false)); // unique_name("uid") reserved the name
    assertEquals("vs/gradients/uid_1", g.uniqueName("vs/gradients/uid", false));
    assertEquals(NdArray.scalar(4f), run(g1));
  }

  @Test
  @DisplayName("several ys: one Shape/grad_ys_i/Fill per y, gradients summed")
  void severalYs() {
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor a = tf.square(x);
    Tensor b = tf.neg(x);
    int m = mark();
    Tensor gx = tf.gradients(List.of(a, b), List.of(x)).get(0);
    assertEquals(list("gradients/", "Shape", "grad_ys_0", "Fill", "Shape_1", "grad_ys_1", "Fill_1"),
        namesFrom(m).subList(0, 6));
    assertEquals(NdArray.of(1f, 3f), run(gx));
    assertEquals("AddN", gx.op().type());
  }

  @Test
  @DisplayName("Sub and Mul of different fully-known shapes: cached broadcast axes, reduction on one side only")
  void subAndMulKnownBroadcast() {
    Tensor x = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}}, "x");
    Tensor y = tf.constant(new float[] {1, 1, 1}, "y");
    Tensor d = x.sub(y);
    int m = mark();
    List<Tensor> grads = tf.gradients(d, List.of(x, y));
    assertEquals(list("gradients/sub_grad/", "BroadcastGradientArgs/s0", "BroadcastGradientArgs/s1",
        "BroadcastGradientArgs", "Neg", "Sum/reduction_indices", "Sum", "Reshape/shape", "Reshape"), namesFrom(m + 3));
    assertSame(g.operation("gradients/Fill").output(0), grads.get(0));
    assertEquals(NdArray.of(-2f, -2f, -2f), run(grads.get(1)));
    Tensor p = y.mul(x);
    int m2 = mark();
    List<Tensor> pg = tf.gradients(p, List.of(y, x));
    assertEquals(list("gradients_1/mul_grad/", "BroadcastGradientArgs/s0", "BroadcastGradientArgs/s1",
        "BroadcastGradientArgs", "Mul", "Sum/reduction_indices", "Sum", "Reshape/shape", "Reshape", "Mul_1"),
        namesFrom(m2 + 3));
    assertEquals(NdArray.of(5f, 7f, 9f), run(pg.get(0)));
    // (2, 3) / (3,) again in this graph: cached, no BroadcastGradientArgs ops.
    Tensor d2 = x.sub(y);
    int m3 = mark();
    tf.gradients(d2, List.of(x, y));
    assertEquals(list("gradients_2/sub_1_grad/", "Neg", "Sum/reduction_indices", "Sum", "Reshape/shape", "Reshape"),
        namesFrom(m3 + 3));
  }

  @Test
  @DisplayName("an x whose op is visited but gets no gradient stays unconnected (zeros with ZERO)")
  void visitedWithoutGradient() {
    Tensor x = tf.constant(new float[] {3, 5}, "x");
    Tensor c = tf.constant(new float[] {2, 2}, "c");
    Tensor q = tf.floorDiv(x, c);
    assertNull(tf.gradients(q, List.of(x)).get(0));
    Tensor z = tf.gradients(List.of(q), List.of(x),
        GradientOptions.builder().unconnectedGradients(UnconnectedGradients.ZERO).build()).get(0);
    assertEquals("zeros_like:0", z.name());
    assertEquals(NdArray.of(0f, 0f), run(z));
  }

  @Test
  @DisplayName("ConcatV2 of more than 16 values: stack, Slice, Squeeze, split (SplitV)")
  void concatOfManyValues() {
    List<Tensor> values = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      values.add(tf.constant(new float[] {i, 2 * i}));
    }
    Tensor c = tf.concat(values, 0);
    int m = mark();
    List<Tensor> grads = tf.gradients(c, values);
    List<String> expected = new ArrayList<>(list("gradients/concat_grad/", "Rank", "mod"));
    expected.add("gradients/concat_grad/Shape");
    for (int i = 1; i < 17; i++) {
      expected.add("gradients/concat_grad/Shape_" + i);
    }
    expected.addAll(list("gradients/concat_grad/", "stack", "Slice/begin/1", "Slice/begin", "Slice/size", "Slice",
        "Squeeze", "split"));
    assertEquals(expected, namesFrom(m + 3));
    assertEquals("SplitV", g.operation("gradients/concat_grad/split").type());
    assertEquals("gradients/concat_grad/split:16", grads.get(16).name());
    assertEquals(Shape.of(2), grads.get(16).shape());
    assertEquals(NdArray.of(1f, 1f), run(grads.get(16)));
  }

  @Test
  @DisplayName("a variable's gradient flows through its read snapshot; ys may be variables")
  void variableThroughRead() {
    Variable v = tf.getVariable("v", Shape.of(2));
    Tensor y = v.mul(v);
    int m = mark();
    Tensor gv = tf.gradients(y, List.of(v)).get(0);
    assertTrue(namesFrom(m).stream().noneMatch(s -> s.contains("read")));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      NdArray value = s.run(v);
      NdArray grad = s.run(gv);
      for (int i = 0; i < 2; i++) {
        assertEquals(2 * value.getDouble(i), grad.getDouble(i), 1e-6);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  @Test
  @DisplayName("no gradient defined: LookupError text, and nothing is left in the graph")
  void noGradient() {
    OpRegistry.register(OpDef.builder("GradlessTestOp").inputs("x")
        .shape(node -> node.likeInput(0))
        .build());
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor y = g.opBuilder("GradlessTestOp", "odd").addInput(x).build().output(0);
    Tensor z = tf.square(y);
    int size = g.size();
    NoGradientException e = assertThrows(NoGradientException.class, () -> tf.gradients(z, List.of(x)));
    assertEquals("No gradient defined for operation 'odd' (op type: GradlessTestOp)", e.getMessage());
    assertEquals(size, g.size());
    // The failed call reserved no name: the next call uses "gradients" again.
    Tensor gy = tf.gradients(z, List.of(y)).get(0);
    assertEquals("gradients/Square_grad/Mul_1:0", gy.name());
  }

  @Test
  @DisplayName("failed gradients leave the per-graph caches and static shapes as they were")
  void atomicCaches() {
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor p = tf.preventGradient(x, "no");
    Tensor y = p.mul(3.0f);
    assertThrows(NoGradientException.class, () -> tf.gradients(y, List.of(x)));
    Tensor y2 = x.mul(3.0f);
    int m = mark();
    tf.gradients(y2, List.of(x));
    assertTrue(namesFrom(m).contains("gradients/mul_1_grad/BroadcastGradientArgs"), namesFrom(m).toString());
  }

  @Test
  @DisplayName("grad_ys of the wrong length")
  void gradYsLength() {
    Tensor x = tf.constant(1f);
    Tensor y = x.mul(2f);
    ScopeGraphException e = assertThrows(ScopeGraphException.class, () -> tf.gradients(List.of(y), List.of(x),
        GradientOptions.builder().gradYs(List.of(x, x)).build()));
    assertEquals("Passed 2 grad_ys for 1 ys", e.getMessage());
  }

  @Test
  @DisplayName("a gradient whose shape contradicts the input's is rejected with TF's text")
  void incompatibleGradientShape() {
    OpRegistry.register(OpDef.builder("BadGradTestOp").inputs("x")
        .shape(node -> node.likeInput(0))
        .gradient((ops, op, grads) -> List.of(ops.constant(new float[] {1, 2, 3})))
        .build());
    Tensor x = tf.constant(new float[] {1, 2}, "x");
    Tensor y = g.opBuilder("BadGradTestOp", "bad").addInput(x).build().output(0);
    IncompatibleShapesException e = assertThrows(IncompatibleShapesException.class,
        () -> tf.gradients(y, List.of(x)));
    assertEquals("Incompatible shapes between op input and calculated input gradient.  Forward operation: bad.  "
        + "Input index: 0. Original input shape: (2,).  Calculated input gradient shape: (3,)", e.getMessage());
  }

  @Test
  @DisplayName("gradients are registered for the differentiable ops, not for shape ops")
  void registry() {
    for (String type : List.of("Add", "AddV2", "Sub", "Mul", "RealDiv", "Pow", "Maximum", "Minimum",
        "SquaredDifference", "Neg", "Square", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Abs",
        "MatMul", "Sum", "Mean", "Reshape", "Cast", "ConcatV2", "Slice", "L2Loss", "Softmax", "BiasAdd",
        "SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits", "Transpose", "AddN", "Tile",
        "ExpandDims", "LogSoftmax", "PlaceholderWithDefault")) {
      assertTrue(OpRegistry.get(type).gradient() != null, type);
    }
    for (String type : List.of("Identity", "GatherV2")) { // their gradients take and give IndexedSlices
      assertTrue(OpRegistry.get(type).sparseGradient() != null, type);
    }
    for (String type : List.of("Shape", "ZerosLike", "OnesLike", "StopGradient", "Const", "Greater", "Size", "Rank")) {
      assertTrue(OpRegistry.get(type).isNotDifferentiable(), type);
    }
    assertArrayEquals(new String[0], new String[0]);
  }
}
