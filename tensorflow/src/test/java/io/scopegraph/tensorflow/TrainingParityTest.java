package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.train.AdagradOptimizer;
import io.scopegraph.train.AdamOptimizer;
import io.scopegraph.train.GradientDescentOptimizer;
import io.scopegraph.train.MomentumOptimizer;
import io.scopegraph.train.Optimizer;
import io.scopegraph.train.RMSPropOptimizer;
import io.scopegraph.train.Training;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training graph of an MLP with a softmax cross-entropy loss, built here, runs on real TensorFlow (TensorFlow
 * Java 1.1.0) and on the built-in executor from the same initial values: TensorFlow imports every node under
 * the same name, and after each of 10 steps every variable, the optimizer's slots and accumulators included,
 * agrees within float32 rounding.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class TrainingParityTest {
  private static final int STEPS = 10;

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("GradientDescent", (Supplier<Optimizer>) () -> new GradientDescentOptimizer(0.5)),
        Arguments.of("Momentum", (Supplier<Optimizer>) () -> new MomentumOptimizer(0.1, 0.9)),
        Arguments.of("Momentum (Nesterov)", (Supplier<Optimizer>) () -> new MomentumOptimizer(0.1, 0.9, true)),
        Arguments.of("Adam", (Supplier<Optimizer>) () -> new AdamOptimizer(0.05)),
        Arguments.of("RMSProp", (Supplier<Optimizer>) () -> new RMSPropOptimizer(0.01)),
        Arguments.of("Adagrad", (Supplier<Optimizer>) () -> new AdagradOptimizer(0.3)));
  }

  /** The model, its loss and one optimizer's train op (with a global step), in a fresh graph. */
  private record Mlp(Graph graph, Tensor x, Tensor labels, Tensor loss, Operation train) {}

  private static Mlp mlp(Optimizer optimizer) {
    Graph g = new Graph();
    g.setSeed(7);
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    Tensor labels = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "labels");
    Tensor h = dense(tf, "layer1", x, 8, true);
    Tensor logits = dense(tf, "layer2", h, 3, false);
    Tensor loss = tf.mean(tf.softmaxCrossEntropyWithLogits(labels, logits), "loss");
    Variable step = Training.getOrCreateGlobalStep(g);
    Operation train = optimizer.minimize(loss, step, null, null);
    return new Mlp(g, x, labels, loss, train);
  }

  private static Tensor dense(Ops tf, String scope, Tensor x, int units, boolean relu) {
    try (VarScope s = tf.variableScope(scope)) {
      Tensor w = tf.getVariable("w", Shape.of(x.shape().dim(1), units), Initializers.glorotUniform());
      Tensor b = tf.getVariable("b", Shape.of(units), Initializers.randomUniform(-0.1, 0.1, null));
      Tensor y = tf.matMul(x, w).add(b);
      return relu ? tf.relu(y) : y;
    }
  }

  /** A fixed batch of 16 points with one-hot labels of 3 classes. */
  private static Map<Tensor, NdArray> batch(Mlp m) {
    Random random = new Random(11);
    float[][] x = new float[16][4];
    float[][] y = new float[16][3];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = (float) random.nextGaussian();
      }
      y[i][random.nextInt(3)] = 1;
    }
    return Map.of(m.x(), NdArray.of(x), m.labels(), NdArray.of(y));
  }

  @ParameterizedTest(name = "{0}: identical node names, every variable and slot equal after each of 10 steps")
  @MethodSource("optimizers")
  void tenStepsAgreeWithTensorFlow(String name, Supplier<Optimizer> optimizer) {
    Mlp m = mlp(optimizer.get());
    Map<Tensor, NdArray> batch = batch(m);
    List<Variable> variables = m.graph().globalVariables();
    try (Session ours = new Session(m.graph()); TensorFlowSession theirs = new TensorFlowSession(m.graph())) {
      assertEquals(m.graph().operations().stream().map(Operation::name).toList(), theirs.nodeNames());
      ours.run(Ops.on(m.graph()).globalVariablesInitializer());
      for (Variable v : variables) { // TF's random generators differ: start TF from our initial values
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      for (int step = 1; step <= STEPS; step++) {
        ours.runner().feed(m.x(), batch.get(m.x())).feed(m.labels(), batch.get(m.labels())).addTarget(m.train()).run();
        theirs.run(batch, m.train());
        List<NdArray> ourValues = ours.run(variables);
        List<NdArray> theirValues = theirs.run(variables, Map.of());
        for (int i = 0; i < variables.size(); i++) {
          assertClose(theirValues.get(i), ourValues.get(i), name + " step " + step + " " + variables.get(i).name());
        }
      }
      float ourLoss = ours.run(List.of(m.loss()), batch).get(0).toFloatArray()[0];
      float theirLoss = theirs.run(List.of(m.loss()), batch).get(0).toFloatArray()[0];
      assertEquals(theirLoss, ourLoss, 1e-5 + 1e-5 * Math.abs(theirLoss), name + " loss");
    }
  }

  /** float32 rounding: a few ulps of the value, or of the variable's scale near zero. */
  private static void assertClose(NdArray expected, NdArray actual, String what) {
    assertEquals(expected.dtype(), actual.dtype(), what);
    assertEquals(expected.shape(), actual.shape(), what);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getDouble(i);
      double a = actual.getDouble(i);
      assertTrue(Math.abs(e - a) <= 2e-6 + 2e-5 * Math.abs(e), what + "[" + i + "]: TensorFlow " + e + ", ours " + a);
    }
  }

  @Test
  @DisplayName("every gradient of a graph using each differentiable op equals TensorFlow's")
  void gradientsAgreeWithTensorFlow() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor a = tf.constant(new float[][] {{0.5f, -1.2f, 2.0f}, {1.5f, 0.3f, -0.7f}}, "a");
    Tensor b = tf.constant(new float[] {0.2f, -0.4f, 0.9f}, "b");
    Tensor w = tf.constant(new float[][] {{0.1f, 0.2f}, {-0.3f, 0.4f}, {0.5f, -0.6f}}, "w");
    Tensor labels = tf.constant(new float[][] {{0, 1}, {1, 0}}, "labels");
    Tensor sparseLabels = tf.constant(new int[] {1, 0}, "sparse_labels");
    Tensor t = tf.biasAdd(a, b);
    Tensor u = tf.tanh(t).add(tf.sigmoid(t)).mul(tf.relu(a)).sub(tf.square(b)).truediv(tf.exp(b));
    Tensor logits = tf.matMul(u, w);
    Tensor v = tf.add(tf.softmaxCrossEntropyWithLogits(labels, logits),
        tf.sparseSoftmaxCrossEntropyWithLogits(sparseLabels, logits));
    Tensor z = tf.add(tf.sum(v), tf.add(tf.mean(tf.log(tf.abs(a).add(1.0f))), tf.l2Loss(tf.softmax(logits))));
    Tensor zz = tf.add(z, tf.sum(tf.sqrt(tf.maximum(tf.transpose(a, new int[] {1, 0}), tf.constant(0.1f)))));
    List<Tensor> grads = tf.gradients(zz, List.of(a, b, w));
    try (Session ours = new Session(g); TensorFlowSession theirs = new TensorFlowSession(g)) {
      List<NdArray> ourValues = ours.run(grads);
      List<NdArray> theirValues = theirs.run(grads, Map.of());
      for (int i = 0; i < grads.size(); i++) {
        assertClose(theirValues.get(i), ourValues.get(i), grads.get(i).name());
      }
    }
  }

  @Test
  @DisplayName("T29 a GAN's two Adam optimizers in one graph: TensorFlow imports the same names and steps alike")
  void ganTwoOptimizers() {
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.on(g);
    Variable gw;
    Variable dw;
    try (VarScope s = tf.variableScope("G")) {
      gw = tf.getVariable("w", Shape.of(2));
    }
    try (VarScope s = tf.variableScope("D")) {
      dw = tf.getVariable("w", Shape.of(2));
    }
    Tensor loss = tf.sum(gw.mul(dw));
    Operation dTrain = new AdamOptimizer(0.1).minimize(loss, Ops.on(g).trainableVariables("D/"));
    Operation gTrain = new AdamOptimizer(0.1).minimize(loss.neg(), Ops.on(g).trainableVariables("G/"));
    try (Session ours = new Session(g); TensorFlowSession theirs = new TensorFlowSession(g)) {
      assertEquals(g.operations().stream().map(Operation::name).toList(), theirs.nodeNames());
      ours.run(tf.globalVariablesInitializer());
      Map<Tensor, NdArray> init = new HashMap<>();
      for (Variable v : g.globalVariables()) {
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      for (int step = 0; step < 5; step++) {
        ours.run(dTrain);
        ours.run(gTrain);
        theirs.run(dTrain);
        theirs.run(gTrain);
      }
      List<Variable> all = g.globalVariables();
      List<NdArray> ourValues = ours.run(all);
      List<NdArray> theirValues = theirs.run(all, init);
      for (int i = 0; i < all.size(); i++) {
        assertClose(theirValues.get(i), ourValues.get(i), all.get(i).name());
      }
    }
  }
}
