package io.scopegraph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VariableShapeMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tf.contrib.layers}' fully_connected and conv2d: case L45 of TF 1.15's layers. */
class ContribLayersTest {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.on(graph);
  private final ContribLayers contrib = tf.layers().contrib();

  @Test
  void l45ContribFullyConnectedAndConv2d() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor h = contrib.fullyConnected(x, 4);
    Tensor o = contrib.fullyConnected(h, 2, ContribLayers.options().activationFn(null).scope("out"));
    assertEquals("fully_connected/Relu", h.op().name());
    assertEquals("out/BiasAdd", o.op().name());
    assertEquals("MatMul", graph.operation("fully_connected/MatMul").type());
    assertEquals(List.of("fully_connected/weights:0 (3, 4)", "fully_connected/biases:0 (4,)", "out/weights:0 (4, 2)",
        "out/biases:0 (2,)"), graph.globalVariables().stream().map(v -> v.name() + " " + v.shape()).toList());
    assertEquals(graph.globalVariables(), graph.collection(ContribLayers.MODEL_VARIABLES));
    int before = graph.size();
    VariableShapeMismatchException e = assertThrows(VariableShapeMismatchException.class,
        () -> contrib.fullyConnected(x, 4, ContribLayers.options().scope("out").reuse(Reuse.TRUE)));
    assertEquals("Trying to share variable out/weights, but specified shape (3, 4) and found shape (4, 2).",
        e.getMessage());
    assertEquals(before, graph.size());

    Tensor img = tf.placeholder(DType.FLOAT32, Shape.of(-1, 28, 28, 1), "img");
    Tensor c = contrib.conv2d(img, 32, new int[] {5, 5}, ContribLayers.options());
    assertEquals("Conv/Relu", c.op().name());
    assertEquals(List.of("Conv/dilation_rate", "Conv/Conv2D", "Conv/BiasAdd", "Conv/Relu"),
        graph.operations().stream().map(Operation::name).filter(n -> n.startsWith("Conv/") && !n.contains("/weights")
            && !n.contains("/biases")).toList());
    assertEquals("SAME", graph.operation("Conv/Conv2D").attr("padding"));
    assertEquals(Shape.of(5, 5, 1, 32), graph.globalVariables().get(4).shape());
    assertEquals("Conv/weights:0", graph.globalVariables().get(4).name());
    assertEquals("Conv/biases:0", graph.globalVariables().get(5).name());
    assertEquals("Conv_1/Relu", contrib.conv2d(img, 8, 3).op().name());
  }
}
