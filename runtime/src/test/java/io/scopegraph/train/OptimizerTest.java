package io.scopegraph.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioners;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.VariableNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The optimizer cases of {@code training-cases.md} section B that need no {@code tf.gradients}: gradients are
 * given as constants to {@code applyGradients}, so the names and numbers are the cases' own except for the
 * {@code gradients/...} ops (see {@code MinimizeTest} for those).
 */
class OptimizerTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> opsSince(int mark) {
    List<String> out = new ArrayList<>();
    List<Operation> all = g.operations();
    for (Operation op : all.subList(mark, all.size())) {
      out.add(op.name());
    }
    return out;
  }

  private static List<String> names(List<? extends Tensor> ts) {
    List<String> out = new ArrayList<>();
    for (Tensor t : ts) {
      out.add(t.name());
    }
    return out;
  }

  private static List<String> opNames(List<Operation> ops) {
    List<String> out = new ArrayList<>();
    for (Operation op : ops) {
      out.add(op.name());
    }
    return out;
  }

  private static void assertClose(float[] expected, NdArray actual) {
    float[] a = actual.toFloatArray();
    assertEquals(expected.length, a.length, "length");
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "element " + i + " of " + actual);
    }
  }

  private static List<GradAndVar> pairs(Tensor g0, Variable v0, Tensor g1, Variable v1) {
    return List.of(new GradAndVar(g0, v0), new GradAndVar(g1, v1));
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName("T21 GradientDescent with a global step: names, AssignAdd, control inputs, values, TRAIN_OP")
  void t21GradientDescentWithGlobalStep() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Variable var1 = tf.variable(new float[] {3f, 4f});
    Variable globalStep = tf.variable(tf.zeros(Shape.scalar(), DType.INT64), "global_step", null, true);
    // d(5*var0 + 3*var1)/d var: the constants the gradients of the case compute
    Tensor g0 = tf.constant(new float[] {5f, 5f});
    Tensor g1 = tf.constant(new float[] {3f, 3f});
    int mark = g.size();
    GradientDescentOptimizer opt = new GradientDescentOptimizer(3.0);
    Operation optOp = opt.applyGradients(pairs(g0, var0, g1, var1), globalStep, null);
    assertEquals(List.of("GradientDescent/learning_rate", "GradientDescent/update_Variable/ApplyGradientDescent",
        "GradientDescent/update_Variable_1/ApplyGradientDescent", "GradientDescent/update", "GradientDescent/value",
        "GradientDescent"), opsSince(mark));
    assertEquals("GradientDescent", optOp.name());
    assertEquals("AssignAdd", optOp.type());
    assertEquals(List.of("global_step:0", "GradientDescent/value:0"), names(optOp.inputs()));
    Operation value = g.operation("GradientDescent/value");
    assertEquals(NdArray.scalar(1L), value.attr("value"));
    assertEquals(List.of("GradientDescent/update"), opNames(value.controlInputs()));
    assertEquals(List.of(), optOp.controlInputs(), "dominated: its input 'value' was created in the block");
    Operation update = g.operation("GradientDescent/update");
    assertEquals("NoOp", update.type());
    assertEquals(List.of("GradientDescent/update_Variable/ApplyGradientDescent",
        "GradientDescent/update_Variable_1/ApplyGradientDescent"), opNames(update.controlInputs()));
    Operation apply0 = g.operation("GradientDescent/update_Variable/ApplyGradientDescent");
    assertEquals(List.of("Variable:0", "GradientDescent/learning_rate:0", g0.name()), names(apply0.inputs()));
    assertEquals(DType.FLOAT32, apply0.attr("T"));
    assertEquals(false, apply0.attr("use_locking"));
    assertEquals(NdArray.scalar(3f), g.operation("GradientDescent/learning_rate").attr("value"));
    assertTrue(g.collection(Training.TRAIN_OP).contains(optOp));
    assertEquals("GradientDescent", opt.getName());

    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(optOp);
      assertClose(new float[] {-14f, -13f}, s.run(var0));
      assertClose(new float[] {-6f, -5f}, s.run(var1));
      assertEquals(NdArray.scalar(1L), s.run(globalStep));
    }
  }

  @Test
  @DisplayName("T23 applyGradients(name=\"train\"): the scope and the returned NoOp are 'train'")
  void t23NamedTrainOp() {
    Variable w = tf.getVariable("W", Shape.scalar());
    Variable b = tf.getVariable("b", Shape.scalar());
    Tensor gw = tf.constant(1f);
    Tensor gb = tf.constant(2f);
    int mark = g.size();
    GradientDescentOptimizer opt = new GradientDescentOptimizer(0.01);
    Operation train = opt.applyGradients(pairs(gw, w, gb, b), null, "train");
    assertEquals(List.of("train/learning_rate", "train/update_W/ApplyGradientDescent",
        "train/update_b/ApplyGradientDescent", "train"), opsSince(mark));
    assertEquals("NoOp", train.type());
    assertEquals("GradientDescent", opt.getName());
  }

  @Test
  @DisplayName("T24 Adam at root: beta powers, slots, update and finish ops in creation order")
  void t24AdamAtRootNames() {
    Variable w;
    try (VarScope vs = tf.variableScope("tower")) {
      w = tf.getVariable("w", Shape.of(3, 2));
    }
    Tensor grad = tf.constant(new float[][] {{1f, 1f}, {1f, 1f}, {1f, 1f}}, "grad");
    int varMark = g.globalVariables().size();
    int mark = g.size();
    AdamOptimizer opt = new AdamOptimizer();
    Operation train = opt.applyGradients(List.of(new GradAndVar(grad, w)));

    List<Variable> created = g.globalVariables().subList(varMark, g.globalVariables().size());
    assertEquals(List.of("beta1_power:0", "beta2_power:0", "tower/w/Adam:0", "tower/w/Adam_1:0"), names(created));
    for (Variable v : created) {
      assertFalse(v.trainable(), v.name());
      assertFalse(g.trainableVariables().contains(v), v.name());
    }
    assertEquals("tower/w/Adam:0", opt.getSlot(w, "m").name());
    assertEquals("tower/w/Adam_1:0", opt.getSlot(w, "v").name());
    assertEquals(List.of("m", "v"), opt.getSlotNames());
    assertEquals(Shape.of(3, 2), opt.getSlot(w, "m").shape());
    assertTrue(g.variableStore().containsKey("tower/w/Adam/"), "the store key keeps the trailing slash");
    assertFalse(g.variableStore().containsKey("beta1_power"), "beta powers are tf.Variables, not in the store");

    assertEquals(List.of("beta1_power/initial_value", "beta1_power", "beta1_power/Assign", "beta1_power/read",
        "beta2_power/initial_value", "beta2_power", "beta2_power/Assign", "beta2_power/read",
        "tower/w/Adam/Initializer/zeros", "tower/w/Adam", "tower/w/Adam/Assign", "tower/w/Adam/read",
        "tower/w/Adam_1/Initializer/zeros", "tower/w/Adam_1", "tower/w/Adam_1/Assign", "tower/w/Adam_1/read",
        "Adam/learning_rate", "Adam/beta1", "Adam/beta2", "Adam/epsilon", "Adam/update_tower/w/ApplyAdam",
        "Adam/mul", "Adam/Assign", "Adam/mul_1", "Adam/Assign_1", "Adam"), opsSince(mark));
    assertEquals("Adam", train.name());
    assertEquals("NoOp", train.type());
    assertEquals(NdArray.scalar(0.9f), g.operation("beta1_power/initial_value").attr("value"));
    assertEquals(NdArray.scalar(0.999f), g.operation("beta2_power/initial_value").attr("value"));

    Operation apply = g.operation("Adam/update_tower/w/ApplyAdam");
    assertEquals(List.of("tower/w:0", "tower/w/Adam:0", "tower/w/Adam_1:0", "beta1_power/read:0",
        "beta2_power/read:0", "Adam/learning_rate:0", "Adam/beta1:0", "Adam/beta2:0", "Adam/epsilon:0", "grad:0"),
        names(apply.inputs()));
    assertEquals(false, apply.attr("use_nesterov"));
    assertEquals(Shape.of(3, 2), apply.output(0).shape());
    // _finish: the multiplications wait for the updates; the assigns depend on them through their inputs
    Operation mul = g.operation("Adam/mul");
    assertEquals(List.of("beta1_power/read:0", "Adam/beta1:0"), names(mul.inputs()));
    assertEquals(List.of("Adam/update_tower/w/ApplyAdam"), opNames(mul.controlInputs()));
    Operation assign = g.operation("Adam/Assign");
    assertEquals(List.of("beta1_power:0", "Adam/mul:0"), names(assign.inputs()));
    assertEquals(List.of(), assign.controlInputs());
    assertEquals(false, assign.attr("use_locking"));
    assertEquals(List.of("Adam/update_tower/w/ApplyAdam", "Adam/Assign", "Adam/Assign_1"),
        opNames(train.controlInputs()));
    assertEquals(List.of("beta1_power:0", "beta2_power:0", "tower/w/Adam:0", "tower/w/Adam_1:0"),
        names(opt.variables()));
  }

  @Test
  @DisplayName("T25 Adam numbers after one and three steps; beta powers; variables()")
  void t25AdamNumbers() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Variable var1 = tf.variable(new float[] {3f, 4f});
    Tensor g0 = tf.constant(new float[] {0.1f, 0.1f});
    Tensor g1 = tf.constant(new float[] {0.01f, 0.01f});
    AdamOptimizer opt = new AdamOptimizer();
    Operation update = opt.applyGradients(pairs(g0, var0, g1, var1));
    assertEquals(List.of("Variable/Adam:0", "Variable/Adam_1:0", "Variable_1/Adam:0", "Variable_1/Adam_1:0",
        "beta1_power:0", "beta2_power:0"), names(opt.variables()));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(update);
      assertClose(new float[] {0.99900000316f, 1.99900000316f}, s.run(var0));
      assertClose(new float[] {2.99900003162f, 3.99900003162f}, s.run(var1));
      assertClose(new float[] {0.01f, 0.01f}, s.run(opt.getSlot(var0, "m")));
      assertClose(new float[] {1e-5f, 1e-5f}, s.run(opt.getSlot(var0, "v")));
      assertClose(new float[] {0.81f}, s.run(g.tensor("beta1_power:0")));
      assertClose(new float[] {0.998001f}, s.run(g.tensor("beta2_power:0")));
      s.run(update);
      s.run(update);
      assertClose(new float[] {0.997f, 1.997f}, s.run(var0));
      assertClose(new float[] {(float) Math.pow(0.9, 4)}, s.run(g.tensor("beta1_power:0")));
    }
  }

  @Test
  @DisplayName("T26 Adam inside name scope 'optimization' with a global step: beta powers follow the name scope, slots do not")
  void t26AdamInNameScopeWithGlobalStep() {
    Variable gs = Training.getOrCreateGlobalStep(g);
    Variable w = tf.getVariable("w", Shape.of(2));
    Tensor grad = tf.constant(new float[] {1f, 1f});
    int varMark = g.globalVariables().size();
    int mark = g.size();
    Operation train;
    try (NameScopeHandle ns = tf.nameScope("optimization")) {
      train = new AdamOptimizer(0.01).applyGradients(List.of(new GradAndVar(grad, w)), gs, null);
    }
    assertEquals(List.of("optimization/beta1_power:0", "optimization/beta2_power:0", "w/Adam:0", "w/Adam_1:0"),
        names(g.globalVariables().subList(varMark, g.globalVariables().size())));
    List<String> ops = opsSince(mark);
    assertEquals(List.of("optimization/Adam/learning_rate", "optimization/Adam/beta1", "optimization/Adam/beta2",
        "optimization/Adam/epsilon", "optimization/Adam/update_w/ApplyAdam", "optimization/Adam/mul",
        "optimization/Adam/Assign", "optimization/Adam/mul_1", "optimization/Adam/Assign_1",
        "optimization/Adam/update", "optimization/Adam/value", "optimization/Adam"),
        ops.subList(ops.indexOf("optimization/Adam/learning_rate"), ops.size()));
    assertEquals("optimization/Adam", train.name());
    assertEquals("AssignAdd", train.type());
    assertEquals(DType.INT64, g.operation("optimization/Adam/value").output(0).dtype());
    assertEquals("NoOp", g.operation("optimization/Adam/update").type());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(train);
      s.run(train);
      assertEquals(NdArray.scalar(2L), s.run(gs));
    }
  }

  @Test
  @DisplayName("T28 slot_creator directly: var/slot, const/slot, a float64 zeros slot, scope/scope/var/slot")
  void t28SlotCreator() {
    Variable v = tf.variable(new float[] {1f, 2.5f}, "var");
    Variable s1 = tf.createSlot(v, tf.constant(new float[] {1f, 2.5f}), "slot");
    assertEquals("var/slot", s1.op().name());
    assertFalse(s1.trainable());

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Tensor c = tf2.constant(new float[] {1f, 2.5f}, "const");
    Variable s2 = tf2.createSlot(c, c.mul(2f), "slot");
    assertEquals("const/slot", s2.op().name());

    Graph g3 = new Graph();
    Ops tf3 = Ops.on(g3);
    Variable v3 = tf3.variable(new float[] {1f, 2.5f}, "var");
    Variable s3 = tf3.controlDependencies(null, () -> tf3.createZerosSlot(v3, "slot", DType.FLOAT64));
    assertEquals("var/slot", s3.op().name());
    assertEquals(DType.FLOAT64, s3.dtype());
    try (Session s = new Session(g3)) {
      s.run(tf3.globalVariablesInitializer());
      assertEquals(NdArray.of(0.0, 0.0), s.run(s3));
    }
    try (Session s = new Session(g2)) {
      s.run(tf2.globalVariablesInitializer());
      assertClose(new float[] {2f, 5f}, s.run(s2));
    }

    Graph g4 = new Graph();
    Ops tf4 = Ops.on(g4);
    try (VarScope scope = tf4.variableScope("scope")) {
      Variable v4 = tf4.variable(new float[] {1f, 2.5f}, "var");
      Variable s4 = tf4.createSlot(v4, tf4.constant(new float[] {1f, 2.5f}), "slot");
      assertEquals("scope/scope/var/slot", s4.op().name());
    }
  }

  @Test
  @DisplayName("T29 GAN: two Adam optimizers on disjoint variable lists; a custom optimizer name")
  void t29Gan() {
    Variable gw;
    Variable dw;
    try (VarScope s = tf.variableScope("G")) {
      gw = tf.getVariable("w", Shape.of(2));
    }
    try (VarScope s = tf.variableScope("D")) {
      dw = tf.getVariable("w", Shape.of(2));
    }
    Tensor grad = tf.constant(new float[] {1f, 1f});
    int varMark = g.globalVariables().size();
    Operation dTrain = new AdamOptimizer().applyGradients(
        List.of(new GradAndVar(grad, tf.trainableVariables("D/").get(0))));
    Operation gTrain = new AdamOptimizer().applyGradients(
        List.of(new GradAndVar(grad, tf.trainableVariables("G/").get(0))));
    assertEquals("Adam", dTrain.name());
    assertEquals("Adam_1", gTrain.name());
    assertEquals(List.of("beta1_power:0", "beta2_power:0", "D/w/Adam:0", "D/w/Adam_1:0", "beta1_power_1:0",
        "beta2_power_1:0", "G/w/Adam:0", "G/w/Adam_1:0"),
        names(g.globalVariables().subList(varMark, g.globalVariables().size())));
    assertEquals("ApplyAdam", g.operation("Adam/update_D/w/ApplyAdam").type());
    assertEquals("ApplyAdam", g.operation("Adam_1/update_G/w/ApplyAdam").type());
    assertEquals("beta1_power_1/read:0", g.operation("Adam_1/update_G/w/ApplyAdam").input(3).name());

    // a second optimizer with the same op name on an already-slotted variable: the counters go on
    AdamOptimizer third = new AdamOptimizer();
    third.applyGradients(List.of(new GradAndVar(grad, dw)));
    assertEquals("D/w/Adam_2:0", third.getSlot(dw, "m").name());
    assertEquals("D/w/Adam_3:0", third.getSlot(dw, "v").name());

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Variable d2;
    try (VarScope s = tf2.variableScope("D")) {
      d2 = tf2.getVariable("w", Shape.of(2));
    }
    AdamOptimizer named = new AdamOptimizer(0.001, "d_adam");
    Operation train = named.applyGradients(List.of(new GradAndVar(tf2.constant(new float[] {1f, 1f}), d2)));
    assertEquals("d_adam", train.name());
    assertEquals("D/w/d_adam:0", named.getSlot(d2, "m").name());
    assertEquals("D/w/d_adam_1:0", named.getSlot(d2, "v").name());
    assertEquals("ApplyAdam", g2.operation("d_adam/update_D/w/ApplyAdam").type());
    assertTrue(g2.tensor("beta1_power:0") != null && g2.tensor("beta2_power:0") != null);
  }

  @Test
  @DisplayName("T31 slots under a reusing variable scope: 'Variable w/Adam_2/ does not exist', nothing left behind")
  void t31SlotsUnderReuse() {
    Variable w = tf.getVariable("w", Shape.of(1));
    Variable b = tf.variable(tf.zeros(Shape.of(1), DType.FLOAT32));
    Tensor grad = tf.constant(new float[] {1f});
    AdamOptimizer first = new AdamOptimizer(0.5);
    first.applyGradients(pairs(grad, w, grad, b));
    assertEquals("w/Adam:0", first.getSlot(w, "m").name());
    assertEquals("Variable/Adam_1:0", first.getSlot(b, "v").name());
    tf.getVariableScope().reuseVariables();
    try {
      Variable w2 = tf.getVariable("w", Shape.of(1));
      assertSame(w, w2);
      Variable b2 = tf.variable(tf.zeros(Shape.of(1), DType.FLOAT32));
      assertEquals("Variable_1:0", b2.name());
      int size = g.size();
      int vars = g.globalVariables().size();
      AdamOptimizer second = new AdamOptimizer(0.5);
      VariableNotFoundException e = assertThrows(VariableNotFoundException.class,
          () -> second.applyGradients(pairs(grad, w2, grad, b2)));
      assertEquals("Variable w/Adam_2/ does not exist, or was not created with getVariable(). Did you mean to set "
          + "reuse=Reuse.AUTO in VarScope?", e.getMessage());
      assertEquals(size, g.size(), "a failing apply leaves no op");
      assertEquals(vars, g.globalVariables().size());
      assertEquals(List.of(), second.getSlotNames());
      assertEquals(List.of(), second.variables());
      assertNull(g.operation("beta1_power_1"));
    } finally {
      // the root scope stays reusing for this graph only
    }
  }

  @Test
  @DisplayName("T33 Momentum: slot names, op names, values after two steps")
  void t33Momentum() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Variable var1 = tf.variable(new float[] {3f, 4f});
    Tensor grads0 = tf.constant(new float[] {0.1f, 0.1f});
    Tensor grads1 = tf.constant(new float[] {0.01f, 0.01f});
    MomentumOptimizer opt = new MomentumOptimizer(2.0, 0.9);
    int mark = g.size();
    Operation upd = opt.applyGradients(pairs(grads0, var0, grads1, var1));
    assertEquals(List.of("momentum"), opt.getSlotNames());
    Variable slot0 = opt.getSlot(var0, "momentum");
    Variable slot1 = opt.getSlot(var1, "momentum");
    assertEquals("Variable/Momentum:0", slot0.name());
    assertEquals("Variable_1/Momentum:0", slot1.name());
    assertFalse(slot0.trainable());
    assertEquals(var0.shape(), slot0.shape());
    List<String> ops = opsSince(mark);
    assertEquals(List.of("Momentum/learning_rate", "Momentum/momentum", "Momentum/update_Variable/ApplyMomentum",
        "Momentum/update_Variable_1/ApplyMomentum", "Momentum"),
        ops.subList(ops.indexOf("Momentum/learning_rate"), ops.size()));
    assertEquals("Momentum", upd.name());
    assertEquals("NoOp", upd.type());
    assertEquals(false, g.operation("Momentum/update_Variable/ApplyMomentum").attr("use_nesterov"));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(upd);
      assertClose(new float[] {0.1f, 0.1f}, s.run(slot0));
      assertClose(new float[] {0.01f, 0.01f}, s.run(slot1));
      assertClose(new float[] {0.8f, 1.8f}, s.run(var0));
      assertClose(new float[] {2.98f, 3.98f}, s.run(var1));
      s.run(upd);
      assertClose(new float[] {0.19f, 0.19f}, s.run(slot0));
      assertClose(new float[] {0.019f, 0.019f}, s.run(slot1));
      assertClose(new float[] {0.42f, 1.42f}, s.run(var0));
      assertClose(new float[] {2.942f, 3.942f}, s.run(var1));
    }
  }

  @Test
  @DisplayName("T33 Momentum with Nesterov: use_nesterov attribute and TF's formula")
  void t33MomentumNesterov() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Tensor grads0 = tf.constant(new float[] {0.1f, 0.1f});
    MomentumOptimizer opt = new MomentumOptimizer(2.0, 0.9, true);
    Operation upd = opt.applyGradients(List.of(new GradAndVar(grads0, var0)));
    assertEquals(true, g.operation("Momentum/update_Variable/ApplyMomentum").attr("use_nesterov"));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(upd);
      // accum = 0.1; var -= g*lr + accum*momentum*lr = 0.2 + 0.18
      assertClose(new float[] {1f - 0.38f, 2f - 0.38f}, s.run(var0));
    }
  }

  @Test
  @DisplayName("T35 Adagrad: names, initializer Const, values after three steps, bad initial accumulator")
  void t35Adagrad() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Variable var1 = tf.variable(new float[] {3f, 4f});
    Tensor grads0 = tf.constant(new float[] {0.1f, 0.1f});
    Tensor grads1 = tf.constant(new float[] {0.01f, 0.01f});
    AdagradOptimizer opt = new AdagradOptimizer(3.0, 0.1);
    Operation upd = opt.applyGradients(pairs(grads0, var0, grads1, var1));
    assertEquals(List.of("accumulator"), opt.getSlotNames());
    assertEquals("Variable/Adagrad:0", opt.getSlot(var0, "accumulator").name());
    assertEquals("Variable_1/Adagrad:0", opt.getSlot(var1, "accumulator").name());
    Operation init = g.operation("Variable/Adagrad/Initializer/Const");
    assertEquals("Const", init.type());
    assertClose(new float[] {0.1f, 0.1f}, (NdArray) init.attr("value"));
    assertEquals("ApplyAdagrad", g.operation("Adagrad/update_Variable/ApplyAdagrad").type());
    assertEquals("ApplyAdagrad", g.operation("Adagrad/update_Variable_1/ApplyAdagrad").type());
    assertEquals("Const", g.operation("Adagrad/learning_rate").type());
    assertEquals("Adagrad", upd.name());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int i = 0; i < 3; i++) {
        s.run(upd);
      }
      assertClose(new float[] {-1.6026098728179932f, -0.6026098728179932f}, s.run(var0));
      assertClose(new float[] {2.715679168701172f, 3.715679168701172f}, s.run(var1));
    }
    InvalidOptimizerArgumentException e = assertThrows(InvalidOptimizerArgumentException.class,
        () -> new AdagradOptimizer(1.0, 0.0));
    assertEquals("initial_accumulator_value must be positive: 0.0", e.getMessage());
  }

  @Test
  @DisplayName("T36 var_list selection by scope is a regex prefix match")
  void t36RegexPrefixMatch() {
    try (VarScope s = tf.variableScope("D")) {
      tf.getVariable("w", Shape.of(1));
    }
    try (VarScope s = tf.variableScope("Dense")) {
      tf.getVariable("w", Shape.of(1));
    }
    try (VarScope s = tf.variableScope("G")) {
      tf.getVariable("w", Shape.of(1));
    }
    assertEquals(List.of("D/w:0", "Dense/w:0"), names(tf.trainableVariables("D")));
    assertEquals(List.of("D/w:0"), names(tf.trainableVariables("D/")));
    assertEquals(List.of("D/w:0", "Dense/w:0", "G/w:0"), names(tf.trainableVariables(null)));
    assertEquals(List.of("D/w:0", "Dense/w:0"), names(tf.trainableVariables("D.*/w")));
    Variable d = tf.trainableVariables("D/").get(0);
    new GradientDescentOptimizer(0.1).applyGradients(List.of(new GradAndVar(tf.constant(new float[] {1f}), d)));
    new MomentumOptimizer(0.1, 0.9).applyGradients(List.of(new GradAndVar(tf.constant(new float[] {1f}), d)));
    assertEquals(List.of("D/w:0"), names(tf.trainableVariables("D/")), "slots are never trainable");
    assertEquals(List.of("D/w:0", "D/w/Momentum:0"), names(tf.globalVariables("D/")));
  }

  @Test
  @DisplayName("T37 optimizer argument errors that need no gradients")
  void t37Errors() {
    Variable a = tf.variable(new float[] {1f, 2f}, "a0");
    Variable b = tf.variable(new float[] {3f, 4f}, "b0");
    GradientDescentOptimizer opt = new GradientDescentOptimizer(3.0);
    int size = g.size();
    NoGradientsException e = assertThrows(NoGradientsException.class,
        () -> opt.applyGradients(List.of(new GradAndVar(null, a), new GradAndVar(null, b))));
    assertEquals("No gradients provided for any variable: [\"<tf.Variable 'a0:0' shape=(2,) dtype=float32>\", "
        + "\"<tf.Variable 'b0:0' shape=(2,) dtype=float32>\"].", e.getMessage());
    assertEquals("No variables provided.",
        assertThrows(NoVariablesException.class, () -> opt.applyGradients(List.of())).getMessage());
    assertEquals("Must specify the optimizer name",
        assertThrows(InvalidOptimizerArgumentException.class, () -> new GradientDescentOptimizer(0.1, ""))
            .getMessage());
    assertEquals("gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not 5",
        assertThrows(InvalidOptimizerArgumentException.class,
            () -> opt.minimize(a.mul(5f), null, null, 5, null)).getMessage());
    assertEquals(size + 2, g.size(), "only the mul op and its constant were added");

    Graph fresh = new Graph();
    Ops tf2 = Ops.on(fresh);
    Variable n = tf2.variable(new float[] {1f}, "n", null, false);
    Tensor loss = tf2.sum(n);
    assertEquals("No variables to optimize.",
        assertThrows(NoVariablesException.class, () -> opt.minimize(loss)).getMessage());
    assertEquals("Invalid type int32 for Const:0, expected: [float16, bfloat16, float32, float64].",
        assertThrows(InvalidLossTypeException.class, () -> opt.minimize(tf2.constant(1))).getMessage());
  }

  @Test
  @DisplayName("T38 global step creation: name, dtype, initializer, collections, errors, variable scope")
  void t38GlobalStep() {
    Variable gs = Training.getOrCreateGlobalStep(g);
    assertEquals("global_step:0", gs.name());
    assertEquals(DType.INT64, gs.dtype());
    assertEquals(Shape.scalar(), gs.shape());
    assertEquals("Const", g.operation("global_step/Initializer/zeros").type());
    assertFalse(gs.trainable());
    assertTrue(g.collection(Graph.GLOBAL_VARIABLES).contains(gs));
    assertEquals(List.of(gs), g.collection(Training.GLOBAL_STEP));
    assertSame(gs, Training.getOrCreateGlobalStep(g));
    assertSame(gs, Training.getGlobalStep(g));
    assertEquals("\"global_step\" already exists.",
        assertThrows(GlobalStepExistsException.class, () -> Training.createGlobalStep(g)).getMessage());

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Variable step;
    try (VarScope s = tf2.variableScope("foo"); NameScopeHandle ns = tf2.nameScope("bar")) {
      step = Training.createGlobalStep(g2);
    }
    assertEquals("foo/global_step:0", step.name());
    assertSame(step, Training.getGlobalStep(g2));
    assertNull(Training.getGlobalStep(new Graph()));
  }

  // ---------------------------------------------------------------------------------------------
  // Rules beyond the numbered cases

  @Test
  @DisplayName("§2.7 RMSProp: slots rms (ones), momentum; centered adds mg; values as TF's formula by hand")
  void rmsProp() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Tensor g0 = tf.constant(new float[] {0.1f, 0.2f});
    RMSPropOptimizer opt = new RMSPropOptimizer(0.01, 0.9, 0.5, 1e-10);
    int mark = g.size();
    Operation upd = opt.applyGradients(List.of(new GradAndVar(g0, var0)));
    assertEquals(List.of("momentum", "rms"), opt.getSlotNames());
    assertEquals("Variable/RMSProp:0", opt.getSlot(var0, "rms").name());
    assertEquals("Variable/RMSProp_1:0", opt.getSlot(var0, "momentum").name());
    List<String> ops = opsSince(mark);
    assertTrue(ops.contains("Variable/RMSProp/Initializer/ones"), ops.toString());
    assertEquals(List.of("RMSProp/learning_rate", "RMSProp/decay", "RMSProp/momentum", "RMSProp/epsilon",
        "RMSProp/update_Variable/ApplyRMSProp", "RMSProp"), ops.subList(ops.indexOf("RMSProp/learning_rate"),
        ops.size()));
    assertEquals(List.of("Variable:0", "Variable/RMSProp:0", "Variable/RMSProp_1:0", "RMSProp/learning_rate:0",
        "RMSProp/decay:0", "RMSProp/momentum:0", "RMSProp/epsilon:0", g0.name()),
        names(g.operation("RMSProp/update_Variable/ApplyRMSProp").inputs()));
    // by hand, in float32 as TF's functor: ms = 1 + (g² - 1)(1 - 0.9); mom = 0.5 mom + lr g / sqrt(ms + eps)
    float[] x = {1f, 2f};
    float[] ms = {1f, 1f};
    float[] mom = {0f, 0f};
    float[] grad = {0.1f, 0.2f};
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int step = 0; step < 2; step++) {
        s.run(upd);
        for (int i = 0; i < 2; i++) {
          ms[i] = ms[i] + (grad[i] * grad[i] - ms[i]) * (1f - 0.9f);
          mom[i] = mom[i] * 0.5f + 0.01f * grad[i] / (float) Math.sqrt(ms[i] + 1e-10f);
          x[i] = x[i] - mom[i];
        }
      }
      assertClose(x, s.run(var0));
      assertClose(ms, s.run(opt.getSlot(var0, "rms")));
      assertClose(mom, s.run(opt.getSlot(var0, "momentum")));
    }

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Variable w = tf2.variable(new float[] {1f, 2f});
    RMSPropOptimizer centered = new RMSPropOptimizer(0.01, 0.9, 0.0, 1e-10, true);
    Operation cu = centered.applyGradients(List.of(new GradAndVar(tf2.constant(new float[] {0.1f, 0.2f}), w)));
    assertEquals(List.of("mg", "momentum", "rms"), centered.getSlotNames());
    assertEquals("Variable/RMSProp:0", centered.getSlot(w, "rms").name());
    assertEquals("Variable/RMSProp_1:0", centered.getSlot(w, "mg").name());
    assertEquals("Variable/RMSProp_2:0", centered.getSlot(w, "momentum").name());
    Operation apply = g2.operation("RMSProp/update_Variable/ApplyCenteredRMSProp");
    assertEquals(List.of("Variable:0", "Variable/RMSProp_1:0", "Variable/RMSProp:0", "Variable/RMSProp_2:0"),
        names(apply.inputs().subList(0, 4)));
    float[] xc = {1f, 2f};
    try (Session s = new Session(g2)) {
      s.run(tf2.globalVariablesInitializer());
      s.run(cu);
      for (int i = 0; i < 2; i++) {
        float msi = 1f + (grad[i] * grad[i] - 1f) * (1f - 0.9f);
        float mgi = 0f + (grad[i] - 0f) * (1f - 0.9f);
        xc[i] -= 0.01f * grad[i] / (float) Math.sqrt(msi - mgi * mgi + 1e-10f);
      }
      assertClose(xc, s.run(w));
    }
  }

  @Test
  @DisplayName("§2.5 slots follow the variable scope (train/w/Adam); slots of a partitioned variable save as v/Adam (T50)")
  void slotsInVariableScopeAndPartitioned() {
    Variable w = tf.getVariable("w", Shape.of(2));
    AdamOptimizer opt = new AdamOptimizer();
    try (VarScope s = tf.variableScope("train")) {
      opt.applyGradients(List.of(new GradAndVar(tf.constant(new float[] {1f, 1f}), w)));
    }
    assertEquals("train/w/Adam:0", opt.getSlot(w, "m").name());
    assertEquals("train/w/Adam_1:0", opt.getSlot(w, "v").name());
    assertEquals("train/beta1_power:0", g.tensor("train/beta1_power:0").name());

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    PartitionedVariable v = tf2.getVariableBuilder("v").shape(Shape.of(4, 2))
        .partitioner(Partitioners.fixedSize(2)).getPartitioned();
    AdamOptimizer adam = new AdamOptimizer();
    List<GradAndVar> gv = new ArrayList<>();
    for (Variable part : v.shards()) {
      gv.add(new GradAndVar(tf2.constant(new float[][] {{1f, 1f}, {1f, 1f}}), part));
    }
    adam.applyGradients(gv);
    Variable m0 = adam.getSlot(v.shards().get(0), "m");
    Variable v1 = adam.getSlot(v.shards().get(1), "v");
    assertEquals("v/part_0/Adam:0", m0.name());
    assertEquals("v/part_1/Adam_1:0", v1.name());
    assertEquals("v/Adam", m0.saveSliceInfo().fullName());
    assertEquals("4 2 0,2:0,2", m0.saveSliceInfo().spec());
    assertEquals("v/Adam_1", v1.saveSliceInfo().fullName());
    assertEquals("4 2 2,2:0,2", v1.saveSliceInfo().spec());
  }

  @Test
  @DisplayName("§2.5 later applyGradients of one optimizer reuse its slots and beta powers; scope Adam_1")
  void slotsReusedAcrossCalls() {
    Variable w = tf.getVariable("w", Shape.of(2));
    AdamOptimizer opt = new AdamOptimizer();
    Tensor grad = tf.constant(new float[] {1f, 1f});
    opt.applyGradients(List.of(new GradAndVar(grad, w)));
    int vars = g.globalVariables().size();
    Operation second = opt.applyGradients(List.of(new GradAndVar(grad, w)));
    assertEquals("Adam_1", second.name());
    assertEquals(vars, g.globalVariables().size());
    assertEquals("beta1_power/read:0", g.operation("Adam_1/update_w/ApplyAdam").input(3).name());
  }

  @Test
  @DisplayName("§2.7 float64 variables: hyper-parameters are cast in the update scope")
  void float64Casts() {
    Variable v = tf.variable(new double[] {1.0, 2.0});
    Operation upd = new GradientDescentOptimizer(0.5).applyGradients(
        List.of(new GradAndVar(tf.constant(new double[] {1.0, 1.0}), v)));
    Operation cast = g.operation("GradientDescent/update_Variable/Cast");
    assertEquals("Cast", cast.type());
    assertEquals(DType.FLOAT64, cast.output(0).dtype());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(upd);
      assertEquals(NdArray.of(0.5, 1.5), s.run(v));
    }
  }

  @Test
  @DisplayName("§2.4 a learning rate given as a tensor makes no learning_rate constant")
  void tensorLearningRate() {
    Variable v = tf.variable(new float[] {1f});
    Tensor lr = tf.constant(0.5f, "lr");
    int mark = g.size();
    Operation upd = new GradientDescentOptimizer(lr, "GradientDescent").applyGradients(
        List.of(new GradAndVar(tf.constant(new float[] {1f}), v)));
    assertEquals(List.of("Const", "GradientDescent/update_Variable/ApplyGradientDescent", "GradientDescent"),
        opsSince(mark));
    assertEquals("lr:0", g.operation("GradientDescent/update_Variable/ApplyGradientDescent").input(1).name());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(upd);
      assertClose(new float[] {0.5f}, s.run(v));
    }
  }

  @Test
  @DisplayName("§2.4 the update ops check their inputs at construction, atomically")
  void updateOpShapeChecks() {
    Variable v = tf.variable(new float[] {1f, 2f});
    int size = g.size();
    assertThrows(io.scopegraph.IncompatibleShapesException.class, () -> new GradientDescentOptimizer(0.1)
        .applyGradients(List.of(new GradAndVar(tf.constant(new float[] {1f, 2f, 3f}), v))));
    assertThrows(io.scopegraph.DTypeMismatchException.class, () -> new GradientDescentOptimizer(0.1)
        .applyGradients(List.of(new GradAndVar(tf.constant(new int[] {1, 2}), v))));
    assertEquals(size + 2, g.size(), "only the two gradient constants remain");
  }

  @Test
  @DisplayName("§2.4 a variable with a constraint gets an Assign after its update, in the update scope")
  void constraintAssign() {
    Variable w = tf.getVariableBuilder("w").shape(Shape.of(2))
        .constraint(x -> tf.maximum(x, tf.constant(new float[] {0f, 0f}, "floor"))).get();
    int mark = g.size();
    Operation upd = new GradientDescentOptimizer(1.0).applyGradients(
        List.of(new GradAndVar(tf.constant(new float[] {2f, -1f}, "grad"), w)));
    assertEquals(List.of("GradientDescent/learning_rate", "GradientDescent/update_w/ApplyGradientDescent",
        "GradientDescent/update_w/floor", "GradientDescent/update_w/Maximum", "GradientDescent/update_w/Assign",
        "GradientDescent"), opsSince(mark).subList(1, opsSince(mark).size()));
    assertEquals(List.of("GradientDescent/update_w/ApplyGradientDescent"),
        opNames(g.operation("GradientDescent/update_w/floor").controlInputs()));
    assertEquals(List.of("w:0", "GradientDescent/update_w/Maximum:0"),
        names(g.operation("GradientDescent/update_w/Assign").inputs()));
    assertEquals(List.of("GradientDescent/update_w/Assign"), opNames(upd.controlInputs()));
  }

  @Test
  @DisplayName("§2.4 update ops sit on their variable's device; updates on two devices are grouped per device")
  void devices() {
    Variable a;
    Variable b;
    try (io.scopegraph.DeviceScopeHandle d = tf.device("/gpu:0")) {
      a = tf.variable(new float[] {1f}, "a");
    }
    try (io.scopegraph.DeviceScopeHandle d = tf.device("/cpu:0")) {
      b = tf.variable(new float[] {1f}, "b");
    }
    Tensor grad = tf.constant(new float[] {1f});
    int mark = g.size();
    Operation upd = new GradientDescentOptimizer(0.1).applyGradients(pairs(grad, a, grad, b));
    assertEquals("/device:GPU:0", g.operation("GradientDescent/update_a/ApplyGradientDescent").device());
    assertEquals("/device:CPU:0", g.operation("GradientDescent/update_b/ApplyGradientDescent").device());
    assertEquals(List.of("GradientDescent/learning_rate", "GradientDescent/update_a/ApplyGradientDescent",
        "GradientDescent/update_b/ApplyGradientDescent", "GradientDescent/NoOp", "GradientDescent/NoOp_1",
        "GradientDescent"), opsSince(mark));
    assertEquals("/device:CPU:0", g.operation("GradientDescent/NoOp").device());
    assertEquals(List.of("GradientDescent/update_b/ApplyGradientDescent"),
        opNames(g.operation("GradientDescent/NoOp").controlInputs()));
    assertEquals(List.of("GradientDescent/NoOp", "GradientDescent/NoOp_1"), opNames(upd.controlInputs()));
    assertEquals("", upd.device());
  }

  @Test
  @DisplayName("T31 the first optimizer after reuseVariables fails on w/Adam/; counters reset by leaving a scope give 'already exists'")
  void t31Variants() {
    Variable w = tf.getVariable("w", Shape.of(1));
    Tensor grad = tf.constant(new float[] {1f});
    tf.getVariableScope().reuseVariables();
    assertEquals("Variable w/Adam/ does not exist, or was not created with getVariable(). Did you mean to set "
        + "reuse=Reuse.AUTO in VarScope?", assertThrows(VariableNotFoundException.class,
            () -> new AdamOptimizer().applyGradients(List.of(new GradAndVar(grad, w)))).getMessage());

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Variable tw;
    Tensor g2grad = tf2.constant(new float[] {1f});
    AdamOptimizer first = new AdamOptimizer();
    try (VarScope s = tf2.variableScope("tower")) {
      tw = tf2.getVariable("w", Shape.of(1));
      first.applyGradients(List.of(new GradAndVar(g2grad, tw)));
    }
    assertEquals("tower/tower/w/Adam:0", first.getSlot(tw, "m").name());
    assertEquals("tower/beta1_power:0", g2.tensor("tower/beta1_power:0").name());
    try (VarScope s = tf2.variableScope("tower")) {
      io.scopegraph.VariableAlreadyExistsException e = assertThrows(
          io.scopegraph.VariableAlreadyExistsException.class,
          () -> new AdamOptimizer().applyGradients(List.of(new GradAndVar(g2grad, tw))));
      assertTrue(e.getMessage().startsWith("Variable tower/tower/w/Adam/ already exists, disallowed. Did you mean to "
          + "set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope? Originally defined at:"), e.getMessage());
    }
    // under Reuse.AUTO the existing slot is shared
    try (VarScope s = tf2.variableScope("tower", io.scopegraph.Reuse.AUTO)) {
      AdamOptimizer shared = new AdamOptimizer();
      shared.applyGradients(List.of(new GradAndVar(g2grad, tw)));
      assertSame(first.getSlot(tw, "m"), shared.getSlot(tw, "m"));
    }
  }
}
