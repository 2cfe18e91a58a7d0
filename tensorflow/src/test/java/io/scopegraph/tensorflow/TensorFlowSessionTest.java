package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Exported graphs run on real TensorFlow (TensorFlow Java 1.1.0, TF 2.18) with the same names and the same
 * values as the built-in executor. TF's random generators are not reproduced, so random variables are fed
 * into TensorFlow with the values scopegraph's session gave them (through their {@code read} tensors).
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class TensorFlowSessionTest {

  private static List<String> opNames(Graph g) {
    return g.operations().stream().map(Operation::name).toList();
  }

  @Test
  @DisplayName("the seed's scoping graph: TensorFlow imports every node under its name and computes [5, 5]")
  void seedScoping() {
    Graph g = SeedGraphs.scoping();
    Tensor d1 = g.tensor("scope_vars/res/res:0");
    Tensor d2 = g.tensor("scope_name/res/res:0");
    try (TensorFlowSession tf = new TensorFlowSession(g); Session own = new Session(g)) {
      assertEquals(opNames(g), tf.nodeNames());
      tf.run(g.operation("init"));
      own.run(g.operation("init"));
      List<NdArray> values = tf.run(List.of(d1, d2), Map.of());
      assertEquals(List.of(NdArray.scalar(5), NdArray.scalar(5)), values);
      assertEquals(own.run(List.of(d1, d2)), values);
      assertTrue(tf.nodeNames().contains("b"), "b sits at the root, outside scope_name");
    }
  }

  /** Ops whose values depend on TF's random generators, or that produce nothing to compare. */
  private static boolean comparable(Operation op) {
    Set<String> skipped = Set.of("VariableV2", "Assign", "NoOp", "Placeholder", "RandomUniform",
        "RandomStandardNormal", "TruncatedNormal");
    // Saver ops are compared in TensorFlowCheckpointsTest (here TensorFlow's variables are not initialized).
    return !skipped.contains(op.type()) && !op.name().contains("/Initializer/") && !op.name().startsWith("noise")
        && !op.name().startsWith("save/")
        && op.numOutputs() == 1;
  }

  @Test
  @DisplayName("every op type the runtime has: same names, and the same values as the built-in executor")
  void everyOpType() {
    Graph g = SeedGraphs.everyOpType();
    NdArray x = NdArray.of(new float[][] {{0.5f, -1f, 2f}, {1.5f, 0.25f, -0.75f}});
    Map<Tensor, NdArray> feeds = new HashMap<>();
    feeds.put(g.tensor("x:0"), x);
    List<Tensor> fetches = new ArrayList<>();
    for (Operation op : g.operations()) {
      if (comparable(op) && !op.name().endsWith("/read")) {
        fetches.add(op.output(0));
      }
    }
    try (TensorFlowSession tf = new TensorFlowSession(g); Session own = new Session(g)) {
      assertEquals(opNames(g), tf.nodeNames());
      own.run(g.operation("init"));
      for (Variable v : g.globalVariables()) {
        feeds.put(v.read(), own.run(v)); // scopegraph's random values, given to TensorFlow
      }
      List<NdArray> expected = own.run(fetches, feeds);
      List<NdArray> actual = tf.run(fetches, feeds);
      for (int i = 0; i < fetches.size(); i++) {
        assertClose(fetches.get(i).name(), expected.get(i), actual.get(i));
      }
      assertTrue(fetches.size() > 30, "compared " + fetches.size() + " tensors");
    }
  }

  @Test
  @DisplayName("variables initialised on TensorFlow keep their constant values; feeds by the same tensors")
  void variablesAndFeeds() {
    Graph g = new Graph();
    Ops ops = Ops.on(g);
    Tensor x = ops.placeholder(DType.FLOAT32, io.scopegraph.Shape.of(-1, 2), "x");
    Variable w = ops.getVariable("w", io.scopegraph.Shape.of(2, 1), io.scopegraph.Initializers.constant(0.5));
    Tensor y = ops.matMul(x, w, "y");
    try (TensorFlowSession tf = new TensorFlowSession(g)) {
      tf.initializeVariables();
      NdArray out = tf.run(List.of(y), Map.of(x, NdArray.of(new float[][] {{1, 2}, {3, 4}}))).get(0);
      assertEquals(NdArray.of(new float[][] {{1.5f}, {3.5f}}), out);
      assertEquals(NdArray.of(new float[][] {{0.5f}, {0.5f}}), tf.run(w));
    }
  }

  @Test
  @DisplayName("a partitioned, L2-regularized variable on /cpu:0: TensorFlow slices, concatenates and regularizes alike")
  void partitionedRegularizedVariable() {
    Graph g = new Graph();
    Ops ops = Ops.on(g);
    io.scopegraph.PartitionedVariable p;
    Tensor whole;
    try (io.scopegraph.DeviceScopeHandle cpu = ops.device("/cpu:0");
        io.scopegraph.VarScope s = ops.variableScopeBuilder("emb")
            .partitioner(io.scopegraph.Partitioners.fixedSize(3))
            .regularizer(io.scopegraph.Regularizers.l2(0.25)).enter()) {
      p = ops.getVariableBuilder("e").shape(io.scopegraph.Shape.of(5, 2))
          .initialValue(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}}).getPartitioned();
      whole = p.asTensor();
    }
    List<Tensor> fetches = new ArrayList<>(g.regularizationLosses());
    fetches.add(whole);
    try (TensorFlowSession tf = new TensorFlowSession(g); Session own = new Session(g)) {
      assertEquals(opNames(g), tf.nodeNames());
      tf.initializeVariables();
      own.run(ops.globalVariablesInitializer());
      List<NdArray> actual = tf.run(fetches, Map.of());
      assertEquals(own.run(fetches), actual);
      assertEquals(NdArray.of(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}}), actual.get(3));
      assertEquals(NdArray.scalar(0.25f * (1 + 4 + 9 + 16) / 2), actual.get(0));
    }
  }

  private static void assertClose(String name, NdArray expected, NdArray actual) {
    assertEquals(expected.dtype(), actual.dtype(), name);
    assertEquals(expected.shape(), actual.shape(), name);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getDouble(i);
      double a = actual.getDouble(i);
      assertTrue(Math.abs(e - a) <= 1e-5 * Math.max(1, Math.abs(e)), name + "[" + i + "]: " + e + " vs " + a);
    }
  }
}
