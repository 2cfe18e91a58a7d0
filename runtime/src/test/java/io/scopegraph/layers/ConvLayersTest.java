package io.scopegraph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.train.GradientDescentOptimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Convolution, pooling and flatten layers: cases L17, L21, L22 and L41 of TF 1.15's layers. */
class ConvLayersTest {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.on(graph);
  private final Layers layers = tf.layers();

  private List<String> opsAfter(String name) {
    return GraphNames.opsAfter(graph, name);
  }

  @Test
  void l21Conv2dCompleteOpList() {
    Tensor images = tf.placeholder(DType.FLOAT32, Shape.of(-1, 28, 28, 1), "images");
    Tensor c = layers.conv2d(images, 32, new int[] {5, 5},
        Conv2D.options().padding("same").activation(Activation.RELU));
    assertEquals(List.of("conv2d/kernel/Initializer/random_uniform/shape", "conv2d/kernel/Initializer/random_uniform/min",
        "conv2d/kernel/Initializer/random_uniform/max", "conv2d/kernel/Initializer/random_uniform/RandomUniform",
        "conv2d/kernel/Initializer/random_uniform/sub", "conv2d/kernel/Initializer/random_uniform/mul",
        "conv2d/kernel/Initializer/random_uniform", "conv2d/kernel", "conv2d/kernel/Assign", "conv2d/kernel/read",
        "conv2d/bias/Initializer/zeros", "conv2d/bias", "conv2d/bias/Assign", "conv2d/bias/read",
        "conv2d/dilation_rate", "conv2d/Conv2D", "conv2d/BiasAdd", "conv2d/Relu"), opsAfter("images"));
    assertEquals(Shape.of(-1, 28, 28, 32), c.shape());
    Operation conv = graph.operation("conv2d/Conv2D");
    assertEquals(List.of(1L, 1L, 1L, 1L), conv.attr("strides"));
    assertEquals("SAME", conv.attr("padding"));
    assertEquals("NHWC", conv.attr("data_format"));
    assertEquals(List.of(1L, 1L, 1L, 1L), conv.attr("dilations"));
    assertEquals(Shape.of(5, 5, 1, 32), graph.globalVariables().get(0).shape());
    layers.conv2d(images, 8, 3);
    assertEquals("conv2d_1/kernel:0", graph.globalVariables().get(2).name());
  }

  @Test
  void l22PoolingAndFlatten() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 28, 28, 32), "x");
    Tensor p1 = layers.maxPooling2d(x, 2, 2);
    Tensor p2 = layers.averagePooling2d(p1, new int[] {2, 2}, new int[] {2}, Pooling2D.options().padding("same")
        .name("avg"));
    assertEquals("max_pooling2d/MaxPool", p1.op().name());
    assertEquals(List.of(1L, 2L, 2L, 1L), p1.op().attr("ksize"));
    assertEquals("VALID", p1.op().attr("padding"));
    assertEquals(Shape.of(-1, 14, 14, 32), p1.shape());
    assertEquals("avg/AvgPool", p2.op().name());
    assertEquals("SAME", p2.op().attr("padding"));
    assertEquals(Shape.of(-1, 7, 7, 32), p2.shape());
    Tensor g = layers.flatten(tf.placeholder(DType.FLOAT32, Shape.of(8, 3, 3, 2)));
    assertEquals(List.of("flatten/Reshape/shape", "flatten/Reshape"), opsAfter("Placeholder"));
    assertEquals(Shape.of(8, 18), g.shape());
    assertEquals(List.of(), graph.globalVariables());
  }

  @Test
  void l17ConstructionAndBuildErrors() {
    Tensor images = tf.randomUniform(Shape.of(5, 7, 9, 3), DType.FLOAT32, 0, 1, 1L, null);
    assertEquals("The `strides` argument must be a tuple of 2 integers. Received: (1, 2, 3)",
        assertThrows(LayerArgumentException.class, () -> layers.conv2d(images, 32, new int[] {3},
            Conv2D.options().strides(1, 2, 3))).getMessage());
    assertEquals("The `kernel_size` argument must be a tuple of 2 integers. Received: null",
        assertThrows(LayerArgumentException.class, () -> layers.conv2d(images, 32, null, Conv2D.options()))
            .getMessage());
    assertEquals("The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: invalid",
        assertThrows(LayerArgumentException.class, () -> layers.conv2d(images, 32, 3,
            Conv2D.options().dataFormat("invalid"))).getMessage());
    assertEquals("Causal padding is only supported for `Conv1D`and ``SeparableConv1D`.",
        assertThrows(LayerArgumentException.class, () -> layers.conv2d(images, 32, 3,
            Conv2D.options().padding("causal"))).getMessage());
    assertEquals("Argument `strides` must not be null.", assertThrows(LayerArgumentException.class,
        () -> layers.maxPooling2d(images, new int[] {3}, null, Pooling2D.options())).getMessage());
    assertEquals("The `pool_size` argument must be a tuple of 2 integers. Received: null",
        assertThrows(LayerArgumentException.class, () -> layers.maxPooling2d(images, null, new int[] {2},
            Pooling2D.options())).getMessage());
    Conv2D conv = layers.conv2dLayer(32, new int[] {3, 3}, Conv2D.options());
    assertEquals("The channel dimension of the inputs should be defined. Found `null`.",
        assertThrows(IncompatibleInputException.class,
            () -> conv.apply(tf.placeholder(DType.FLOAT32, Shape.of(5, 7, 9, -1)))).getMessage());
    Tensor rank3 = tf.randomUniform(Shape.of(5, 7, 9), DType.FLOAT32, 0, 1, 1L, null);
    assertEquals("Input 0 of layer max_pooling2d_1 is incompatible with the layer: expected ndim=4, found ndim=3."
        + " Full shape received: [5, 7, 9]", assertThrows(IncompatibleInputException.class,
            () -> layers.maxPooling2d(rank3, 2, 2)).getMessage());
    assertEquals(List.of(), graph.globalVariables());
  }

  @Test
  void l41GradientsOfASmallCnnUnderGradientDescent() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 1), "x");
    Tensor c = layers.conv2d(x, 2, 3, Conv2D.options().padding("same").activation(Activation.RELU));
    Tensor p = layers.maxPooling2d(c, 2, 2);
    Tensor loss = tf.sum(p);
    Operation train = new GradientDescentOptimizer(0.1).minimize(loss);
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
        "GradientDescent/update_conv2d/bias/ApplyGradientDescent", "GradientDescent"), opsAfter("Sum"));
    assertEquals("GradientDescent", train.name());
  }
}
