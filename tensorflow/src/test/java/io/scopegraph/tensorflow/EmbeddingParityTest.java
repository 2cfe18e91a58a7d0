package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.IndexedSlices;
import io.scopegraph.Initializers;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioners;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.TensorLike;
import io.scopegraph.Variable;
import io.scopegraph.train.AdagradOptimizer;
import io.scopegraph.train.AdamOptimizer;
import io.scopegraph.train.GradientDescentOptimizer;
import io.scopegraph.train.MomentumOptimizer;
import io.scopegraph.train.Optimizer;
import io.scopegraph.train.RMSPropOptimizer;
import java.util.ArrayList;
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
 * Embedding lookups and their sparse gradients on real TensorFlow (TensorFlow Java 1.1.0) and on the built-in
 * executor: forward values of gather (axis 0 and 1) and of partitioned lookups, the gradient's values (the
 * IndexedSlices' parts and their dense conversion), and a few training steps of a small embedding model with
 * each optimizer's sparse path, every variable and slot compared after each step.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class EmbeddingParityTest {
  private static float[][] random(Random r, int rows, int cols) {
    float[][] a = new float[rows][cols];
    for (float[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return a;
  }

  private static void assertClose(NdArray expected, NdArray actual, String what) {
    assertEquals(expected.dtype(), actual.dtype(), what);
    assertEquals(expected.shape(), actual.shape(), what);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getDouble(i);
      double a = actual.getDouble(i);
      assertTrue(Math.abs(e - a) <= 2e-6 + 2e-5 * Math.abs(e), what + "[" + i + "]: TensorFlow " + e + ", ours " + a);
    }
  }

  private static void compare(Graph g, List<Tensor> fetches, Map<Tensor, NdArray> feeds) {
    try (Session ours = new Session(g); TensorFlowSession theirs = new TensorFlowSession(g)) {
      assertEquals(g.operations().stream().map(Operation::name).toList(), theirs.nodeNames());
      List<NdArray> ourValues = ours.run(fetches, feeds);
      List<NdArray> theirValues = theirs.run(fetches, feeds);
      for (int i = 0; i < fetches.size(); i++) {
        assertClose(theirValues.get(i), ourValues.get(i), fetches.get(i).name());
      }
    }
  }

  @Test
  @DisplayName("gather forward (axis 0 with repeats, axis 1, int64 ids) and its gradient: IndexedSlices parts and dense")
  void gatherForwardAndGradient() {
    Random r = new Random(5);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor params = tf.constant(random(r, 6, 4), "params");
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor rows = tf.gather(params, ids);
    Tensor cols = tf.gather(params, tf.constant(new long[] {3, 0, 3}), 1);
    Tensor w = tf.constant(random(r, 5, 4), "w");
    Tensor rowsLoss = tf.sum(tf.mul(rows, w));
    IndexedSlices grad = (IndexedSlices) tf.sparseGradients(rowsLoss, List.of(params)).get(0);
    Tensor dense = tf.convertToTensor(grad);
    // a sparse and a dense gradient of one tensor: TF's AddN of both (the sparse one converted)
    Tensor mixed = tf.gradients(rowsLoss.add(tf.sum(tf.square(cols))), List.of(params)).get(0);
    assertEquals("AddN", mixed.op().type());
    List<Tensor> fetches = List.of(rows, cols, grad.values(), grad.indices(), grad.denseShape(), dense, mixed);
    compare(g, fetches, Map.of(ids, NdArray.of(5, 0, 5, 2, 1)));
  }

  @Test
  @DisplayName("embedding_lookup on a variable and on shards (mod, div): values and the variables' gradients")
  void lookupsAndGradients() {
    Graph g = new Graph();
    g.setSeed(9);
    Ops tf = Ops.on(g);
    Variable emb = tf.getVariable("emb", Shape.of(7, 3));
    PartitionedVariable parts = tf.getVariableBuilder("parts").shape(Shape.of(7, 3))
        .partitioner(Partitioners.fixedSize(3)).getPartitioned();
    Tensor ids = tf.placeholder(DType.INT64, Shape.of(-1, 2), "ids");
    Tensor single = tf.embeddingLookup(emb, ids);
    Tensor mod = tf.embeddingLookup(parts, ids);
    Tensor div = tf.embeddingLookup(parts, ids, "div", "by_div");
    Tensor loss = tf.sum(tf.square(single)).add(tf.sum(mod)).add(tf.sum(tf.mul(div, div)));
    List<Variable> vars = new ArrayList<>(List.of(emb));
    vars.addAll(parts.shards());
    List<Tensor> grads = tf.gradients(loss, vars);
    List<Tensor> fetches = new ArrayList<>(List.of(single, mod, div));
    fetches.addAll(grads);
    try (Session ours = new Session(g); TensorFlowSession theirs = new TensorFlowSession(g)) {
      assertEquals(g.operations().stream().map(Operation::name).toList(), theirs.nodeNames());
      ours.run(tf.globalVariablesInitializer());
      for (Variable v : g.globalVariables()) {
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      Map<Tensor, NdArray> feeds = Map.of(ids, NdArray.of(new long[][] {{6, 0}, {3, 3}, {1, 5}}));
      List<NdArray> ourValues = ours.run(fetches, feeds);
      List<NdArray> theirValues = theirs.run(fetches, feeds);
      for (int i = 0; i < fetches.size(); i++) {
        assertClose(theirValues.get(i), ourValues.get(i), fetches.get(i).name());
      }
    }
  }

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("GradientDescent", (Supplier<Optimizer>) () -> new GradientDescentOptimizer(0.2)),
        Arguments.of("Momentum", (Supplier<Optimizer>) () -> new MomentumOptimizer(0.1, 0.9)),
        Arguments.of("Momentum (Nesterov)", (Supplier<Optimizer>) () -> new MomentumOptimizer(0.1, 0.9, true)),
        Arguments.of("Adam", (Supplier<Optimizer>) () -> new AdamOptimizer(0.05)),
        Arguments.of("Adagrad", (Supplier<Optimizer>) () -> new AdagradOptimizer(0.3)),
        Arguments.of("RMSProp", (Supplier<Optimizer>) () -> new RMSPropOptimizer(0.01)),
        Arguments.of("RMSProp (centered, momentum)",
            (Supplier<Optimizer>) () -> new RMSPropOptimizer(0.01, 0.9, 0.5, 1e-10, true)));
  }

  @ParameterizedTest(name = "{0}: identical node names, every variable and slot equal after each of 5 steps")
  @MethodSource("optimizers")
  void trainingStepsAgree(String name, Supplier<Optimizer> optimizer) {
    Graph g = new Graph();
    g.setSeed(13);
    Ops tf = Ops.on(g);
    Variable emb = tf.getVariable("emb", Shape.of(8, 3));
    Variable w = tf.getVariable("w", Shape.of(3, 2), Initializers.glorotUniform());
    Tensor ids = tf.placeholder(DType.INT32, Shape.of(-1), "ids");
    Tensor y = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "y");
    Tensor logits = tf.matMul(tf.embeddingLookup(emb, ids), w);
    Tensor loss = tf.mean(tf.square(tf.sub(logits, y)), "loss");
    Operation train = optimizer.get().minimize(loss);
    assertTrue(g.operations().stream().anyMatch(op -> op.name().contains("update_emb/")
        && (op.type().startsWith("Sparse") || op.type().startsWith("Scatter"))), name + " takes the sparse path");
    List<Variable> variables = g.globalVariables();
    Random r = new Random(3);
    try (Session ours = new Session(g); TensorFlowSession theirs = new TensorFlowSession(g)) {
      assertEquals(g.operations().stream().map(Operation::name).toList(), theirs.nodeNames());
      ours.run(tf.globalVariablesInitializer());
      for (Variable v : variables) { // TF's random generators differ: start TF from our initial values
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      for (int step = 1; step <= 5; step++) {
        int[] batchIds = new int[4];
        for (int i = 0; i < batchIds.length; i++) {
          batchIds[i] = r.nextInt(5); // rows 5..7 are never looked up
        }
        batchIds[3] = batchIds[0]; // a repeated id in every batch
        Map<Tensor, NdArray> feeds = Map.of(ids, NdArray.of(batchIds), y, NdArray.of(random(r, 4, 2)));
        ours.runner().feed(ids, feeds.get(ids)).feed(y, feeds.get(y)).addTarget(train).run();
        theirs.run(feeds, train);
        List<NdArray> ourValues = ours.run(variables);
        List<NdArray> theirValues = theirs.run(variables, Map.of());
        for (int i = 0; i < variables.size(); i++) {
          assertClose(theirValues.get(i), ourValues.get(i), name + " step " + step + " " + variables.get(i).name());
        }
      }
    }
  }

  @Test
  @DisplayName("the sparse gradient returned by sparseGradients holds TF's tensors (values, indices, dense_shape)")
  void sparseGradientTypes() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Variable emb = tf.getVariable("emb", Shape.of(4, 2));
    TensorLike grad = tf.sparseGradients(tf.sum(tf.embeddingLookup(emb, tf.constant(new int[] {1, 1}))),
        List.of(emb)).get(0);
    IndexedSlices s = (IndexedSlices) grad;
    try (Session ours = new Session(g); TensorFlowSession theirs = new TensorFlowSession(g)) {
      ours.run(tf.globalVariablesInitializer());
      for (Variable v : g.globalVariables()) {
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      List<Tensor> fetches = List.of(s.values(), s.indices(), s.denseShape());
      List<NdArray> ourValues = ours.run(fetches);
      List<NdArray> theirValues = theirs.run(fetches, Map.of());
      for (int i = 0; i < fetches.size(); i++) {
        assertEquals(theirValues.get(i), ourValues.get(i), fetches.get(i).name());
      }
      assertEquals(NdArray.of(4, 2), ourValues.get(2));
    }
  }
}
