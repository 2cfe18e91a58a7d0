package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The gradient check the gradient tests share: {@code tf.gradients} of {@code sum(f(inputs) * w)}, {@code w} random,
 * against central differences of the same loss, element by element, in float64.
 */
final class CentralDifferences {
  private CentralDifferences() {}

  /**
   * Feeds {@code values} to placeholders {@code in0}, {@code in1}, … of a new graph, builds {@code f} on them and
   * asserts every element of every input's gradient; {@code tolerance} maps the numeric value to the allowed error.
   */
  static void check(String name, Random random, List<NdArray> values, Function<List<Tensor>, Tensor> f, double h,
      DoubleUnaryOperator tolerance) {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    List<Tensor> placeholders = new ArrayList<>();
    for (NdArray value : values) {
      placeholders.add(tf.placeholder(DType.FLOAT64, value.shape(), "in" + placeholders.size()));
    }
    Tensor y = f.apply(placeholders);
    double[] w = new double[(int) y.shape().numElements()];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble() * 2 - 1;
    }
    Tensor loss = tf.sum(tf.mul(y, tf.constant(NdArray.create(DType.FLOAT64, y.shape(), w))));
    List<Tensor> grads = tf.gradients(loss, placeholders);
    try (Session s = new Session(g)) {
      Map<Tensor, NdArray> feeds = new HashMap<>();
      for (int i = 0; i < values.size(); i++) {
        feeds.put(placeholders.get(i), values.get(i));
      }
      for (int k = 0; k < placeholders.size(); k++) {
        assertNotNull(grads.get(k), name + ": input " + k + " has no gradient");
        double[] analytic = s.run(List.of(grads.get(k)), feeds).get(0).toDoubleArray();
        double[] base = values.get(k).toDoubleArray();
        assertEquals(base.length, analytic.length, name + ": gradient size of input " + k);
        for (int i = 0; i < base.length; i++) {
          double[] plus = base.clone();
          plus[i] += h;
          double[] minus = base.clone();
          minus[i] -= h;
          feeds.put(placeholders.get(k), NdArray.create(DType.FLOAT64, values.get(k).shape(), plus));
          double lp = s.run(List.of(loss), feeds).get(0).getDouble(0);
          feeds.put(placeholders.get(k), NdArray.create(DType.FLOAT64, values.get(k).shape(), minus));
          double lm = s.run(List.of(loss), feeds).get(0).getDouble(0);
          feeds.put(placeholders.get(k), values.get(k));
          double numeric = (lp - lm) / (2 * h);
          assertEquals(numeric, analytic[i], tolerance.applyAsDouble(numeric), name + ": d/d input" + k + "[" + i + "]");
        }
      }
    }
  }

  /** The usual tolerance: 1e-6, relative above 1. */
  static double relative(double numeric) {
    return 1e-6 * Math.max(1, Math.abs(numeric));
  }
}
