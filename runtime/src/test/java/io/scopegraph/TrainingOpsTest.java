package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training section of {@link Ops}: control dependencies, in-place updates, and the {@code Apply*} op defs. */
class TrainingOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private static List<String> names(List<Operation> ops) {
    List<String> out = new ArrayList<>();
    for (Operation op : ops) {
      out.add(op.name());
    }
    return out;
  }

  @Test
  void controlDependenciesFollowTfRules() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    Operation noop = tf.noOp("n");
    List<Tensor> created = tf.controlDependencies(List.of(a.op(), noop), () -> {
      Tensor c = tf.constant(3f, "c"); // no inputs: gets both
      Tensor d = tf.add(a, b, "d"); // 'a' is an input, so only n
      Tensor e = tf.identity(c, "e"); // input created inside: dominated, none
      Tensor f = tf.controlDependencies(List.of(b.op(), noop), () -> tf.constant(4f, "f")); // n already in force
      Tensor h = tf.controlDependencies(null, () -> tf.constant(5f, "h")); // cleared
      Variable v = tf.variable(new float[] {1f}, "v"); // variables never
      return List.of(c, d, e, f, h, v);
    });
    assertEquals(List.of("a", "n"), names(created.get(0).op().controlInputs()));
    assertEquals(List.of("n"), names(created.get(1).op().controlInputs()));
    assertEquals(List.of(), created.get(2).op().controlInputs());
    assertEquals(List.of("a", "n", "b"), names(created.get(3).op().controlInputs()));
    assertEquals(List.of(), created.get(4).op().controlInputs());
    for (String op : List.of("v/initial_value", "v", "v/Assign", "v/read")) {
      assertEquals(List.of(), g.operation(op).controlInputs(), op);
    }
    assertEquals(List.of(), tf.constant(6f, "after").op().controlInputs());
  }

  @Test
  void controlDependenciesAreRunBeforeTheOp() {
    Variable v = tf.variable(new float[] {1f}, "v");
    Tensor bump = tf.assignAdd(v, new float[] {1f});
    // reading the reference (not v/read, which an executor may run first) inside the block
    Tensor read = tf.controlDependencies(List.of(bump.op()),
        () -> g.opBuilder("Identity", "after").addInput(v).setAttr("T", DType.FLOAT32).build().output(0));
    assertEquals(List.of("AssignAdd"), names(read.op().controlInputs()));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(NdArray.of(new float[] {2f}), s.run(read));
    }
  }

  @Test
  void assignAddAndAssignSubNamesAttrsAndValues() {
    Variable step = tf.variable(tf.zeros(Shape.scalar(), DType.INT64), "step", null, false);
    Tensor inc = tf.assignAdd(step, 1);
    Tensor dec = tf.assignSub(step, 3, "down");
    assertEquals("AssignAdd", inc.op().name());
    assertEquals("AssignAdd", inc.op().type());
    assertEquals(List.of("step:0", "AssignAdd/value:0"), inc.op().inputs().stream().map(Tensor::name).toList());
    assertEquals(NdArray.scalar(1L), g.operation("AssignAdd/value").attr("value"));
    assertEquals(false, inc.op().attr("use_locking"));
    assertEquals(DType.INT64, inc.op().attr("T"));
    assertEquals("down", dec.op().name());
    assertEquals("AssignSub", dec.op().type());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(NdArray.scalar(1L), s.run(inc));
      assertEquals(NdArray.scalar(2L), s.run(inc));
      assertEquals(NdArray.scalar(-1L), s.run(dec));
      assertEquals(NdArray.scalar(-1L), s.run(step));
    }
    Variable w = tf.variable(new float[] {1f, 2f}, "w");
    int size = g.size();
    assertThrows(IncompatibleShapesException.class, () -> tf.assignAdd(w, tf.constant(new float[] {1f, 2f, 3f})));
    assertThrows(DTypeMismatchException.class, () -> tf.assignAdd(w, tf.constant(new int[] {1, 2})));
    assertEquals(size + 2, g.size(), "only the two constants");
  }

  @Test
  void applyOpsAreRegisteredWithTfInputNamesAndRefInputs() {
    OpDef adam = OpRegistry.get("ApplyAdam");
    assertEquals(List.of("var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad"),
        adam.inputNames());
    assertTrue(adam.isRefInput(0) && adam.isRefInput(1) && adam.isRefInput(2) && !adam.isRefInput(3));
    assertEquals(List.of("var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"),
        OpRegistry.get("ApplyCenteredRMSProp").inputNames());
    assertEquals(List.of("var", "alpha", "delta"), OpRegistry.get("ApplyGradientDescent").inputNames());
    assertEquals(List.of("ref", "value"), OpRegistry.get("AssignSub").inputNames());
    for (String type : List.of("ApplyGradientDescent", "ApplyMomentum", "ApplyAdam", "ApplyRMSProp",
        "ApplyCenteredRMSProp", "ApplyAdagrad", "AssignAdd", "AssignSub")) {
      assertTrue(OpRegistry.get(type).hasKernel(), type);
    }
  }

  @Test
  void applyGradientDescentThroughOpBuilderChecksShapesAndRuns() {
    Variable v = tf.variable(new float[] {1f, 2f}, "v");
    Tensor lr = tf.constant(new float[] {0.5f}, "lr");
    Tensor grad = tf.constant(new float[] {1f, 1f}, "grad");
    IncompatibleShapesException e = assertThrows(IncompatibleShapesException.class, () -> g.opBuilder(
        "ApplyGradientDescent", "sgd").addInput(v).addInput(lr).addInput(grad).setAttr("T", DType.FLOAT32).build());
    assertEquals("Shape must be rank 0 but is rank 1 for 'sgd' (op: 'ApplyGradientDescent') with input shapes: "
        + "[2], [1], [2].", e.getMessage());
    Operation sgd = g.opBuilder("ApplyGradientDescent", "sgd").addInput(v).addInput(tf.constant(0.5f))
        .addInput(grad).setAttr("T", DType.FLOAT32).setAttr("use_locking", false).build();
    assertEquals(Shape.of(2), sgd.output(0).shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(NdArray.of(0.5f, 1.5f), s.run(sgd.output(0)));
      assertEquals(NdArray.of(0.5f, 1.5f), s.run(v));
    }
  }
}
