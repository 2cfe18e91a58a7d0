package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The gradients of the embedding ops against central differences in float64: {@code L = sum(f(x...) * w)} for a
 * random {@code w}; the dense gradient {@code Ops.gradients} returns (the conversion of TF's IndexedSlices) and
 * the IndexedSlices {@code Ops.sparseGradients} returns, densified in the session, must both match.
 */
class SparseGradientCheckTest {
  private static final double H = 1e-6;

  private static void check(String name, List<Shape> shapes, Function<List<Tensor>, Tensor> f) {
    Random random = new Random(name.hashCode());
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    List<Tensor> xs = new ArrayList<>();
    List<NdArray> values = new ArrayList<>();
    for (Shape shape : shapes) {
      double[] v = new double[(int) shape.numElements()];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextDouble() * 2 - 1;
      }
      values.add(NdArray.create(DType.FLOAT64, shape, v));
      xs.add(tf.placeholder(DType.FLOAT64, shape, "x" + xs.size()));
    }
    Tensor y = f.apply(xs);
    double[] w = new double[(int) y.shape().numElements()];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble() * 2 - 1;
    }
    Tensor loss = tf.sum(tf.mul(y, tf.constant(NdArray.create(DType.FLOAT64, y.shape(), w))));
    List<Tensor> dense = tf.gradients(loss, xs);
    List<TensorLike> sparse = tf.sparseGradients(List.of(loss), xs, GradientOptions.defaults());
    List<Tensor> fromSparse = new ArrayList<>();
    for (TensorLike t : sparse) {
      assertInstanceOf(IndexedSlices.class, t, name + ": the gradient of a gathered tensor is sparse");
      fromSparse.add(tf.convertToTensor(t));
    }
    try (Session s = new Session(g)) {
      Map<Tensor, NdArray> feeds = new HashMap<>();
      for (int i = 0; i < xs.size(); i++) {
        feeds.put(xs.get(i), values.get(i));
      }
      for (int k = 0; k < xs.size(); k++) {
        double[] analytic = s.run(List.of(dense.get(k)), feeds).get(0).toDoubleArray();
        double[] viaSlices = s.run(List.of(fromSparse.get(k)), feeds).get(0).toDoubleArray();
        double[] base = values.get(k).toDoubleArray();
        assertEquals(base.length, analytic.length, name + ": gradient size of x" + k);
        for (int i = 0; i < base.length; i++) {
          double[] plus = base.clone();
          plus[i] += H;
          double[] minus = base.clone();
          minus[i] -= H;
          feeds.put(xs.get(k), NdArray.create(DType.FLOAT64, values.get(k).shape(), plus));
          double lp = s.run(List.of(loss), feeds).get(0).getDouble(0);
          feeds.put(xs.get(k), NdArray.create(DType.FLOAT64, values.get(k).shape(), minus));
          double lm = s.run(List.of(loss), feeds).get(0).getDouble(0);
          feeds.put(xs.get(k), values.get(k));
          double numeric = (lp - lm) / (2 * H);
          double tol = 1e-6 * Math.max(1, Math.abs(numeric));
          assertEquals(numeric, analytic[i], tol, name + ": d/dx" + k + "[" + i + "]");
          assertEquals(numeric, viaSlices[i], tol, name + ": IndexedSlices d/dx" + k + "[" + i + "]");
        }
      }
    }
  }

  @Test
  @DisplayName("GatherV2 axis 0 with repeated indices")
  void gatherRepeated() {
    check("gather", List.of(Shape.of(4, 3)), x -> {
      Ops tf = Ops.on(x.get(0).graph());
      return tf.gather(x.get(0), tf.constant(new int[] {2, 0, 2, 3}));
    });
  }

  @Test
  @DisplayName("GatherV2 axis 0 with int64 matrix indices on a rank-3 params")
  void gatherMatrixIds() {
    check("gather rank 3", List.of(Shape.of(3, 2, 2)), x -> {
      Ops tf = Ops.on(x.get(0).graph());
      return tf.gather(x.get(0), tf.constant(new long[][] {{1, 1}, {0, 2}}));
    });
  }

  @Test
  @DisplayName("GatherV2 along axis 1 and axis -1 (a dense gradient) with repeated indices")
  void gatherAxis1() {
    for (int axis : new int[] {1, -1}) {
      checkDense("gather axis " + axis, Shape.of(2, 4, 3), x -> {
        Ops tf = Ops.on(x.graph());
        return tf.gather(x, tf.constant(new int[] {2, 0, 2}), axis == 1 ? 1 : 2);
      });
    }
  }

  /** The gradient of a gather along another axis is a dense tensor: central differences on it. */
  private static void checkDense(String name, Shape shape, Function<Tensor, Tensor> f) {
    Random random = new Random(name.hashCode());
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    double[] v = new double[(int) shape.numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble() * 2 - 1;
    }
    Tensor x = tf.placeholder(DType.FLOAT64, shape, "x");
    Tensor y = f.apply(x);
    double[] w = new double[(int) y.shape().numElements()];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble() * 2 - 1;
    }
    Tensor loss = tf.sum(tf.mul(y, tf.constant(NdArray.create(DType.FLOAT64, y.shape(), w))));
    TensorLike grad = tf.sparseGradients(loss, List.of(x)).get(0);
    assertInstanceOf(Tensor.class, grad, name);
    try (Session s = new Session(g)) {
      double[] analytic = s.run(List.of((Tensor) grad), Map.of(x, NdArray.create(DType.FLOAT64, shape, v))).get(0)
          .toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        double[] plus = v.clone();
        plus[i] += H;
        double[] minus = v.clone();
        minus[i] -= H;
        double lp = s.run(List.of(loss), Map.of(x, NdArray.create(DType.FLOAT64, shape, plus))).get(0).getDouble(0);
        double lm = s.run(List.of(loss), Map.of(x, NdArray.create(DType.FLOAT64, shape, minus))).get(0).getDouble(0);
        assertEquals((lp - lm) / (2 * H), analytic[i], 1e-6, name + "[" + i + "]");
      }
    }
  }

  @Test
  @DisplayName("embedding_lookup through Identity")
  void embeddingLookup() {
    check("embedding_lookup", List.of(Shape.of(5, 2)), x -> {
      Ops tf = Ops.on(x.get(0).graph());
      return tf.embeddingLookup(x.get(0), tf.constant(new int[] {4, 1, 4}));
    });
  }

  @Test
  @DisplayName("partitioned embedding_lookup (mod and div): ParallelDynamicStitch's gradient, one IndexedSlices per shard")
  void partitioned() {
    for (String strategy : List.of("mod", "div")) {
      check("partitioned " + strategy, List.of(Shape.of(3, 2), Shape.of(2, 2)), x -> {
        Ops tf = Ops.on(x.get(0).graph());
        return tf.embeddingLookup(x, tf.constant(new int[][] {{0, 4}, {3, 3}, {1, 2}}), strategy, null);
      });
    }
  }
}
