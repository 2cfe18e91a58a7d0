package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.train.AdamOptimizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A small CNN learns: conv2d, relu, max pool, avg pool, dense and a sparse cross entropy under Adam. */
class ConvTrainingTest {
  @Test
  void smallCnnLossFalls() {
    Graph g = new Graph();
    g.setSeed(1);
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 1), "x");
    Tensor labels = tf.placeholder(DType.INT32, Shape.of(-1), "labels");
    Tensor h = tf.relu(tf.conv2d(x, tf.getVariable("k1", Shape.of(3, 3, 1, 4)), 1, "SAME"));
    h = tf.maxPool(h, 2, 2, "VALID");
    h = tf.relu(tf.conv2d(h, tf.getVariable("k2", Shape.of(3, 3, 4, 4)), 1, "VALID"));
    h = tf.avgPool(h, 2, 2, "SAME");
    Tensor logits = tf.matMul(tf.reshape(h, Shape.of(-1, 4)), tf.getVariable("dense", Shape.of(4, 2)));
    Tensor loss = tf.mean(tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits));
    Operation train = new AdamOptimizer(0.05).minimize(loss);
    // Class 1: a bright square in the top-left corner; class 0: in the bottom-right corner.
    Random r = new Random(2);
    float[] images = new float[16 * 64];
    int[] classes = new int[16];
    for (int i = 0; i < 16; i++) {
      classes[i] = i % 2;
      int off = classes[i] == 1 ? 0 : 4;
      for (int p = 0; p < 64; p++) {
        int y = p / 8;
        int c = p % 8;
        boolean on = y >= off && y < off + 4 && c >= off && c < off + 4;
        images[i * 64 + p] = (on ? 1f : 0f) + 0.1f * (float) r.nextGaussian();
      }
    }
    NdArray xs = NdArray.create(DType.FLOAT32, Shape.of(16, 8, 8, 1), images);
    NdArray ys = NdArray.create(DType.INT32, Shape.of(16), classes);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double first = s.runner().feed(x, xs).feed(labels, ys).fetch(loss).run().get(0).getDouble(0);
      for (int step = 0; step < 60; step++) {
        s.runner().feed(x, xs).feed(labels, ys).addTarget(train).run();
      }
      double last = s.runner().feed(x, xs).feed(labels, ys).fetch(loss).run().get(0).getDouble(0);
      assertTrue(last < 0.2f * first, "loss " + first + " -> " + last);
    }
  }
}
