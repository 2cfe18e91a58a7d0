package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
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
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The nn ops of issue 14 on real TensorFlow (TensorFlow Java 1.1.0): TensorFlow imports each graph under the same
 * node names, and the forward values and the gradients {@code tf.gradients} builds agree with the built-in
 * executor on random float32 inputs within float32 rounding.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64")
class NnOpsParityTest {

  private static NdArray random(Random r, Shape shape, double low, double high) {
    float[] v = new float[(int) shape.numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (low + r.nextDouble() * (high - low));
    }
    return NdArray.create(DType.FLOAT32, shape, v);
  }

  /** {@code sum(y * w)} with a fixed random {@code w}, so each output element gets its own gradient. */
  private static Tensor weightedSum(Ops tf, Tensor y, Random r) {
    return tf.sum(tf.mul(y, tf.constant(random(r, y.shape(), -1, 1))));
  }

  /** Runs {@code fetches} on both executors and compares them element by element. */
  private static void assertParity(Graph g, List<Tensor> fetches, Map<Tensor, NdArray> feeds) {
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
          assertTrue(Math.abs(e - a) <= 2e-5 * Math.max(1, Math.abs(e)), name + "[" + k + "]: " + e + " vs " + a);
        }
      }
    }
  }

  @Test
  @DisplayName("LeakyRelu, Relu6, Elu, Rsqrt and their gradients (first and second order) match TensorFlow")
  void activations() {
    Random r = new Random(11);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Shape shape = Shape.of(4, 5);
    Tensor x = tf.placeholder(DType.FLOAT32, shape, "x");
    Tensor p = tf.placeholder(DType.FLOAT32, shape, "p");
    Tensor l = tf.leakyRelu(x, 0.3, null);
    Tensor r6 = tf.relu6(x.mul(4f));
    Tensor e = tf.elu(x);
    Tensor q = tf.rsqrt(p);
    List<Tensor> fetches = new ArrayList<>(List.of(l, r6, e, q));
    Tensor loss = tf.addN(List.of(weightedSum(tf, l, r), weightedSum(tf, r6, r), weightedSum(tf, e, r),
        weightedSum(tf, q, r)));
    List<Tensor> first = tf.gradients(loss, List.of(x, p));
    fetches.addAll(first);
    // second order: the gradient ops' own gradients
    fetches.addAll(tf.gradients(tf.addN(List.of(tf.sum(tf.mul(first.get(0), x)), tf.sum(tf.mul(first.get(1), p)))),
        List.of(x, p)));
    assertParity(g, fetches, Map.of(x, random(r, shape, -2, 2), p, random(r, shape, 0.5, 3)));
  }

  @Test
  @DisplayName("ArgMax, Equal, Max (with ties) and Split with their gradients match TensorFlow")
  void argMaxMaxSplit() {
    Random r = new Random(12);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(3, 6), "x");
    Tensor a = tf.argMax(x, 1);
    Tensor e = tf.cast(tf.equal(a, tf.constant(new long[] {0, 1, 2})), DType.FLOAT32);
    Tensor m = tf.reduceMax(x, 1);
    Tensor m0 = tf.reduceMax(x);
    Tensor mk = tf.reduceMax(x, new int[] {0}, true, null);
    List<Tensor> parts = tf.split(x, 3, 1);
    Tensor loss = tf.addN(List.of(weightedSum(tf, m, r), m0, weightedSum(tf, mk, r),
        weightedSum(tf, parts.get(0), r), weightedSum(tf, tf.square(parts.get(2)), r)));
    List<Tensor> fetches = new ArrayList<>(List.of(a, e, m, m0, mk, parts.get(0), parts.get(1), parts.get(2)));
    fetches.addAll(tf.gradients(loss, List.of(x)));
    NdArray xv = NdArray.of(new float[][] {{1, 5, 5, 2, 0, -1}, {3, 3, 3, 3, 3, 3}, {0.5f, -2, 7, 1, 7, 2}});
    assertParity(g, fetches, Map.of(x, xv));
    Map<Tensor, NdArray> randomFeed = new HashMap<>();
    randomFeed.put(x, random(r, Shape.of(3, 6), -3, 3));
    assertParity(g, fetches, randomFeed);
  }

  @Test
  @DisplayName("FusedBatchNormV3 training (NHWC): y, batch statistics, reserve spaces and gradients match TensorFlow")
  void fusedBatchNormTraining() {
    Random r = new Random(13);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3, 4, 5), "x");
    Tensor scale = tf.placeholder(DType.FLOAT32, Shape.of(5), "scale");
    Tensor offset = tf.placeholder(DType.FLOAT32, Shape.of(5), "offset");
    List<Tensor> out = tf.fusedBatchNorm(x, scale, offset);
    Operation op = out.get(0).op();
    List<Tensor> fetches = new ArrayList<>(op.outputs().subList(0, 5));
    fetches.addAll(tf.gradients(weightedSum(tf, tf.reshape(out.get(0), Shape.of(2, 3, 4, 5)), r),
        List.of(x, scale, offset)));
    assertParity(g, fetches, Map.of(x, random(r, Shape.of(2, 3, 4, 5), -2, 3), scale, random(r, Shape.of(5), 0.5, 2),
        offset, random(r, Shape.of(5), -1, 1)));
  }

  @Test
  @DisplayName("FusedBatchNormV3 inference (NHWC and NCHW): y and the gradients of x, scale and offset match TensorFlow")
  void fusedBatchNormInference() {
    Random r = new Random(14);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2, 3, 4, 5), "x");
    Tensor scale = tf.constant(random(r, Shape.of(5), 0.5, 2), "scale");
    Tensor offset = tf.constant(random(r, Shape.of(5), -1, 1), "offset");
    Tensor mean = tf.constant(random(r, Shape.of(5), -1, 1), "mean");
    Tensor variance = tf.constant(random(r, Shape.of(5), 0.5, 2), "variance");
    Tensor nhwc = tf.fusedBatchNorm(x, scale, offset, mean, variance, 0.01, "NHWC", false, null).get(0);
    Tensor scale3 = tf.constant(random(r, Shape.of(3), 0.5, 2), "scale3");
    Tensor offset3 = tf.constant(random(r, Shape.of(3), -1, 1), "offset3");
    Tensor mean3 = tf.constant(random(r, Shape.of(3), -1, 1), "mean3");
    Tensor variance3 = tf.constant(random(r, Shape.of(3), 0.5, 2), "variance3");
    Tensor nchw = tf.fusedBatchNorm(x, scale3, offset3, mean3, variance3, 0.001, "NCHW", false, "bn").get(0);
    Tensor loss = tf.add(weightedSum(tf, nhwc, r), weightedSum(tf, nchw, r));
    List<Tensor> fetches = new ArrayList<>(List.of(nhwc, nchw));
    fetches.addAll(tf.gradients(loss, List.of(x, scale, offset, scale3, offset3)));
    assertParity(g, fetches, Map.of(x, random(r, Shape.of(2, 3, 4, 5), -2, 2)));
  }

  @Test
  @DisplayName("moments + batch_normalization (Rsqrt) and dropout with a fed random_uniform match TensorFlow")
  void momentsBatchNormalizationDropout() {
    Random r = new Random(15);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor h = tf.placeholder(DType.FLOAT32, Shape.of(4, 6), "h");
    Tensor gamma = tf.constant(random(r, Shape.of(6), 0.5, 2), "gamma");
    Tensor beta = tf.constant(random(r, Shape.of(6), -1, 1), "beta");
    List<Tensor> mv = tf.moments(h, new int[] {0});
    Tensor y = tf.batchNormalization(h, mv.get(0), mv.get(1), beta, gamma, 0.001);
    Tensor d = tf.dropout(y, 0.7);
    Tensor uniform = g.operation("dropout/random_uniform").output(0);
    List<Tensor> fetches = new ArrayList<>(List.of(mv.get(0), mv.get(1), y, d));
    fetches.addAll(tf.gradients(weightedSum(tf, d, r), List.of(h, gamma, beta)));
    Map<Tensor, NdArray> feeds = new HashMap<>();
    feeds.put(h, random(r, Shape.of(4, 6), -2, 2));
    feeds.put(uniform, random(r, Shape.of(4, 6), 0, 1));
    assertParity(g, fetches, feeds);
  }
}
