package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.GraphDef;

/**
 * Conv2D, MaxPool, AvgPool and their gradients (Conv2DBackpropInput/Filter, MaxPoolGrad, AvgPoolGrad) on real
 * TensorFlow against the built-in kernels, on random float32 NHWC inputs: SAME and VALID, strides 1 and 2, odd
 * sizes. The graph is built once by scopegraph, exported, and run by both.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64")
class ConvPoolParityTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String padding : List.of("SAME", "VALID")) {
      for (int stride : new int[] {1, 2}) {
        out.add(Arguments.of(padding, stride));
      }
    }
    return out.stream();
  }

  private static NdArray random(Random r, long... shape) {
    float[] v = new float[(int) Shape.of(shape).numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return NdArray.create(DType.FLOAT32, Shape.of(shape), v);
  }

  @ParameterizedTest(name = "{0} stride {1}")
  @MethodSource("cases")
  void forwardAndGradientsMatchTensorFlow(String padding, int stride) {
    Random r = new Random(31 * padding.hashCode() + stride);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 9, 8, 3), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3, 2, 3, 4), "w");
    Tensor conv = tf.conv2d(x, w, stride, padding);
    Tensor maxPool = tf.maxPool(x, new int[] {3, 2}, new int[] {stride}, padding);
    Tensor avgPool = tf.avgPool(x, new int[] {3, 3}, new int[] {stride, 1}, padding);
    Tensor chain = tf.maxPool(tf.relu(conv), 2, stride, padding);
    Tensor loss = tf.add(tf.add(tf.sum(tf.square(conv)), tf.sum(tf.mul(maxPool, maxPool))),
        tf.add(tf.sum(tf.mul(avgPool, avgPool)), tf.sum(chain)));
    List<Tensor> fetches = new ArrayList<>(List.of(conv, maxPool, avgPool, chain, loss));
    fetches.addAll(tf.gradients(loss, List.of(x, w)));
    // The single ops' gradients too, each through its own gradient op.
    fetches.addAll(tf.gradients(tf.sum(tf.square(conv)), List.of(x, w)));
    fetches.addAll(tf.gradients(tf.sum(tf.square(maxPool)), List.of(x)));
    fetches.addAll(tf.gradients(tf.sum(tf.square(avgPool)), List.of(x)));
    Map<Tensor, NdArray> feeds = Map.of(x, random(r, 2, 9, 8, 3), w, random(r, 3, 2, 3, 4));
    assertSameValues(g, fetches, feeds);
  }

  /**
   * A dilated convolution (forward only: TensorFlow's CPU backprop kernels reject dilation rates above 1, ours
   * run them and are checked by central differences), and the backprop ops called directly.
   */
  @Test
  void dilationAndDirectBackpropOpsMatchTensorFlow() {
    Random r = new Random(5);
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2, 9, 8, 3), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, 3, 4), "w");
    Tensor dy = tf.placeholder(DType.FLOAT32, Shape.of(2, 5, 4, 4), "dy");
    Tensor dilated = tf.conv2d(x, w, new int[] {1}, "SAME", "NHWC", new int[] {2, 1}, null);
    List<Tensor> fetches = new ArrayList<>(List.of(dilated));
    fetches.add(tf.conv2dBackpropInput(tf.constant(new int[] {2, 9, 8, 3}), w, dy, new int[] {1, 2, 2, 1}, "SAME"));
    fetches.add(tf.conv2dBackpropFilter(x, tf.constant(new int[] {3, 3, 3, 4}), dy, new int[] {1, 2, 2, 1},
        "SAME"));
    Map<Tensor, NdArray> feeds = Map.of(x, random(r, 2, 9, 8, 3), w, random(r, 3, 3, 3, 4), dy,
        random(r, 2, 5, 4, 4));
    assertSameValues(g, fetches, feeds);
  }

  /** The exported ops come back from a GraphDef with the same attributes (TF's names and list attributes). */
  @Test
  void graphDefRoundTrip() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, 3, 2), "w");
    Tensor loss = tf.sum(tf.avgPool(tf.maxPool(tf.conv2d(x, w, 2, "SAME"), 2, 1, "VALID"), 2, 1, "SAME"));
    tf.gradients(loss, List.of(x, w));
    GraphDef exported = GraphDefs.export(g);
    Graph imported = GraphDefs.importGraphDef(exported);
    assertEquals(exported, GraphDefs.export(imported));
    assertEquals("[?,4,4,2]", imported.operation("Conv2D").output(0).shape().toDimsString());
    assertEquals(List.of(1L, 2L, 2L, 1L), imported.operation("Conv2D").attr("strides"));
  }

  private static void assertSameValues(Graph g, List<Tensor> fetches, Map<Tensor, NdArray> feeds) {
    try (TensorFlowSession tfs = new TensorFlowSession(g); Session own = new Session(g)) {
      List<NdArray> expected = tfs.run(fetches, feeds);
      List<NdArray> actual = own.run(fetches, feeds);
      for (int i = 0; i < fetches.size(); i++) {
        String name = fetches.get(i).name();
        assertEquals(expected.get(i).shape(), actual.get(i).shape(), name);
        for (int k = 0; k < expected.get(i).size(); k++) {
          double e = expected.get(i).getDouble(k);
          double a = actual.get(i).getDouble(k);
          assertTrue(Math.abs(e - a) <= 1e-4 * Math.max(1, Math.abs(e)), name + "[" + k + "]: " + e + " vs " + a);
        }
      }
    }
  }
}
