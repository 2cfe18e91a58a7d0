package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.train.GradientDescentOptimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The convolution and pooling ops through the facade: names, attributes, static shapes and TF's errors. */
class ConvOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> opsSince(int mark) {
    List<String> out = new ArrayList<>();
    List<Operation> all = g.operations();
    for (Operation op : all.subList(mark, all.size())) {
      out.add(op.name());
    }
    return out;
  }

  private Tensor x() {
    return tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "x");
  }

  @Test
  @DisplayName("L33 conv2d, bias_add, relu, max_pool, avg_pool and a second conv2d: one op each, no Consts")
  void l33OpsAndShapes() {
    Tensor x = x();
    Variable w = tf.getVariable("w", Shape.of(3, 3, 3, 16));
    Variable b = tf.getVariable("b", Shape.of(16));
    int mark = g.operations().size();
    Tensor c = tf.conv2d(x, w, new int[] {1, 1, 1, 1}, "SAME");
    Tensor h = tf.relu(tf.biasAdd(c, b));
    Tensor p = tf.maxPool(h, new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1}, "VALID");
    Tensor a = tf.avgPool(h, new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1}, "SAME");
    Tensor c2 = tf.conv2d(x, w, 2, "VALID");
    assertEquals(List.of("Conv2D", "BiasAdd", "Relu", "MaxPool", "AvgPool", "Conv2D_1"), opsSince(mark));
    assertEquals(List.of(1L, 2L, 2L, 1L), c2.op().attr("strides"));
    assertEquals("[?,8,8,16]", c.shape().toDimsString());
    assertEquals("[?,4,4,16]", p.shape().toDimsString());
    assertEquals("[?,4,4,16]", a.shape().toDimsString());
    assertEquals("[?,3,3,16]", c2.shape().toDimsString());
    assertEquals("MaxPool:0", p.name());
    assertEquals(List.of(1L, 2L, 2L, 1L), p.op().attr("ksize"));
  }

  @Test
  @DisplayName("L33 conv2d with padding 'same' fails with the op-def library's text")
  void l33LowerCasePadding() {
    Tensor x = x();
    Variable w = tf.getVariable("w", Shape.of(3, 3, 3, 16));
    int before = g.operations().size();
    InvalidOpArgumentException e = assertThrows(InvalidOpArgumentException.class, () -> tf.conv2d(x, w, 1, "same"));
    assertEquals("Attr 'padding' of 'Conv2D' Op passed string 'same' not in: \"SAME\", \"VALID\", \"EXPLICIT\".",
        e.getMessage());
    assertEquals(before, g.operations().size());
    tf.conv2d(x, w, 1, "SAME");
    assertEquals("Conv2D", g.operations().get(before).name()); // the failed call consumed no name
  }

  @Test
  @DisplayName("L33 max_pool with padding 'same' fails with the op-def library's text")
  void l33MaxPoolLowerCasePadding() {
    Tensor x = x();
    InvalidOpArgumentException e = assertThrows(InvalidOpArgumentException.class,
        () -> tf.maxPool(x, new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1}, "same"));
    assertEquals("Attr 'padding' of 'MaxPool' Op passed string 'same' not in: \"SAME\", \"VALID\".", e.getMessage());
    e = assertThrows(InvalidOpArgumentException.class, () -> tf.avgPool(x, 2, 2, "valid"));
    assertEquals("Attr 'padding' of 'AvgPool' Op passed string 'valid' not in: \"SAME\", \"VALID\".", e.getMessage());
  }

  @Test
  @DisplayName("L33 strides of length 3 fail as _get_sequence fails")
  void l33StridesOfLengthThree() {
    Tensor x = x();
    Variable w = tf.getVariable("w", Shape.of(3, 3, 3, 16));
    InvalidOpArgumentException e = assertThrows(InvalidOpArgumentException.class,
        () -> tf.conv2d(x, w, new int[] {1, 1, 1}, "SAME"));
    assertEquals("strides should be of length 1, 2 or 4 but was 3", e.getMessage());
    e = assertThrows(InvalidOpArgumentException.class,
        () -> tf.conv2d(x, w, new int[] {1}, "SAME", null, new int[] {1, 1, 1}, null));
    assertEquals("dilations should be of length 1, 2 or 4 but was 3", e.getMessage());
    e = assertThrows(InvalidOpArgumentException.class,
        () -> tf.maxPool(x, new int[] {1, 2, 2}, new int[] {2}, "SAME"));
    assertEquals("ksize should be of length 1, 2 or 4 but was 3", e.getMessage());
  }

  @Test
  @DisplayName("L33 a filter whose input depth does not divide the input's fails with the shape function's text")
  void l33DepthNotAMultiple() {
    Tensor x = x();
    Variable w2 = tf.getVariable("w2", Shape.of(3, 3, 2, 16));
    int before = g.operations().size();
    IncompatibleShapesException e = assertThrows(IncompatibleShapesException.class, () -> tf.conv2d(x, w2, 1, "SAME"));
    assertEquals("Depth of input (3) is not a multiple of input depth of filter (2) for 'Conv2D' (op: 'Conv2D') "
        + "with input shapes: [?,8,8,3], [3,3,2,16].", e.getMessage());
    assertEquals(before, g.operations().size());
  }

  @Test
  @DisplayName("L41 gradient ops of conv2d + bias + relu + max pool under GradientDescentOptimizer.minimize")
  void l41CnnGradientOps() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 1), "x");
    Tensor c;
    try (VarScope s = tf.variableScope("conv2d")) {
      Variable kernel = tf.getVariable("kernel", Shape.of(3, 3, 1, 2));
      Variable bias = tf.getVariable("bias", Shape.of(2), Initializers.zeros());
      c = tf.relu(tf.biasAdd(tf.conv2d(x, kernel, 1, "SAME"), bias));
    }
    Tensor p;
    try (NameScopeHandle s = tf.nameScope("max_pooling2d")) {
      p = tf.maxPool(c, 2, 2, "VALID");
    }
    assertEquals("max_pooling2d/MaxPool:0", p.name());
    assertEquals("conv2d/Conv2D", c.op().input(0).op().input(0).op().name());
    Tensor loss = tf.sum(p);
    int mark = g.operations().size();
    new GradientDescentOptimizer(0.1).minimize(loss);
    assertEquals(List.of("gradients/Shape", "gradients/grad_ys_0", "gradients/Fill",
        "gradients/Sum_grad/Reshape/shape", "gradients/Sum_grad/Reshape", "gradients/Sum_grad/Shape",
        "gradients/Sum_grad/Tile", "gradients/max_pooling2d/MaxPool_grad/MaxPoolGrad",
        "gradients/conv2d/Relu_grad/ReluGrad", "gradients/conv2d/BiasAdd_grad/BiasAddGrad",
        "gradients/conv2d/BiasAdd_grad/tuple/group_deps", "gradients/conv2d/BiasAdd_grad/tuple/control_dependency",
        "gradients/conv2d/BiasAdd_grad/tuple/control_dependency_1", "gradients/conv2d/Conv2D_grad/ShapeN",
        "gradients/conv2d/Conv2D_grad/Conv2DBackpropInput", "gradients/conv2d/Conv2D_grad/Conv2DBackpropFilter",
        "gradients/conv2d/Conv2D_grad/tuple/group_deps", "gradients/conv2d/Conv2D_grad/tuple/control_dependency",
        "gradients/conv2d/Conv2D_grad/tuple/control_dependency_1", "GradientDescent/learning_rate",
        "GradientDescent/update_conv2d/kernel/ApplyGradientDescent",
        "GradientDescent/update_conv2d/bias/ApplyGradientDescent", "GradientDescent"), opsSince(mark));
    Operation filterGrad = g.operation("gradients/conv2d/Conv2D_grad/Conv2DBackpropFilter");
    assertEquals(List.of("x:0", "gradients/conv2d/Conv2D_grad/ShapeN:1",
        "gradients/conv2d/BiasAdd_grad/tuple/control_dependency:0"), names(filterGrad.inputs()));
    assertEquals(List.of("gradients/conv2d/Conv2D_grad/ShapeN:0", "conv2d/kernel/read:0",
        "gradients/conv2d/BiasAdd_grad/tuple/control_dependency:0"),
        names(g.operation("gradients/conv2d/Conv2D_grad/Conv2DBackpropInput").inputs()));
    assertEquals("SAME", filterGrad.attr("padding"));
    assertEquals(List.of(1L, 1L, 1L, 1L), filterGrad.attr("strides"));
  }

  @Test
  @DisplayName("The AvgPool gradient reads the input shape from a Const when it is known, else from a Shape op")
  void avgPoolGradientShape() {
    Tensor known = tf.placeholder(DType.FLOAT32, Shape.of(2, 4, 4, 3), "known");
    Tensor unknown = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4, 4, 3), "unknown");
    Tensor a = tf.avgPool(known, 2, 2, "VALID");
    Tensor b = tf.avgPool(unknown, 2, 2, "VALID");
    int mark = g.operations().size();
    tf.gradients(tf.add(tf.sum(a), tf.sum(b)), List.of(known, unknown));
    List<String> ops = opsSince(mark);
    assertEquals(List.of("gradients/AvgPool_grad/Shape", "gradients/AvgPool_grad/AvgPoolGrad"),
        ops.stream().filter(n -> n.startsWith("gradients/AvgPool_grad/")).toList());
    assertEquals("Const", g.operation("gradients/AvgPool_grad/Shape").type());
    assertEquals("Shape", g.operation("gradients/AvgPool_1_grad/Shape").type());
  }

  private static List<String> names(List<? extends Tensor> ts) {
    return ts.stream().map(Tensor::name).toList();
  }

  @Test
  void conv2dAttributesAsTensorFlowRecordsThem() {
    Tensor x = tf.placeholder(DType.FLOAT64, Shape.of(1, 3, 9, 9), "x");
    Tensor w = tf.placeholder(DType.FLOAT64, Shape.of(3, 3, 3, 5), "w");
    Tensor c = tf.conv2d(x, w, new int[] {2, 1}, "SAME", "NCHW", new int[] {1, 2}, "conv");
    Operation op = c.op();
    assertEquals("conv", op.name());
    assertEquals(DType.FLOAT64, op.attr("T"));
    assertEquals(List.of(1L, 1L, 2L, 1L), op.attr("strides"));
    assertEquals(List.of(1L, 1L, 1L, 2L), op.attr("dilations"));
    assertEquals("NCHW", op.attr("data_format"));
    assertEquals(true, op.attr("use_cudnn_on_gpu"));
    assertEquals(List.of(), op.attr("explicit_paddings"));
    assertEquals("[1,5,5,9]", c.shape().toDimsString());
    Tensor p = tf.maxPool(x, new int[] {3, 2}, new int[] {2}, "VALID", "NCHW", null);
    assertEquals(List.of(1L, 1L, 3L, 2L), p.op().attr("ksize"));
    assertEquals(List.of(1L, 1L, 2L, 2L), p.op().attr("strides"));
    assertEquals("[1,3,4,4]", p.shape().toDimsString());
  }

  /** SAME: ceil(in / stride); VALID: ceil((in - (k - 1) * d) / stride), on odd sizes and strides 1 and 2. */
  @Test
  void windowedOutputSizes() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2, 7, 8, 1), "x");
    Tensor w33 = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, 1, 4), "w33");
    Tensor w23 = tf.placeholder(DType.FLOAT32, Shape.of(2, 3, 1, 4), "w23");
    assertEquals("[2,7,8,4]", tf.conv2d(x, w33, 1, "SAME").shape().toDimsString());
    assertEquals("[2,4,4,4]", tf.conv2d(x, w33, 2, "SAME").shape().toDimsString());
    assertEquals("[2,5,6,4]", tf.conv2d(x, w33, 1, "VALID").shape().toDimsString());
    assertEquals("[2,3,3,4]", tf.conv2d(x, w33, 2, "VALID").shape().toDimsString());
    assertEquals("[2,3,3,4]", tf.conv2d(x, w23, 2, "VALID").shape().toDimsString());
    assertEquals("[2,3,4,4]", tf.conv2d(x, w33, new int[] {1}, "VALID", null, new int[] {2}, null).shape()
        .toDimsString());
    assertEquals("[2,7,8,4]", tf.conv2d(x, w33, new int[] {1}, "SAME", null, new int[] {2}, null).shape()
        .toDimsString());
    assertEquals("[2,3,4,1]", tf.maxPool(x, 2, 2, "VALID").shape().toDimsString());
    assertEquals("[2,4,4,1]", tf.maxPool(x, 3, 2, "SAME").shape().toDimsString());
    assertEquals("[2,3,3,1]", tf.avgPool(x, 3, 2, "VALID").shape().toDimsString());
    Tensor unknown = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1, 8, 1), "u");
    assertEquals("[?,?,3,4]", tf.conv2d(unknown, w33, 2, "VALID").shape().toDimsString());
    assertEquals("[?,?,?,4]", tf.conv2d(tf.placeholder(DType.FLOAT32), w33, 1, "SAME").shape().toDimsString());
  }

  @Test
  void shapeErrors() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(1, 2, 8, 1), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, 1, 4), "w");
    IncompatibleShapesException e = assertThrows(IncompatibleShapesException.class, () -> tf.conv2d(x, w, 1, "VALID"));
    assertEquals("Negative dimension size caused by subtracting 3 from 2 for 'Conv2D' (op: 'Conv2D') with input "
        + "shapes: [1,2,8,1], [3,3,1,4].", e.getMessage());
    e = assertThrows(IncompatibleShapesException.class,
        () -> tf.conv2d(tf.placeholder(DType.FLOAT32, Shape.of(2, 8, 1), "r3"), w, 1, "SAME"));
    assertEquals("Shape must be rank 4 but is rank 3 for 'Conv2D' (op: 'Conv2D') with input shapes: [2,8,1], "
        + "[3,3,1,4].", e.getMessage());
    e = assertThrows(IncompatibleShapesException.class, () -> tf.maxPool(x, 3, 1, "VALID"));
    assertEquals("Negative dimension size caused by subtracting 3 from 2 for 'MaxPool' (op: 'MaxPool') with input "
        + "shapes: [1,2,8,1].", e.getMessage());
    e = assertThrows(IncompatibleShapesException.class, () -> tf.conv2d(x, w, 0, "SAME"));
    assertEquals("Stride must be > 0, but got 0 for 'Conv2D' (op: 'Conv2D') with input shapes: [1,2,8,1], "
        + "[3,3,1,4].", e.getMessage());
  }

  @Test
  void argumentErrors() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(1, 4, 4, 1), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, 1, 4), "w");
    assertEquals("ksize cannot be zero.", assertThrows(InvalidOpArgumentException.class,
        () -> tf.maxPool(x, new int[] {2, 0}, new int[] {1}, "SAME")).getMessage());
    assertEquals("Attr 'data_format' of 'Conv2D' Op passed string 'NWHC' not in: \"NHWC\", \"NCHW\".",
        assertThrows(InvalidOpArgumentException.class,
            () -> tf.conv2d(x, w, new int[] {1}, "SAME", "NWHC", null, null)).getMessage());
    assertEquals("Conv2D with padding \"EXPLICIT\" is not supported by scopegraph; use \"SAME\" or \"VALID\"",
        assertThrows(UnsupportedOperationException.class, () -> tf.conv2d(x, w, 1, "EXPLICIT")).getMessage());
    Tensor ints = tf.placeholder(DType.INT64, Shape.of(1, 4, 4, 1), "i");
    assertEquals("Value passed to parameter 'input' has DataType int64 not in list of allowed values: float16, "
        + "bfloat16, float32, float64, int32", assertThrows(DTypeMismatchException.class,
            () -> tf.conv2d(ints, w, 1, "SAME")).getMessage());
    Tensor doubles = tf.placeholder(DType.FLOAT64, Shape.of(3, 3, 1, 4), "d");
    assertEquals("Input 'filter' of 'Conv2D' Op has type float64 that does not match type float32 of argument "
        + "'input'.", assertThrows(DTypeMismatchException.class, () -> tf.conv2d(x, doubles, 1, "SAME")).getMessage());
  }
}
