package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Values computed by the issue-14 nn kernels and the gradient graphs their gradient functions build. */
class NnOpsValuesTest {

  private static List<String> namesAfter(Graph g, int skip) {
    List<String> names = new ArrayList<>();
    List<Operation> ops = g.operations();
    for (int i = skip; i < ops.size(); i++) {
      names.add(ops.get(i).name());
    }
    return names;
  }

  private static void assertClose(double[] expected, NdArray actual, double tol) {
    double[] a = actual.toDoubleArray();
    assertEquals(expected.length, a.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], tol, "element " + i);
    }
  }

  @Test
  @DisplayName("activations: leaky_relu, relu6, elu, rsqrt values and the activation gradient ops")
  void activations() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.constant(new double[] {-2, -0.5, 0.5, 3, 7});
    Tensor l = tf.leakyRelu(x);
    Tensor r = tf.relu6(x);
    Tensor e = tf.elu(x);
    Tensor q = tf.rsqrt(tf.constant(new double[] {0.25, 4}));
    List<Tensor> grads = tf.gradients(tf.addN(List.of(l, r, e)), List.of(x));
    try (Session s = new Session(g)) {
      double a = 0.2f; // alpha is a float attribute, as in TF
      assertClose(new double[] {-2 * a, -0.5 * a, 0.5, 3, 7}, s.run(l), 0);
      assertClose(new double[] {0, 0, 0.5, 3, 6}, s.run(r), 0);
      assertClose(new double[] {Math.expm1(-2), Math.expm1(-0.5), 0.5, 3, 7}, s.run(e), 1e-15);
      assertClose(new double[] {2, 0.5}, s.run(q), 0);
      assertClose(new double[] {a + 0 + Math.exp(-2), a + Math.exp(-0.5), 3, 3, 2}, s.run(grads.get(0)), 1e-15);
    }
    assertEquals("LeakyReluGrad", g.operation("gradients/LeakyRelu_grad/LeakyReluGrad").type());
    assertEquals(0.2f, g.operation("gradients/LeakyRelu_grad/LeakyReluGrad").attr("alpha"));
    assertEquals("Relu6Grad", g.operation("gradients/Relu6_grad/Relu6Grad").type());
    assertEquals("EluGrad", g.operation("gradients/Elu_grad/EluGrad").type());
    assertEquals(x.name(), g.operation("gradients/LeakyRelu_grad/LeakyReluGrad").input(1).name());
    assertEquals(r.name(), g.operation("gradients/Relu6_grad/Relu6Grad").input(1).name());
  }

  @Test
  @DisplayName("ArgMax takes the first of ties; Equal/NotEqual with a number constant; Max with and without axes")
  void argMaxEqualMax() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor m = tf.constant(new float[][] {{1, 3, 3}, {5, 0, 5}});
    Tensor a1 = tf.argMax(m, 1);
    Tensor a0 = tf.argMax(m, 0, DType.INT32, "am");
    Tensor eq = tf.equal(tf.constant(new int[] {1, 2, 3}), 2);
    Tensor ne = tf.notEqual(a1, tf.constant(new long[] {1, 1}));
    Tensor mx = tf.reduceMax(m, 1);
    Tensor mk = tf.reduceMax(m, new int[] {0}, true, "mk");
    Tensor mall = tf.reduceMax(m);
    assertEquals("Equal/y", eq.op().input(1).op().name());
    assertEquals(DType.INT32, a0.dtype());
    assertEquals(Shape.of(1, 3), mk.shape());
    try (Session s = new Session(g)) {
      assertEquals(NdArray.of(1L, 0L), s.run(a1));
      assertEquals(NdArray.of(1, 0, 1), s.run(a0));
      assertEquals(NdArray.of(false, true, false), s.run(eq));
      assertEquals(NdArray.of(false, true), s.run(ne));
      assertEquals(NdArray.of(3f, 5f), s.run(mx));
      assertEquals(NdArray.of(new float[][] {{5, 3, 5}}), s.run(mk));
      assertEquals(NdArray.scalar(5f), s.run(mall));
    }
    assertThrows(IncompatibleShapesException.class, () -> tf.argMax(m, 2));
  }

  @Test
  @DisplayName("Max gradient: ops of _MinOrMaxGrad, ties share the gradient")
  void maxGradient() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor m = tf.reduceMax(x, 1);
    int before = g.operations().size();
    Tensor grad = tf.gradients(tf.sum(m), List.of(x)).get(0);
    List<String> names = namesAfter(g, before);
    int at = names.indexOf("gradients/Max_grad/Shape");
    assertEquals(List.of("gradients/Max_grad/Shape", "gradients/Max_grad/Size", "gradients/Max_grad/add",
        "gradients/Max_grad/mod", "gradients/Max_grad/Shape_1", "gradients/Max_grad/range/start",
        "gradients/Max_grad/range/delta", "gradients/Max_grad/range", "gradients/Max_grad/Fill/value",
        "gradients/Max_grad/Fill", "gradients/Max_grad/DynamicStitch", "gradients/Max_grad/Reshape",
        "gradients/Max_grad/Reshape_1", "gradients/Max_grad/Equal", "gradients/Max_grad/Cast",
        "gradients/Max_grad/Sum", "gradients/Max_grad/Reshape_2", "gradients/Max_grad/truediv",
        "gradients/Max_grad/mul"), names.subList(at, names.size()));
    assertEquals("RealDiv", g.operation("gradients/Max_grad/truediv").type());
    try (Session s = new Session(g)) {
      NdArray v = s.run(List.of(grad), Map.of(x, NdArray.of(new float[][] {{1, 4, 4}, {7, 2, 3}}))).get(0);
      assertEquals(NdArray.of(new float[][] {{0, 0.5f, 0.5f}, {1, 0, 0}}), v);
    }
  }

  @Test
  @DisplayName("Split values and errors; its gradient concatenates along the op's own split_dim (zeros_like for unused)")
  void splitAndGradient() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2, 4), "x");
    List<Tensor> parts = tf.split(x, 2, 1);
    int before = g.operations().size();
    Tensor grad = tf.gradients(tf.sum(parts.get(1)), List.of(x)).get(0);
    List<String> names = namesAfter(g, before);
    assertEquals(List.of("gradients/zeros_like", "gradients/split_grad/concat"),
        names.subList(names.size() - 2, names.size()));
    Operation concat = g.operation("gradients/split_grad/concat");
    assertEquals("ConcatV2", concat.type());
    assertEquals("split/split_dim:0", concat.input(2).name());
    try (Session s = new Session(g)) {
      NdArray in = NdArray.of(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
      List<NdArray> out = s.run(List.of(parts.get(0), parts.get(1), grad), Map.of(x, in));
      assertEquals(NdArray.of(new float[][] {{1, 2}, {5, 6}}), out.get(0));
      assertEquals(NdArray.of(new float[][] {{3, 4}, {7, 8}}), out.get(1));
      assertEquals(NdArray.of(new float[][] {{0, 0, 1, 1}, {0, 0, 1, 1}}), out.get(2));
    }
    Tensor odd = tf.placeholder(DType.FLOAT32, Shape.of(2, 5), "odd");
    assertEquals("Dimension size must be evenly divisible by 2 but is 5 for 'split_1' (op: 'Split') with input "
        + "shapes: [], [2,5].", assertThrows(IncompatibleShapesException.class, () -> tf.split(odd, 2, 1))
        .getMessage());
  }

  @Test
  @DisplayName("FusedBatchNormV3 training: y, batch mean, Bessel-corrected batch variance, reserve spaces")
  void fusedBatchNormTraining() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.constant(NdArray.create(DType.FLOAT64, Shape.of(2, 1, 1, 2), new double[] {1, 2, 3, 6}));
    Tensor scale = tf.constant(new double[] {1, 2});
    Tensor offset = tf.constant(new double[] {0, 1});
    List<Tensor> out = tf.fusedBatchNorm(x, scale, offset);
    Operation op = out.get(0).op();
    try (Session s = new Session(g)) {
      List<NdArray> v = s.run(op.outputs());
      double eps = 0.001f;
      double i0 = 1 / Math.sqrt(1 + eps);
      double i1 = 1 / Math.sqrt(4 + eps);
      assertClose(new double[] {-i0, -2 * 2 * i1 + 1, i0, 2 * 2 * i1 + 1}, v.get(0), 1e-12);
      assertClose(new double[] {2, 4}, v.get(1), 0);
      assertClose(new double[] {2, 8}, v.get(2), 0); // n / (n - 1) = 2
      assertClose(new double[] {2, 4}, v.get(3), 0);
      assertClose(new double[] {1, 4}, v.get(4), 0); // uncorrected, for the gradient
      assertEquals(Shape.scalar(), v.get(5).shape());
    }
  }

  @Test
  @DisplayName("FusedBatchNormV3 inference in NCHW equals NHWC; the gradient graphs of both modes (spec §4)")
  void fusedBatchNormInferenceAndGradientOps() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2, 2, 2, 3), "x");
    Tensor scale = tf.constant(new float[] {1, 2, 0.5f}, "scale");
    Tensor offset = tf.constant(new float[] {0, 1, -1}, "offset");
    Tensor mean = tf.constant(new float[] {0.5f, -1, 2}, "mean");
    Tensor variance = tf.constant(new float[] {1, 4, 0.25f}, "variance");
    Tensor nhwc = tf.fusedBatchNorm(x, scale, offset, mean, variance, 0.001, "NHWC", false, null).get(0);
    Tensor xt = tf.transpose(x, new int[] {0, 3, 1, 2});
    Tensor nchw = tf.fusedBatchNorm(xt, scale, offset, mean, variance, 0.001, "NCHW", false, "bn").get(0);
    int before = g.operations().size();
    tf.gradients(tf.sum(nchw), List.of(x, scale, offset));
    List<String> names = namesAfter(g, before);
    assertEquals(List.of("gradients/bn_grad/transpose/perm", "gradients/bn_grad/transpose",
        "gradients/bn_grad/transpose_1/perm", "gradients/bn_grad/transpose_1",
        "gradients/bn_grad/FusedBatchNormGradV3", "gradients/bn_grad/transpose_2/perm",
        "gradients/bn_grad/transpose_2"), names.stream().filter(n -> n.startsWith("gradients/bn_grad/")).toList());
    Operation gradOp = g.operation("gradients/bn_grad/FusedBatchNormGradV3");
    assertEquals("NHWC", gradOp.attr("data_format"));
    assertEquals(false, gradOp.attr("is_training"));
    assertEquals("mean:0", gradOp.input(3).name());
    try (Session s = new Session(g)) {
      float[] in = new float[24];
      for (int i = 0; i < in.length; i++) {
        in[i] = (i * 7 % 11) / 3f - 1;
      }
      NdArray xv = NdArray.create(DType.FLOAT32, Shape.of(2, 2, 2, 3), in);
      List<NdArray> v = s.run(List.of(nhwc, tf.transpose(nchw, new int[] {0, 2, 3, 1})), Map.of(x, xv));
      assertClose(v.get(0).toDoubleArray(), v.get(1), 1e-6);
      double[] y = v.get(0).toDoubleArray();
      double[] m = {0.5, -1, 2};
      double[] var = {1, 4, 0.25};
      double[] sc = {1, 2, 0.5};
      double[] of = {0, 1, -1};
      for (int i = 0; i < 24; i++) {
        int c = i % 3;
        assertEquals((in[i] - m[c]) / Math.sqrt(var[c] + 0.001f) * sc[c] + of[c], y[i], 1e-5);
      }
    }

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Tensor x2 = tf2.placeholder(DType.FLOAT32, Shape.of(-1, 4, 4, 3), "x");
    List<Tensor> out = tf2.fusedBatchNorm(x2, tf2.constant(new float[] {1, 1, 1}), tf2.constant(new float[3]));
    before = g2.operations().size();
    List<Tensor> grads = tf2.gradients(tf2.sum(out.get(0)), List.of(x2));
    List<String> gradNames = namesAfter(g2, before);
    int at = gradNames.indexOf("gradients/zeros_like");
    assertEquals(List.of("gradients/zeros_like", "gradients/zeros_like_1", "gradients/zeros_like_2",
        "gradients/zeros_like_3", "gradients/zeros_like_4", "gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3"),
        gradNames.subList(at, gradNames.size()));
    Operation grad3 = g2.operation("gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3");
    assertEquals("FusedBatchNormV3:3", grad3.input(3).name());
    assertEquals("FusedBatchNormV3:5", grad3.input(5).name());
    assertEquals(true, grad3.attr("is_training"));
    assertEquals("gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3:0", grads.get(0).name());
    try (Session s = new Session(g2)) {
      NdArray xv = NdArray.filled(DType.FLOAT32, Shape.of(2, 4, 4, 3), 0.5);
      // sum(y) does not depend on x in training mode: every x gradient is zero (up to rounding)
      for (double d : s.run(List.of(grads.get(0)), Map.of(x2, xv)).get(0).toDoubleArray()) {
        assertTrue(Math.abs(d) < 1e-6);
      }
    }
  }

  @Test
  @DisplayName("dropout: kept elements scaled by 1/keep_prob; a fed random_uniform fixes the mask")
  void dropoutValues() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2, 3), "x");
    Tensor y = tf.dropout(x, 0.8);
    Tensor random = g.operation("dropout/random_uniform").output(0);
    NdArray xv = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    try (Session s = new Session(g)) {
      NdArray fixed = NdArray.of(new float[][] {{0.1f, 0.5f, 0.9f}, {0.2f, 0.19f, 0.3f}});
      NdArray v = s.run(List.of(y), Map.of(x, xv, random, fixed)).get(0);
      assertArrayEquals(new float[] {0, 2 / 0.8f, 3 / 0.8f, 4 / 0.8f, 0, 6 / 0.8f}, v.toFloatArray(), 1e-6f);
      double[] drawn = s.run(List.of(y), Map.of(x, xv)).get(0).toDoubleArray();
      assertEquals(6, drawn.length);
      for (int i = 0; i < drawn.length; i++) {
        double expected = xv.getDouble(i) / 0.8f;
        assertTrue(drawn[i] == 0 || Math.abs(drawn[i] - expected) < 1e-5, "element " + i + ": " + drawn[i]);
      }
    }
  }

  @Test
  @DisplayName("dropout seeds follow TF's rule (graph seed, op seed): equal seeds give the same masks in new sessions")
  void dropoutSeeds() {
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.on(g);
    Tensor x = tf.constant(NdArray.filled(DType.FLOAT32, Shape.of(4, 5), 1), "x");
    Tensor a = tf.dropout(x, new DropoutOptions().keepProb(0.5).seed(5));
    Operation random = g.operation("dropout/random_uniform/RandomUniform");
    assertEquals(3L, random.attr("seed"));
    assertEquals(5L, random.attr("seed2"));
    NdArray first;
    try (Session s = new Session(g)) {
      first = s.run(a);
    }
    try (Session s = new Session(g)) {
      assertEquals(first, s.run(a));
    }
    for (double v : first.toDoubleArray()) {
      assertTrue(v == 0 || v == 2, "kept values are scaled by 1 / keep_prob: " + v);
    }
  }
}
