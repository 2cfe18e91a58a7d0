package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.train.GradientDescentOptimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The v1 {@code tf.cond} of TF 1.15: op names, types, inputs and control inputs in creation order (as
 * {@code control_flow_ops.cond} and {@code CondContext} make them), the executor's dead tensors, side effects
 * only in the taken branch, the fetch errors, nested conds, gradients against central differences, the batch
 * norm moving-average update of L27 ({@code cond_2}) and {@code smartCond}.
 */
class CondTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** Each op from {@code from} on as {@code name(Type) inputs ^controls}. */
  private List<String> opsFrom(int from) {
    List<String> out = new ArrayList<>();
    for (Operation op : g.operations().subList(from, g.size())) {
      StringBuilder sb = new StringBuilder(op.name()).append('(').append(op.type()).append(')');
      for (Tensor t : op.inputs()) {
        sb.append(' ').append(t.index() == 0 ? t.op().name() : t.name());
      }
      for (Operation c : op.controlInputs()) {
        sb.append(" ^").append(c.name());
      }
      out.add(sb.toString());
    }
    return out;
  }

  private List<String> namesFrom(int from) {
    return g.operations().subList(from, g.size()).stream().map(Operation::name).toList();
  }

  private static Map<Tensor, NdArray> feeds(Object... pairs) {
    Map<Tensor, NdArray> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((Tensor) pairs[i], NdArray.of(pairs[i + 1]));
    }
    return m;
  }

  private static float[] floats(NdArray a) {
    return a.toFloatArray();
  }

  @Test
  @DisplayName("tf.cond(p, lambda: x * 2, lambda: x + 1): TF 1.15's ops, Switches after their consumers")
  void simpleCondNames() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    int mark = g.size();
    Tensor y = tf.cond(p, () -> x.mul(2f), () -> x.add(1f));
    assertEquals(List.of(
        "cond/Switch(Switch) p p",
        "cond/switch_t(Identity) cond/Switch:1",
        "cond/switch_f(Identity) cond/Switch",
        "cond/pred_id(Identity) p",
        "cond/mul/y(Const) ^cond/switch_t",
        "cond/mul(Mul) cond/mul/Switch:1 cond/mul/y",
        "cond/mul/Switch(Switch) x cond/pred_id",
        "cond/add/y(Const) ^cond/switch_f",
        "cond/add(AddV2) cond/add/Switch cond/add/y",
        "cond/add/Switch(Switch) x cond/pred_id",
        "cond/Merge(Merge) cond/add cond/mul"), opsFrom(mark));
    assertEquals("cond/Merge:0", y.name());
    assertEquals(Shape.of(2), y.shape());
    Operation merge = y.op();
    assertEquals(DType.FLOAT32, merge.attr("T"));
    assertEquals(2L, merge.attr("N"));
    assertEquals(DType.INT32, merge.output(1).dtype());
    assertEquals(DType.FLOAT32, g.operation("cond/mul/Switch").attr("T"));
    // A second cond is cond_1; a named one takes the name.
    mark = g.size();
    tf.cond(p, () -> x, () -> x, "choose");
    tf.cond(p, () -> x, () -> x);
    assertEquals(List.of("choose/Switch", "choose/switch_t", "choose/switch_f", "choose/pred_id", "choose/Switch_1",
        "choose/Switch_2", "choose/Merge", "cond_1/Switch", "cond_1/switch_t", "cond_1/switch_f", "cond_1/pred_id",
        "cond_1/Switch_1", "cond_1/Switch_2", "cond_1/Merge"), namesFrom(mark));
  }

  @Test
  @DisplayName("a value a branch returns unchanged gets cond/Switch_1; a value used twice in a branch one Switch")
  void capturedValues() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    int mark = g.size();
    List<Tensor> y = tf.condList(p, () -> List.of(x.mul(x), x), () -> List.of(x, x.add(1f)));
    assertEquals(List.of(
        "cond/Switch(Switch) p p",
        "cond/switch_t(Identity) cond/Switch:1",
        "cond/switch_f(Identity) cond/Switch",
        "cond/pred_id(Identity) p",
        "cond/mul(Mul) cond/mul/Switch:1 cond/mul/Switch:1",
        "cond/mul/Switch(Switch) x cond/pred_id",
        "cond/add/y(Const) ^cond/switch_f",
        "cond/add(AddV2) cond/add/Switch cond/add/y",
        "cond/add/Switch(Switch) x cond/pred_id",
        "cond/Merge(Merge) cond/add/Switch cond/mul",
        "cond/Merge_1(Merge) cond/add cond/mul/Switch:1"), opsFrom(mark));
    try (Session s = new Session(g)) {
      List<NdArray> t = s.run(y, feeds(x, new float[] {2, 3}, p, true));
      assertArrayEquals(new float[] {4, 9}, floats(t.get(0)));
      assertArrayEquals(new float[] {2, 3}, floats(t.get(1)));
      List<NdArray> f = s.run(y, feeds(x, new float[] {2, 3}, p, false));
      assertArrayEquals(new float[] {2, 3}, floats(f.get(0)));
      assertArrayEquals(new float[] {3, 4}, floats(f.get(1)));
    }
  }

  @Test
  @DisplayName("Merge's static shape: dimensions where the branches differ are unknown, another rank unknown")
  void mergeShapes() {
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor a = tf.placeholder(DType.FLOAT32, Shape.of(2, 3), "a");
    Tensor b = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "b");
    Tensor c = tf.placeholder(DType.FLOAT32, Shape.of(6), "c");
    assertEquals(Shape.of(-1, 3), tf.cond(p, () -> a, () -> b).shape());
    assertEquals(Shape.of(2, 3), tf.cond(p, () -> a, () -> a.mul(2f)).shape());
    assertEquals(Shape.unknown(), tf.cond(p, () -> a, () -> c).shape());
  }

  @Test
  @DisplayName("the value returned unchanged by the true branch: cond/Switch_1 created in the branch")
  void lambdaX() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    int mark = g.size();
    tf.cond(p, () -> x, () -> x.add(1f));
    assertEquals(List.of("cond/Switch", "cond/switch_t", "cond/switch_f", "cond/pred_id", "cond/Switch_1",
        "cond/add/y", "cond/add", "cond/add/Switch", "cond/Merge"), namesFrom(mark));
    assertEquals(List.of(x, g.tensor("cond/pred_id:0")), g.operation("cond/Switch_1").inputs());
    assertEquals(List.of(g.tensor("cond/add:0"), g.tensor("cond/Switch_1:1")), g.operation("cond/Merge").inputs());
  }

  @Test
  @DisplayName("the executor: only the taken branch runs, Merge forwards it, value_index says which")
  void executorBothBranches() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor y = tf.cond(p, () -> x.mul(2f), () -> x.add(1f));
    Tensor index = y.op().output(1);
    Tensor after = y.mul(10f);
    try (Session s = new Session(g)) {
      List<NdArray> t = s.run(List.of(y, index, after), feeds(x, new float[] {1, 2}, p, true));
      assertArrayEquals(new float[] {2, 4}, floats(t.get(0)));
      assertEquals(1, t.get(1).scalarValue());
      assertArrayEquals(new float[] {20, 40}, floats(t.get(2)));
      List<NdArray> f = s.run(List.of(y, index, after), feeds(x, new float[] {1, 2}, p, false));
      assertArrayEquals(new float[] {2, 3}, floats(f.get(0)));
      assertEquals(0, f.get(1).scalarValue());
      assertArrayEquals(new float[] {20, 30}, floats(f.get(2)));
    }
  }

  @Test
  @DisplayName("branches of constants: the pivot control input keeps the untaken Const dead")
  void constantBranches() {
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    int mark = g.size();
    Tensor y = tf.cond(p, () -> tf.constant(1f), () -> tf.constant(2f));
    assertEquals(List.of("cond/Switch(Switch) p p", "cond/switch_t(Identity) cond/Switch:1",
        "cond/switch_f(Identity) cond/Switch", "cond/pred_id(Identity) p", "cond/Const(Const) ^cond/switch_t",
        "cond/Const_1(Const) ^cond/switch_f", "cond/Merge(Merge) cond/Const_1 cond/Const"), opsFrom(mark));
    try (Session s = new Session(g)) {
      assertEquals(1f, s.run(List.of(y), feeds(p, true)).get(0).scalarValue());
      assertEquals(2f, s.run(List.of(y), feeds(p, false)).get(0).scalarValue());
    }
  }

  @Test
  @DisplayName("an input-less op with a control input inside the branch gets no pivot; one outside does")
  void pivotRule() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Operation outside = tf.noOp("outside");
    int mark = g.size();
    tf.cond(p, () -> {
      Tensor a = tf.identity(x, "a");
      Tensor inner = tf.controlDependencies(List.of(a.op()), () -> tf.constant(1f, "inner"));
      Tensor outer = tf.controlDependencies(List.of(outside), () -> tf.constant(2f, "outer"));
      return a.add(inner).add(outer);
    }, () -> x);
    List<String> ops = opsFrom(mark);
    assertTrue(ops.contains("cond/inner(Const) ^cond/a"), ops.toString());
    assertTrue(ops.contains("cond/outer(Const) ^outside ^cond/switch_t"), ops.toString());
    assertTrue(ops.contains("cond/a(Identity) cond/a/Switch:1"), ops.toString());
  }

  @Test
  @DisplayName("side effects only in the taken branch: an AssignAdd under each branch")
  void sideEffects() {
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Variable v = tf.variable(10f, "v");
    Variable w = tf.variable(100f, "w");
    int mark = g.size();
    Tensor y = tf.cond(p, () -> tf.assignAdd(v, 1f), () -> tf.assignAdd(w, 5f));
    assertEquals(List.of(
        "cond/Switch(Switch) p p",
        "cond/switch_t(Identity) cond/Switch:1",
        "cond/switch_f(Identity) cond/Switch",
        "cond/pred_id(Identity) p",
        "cond/AssignAdd/value(Const) ^cond/switch_t",
        "cond/AssignAdd(AssignAdd) cond/AssignAdd/Switch:1 cond/AssignAdd/value",
        "cond/AssignAdd/Switch(RefSwitch) v cond/pred_id",
        "cond/AssignAdd_1/value(Const) ^cond/switch_f",
        "cond/AssignAdd_1(AssignAdd) cond/AssignAdd_1/Switch cond/AssignAdd_1/value",
        "cond/AssignAdd_1/Switch(RefSwitch) w cond/pred_id",
        "cond/Merge(Merge) cond/AssignAdd_1 cond/AssignAdd"), opsFrom(mark));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(11f, s.run(List.of(y), feeds(p, true)).get(0).getDouble(0), 0);
      assertEquals(12f, s.run(List.of(y), feeds(p, true)).get(0).getDouble(0), 0);
      assertEquals(105f, s.run(List.of(y), feeds(p, false)).get(0).getDouble(0), 0);
      assertArrayEquals(new float[] {12f}, floats(s.run(v)));
      assertArrayEquals(new float[] {105f}, floats(s.run(w)));
      s.runner().feed(p, false).addTarget(y.op()).run(); // the Merge as a target (as UPDATE_OPS hold it)
      assertArrayEquals(new float[] {12f}, floats(s.run(v)));
      assertArrayEquals(new float[] {110f}, floats(s.run(w)));
    }
  }

  @Test
  @DisplayName("L27 cond_2: batch norm's moving-average update under a bool placeholder")
  void movingAverageUpdateL27() {
    Tensor training = tf.placeholder(DType.BOOL, Shape.unknown(), "train_phase");
    Variable movingMean = tf.variable(new float[] {0f, 0f}, "moving_mean", DType.FLOAT32, false);
    Tensor newMean = tf.placeholder(DType.FLOAT32, Shape.of(2), "new_mean");
    int mark = g.size();
    Tensor update = tf.cond(training, () -> {
      try (NameScopeHandle scope = tf.nameScope(null, "AssignMovingAvg", List.of(movingMean, newMean))) {
        Tensor decay = tf.constant(1f - 0.99f, "decay");
        Tensor delta = movingMean.sub(newMean).mul(decay);
        return tf.assignSub(movingMean, delta, scope.name());
      }
    }, () -> movingMean);
    assertEquals(List.of(
        "cond/Switch(Switch) train_phase train_phase",
        "cond/switch_t(Identity) cond/Switch:1",
        "cond/switch_f(Identity) cond/Switch",
        "cond/pred_id(Identity) train_phase",
        "cond/AssignMovingAvg/decay(Const) ^cond/switch_t",
        "cond/AssignMovingAvg/sub(Sub) cond/AssignMovingAvg/sub/Switch:1 cond/AssignMovingAvg/sub/Switch_1:1",
        "cond/AssignMovingAvg/sub/Switch(Switch) moving_mean/read cond/pred_id",
        "cond/AssignMovingAvg/sub/Switch_1(Switch) new_mean cond/pred_id",
        "cond/AssignMovingAvg/mul(Mul) cond/AssignMovingAvg/sub cond/AssignMovingAvg/decay",
        "cond/AssignMovingAvg(AssignSub) cond/AssignMovingAvg/Switch:1 cond/AssignMovingAvg/mul",
        "cond/AssignMovingAvg/Switch(RefSwitch) moving_mean cond/pred_id",
        "cond/Switch_1(Switch) moving_mean/read cond/pred_id",
        "cond/Merge(Merge) cond/Switch_1 cond/AssignMovingAvg"), opsFrom(mark));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      NdArray batch = NdArray.of(new float[] {1f, -2f});
      // Inference: the update op leaves the variable alone and yields its value.
      assertArrayEquals(new float[] {0f, 0f}, floats(s.run(List.of(update), Map.of(training, NdArray.scalar(false),
          newMean, batch)).get(0)));
      assertArrayEquals(new float[] {0f, 0f}, floats(s.run(movingMean)));
      // Training: moving_mean -= (moving_mean - batch) * 0.01.
      s.runner().feed(training, true).feed(newMean, batch).addTarget(update.op()).run();
      assertArrayEquals(new float[] {0.01f, -0.02f}, floats(s.run(movingMean)), 1e-7f);
    }
  }

  @Test
  @DisplayName("fetching inside a branch: TF's 'marked as not fetchable'; a dead tensor: Retval does not have value")
  void fetchErrors() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor y = tf.cond(p, () -> x.mul(2f), () -> x.add(1f));
    try (Session s = new Session(g)) {
      for (String name : List.of("cond/mul:0", "cond/switch_t:0", "cond/pred_id:0", "cond/mul/Switch:1")) {
        NotFetchableException e = assertThrows(NotFetchableException.class,
            () -> s.run(List.of(g.tensor(name)), feeds(x, new float[] {1, 2}, p, true)));
        assertEquals("Operation '" + name.substring(0, name.indexOf(':')) + "' has been marked as not fetchable.",
            e.getMessage());
      }
      assertFalse(g.isFetchable(g.operation("cond/Switch")));
      assertTrue(g.isFetchable(y.op()));
      // Gradient ops live outside the cond: fetchable, and dead when their branch is not taken.
      Tensor dx = tf.gradients(y, List.of(x)).get(0);
      Tensor mulGrad = g.tensor("gradients/cond/mul_grad/Mul:0");
      InvalidArgumentException dead = assertThrows(InvalidArgumentException.class,
          () -> s.run(List.of(dx, mulGrad), feeds(x, new float[] {1, 2}, p, false)));
      assertEquals("Retval[1] does not have value: the fetched tensor 'gradients/cond/mul_grad/Mul:0' is dead (it "
          + "depends on a branch of a Switch that this run did not take)", dead.getMessage());
      assertArrayEquals(new float[] {2, 2}, floats(s.run(List.of(mulGrad), feeds(x, new float[] {1, 2}, p, true))
          .get(0)));
    }
    // A Switch built by hand outside any cond can be fetched: its untaken output is dead.
    Tensor c = tf.constant(3f, "c");
    Operation sw = g.opBuilder("Switch", "sw").addInput(c).addInput(p).setAttr("T", DType.FLOAT32).build();
    try (Session s = new Session(g)) {
      assertEquals(3f, s.run(List.of(sw.output(1)), feeds(p, true)).get(0).scalarValue());
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> s.run(List.of(sw.output(0)), feeds(p, true)));
      assertTrue(e.getMessage().startsWith("Retval[0] does not have value: the fetched tensor 'sw:0' is dead"));
    }
  }

  @Test
  @DisplayName("nested cond: the inner cond's values are switched by the outer branch first")
  void nestedCond() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor q = tf.placeholder(DType.BOOL, Shape.scalar(), "q");
    int mark = g.size();
    Tensor y = tf.cond(p, () -> tf.cond(q, () -> x.mul(2f), () -> x.mul(3f)), () -> x.add(1f));
    assertEquals(List.of(
        "cond/Switch(Switch) p p",
        "cond/switch_t(Identity) cond/Switch:1",
        "cond/switch_f(Identity) cond/Switch",
        "cond/pred_id(Identity) p",
        "cond/cond/Switch(Switch) cond/cond/Switch/Switch:1 cond/cond/Switch/Switch:1",
        "cond/cond/Switch/Switch(Switch) q cond/pred_id",
        "cond/cond/switch_t(Identity) cond/cond/Switch:1",
        "cond/cond/switch_f(Identity) cond/cond/Switch",
        "cond/cond/pred_id(Identity) cond/cond/Switch/Switch:1",
        "cond/cond/mul/y(Const) ^cond/cond/switch_t",
        "cond/cond/mul(Mul) cond/cond/mul/Switch_1:1 cond/cond/mul/y",
        "cond/cond/mul/Switch(Switch) x cond/pred_id",
        "cond/cond/mul/Switch_1(Switch) cond/cond/mul/Switch:1 cond/cond/pred_id",
        "cond/cond/mul_1/y(Const) ^cond/cond/switch_f",
        "cond/cond/mul_1(Mul) cond/cond/mul_1/Switch cond/cond/mul_1/y",
        "cond/cond/mul_1/Switch(Switch) cond/cond/mul/Switch:1 cond/cond/pred_id",
        "cond/cond/Merge(Merge) cond/cond/mul_1 cond/cond/mul",
        "cond/add/y(Const) ^cond/switch_f",
        "cond/add(AddV2) cond/add/Switch cond/add/y",
        "cond/add/Switch(Switch) x cond/pred_id",
        "cond/Merge(Merge) cond/add cond/cond/Merge"), opsFrom(mark));
    Tensor dx = tf.gradients(tf.sum(y.mul(y)), List.of(x)).get(0);
    try (Session s = new Session(g)) {
      float[] in = {1, 2};
      float[][] expected = {{2, 4}, {3, 6}, {2, 3}, {2, 3}};
      boolean[][] flags = {{true, true}, {true, false}, {false, true}, {false, false}};
      for (int k = 0; k < 4; k++) {
        List<NdArray> out = s.run(List.of(y, dx), feeds(x, in, p, flags[k][0], q, flags[k][1]));
        assertArrayEquals(expected[k], floats(out.get(0)), "y " + k);
        float scale = flags[k][0] ? (flags[k][1] ? 2 : 3) : 1;
        float[] grad = new float[2];
        for (int i = 0; i < 2; i++) {
          grad[i] = 2 * expected[k][i] * scale; // d/dx sum(f(x)^2) = 2 f(x) f'(x)
        }
        assertArrayEquals(grad, floats(out.get(1)), "dx " + k);
      }
    }
  }

  @Test
  @DisplayName("gradients through a cond: TF 1.15's names (cond_grad Switch and Merges, zeros off gradients/Switch)")
  void gradientNames() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor y = tf.cond(p, () -> x.mul(2f), () -> x.add(1f));
    int mark = g.size();
    Tensor dx = tf.gradients(y, List.of(x)).get(0);
    List<String> ops = opsFrom(mark);
    assertEquals(List.of(
        "gradients/Shape(Const)",
        "gradients/grad_ys_0(Const)",
        "gradients/Fill(Fill) gradients/Shape gradients/grad_ys_0",
        "gradients/cond/Merge_grad/cond_grad(Switch) gradients/Fill cond/pred_id"), ops.subList(0, 4));
    assertEquals(List.of(
        "gradients/Switch(Switch) x cond/pred_id",
        "gradients/Identity(Identity) gradients/Switch:1",
        "gradients/Shape_1(Shape) gradients/Switch:1",
        "gradients/zeros/Const(Const) ^gradients/Identity",
        "gradients/zeros(Fill) gradients/Shape_1 gradients/zeros/Const",
        "gradients/cond/add/Switch_grad/cond_grad(Merge) gradients/cond/Merge_grad/cond_grad gradients/zeros",
        "gradients/Switch_1(Switch) x cond/pred_id",
        "gradients/Identity_1(Identity) gradients/Switch_1",
        "gradients/Shape_2(Shape) gradients/Switch_1",
        "gradients/zeros_1/Const(Const) ^gradients/Identity_1",
        "gradients/zeros_1(Fill) gradients/Shape_2 gradients/zeros_1/Const",
        "gradients/cond/mul/Switch_grad/cond_grad(Merge) gradients/zeros_1 gradients/cond/mul_grad/Mul",
        "gradients/AddN(AddN) gradients/cond/add/Switch_grad/cond_grad gradients/cond/mul/Switch_grad/cond_grad"),
        ops.subList(ops.size() - 13, ops.size()));
    assertTrue(ops.contains("gradients/cond/mul_grad/Mul(Mul) gradients/cond/Merge_grad/cond_grad:1 cond/mul/y"));
    // AddV2's x needs no reduction (its gradient is the switched one itself); its y (a scalar) is summed.
    assertTrue(ops.contains("gradients/cond/add_grad/Sum(Sum) gradients/cond/Merge_grad/cond_grad "
        + "gradients/cond/add_grad/Sum/reduction_indices"));
    assertEquals("gradients/AddN:0", dx.name());
  }

  @Test
  @DisplayName("gradients of both branches against central differences (float64)")
  void gradientsAgainstCentralDifferences() {
    Tensor x = tf.placeholder(DType.FLOAT64, Shape.of(3), "x");
    Tensor w = tf.placeholder(DType.FLOAT64, Shape.of(3), "w");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    // Branches mixing x with captured w, and a value (w) returned unchanged by one branch.
    List<Tensor> y = tf.condList(p, () -> List.of(tf.tanh(x.mul(w)), tf.square(w)),
        () -> List.of(tf.exp(x).mul(0.5), w));
    Tensor loss = tf.sum(y.get(0).mul(y.get(1)));
    List<Tensor> grads = tf.gradients(loss, List.of(x, w));
    double[] x0 = {0.3, -0.7, 1.1};
    double[] w0 = {0.9, 0.4, -1.3};
    double h = 1e-6;
    try (Session s = new Session(g)) {
      for (boolean b : new boolean[] {true, false}) {
        List<NdArray> out = s.run(grads, feeds(x, x0, w, w0, p, b));
        for (int which = 0; which < 2; which++) {
          for (int i = 0; i < 3; i++) {
            double[] xp = x0.clone();
            double[] wp = w0.clone();
            double[] xm = x0.clone();
            double[] wm = w0.clone();
            (which == 0 ? xp : wp)[i] += h;
            (which == 0 ? xm : wm)[i] -= h;
            double lp = s.run(List.of(loss), feeds(x, xp, w, wp, p, b)).get(0).getDouble(0);
            double lm = s.run(List.of(loss), feeds(x, xm, w, wm, p, b)).get(0).getDouble(0);
            assertEquals((lp - lm) / (2 * h), out.get(which).getDouble(i), 1e-7, "pred " + b + " input " + which
                + "[" + i + "]");
          }
        }
      }
    }
  }

  @Test
  @DisplayName("training through a cond: dropout-like scaling applied only when the flag is true")
  void trainingThroughCond() {
    Tensor training = tf.placeholder(DType.BOOL, Shape.scalar(), "training");
    Tensor x = tf.constant(new float[][] {{1f, 2f}}, "x");
    Variable w = tf.variable(new float[][] {{0.5f}, {-0.25f}}, "w");
    Tensor h = tf.matMul(x, w);
    Tensor out = tf.cond(training, () -> h.mul(tf.constant(new float[][] {{2f}})), () -> h);
    Tensor loss = tf.sum(tf.square(out.sub(1f)));
    Operation step = new GradientDescentOptimizer(0.1).minimize(loss);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      // h = 0; training: out = 2h, dloss/dw = 2 (2h - 1) * 2 * x^T = -4 x^T.
      s.runner().feed(training, true).addTarget(step).run();
      assertArrayEquals(new float[] {0.9f, 0.55f}, floats(s.run(w)), 1e-6f);
      // h = 0.9 + 1.1 = 2; not training: out = h, dloss/dw = 2 (h - 1) x^T = 2 x^T.
      s.runner().feed(training, false).addTarget(step).run();
      assertArrayEquals(new float[] {0.7f, 0.15f}, floats(s.run(w)), 1e-6f);
    }
  }

  @Test
  @DisplayName("smartCond: a boolean, 1/0 or a constant picks a branch statically; a placeholder builds a cond")
  void smartCond() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    int mark = g.size();
    assertEquals("mul", tf.smartCond(true, () -> x.mul(2f), () -> x.add(1f)).op().name());
    assertEquals("add", tf.smartCond(0, () -> x.mul(2f), () -> x.add(1f)).op().name());
    Tensor constant = tf.constant(false, "flag");
    assertEquals("add_1", tf.smartCond(constant, () -> x.mul(2f), () -> x.add(1f)).op().name());
    assertEquals("mul_1", tf.smartCond(tf.identity(tf.constant(true)), () -> x.mul(2f), () -> x.add(1f)).op().name());
    assertEquals(List.of("mul/y", "mul", "add/y", "add", "flag", "add_1/y", "add_1", "Const", "Identity",
        "mul_1/y", "mul_1"), namesFrom(mark));
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    assertEquals("cond/Merge", tf.smartCond(p, () -> x.mul(2f), () -> x.add(1f)).op().name());
    assertEquals(1L, tf.smartCondList(1, () -> List.of(x), () -> List.of(), null).size());
    InvalidPredicateException e = assertThrows(InvalidPredicateException.class,
        () -> tf.smartCond("yes", () -> x, () -> x));
    assertEquals("`pred` must be a Tensor, or a Java boolean, or 1 or 0. Found instead: java.lang.String",
        e.getMessage());
    assertThrows(InvalidPredicateException.class, () -> tf.smartCond(2, () -> x, () -> x));
    // A variable always builds a cond (Keras's tf_utils.smart_cond); the Switch reads the variable itself.
    Variable flag = tf.variable(true, "is_training");
    int mark2 = g.size();
    Tensor y = tf.smartCond(flag, () -> x.mul(2f), () -> x.add(1f));
    assertEquals(List.of("cond_1/Switch(Switch) is_training is_training/read", "cond_1/switch_t(Identity) cond_1/Switch:1",
        "cond_1/switch_f(Identity) cond_1/Switch", "cond_1/pred_id(Identity) is_training/read"), opsFrom(mark2).subList(0, 4));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new float[] {2, 4}, floats(s.run(List.of(y), feeds(x, new float[] {1, 2})).get(0)));
    }
  }

  @Test
  @DisplayName("errors: a non-bool or non-scalar pred, branch results that differ, a branch without result")
  void errors() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    int size = g.size();
    DTypeMismatchException type = assertThrows(DTypeMismatchException.class,
        () -> tf.cond(x, () -> x, () -> x));
    assertEquals("Input 'pred' of 'Switch' Op has type float32 that does not match expected type of bool.",
        type.getMessage());
    Tensor vector = tf.placeholder(DType.BOOL, Shape.of(2), "v");
    size = g.size();
    IncompatibleShapesException rank = assertThrows(IncompatibleShapesException.class,
        () -> tf.cond(vector, () -> x, () -> x));
    assertEquals("Shape must be rank 0 but is rank 1 for 'cond/Switch' (op: 'Switch') with input shapes: [2], [2].",
        rank.getMessage());
    DTypeMismatchException dtypes = assertThrows(DTypeMismatchException.class,
        () -> tf.cond(p, () -> x, () -> tf.constant(1)));
    assertEquals("Outputs of trueFn and falseFn must have the same type: float32, int32", dtypes.getMessage());
    ScopeGraphException count = assertThrows(ScopeGraphException.class,
        () -> tf.condList(p, () -> List.of(x, x), () -> List.of(x)));
    assertEquals("Incompatible return values of trueFn and falseFn: The two structures don't have the same number "
        + "of elements. trueFn returned 2, falseFn 1.", count.getMessage());
    ScopeGraphException none = assertThrows(ScopeGraphException.class, () -> tf.cond(p, () -> null, () -> x));
    assertEquals("trueFn must have a return value.", none.getMessage());
    ScopeGraphException empty = assertThrows(ScopeGraphException.class,
        () -> tf.condList(p, List::of, List::of));
    assertEquals("trueFn and falseFn must return at least one result.", empty.getMessage());
    // A failed cond leaves nothing behind, and ops made afterwards are outside any branch.
    assertEquals(size, g.size());
    assertNull(g.condContext());
    assertEquals("cond", tf.cond(p, () -> x, () -> x).op().name().split("/")[0]);
    assertTrue(tf.constant(1f).op().controlInputs().isEmpty());
  }

  @Test
  @DisplayName("variables created in a branch are lifted out of it (control_dependencies(None), as init_scope)")
  void variableInBranch() {
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Supplier<Tensor> branch = () -> tf.getVariable("v", Shape.of(2), Initializers.ones()).value().mul(3f);
    Tensor y = tf.cond(p, branch, () -> tf.zeros(Shape.of(2), DType.FLOAT32));
    Operation variable = g.operation("v");
    assertTrue(variable.controlInputs().isEmpty());
    assertTrue(g.isFetchable(variable));
    assertEquals(List.of(g.tensor("v/Initializer/ones:0").op()).size(), 1);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new float[] {3, 3}, floats(s.run(List.of(y), feeds(p, true)).get(0)));
      assertArrayEquals(new float[] {0, 0}, floats(s.run(List.of(y), feeds(p, false)).get(0)));
    }
  }
}
