package io.scopegraph.train;

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
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.VariableNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The optimizer cases of {@code training-cases.md} section B through {@code minimize} (with {@code Ops.gradients}). */
class MinimizeTest {
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

  private static String gradInput(Operation apply) {
    return apply.input(apply.numInputs() - 1).name();
  }

  private static void assertClose(float[] expected, NdArray actual) {
    float[] a = actual.toFloatArray();
    assertEquals(expected.length, a.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i + " of " + actual);
    }
  }

  @Test
  @DisplayName("T18 computeGradients gates multi-input gradients through tuple/control_dependency")
  void t18ComputeGradientsGates() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Variable w;
    try (VarScope s = tf.variableScope("tower")) {
      w = tf.getVariable("w", Shape.of(3, 2));
      tf.matMul(x, w);
    }
    Tensor loss = tf.mean(g.tensor("tower/MatMul:0"));
    int mark = g.size();
    List<GradAndVar> gvs = new GradientDescentOptimizer(0.1).computeGradients(loss);
    assertEquals(1, gvs.size());
    assertEquals("gradients/tower/MatMul_grad/tuple/control_dependency_1:0", gvs.get(0).gradient().name());
    assertSame(w, gvs.get(0).variable());
    List<String> ops = opsSince(mark);
    assertTrue(ops.containsAll(List.of("gradients/tower/MatMul_grad/MatMul", "gradients/tower/MatMul_grad/MatMul_1",
        "gradients/tower/MatMul_grad/tuple/group_deps", "gradients/tower/MatMul_grad/tuple/control_dependency",
        "gradients/tower/MatMul_grad/tuple/control_dependency_1")), ops.toString());
    assertTrue(ops.stream().allMatch(n -> n.startsWith("gradients/")), "no optimizer ops yet: " + ops);

    List<GradAndVar> ungated = new GradientDescentOptimizer(0.1).computeGradients(loss, null, Optimizer.GATE_NONE);
    assertEquals("gradients_1/tower/MatMul_grad/MatMul_1:0", ungated.get(0).gradient().name());
    List<GradAndVar> graphGated = new GradientDescentOptimizer(0.1).computeGradients(loss, null, Optimizer.GATE_GRAPH);
    assertEquals("tuple/control_dependency:0", graphGated.get(0).gradient().name());
  }

  @Test
  @DisplayName("T21 GradientDescent minimize with a global step: names, gradient inputs, values, TRAIN_OP")
  void t21GradientDescentWithGlobalStep() {
    Variable var0 = tf.variable(new float[] {1f, 2f});
    Variable var1 = tf.variable(new float[] {3f, 4f});
    Tensor cost = var0.rmul(5f).add(var1.rmul(3f));
    assertEquals("add:0", cost.name());
    Variable globalStep = tf.variable(tf.zeros(Shape.scalar(), DType.INT64), "global_step");
    int mark = g.size();
    Operation optOp = new GradientDescentOptimizer(3.0).minimize(cost, globalStep, List.of(var0, var1), null);
    assertEquals("GradientDescent", optOp.name());
    assertEquals("AssignAdd", optOp.type());
    assertEquals(List.of("global_step:0", "GradientDescent/value:0"), names(optOp.inputs()));
    assertEquals(List.of("GradientDescent/update"),
        g.operation("GradientDescent/value").controlInputs().stream().map(Operation::name).toList());
    List<String> ops = opsSince(mark);
    assertEquals(List.of("GradientDescent/learning_rate", "GradientDescent/update_Variable/ApplyGradientDescent",
        "GradientDescent/update_Variable_1/ApplyGradientDescent", "GradientDescent/update", "GradientDescent/value",
        "GradientDescent"), ops.subList(ops.indexOf("GradientDescent/learning_rate"), ops.size()));
    assertTrue(ops.indexOf("GradientDescent/learning_rate") > 0
        && ops.subList(0, ops.indexOf("GradientDescent/learning_rate")).stream().allMatch(n -> n.startsWith("gradients/")));
    assertEquals("gradients/mul_grad/tuple/control_dependency_1:0",
        gradInput(g.operation("GradientDescent/update_Variable/ApplyGradientDescent")));
    assertEquals("gradients/mul_1_grad/tuple/control_dependency_1:0",
        gradInput(g.operation("GradientDescent/update_Variable_1/ApplyGradientDescent")));
    assertTrue(ops.contains("gradients/mul_grad/BroadcastGradientArgs"));
    assertFalse(ops.contains("gradients/mul_1_grad/BroadcastGradientArgs"), "cache hit");
    assertTrue(g.collection(Training.TRAIN_OP).contains(optOp));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(optOp);
      assertClose(new float[] {-14f, -13f}, s.run(var0));
      assertClose(new float[] {-6f, -5f}, s.run(var1));
      assertEquals(NdArray.scalar(1L), s.run(globalStep));
    }
  }

  @Test
  @DisplayName("T23 minimize(name=\"train\"): train/learning_rate, train/update_W, train/update_b, NoOp train")
  void t23NamedTrainOp() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1), "x");
    Variable w = tf.getVariable("W", Shape.scalar());
    Variable b = tf.getVariable("b", Shape.scalar());
    Tensor loss = tf.mean(tf.square(w.mul(x).add(b)));
    GradientDescentOptimizer opt = new GradientDescentOptimizer(0.01);
    Operation train = opt.minimize(loss, null, null, "train");
    assertEquals("train", train.name());
    assertEquals("NoOp", train.type());
    assertEquals("Const", g.operation("train/learning_rate").type());
    assertEquals("gradients/mul_grad/tuple/control_dependency:0",
        gradInput(g.operation("train/update_W/ApplyGradientDescent")));
    assertEquals("gradients/add_grad/tuple/control_dependency_1:0",
        gradInput(g.operation("train/update_b/ApplyGradientDescent")));
    assertEquals("GradientDescent", opt.getName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      float w0 = s.run(w).toFloatArray()[0];
      float b0 = s.run(b).toFloatArray()[0];
      s.runner().feed(x, NdArray.of(1f, 2f)).addTarget(train).run();
      // d/dW mean((W x + b)²) = mean(2 (W x + b) x)
      float gw = ((w0 + b0) * 2f * 1f + (2f * w0 + b0) * 2f * 2f) / 2f;
      float gb = ((w0 + b0) * 2f + (2f * w0 + b0) * 2f) / 2f;
      assertClose(new float[] {w0 - 0.01f * gw}, s.run(w));
      assertClose(new float[] {b0 - 0.01f * gb}, s.run(b));
    }
  }

  @Test
  @DisplayName("T24 Adam minimize at root: variables, slots, ops after the gradients, ApplyAdam inputs")
  void t24AdamAtRoot() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Variable w;
    try (VarScope s = tf.variableScope("tower")) {
      w = tf.getVariable("w", Shape.of(3, 2));
    }
    Tensor loss = tf.sum(tf.matMul(x, w));
    int mark = g.size();
    int varMark = g.globalVariables().size();
    AdamOptimizer opt = new AdamOptimizer();
    Operation train = opt.minimize(loss);
    assertEquals(List.of("beta1_power:0", "beta2_power:0", "tower/w/Adam:0", "tower/w/Adam_1:0"),
        names(g.globalVariables().subList(varMark, g.globalVariables().size())));
    List<String> ops = opsSince(mark);
    int first = ops.indexOf("beta1_power/initial_value");
    assertTrue(ops.subList(0, first).stream().allMatch(n -> n.startsWith("gradients/")), ops.toString());
    assertEquals(List.of("beta1_power/initial_value", "beta1_power", "beta1_power/Assign", "beta1_power/read",
        "beta2_power/initial_value", "beta2_power", "beta2_power/Assign", "beta2_power/read",
        "tower/w/Adam/Initializer/zeros", "tower/w/Adam", "tower/w/Adam/Assign", "tower/w/Adam/read",
        "tower/w/Adam_1/Initializer/zeros", "tower/w/Adam_1", "tower/w/Adam_1/Assign", "tower/w/Adam_1/read",
        "Adam/learning_rate", "Adam/beta1", "Adam/beta2", "Adam/epsilon", "Adam/update_tower/w/ApplyAdam",
        "Adam/mul", "Adam/Assign", "Adam/mul_1", "Adam/Assign_1", "Adam"), ops.subList(first, ops.size()));
    assertEquals("Adam", train.name());
    assertEquals("NoOp", train.type());
    assertEquals(List.of("tower/w:0", "tower/w/Adam:0", "tower/w/Adam_1:0", "beta1_power/read:0",
        "beta2_power/read:0", "Adam/learning_rate:0", "Adam/beta1:0", "Adam/beta2:0", "Adam/epsilon:0",
        "gradients/MatMul_grad/tuple/control_dependency_1:0"),
        names(g.operation("Adam/update_tower/w/ApplyAdam").inputs()));
    assertEquals(List.of("m", "v"), opt.getSlotNames());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.runner().feed(x, NdArray.of(new float[][] {{1f, 2f, 3f}})).addTarget(train).run();
      assertClose(new float[] {0.81f}, s.run(g.tensor("beta1_power:0")));
    }
  }

  @Test
  @DisplayName("T26 Adam minimize in name scope 'optimization' with a global step")
  void t26AdamInNameScope() {
    Variable gs = Training.getOrCreateGlobalStep(g);
    Variable w = tf.getVariable("w", Shape.of(2));
    Tensor loss = tf.sum(w.mul(w));
    int varMark = g.globalVariables().size();
    Operation train;
    try (NameScopeHandle ns = tf.nameScope("optimization")) {
      train = new AdamOptimizer(0.01).minimize(loss, gs, null, null);
    }
    assertEquals("optimization/Adam", train.name());
    assertEquals("AssignAdd", train.type());
    assertEquals("AddN", g.operation("optimization/gradients/AddN").type());
    assertEquals(List.of("optimization/beta1_power:0", "optimization/beta2_power:0", "w/Adam:0", "w/Adam_1:0"),
        names(g.globalVariables().subList(varMark, g.globalVariables().size())));
    for (String op : List.of("optimization/Adam/learning_rate", "optimization/Adam/beta1", "optimization/Adam/beta2",
        "optimization/Adam/epsilon", "optimization/Adam/update_w/ApplyAdam", "optimization/Adam/mul",
        "optimization/Adam/Assign", "optimization/Adam/mul_1", "optimization/Adam/Assign_1",
        "optimization/Adam/update", "optimization/Adam/value")) {
      assertTrue(g.operation(op) != null, op);
    }
    assertEquals("optimization/gradients/AddN:0", gradInput(g.operation("optimization/Adam/update_w/ApplyAdam")));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(train);
      assertEquals(NdArray.scalar(1L), s.run(gs));
    }
  }

  @Test
  @DisplayName("T29 GAN: two Adam minimize calls on D/ and G/; gradients and gradients_1; Adam and Adam_1")
  void t29Gan() {
    Variable gw;
    Variable dw;
    try (VarScope s = tf.variableScope("G")) {
      gw = tf.getVariable("w", Shape.of(2));
    }
    try (VarScope s = tf.variableScope("D")) {
      dw = tf.getVariable("w", Shape.of(2));
    }
    Tensor loss = tf.sum(gw.mul(dw));
    int varMark = g.globalVariables().size();
    Operation dTrain = new AdamOptimizer().minimize(loss, tf.trainableVariables("D/"));
    Operation gTrain = new AdamOptimizer().minimize(loss.neg(), tf.trainableVariables("G/"));
    assertEquals("Adam", dTrain.name());
    assertEquals("Adam_1", gTrain.name());
    assertEquals("Neg", g.operation("gradients_1/Neg_grad/Neg").type());
    assertEquals(List.of("beta1_power:0", "beta2_power:0", "D/w/Adam:0", "D/w/Adam_1:0", "beta1_power_1:0",
        "beta2_power_1:0", "G/w/Adam:0", "G/w/Adam_1:0"),
        names(g.globalVariables().subList(varMark, g.globalVariables().size())));
    assertEquals("gradients/mul_grad/tuple/control_dependency_1:0",
        gradInput(g.operation("Adam/update_D/w/ApplyAdam")));
    assertEquals("gradients_1/mul_grad/tuple/control_dependency:0",
        gradInput(g.operation("Adam_1/update_G/w/ApplyAdam")));
  }

  @Test
  @DisplayName("T31 minimize under a reusing variable scope fails on the slot lookup and leaves no trace")
  void t31ReuseError() {
    Variable w = tf.getVariable("w", Shape.of(1));
    Variable b = tf.variable(tf.zeros(Shape.of(1), DType.FLOAT32));
    Tensor loss = tf.mean(tf.square(w.mul(2f).add(b)));
    AdamOptimizer first = new AdamOptimizer(0.5);
    first.minimize(loss);
    assertEquals(List.of("w/Adam:0", "w/Adam_1:0"), names(List.of(first.getSlot(w, "m"), first.getSlot(w, "v"))));
    assertEquals(List.of("Variable/Adam:0", "Variable/Adam_1:0"),
        names(List.of(first.getSlot(b, "m"), first.getSlot(b, "v"))));
    tf.getVariableScope().reuseVariables();
    Variable w2 = tf.getVariable("w", Shape.of(1));
    Variable b2 = tf.variable(tf.zeros(Shape.of(1), DType.FLOAT32));
    Tensor loss2 = tf.mean(tf.square(w2.mul(2f).add(b2)));
    int size = g.size();
    Map<String, Variable> store = g.variableStore();
    VariableNotFoundException e = assertThrows(VariableNotFoundException.class,
        () -> new AdamOptimizer(0.5).minimize(loss2));
    assertEquals("Variable w/Adam_2/ does not exist, or was not created with getVariable(). Did you mean to set "
        + "reuse=Reuse.AUTO in VarScope?", e.getMessage());
    assertEquals(size, g.size(), "no gradient, slot or optimizer op is left");
    assertEquals(store, g.variableStore());
    assertNull(g.operation("gradients_1/Shape"));
  }

  @Test
  @DisplayName("T36 minimize's default var_list is the trainable variables in creation order")
  void t36DefaultVarList() {
    Variable d;
    Variable dense;
    Variable gv;
    try (VarScope s = tf.variableScope("D")) {
      d = tf.getVariable("w", Shape.of(1));
    }
    try (VarScope s = tf.variableScope("Dense")) {
      dense = tf.getVariable("w", Shape.of(1));
    }
    try (VarScope s = tf.variableScope("G")) {
      gv = tf.getVariable("w", Shape.of(1));
    }
    Tensor loss = tf.sum(d.mul(dense).mul(gv));
    List<GradAndVar> gvs = new GradientDescentOptimizer(0.1).computeGradients(loss);
    assertEquals(List.of(d, dense, gv), gvs.stream().map(GradAndVar::variable).toList());
    assertEquals(List.of(d, dense), new GradientDescentOptimizer(0.1).computeGradients(loss, tf.trainableVariables("D"))
        .stream().map(GradAndVar::variable).toList());
  }

  @Test
  @DisplayName("T37 minimize with no gradient for any variable: TF's text, nothing left in the graph")
  void t37NoGradients() {
    Variable a = tf.variable(new float[] {1f, 2f}, "a0");
    Variable b = tf.variable(new float[] {3f, 4f}, "b0");
    Tensor loss = a.rmul(5f);
    int size = g.size();
    NoGradientsException e = assertThrows(NoGradientsException.class,
        () -> new GradientDescentOptimizer(3.0).minimize(loss, List.of(b)));
    assertEquals("No gradients provided for any variable, check your graph for ops that do not support gradients, "
        + "between variables [\"<tf.Variable 'b0:0' shape=(2,) dtype=float32>\"] and loss "
        + "Tensor(\"mul:0\", shape=(2,), dtype=float32).", e.getMessage());
    assertEquals(size, g.size());
  }
}
