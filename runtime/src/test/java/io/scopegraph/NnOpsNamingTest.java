package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exact TF 1.15 op names (in creation order), op types and errors of the nn ops of issue 14 (cases L34, L38–L40). */
class NnOpsNamingTest {

  /** The names of the ops created after the first {@code skip} ones. */
  private static List<String> namesAfter(Graph g, int skip) {
    List<String> names = new ArrayList<>();
    List<Operation> ops = g.operations();
    for (int i = skip; i < ops.size(); i++) {
      names.add(ops.get(i).name());
    }
    return names;
  }

  @Test
  @DisplayName("L40: argmax, equal, cast, reduce_max, transpose, split, concat, squeeze, leaky_relu, relu6, elu")
  void l40AssortedOps() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 6), "x");
    Tensor i = tf.placeholder(DType.INT64, Shape.of(-1), "i");
    Tensor a = tf.argMax(x, 1);
    Tensor e = tf.equal(a, i);
    Tensor c = tf.cast(e, DType.FLOAT32);
    Tensor c0 = tf.cast(x, DType.FLOAT32);
    Tensor m = tf.reduceMax(x, 1);
    Tensor m0 = tf.reduceMax(x);
    Tensor t = tf.transpose(x);
    List<Tensor> s = tf.split(x, 2, 1);
    Tensor k = tf.concat(List.of(x, x), 1);
    Tensor k1 = tf.concat(List.of(x), 1);
    Tensor q = tf.squeeze(tf.expandDims(x, 1), new int[] {1});
    Tensor l = tf.leakyRelu(x);
    Tensor r6 = tf.relu6(x);
    Tensor el = tf.elu(x);
    assertEquals(List.of("ArgMax/dimension", "ArgMax", "Equal", "Cast", "Max/reduction_indices", "Max", "Const",
        "Max_1", "transpose/perm", "transpose", "Const_1", "split/split_dim", "split", "concat/axis", "concat",
        "concat_1/concat_dim", "concat_1/concat", "ExpandDims/dim", "ExpandDims", "Squeeze", "LeakyRelu", "Relu6",
        "Elu"), namesAfter(g, 2));
    assertSame(x, c0);
    assertEquals(DType.INT64, a.dtype());
    assertEquals(Shape.of(-1), a.shape());
    assertEquals("ArgMax", a.op().type());
    assertEquals(DType.INT32, a.op().input(1).dtype());
    assertEquals(DType.BOOL, e.dtype());
    assertEquals(DType.FLOAT32, c.dtype());
    assertEquals(Shape.of(-1), m.shape());
    assertEquals(Shape.scalar(), m.op().input(1).shape()); // axis=1 is a scalar constant
    assertEquals(Shape.scalar(), m0.shape());
    assertEquals(NdArray.of(0, 1), g.operation("Const").attr("value"));
    assertEquals(NdArray.scalar(2), g.operation("Const_1").attr("value"));
    assertEquals(Shape.of(6, -1), t.shape());
    assertEquals(2, s.size());
    assertEquals("Split", s.get(0).op().type());
    assertEquals("split:1", s.get(1).name());
    assertEquals(Shape.of(-1, 3), s.get(1).shape());
    assertEquals(Shape.of(-1, 12), k.shape());
    assertEquals("Identity", k1.op().type());
    assertEquals(Shape.of(-1, 6), q.shape());
    assertEquals(List.of(1L), q.op().attr("squeeze_dims"));
    assertEquals(0.2f, l.op().attr("alpha"));
    assertEquals(1, l.op().numInputs()); // alpha is an attribute, no Const
    assertEquals("Relu6", r6.op().type());
    assertEquals("Elu", el.op().type());
  }

  @Test
  @DisplayName("L40: leaky_relu's name (NNT LeakyReluTest.testName) and its cast of integers")
  void l40LeakyReluName() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor c = tf.constant(new float[] {-1, 2});
    assertEquals("test_relu_op:0", tf.leakyRelu(c, "test_relu_op").name());
    assertEquals("LeakyRelu:0", tf.leakyRelu(c).name());
    Tensor ints = tf.leakyRelu(tf.constant(new int[] {-2, 3}), 0.5, null);
    assertEquals("LeakyRelu_1:0", ints.name());
    assertEquals("LeakyRelu_1/Cast", ints.op().input(0).op().name());
    assertEquals(DType.FLOAT32, ints.dtype());
    try (Session s = new Session(g)) {
      assertEquals(NdArray.of(-1f, 3f), s.run(ints));
    }
  }

  @Test
  @DisplayName("L34: tf.nn.dropout(x, 0.8) op list, rate constant, output shape")
  void l34DropoutNames() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "x");
    Tensor y = tf.dropout(x, 0.8);
    assertEquals(List.of("dropout/rate", "dropout/Shape", "dropout/random_uniform/min", "dropout/random_uniform/max",
        "dropout/random_uniform/RandomUniform", "dropout/random_uniform/sub", "dropout/random_uniform/mul",
        "dropout/random_uniform", "dropout/sub/x", "dropout/sub", "dropout/truediv/x", "dropout/truediv",
        "dropout/GreaterEqual", "dropout/mul", "dropout/Cast", "dropout/mul_1"), namesAfter(g, 1));
    assertEquals("dropout/mul_1", y.op().name());
    assertEquals(Shape.of(-1, 10), y.shape());
    assertEquals(NdArray.scalar(0.2f), g.operation("dropout/rate").attr("value"));
    assertEquals("Shape", g.operation("dropout/Shape").type());
    assertEquals("RealDiv", g.operation("dropout/truediv").type());
    assertEquals("Mul", y.op().type());
  }

  @Test
  @DisplayName("L34: dropout of a fully known shape uses a Shape Const; noise_shape gives random_uniform/shape")
  void l34DropoutShapes() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(4, 3), "x");
    tf.dropout(x, 0.5, "d");
    assertEquals("Const", g.operation("d/Shape").type());
    Tensor z = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "z");
    int before = g.operations().size();
    tf.dropout(z, new DropoutOptions().rate(0.25).noiseShape(1, -1));
    List<String> names = namesAfter(g, before);
    assertEquals(List.of("dropout/rate", "dropout/random_uniform/shape", "dropout/random_uniform/min"),
        names.subList(0, 3));
    assertEquals(NdArray.of(1, 3), g.operation("dropout/random_uniform/shape").attr("value"));
  }

  @Test
  @DisplayName("L34: dropout errors (exact texts), rate 0 returns x, a keep_prob tensor's sub in the caller's scope")
  void l34DropoutErrors() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "x");
    assertEquals("Cannot specify both 'keep_prob' and 'rate'", assertThrows(InvalidOpArgumentException.class,
        () -> tf.dropout(x, new DropoutOptions().keepProb(0.5).rate(0.5))).getMessage());
    assertEquals("You must provide a rate to dropout.", assertThrows(InvalidOpArgumentException.class,
        () -> tf.dropout(x, new DropoutOptions())).getMessage());
    assertEquals("rate must be a scalar tensor or a float in the range [0, 1), got 1",
        assertThrows(InvalidOpArgumentException.class, () -> tf.dropoutWithRate(x, 1.0)).getMessage());
    assertEquals("rate must be a scalar tensor or a float in the range [0, 1), got 1",
        assertThrows(InvalidOpArgumentException.class, () -> tf.dropout(x, 0.0)).getMessage());
    assertEquals("rate must be a scalar tensor or a float in the range [0, 1), got -1",
        assertThrows(InvalidOpArgumentException.class, () -> tf.dropoutWithRate(x, -1)).getMessage());
    assertEquals("rate must be a scalar tensor or a float in the range [0, 1), got 1.1",
        assertThrows(InvalidOpArgumentException.class, () -> tf.dropoutWithRate(x, 1.1)).getMessage());
    Tensor ints = tf.constant(new int[] {1, 1, 1});
    int before = g.operations().size();
    assertEquals("x has to be a floating point tensor since it's going to be scaled. Got a <dtype: 'int32'> "
        + "tensor instead.", assertThrows(InvalidOpArgumentException.class, () -> tf.dropout(ints, 0.5))
        .getMessage());
    assertEquals(before, g.operations().size());
    assertSame(x, tf.dropoutWithRate(x, 0));
    assertSame(x, tf.dropout(x, 1.0));
    // TF took the scope name "dropout" (and "dropout_1") before returning x
    assertEquals("dropout_2/mul_1", tf.dropout(x, 0.5).op().name());
    Tensor keep = tf.placeholder(DType.FLOAT32, Shape.scalar(), "keep");
    before = g.operations().size();
    Tensor y = tf.dropout(x, keep);
    List<String> names = namesAfter(g, before);
    assertEquals(List.of("sub/x", "sub", "dropout_3/Shape"), names.subList(0, 3));
    assertEquals("dropout_3/mul_1", y.op().name());
  }

  @Test
  @DisplayName("L38: softmax_cross_entropy_with_logits_v2 op list; the deprecated v1 form's stop gradient and _sg scope")
  void l38SoftmaxCrossEntropy() {
    List<String> rest = List.of("Rank", "Shape", "Rank_1", "Shape_1", "Sub/y", "Sub", "Slice/begin", "Slice/size",
        "Slice", "concat/values_0", "concat/axis", "concat", "Reshape", "Rank_2", "Shape_2", "Sub_1/y", "Sub_1",
        "Slice_1/begin", "Slice_1/size", "Slice_1", "concat_1/values_0", "concat_1/axis", "concat_1", "Reshape_1",
        "", "Sub_2/y", "Sub_2", "Slice_2/begin", "Slice_2/size", "Slice_2", "Reshape_2");
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor logits = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "logits");
    Tensor labels = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "labels");
    Tensor loss = tf.softmaxCrossEntropyWithLogitsV2(labels, logits);
    assertEquals(prefixed("softmax_cross_entropy_with_logits", rest), namesAfter(g, 2));
    assertEquals("softmax_cross_entropy_with_logits/Reshape_2:0", loss.name());
    assertEquals("SoftmaxCrossEntropyWithLogits", g.operation("softmax_cross_entropy_with_logits").type());
    assertEquals("Pack", g.operation("softmax_cross_entropy_with_logits/Slice/begin").type());
    assertEquals("Pack", g.operation("softmax_cross_entropy_with_logits/Slice_2/size").type());
    assertEquals(NdArray.scalar(2), g.operation("softmax_cross_entropy_with_logits/Rank").attr("value"));
    assertEquals(Shape.of(-1), loss.shape());

    Graph g1 = new Graph();
    Ops tf1 = Ops.on(g1);
    Tensor logits1 = tf1.placeholder(DType.FLOAT32, Shape.of(-1, 10), "logits");
    Tensor labels1 = tf1.placeholder(DType.FLOAT32, Shape.of(-1, 10), "labels");
    @SuppressWarnings("deprecation")
    Tensor loss1 = tf1.softmaxCrossEntropyWithLogitsV1(labels1, logits1);
    List<String> expected = new ArrayList<>(List.of("softmax_cross_entropy_with_logits_sg/labels_stop_gradient"));
    expected.addAll(prefixed("softmax_cross_entropy_with_logits_sg", rest));
    assertEquals(expected, namesAfter(g1, 2));
    assertEquals("softmax_cross_entropy_with_logits_sg/Reshape_2:0", loss1.name());
    assertEquals("StopGradient", g1.operation("softmax_cross_entropy_with_logits_sg/labels_stop_gradient").type());
    // the labels get no gradient through the stop gradient, the logits do
    List<Tensor> grads = tf1.gradients(loss1, List.of(logits1, labels1));
    assertEquals(null, grads.get(1));
  }

  private static List<String> prefixed(String scope, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(n.isEmpty() ? scope : scope + "/" + n);
    }
    return out;
  }

  @Test
  @DisplayName("L39: sparse_softmax_cross_entropy_with_logits names (op named after the call's name) and errors")
  void l39SparseSoftmaxCrossEntropy() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor logits = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "logits");
    Tensor labels = tf.placeholder(DType.INT32, Shape.of(-1), "labels");
    Tensor a = tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
    Tensor b = tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits, "xent");
    assertEquals(List.of("SparseSoftmaxCrossEntropyWithLogits/Shape",
        "SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits", "xent/Shape", "xent/xent"),
        namesAfter(g, 2));
    assertEquals("SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits:0", a.name());
    assertEquals("xent/xent:0", b.name());
    // tf.losses.sparse_softmax_cross_entropy's inner call: name "xentropy" inside its scope
    try (NameScopeHandle scope = tf.nameScope("sparse_softmax_cross_entropy_loss")) {
      assertEquals("sparse_softmax_cross_entropy_loss/xentropy/xentropy:0",
          tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits, "xentropy").name());
    }
    int before = g.operations().size();
    Tensor labels2 = tf.placeholder(DType.INT32, Shape.of(-1, 1), "labels2");
    assertEquals("Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).",
        assertThrows(IncompatibleShapesException.class,
            () -> tf.sparseSoftmaxCrossEntropyWithLogits(labels2, logits)).getMessage());
    assertEquals("Logits cannot be scalars - received shape ().", assertThrows(IncompatibleShapesException.class,
        () -> tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(1), tf.constant(1f))).getMessage());
    Tensor fixedLogits = tf.placeholder(DType.FLOAT32, Shape.of(4, 10), "fixed");
    Tensor fixedLabels = tf.placeholder(DType.INT32, Shape.of(3), "fixedLabels");
    assertEquals("Shape mismatch: The shape of labels (received (3,)) should equal the shape of logits except for "
        + "the last dimension (received (4, 10)).", assertThrows(IncompatibleShapesException.class,
            () -> tf.sparseSoftmaxCrossEntropyWithLogits(fixedLabels, fixedLogits)).getMessage());
    assertEquals(List.of("labels2", "Const", "Const_1", "fixed", "fixedLabels"), namesAfter(g, before));
  }

  @Test
  @DisplayName("fused_batch_norm: Const, Const_1, FusedBatchNormV3 (training); inference takes mean/variance; errors")
  void fusedBatchNormNames() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "x");
    Tensor scale = tf.constant(new float[] {1, 2, 3}, "scale");
    Tensor offset = tf.constant(new float[] {0, 1, 0}, "offset");
    List<Tensor> out = tf.fusedBatchNorm(x, scale, offset);
    assertEquals(List.of("Const", "Const_1", "FusedBatchNormV3"), namesAfter(g, 3));
    Operation op = out.get(0).op();
    assertEquals("FusedBatchNormV3:0", out.get(0).name());
    assertEquals("FusedBatchNormV3:2", out.get(2).name());
    assertEquals(6, op.numOutputs());
    assertEquals(Shape.of(-1, 8, 8, 3), out.get(0).shape());
    assertEquals(Shape.of(3), out.get(1).shape());
    assertEquals(0.001f, op.attr("epsilon"));
    assertEquals(true, op.attr("is_training"));
    assertEquals("NHWC", op.attr("data_format"));
    assertEquals(Shape.of(0), op.input(3).shape());
    assertEquals("Both 'mean' and 'variance' must be None if is_training is True.",
        assertThrows(InvalidOpArgumentException.class, () -> tf.fusedBatchNorm(x, scale, offset, scale, null, 0.001,
            "NHWC", true, null)).getMessage());
    Tensor nchw = tf.placeholder(DType.FLOAT32, Shape.of(2, 3, 4, 4), "nchw");
    List<Tensor> inf = tf.fusedBatchNorm(nchw, scale, offset, offset, scale, 1e-9, "NCHW", false, "bn");
    assertEquals("bn", inf.get(0).op().name());
    assertEquals(1.001e-5f, inf.get(0).op().attr("epsilon"));
    assertEquals(Shape.of(2, 3, 4, 4), inf.get(0).shape());
    assertThrows(IncompatibleShapesException.class, () -> tf.fusedBatchNorm(tf.placeholder(DType.FLOAT32,
        Shape.of(2, 3)), scale, offset));
    assertThrows(IncompatibleShapesException.class, () -> tf.fusedBatchNorm(x, tf.constant(new float[] {1, 2}),
        tf.constant(new float[] {1, 2})));
  }

  @Test
  @DisplayName("moments and batch_normalization: NI's op lists (the non-fused batch norm path)")
  void momentsAndBatchNormalization() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor h = tf.placeholder(DType.FLOAT32, Shape.of(-1, 128), "h");
    Tensor gamma = tf.placeholder(DType.FLOAT32, Shape.of(128), "gamma");
    Tensor beta = tf.placeholder(DType.FLOAT32, Shape.of(128), "beta");
    List<Tensor> mv = tf.moments(h, new int[] {0});
    Tensor y = tf.batchNormalization(h, mv.get(0), mv.get(1), beta, gamma, 0.001);
    assertEquals(List.of("moments/mean/reduction_indices", "moments/mean", "moments/StopGradient",
        "moments/SquaredDifference", "moments/variance/reduction_indices", "moments/variance", "moments/Squeeze",
        "moments/Squeeze_1", "batchnorm/add/y", "batchnorm/add", "batchnorm/Rsqrt", "batchnorm/mul",
        "batchnorm/mul_1", "batchnorm/mul_2", "batchnorm/sub", "batchnorm/add_1"), namesAfter(g, 3));
    assertEquals("batchnorm/add_1:0", y.name());
    assertEquals("AddV2", y.op().type());
    assertEquals("AddV2", g.operation("batchnorm/add").type());
    assertEquals(Shape.of(128), mv.get(0).shape());
    assertEquals(true, g.operation("moments/mean").attr("keep_dims"));
    assertEquals(Shape.of(-1, 128), y.shape());
  }
}
