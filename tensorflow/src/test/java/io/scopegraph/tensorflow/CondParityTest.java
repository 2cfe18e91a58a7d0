package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.scopegraph.Variable;
import io.scopegraph.train.GradientDescentOptimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Graphs with v1 conds (Switch, RefSwitch, Merge, the cond gradients) run on real TensorFlow: TensorFlow imports
 * them and, for both values of each predicate, computes the values the built-in executor computes, including the
 * variable updates made only in the taken branch.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64")
class CondParityTest {

  private static void assertClose(NdArray expected, NdArray actual, String name) {
    assertEquals(expected.dtype(), actual.dtype(), name);
    assertEquals(expected.shape(), actual.shape(), name);
    for (int k = 0; k < expected.size(); k++) {
      double e = expected.getDouble(k);
      double a = actual.getDouble(k);
      assertTrue(Math.abs(e - a) <= 1e-5 * Math.max(1, Math.abs(e)), name + "[" + k + "]: " + e + " vs " + a);
    }
  }

  private static NdArray random(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return NdArray.of(v);
  }

  @Test
  @DisplayName("conds, a nested cond and their gradients: same values on TensorFlow for every predicate")
  void condsAndGradients() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(3), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3), "w");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor q = tf.placeholder(DType.BOOL, Shape.scalar(), "q");
    List<Tensor> y = tf.condList(p, () -> List.of(tf.tanh(x.mul(w)), tf.square(w)),
        () -> List.of(tf.exp(x).mul(0.5f), w));
    Tensor nested = tf.cond(q, () -> tf.cond(p, () -> tf.sigmoid(x), () -> x.mul(3f)), () -> tf.constant(
        new float[] {1f, 2f, 3f}));
    Tensor loss = tf.sum(y.get(0).mul(y.get(1))).add(tf.sum(tf.square(nested)));
    List<Tensor> grads = tf.gradients(loss, List.of(x, w));
    List<Tensor> fetches = new ArrayList<>(y);
    fetches.add(nested);
    fetches.add(loss);
    fetches.addAll(grads);
    Random r = new Random(7);
    try (TensorFlowSession tfs = new TensorFlowSession(g); Session own = new Session(g)) {
      // TensorFlow imports the nodes in a topological order, where each Switch precedes the op it feeds.
      assertEquals(g.operations().stream().map(Operation::name).sorted().toList(),
          tfs.nodeNames().stream().sorted().toList());
      for (boolean pv : new boolean[] {true, false}) {
        for (boolean qv : new boolean[] {true, false}) {
          Map<Tensor, NdArray> feeds = new HashMap<>();
          feeds.put(x, random(r, 3));
          feeds.put(w, random(r, 3));
          feeds.put(p, NdArray.scalar(pv));
          feeds.put(q, NdArray.scalar(qv));
          List<NdArray> expected = own.run(fetches, feeds);
          List<NdArray> actual = tfs.run(fetches, feeds);
          for (int i = 0; i < fetches.size(); i++) {
            assertClose(expected.get(i), actual.get(i), fetches.get(i).name() + " p=" + pv + " q=" + qv);
          }
        }
      }
    }
  }

  @Test
  @DisplayName("the moving-average update (RefSwitch, AssignSub in a branch) and a training step through a cond")
  void updatesInBranches() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor training = tf.placeholder(DType.BOOL, Shape.scalar(), "training");
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(4, 2), "x");
    Variable kernel = tf.variable(new float[][] {{0.5f, -0.3f}, {0.2f, 0.8f}}, "kernel");
    Variable movingMean = tf.variable(new float[] {0f, 0f}, "moving_mean", DType.FLOAT32, false);
    Tensor h = tf.matMul(x, kernel);
    Tensor mean = tf.mean(h, new int[] {0}, false);
    Tensor update = tf.cond(training, () -> {
      try (NameScopeHandle scope = tf.nameScope(null, "AssignMovingAvg", List.of(movingMean, mean))) {
        Tensor delta = movingMean.sub(mean).mul(tf.constant(0.1f, "decay"));
        return tf.assignSub(movingMean, delta, scope.name());
      }
    }, () -> movingMean);
    Tensor out = tf.cond(training, () -> h.sub(mean), () -> h.sub(movingMean));
    Tensor loss = tf.sum(tf.square(out));
    Operation step = new GradientDescentOptimizer(0.05).minimize(loss);
    Random r = new Random(11);
    try (TensorFlowSession tfs = new TensorFlowSession(g); Session own = new Session(g)) {
      tfs.initializeVariables();
      own.run(tf.globalVariablesInitializer());
      for (boolean t : new boolean[] {true, false, true, true, false}) {
        Map<Tensor, NdArray> feeds = new HashMap<>();
        NdArray batch = NdArray.of(new float[][] {
            {(float) r.nextGaussian(), (float) r.nextGaussian()}, {(float) r.nextGaussian(), (float) r.nextGaussian()},
            {(float) r.nextGaussian(), (float) r.nextGaussian()}, {(float) r.nextGaussian(), (float) r.nextGaussian()}});
        feeds.put(x, batch);
        feeds.put(training, NdArray.scalar(t));
        assertClose(own.run(List.of(loss), feeds).get(0), tfs.run(List.of(loss), feeds).get(0), "loss " + t);
        own.runner().feed(x, batch).feed(training, NdArray.scalar(t)).addTarget(update.op()).addTarget(step).run();
        tfs.run(feeds, update.op(), step);
        assertClose(own.run(movingMean), tfs.run(movingMean), "moving_mean after training=" + t);
        assertClose(own.run(kernel), tfs.run(kernel), "kernel after training=" + t);
      }
    }
  }
}
