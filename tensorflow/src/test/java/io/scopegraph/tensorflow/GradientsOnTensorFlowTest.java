package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.AggregationMethod;
import io.scopegraph.DType;
import io.scopegraph.GradientOptions;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Smoke test of the gradient graphs on real TensorFlow: TensorFlow imports every op {@code tf.gradients} builds
 * (its shape functions accept them) and computes the same values as the built-in executor.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64")
class GradientsOnTensorFlowTest {

  @Test
  @DisplayName("gradients of a graph with every differentiable op: same nodes and values on TensorFlow")
  void gradientGraphRunsOnTensorFlow() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor c = tf.constant(new float[][] {{0.5f, 1f, 2f}, {1f, 3f, 0.25f}}, "c");
    Tensor w = tf.constant(new float[][] {{0.1f, 0.2f}, {0.3f, -0.4f}, {0.5f, 0.6f}}, "w");
    Tensor b = tf.constant(new float[] {0.1f, -0.2f}, "b");
    Tensor h = tf.relu(tf.biasAdd(tf.matMul(x, w), b));
    Tensor t1 = tf.sigmoid(h).add(tf.tanh(h)).mul(tf.exp(h.mul(0.1f)));
    Tensor t2 = tf.sqrt(tf.abs(c).add(1f)).truediv(tf.log(c.add(2f)));
    Tensor t3 = tf.pow(c, tf.constant(2f)).sub(tf.squaredDifference(c, tf.neg(c)));
    Tensor t4 = tf.maximum(c, tf.constant(1f)).add(tf.minimum(c, tf.square(c)));
    Tensor t5 = tf.concat(List.of(c, tf.slice(c, new int[] {0, 1}, new int[] {2, 2})), 1);
    Tensor t6 = tf.transpose(tf.tile(tf.expandDims(c, 0), new int[] {2, 1, 1}), new int[] {2, 0, 1});
    Tensor logits = tf.matMul(x, tf.transpose(c));
    Tensor xent = tf.softmaxCrossEntropyWithLogits(tf.softmax(logits), logits);
    Tensor sparse = tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new int[] {1, 0, 1, 0}), logits);
    Tensor loss = tf.addN(List.of(tf.mean(t1), tf.sum(t2), tf.l2Loss(t3), tf.mean(tf.mean(t4, new int[] {0}, false)
        .add(tf.sum(t5, new int[] {1}, true))), tf.sum(t6), tf.mean(xent), tf.sum(sparse),
        tf.sum(tf.logSoftmax(logits)), tf.cast(tf.sum(tf.cast(tf.reshape(c, Shape.of(3, 2)), DType.FLOAT64)
            .truediv(tf.constant(3.0)), "s64"), DType.FLOAT32)));
    List<Tensor> grads = new ArrayList<>(tf.gradients(loss, List.of(x, c)));
    grads.addAll(tf.gradients(List.of(loss), List.of(x, c), GradientOptions.builder().gateGradients(true)
        .aggregationMethod(AggregationMethod.EXPERIMENTAL_TREE).build()));
    Map<Tensor, NdArray> feeds = new HashMap<>();
    feeds.put(x, NdArray.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}, {0.3f, 0.2f, 0.1f}, {2, -2, 1}}));
    Set<String> skipped = Set.of("Placeholder", "NoOp");
    List<Tensor> fetches = new ArrayList<>();
    for (Operation op : g.operations()) {
      if (!skipped.contains(op.type()) && op.numOutputs() >= 1) {
        fetches.addAll(op.outputs());
      }
    }
    try (TensorFlowSession tfs = new TensorFlowSession(g); Session own = new Session(g)) {
      assertEquals(g.operations().stream().map(Operation::name).toList(), tfs.nodeNames());
      List<NdArray> expected = own.run(fetches, feeds);
      List<NdArray> actual = tfs.run(fetches, feeds);
      for (int i = 0; i < fetches.size(); i++) {
        String name = fetches.get(i).name();
        assertEquals(expected.get(i).dtype(), actual.get(i).dtype(), name);
        assertEquals(expected.get(i).shape(), actual.get(i).shape(), name);
        for (int k = 0; k < expected.get(i).size(); k++) {
          double e = expected.get(i).getDouble(k);
          double a = actual.get(i).getDouble(k);
          assertTrue(Math.abs(e - a) <= 1e-4 * Math.max(1, Math.abs(e)), name + "[" + k + "]: " + e + " vs " + a);
        }
      }
      assertTrue(fetches.size() > 150, "compared " + fetches.size());
    }
  }

  @Test
  @DisplayName("the gradient of a concatenation of 17 values (Squeeze, SplitV) runs on TensorFlow")
  void splitPathRunsOnTensorFlow() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    List<Tensor> values = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      values.add(tf.constant(new float[][] {{i}, {i + 1}}));
    }
    Tensor c = tf.concat(values, 1);
    Tensor loss = tf.sum(tf.square(c));
    List<Tensor> grads = tf.gradients(loss, values);
    try (TensorFlowSession tfs = new TensorFlowSession(g); Session own = new Session(g)) {
      assertEquals(own.run(grads), tfs.run(grads, Map.of()));
    }
  }
}
