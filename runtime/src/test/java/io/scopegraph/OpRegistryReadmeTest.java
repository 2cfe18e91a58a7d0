package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's user-defined op, as written there: registered once, run by a session, differentiated. */
class OpRegistryReadmeTest {
  private static NdArray swish(NdArray x) {
    double[] v = x.toDoubleArray();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / (1 + Math.exp(-v[i]));
    }
    return NdArray.create(DType.FLOAT64, x.shape(), out);
  }

  static {
    OpRegistry.register(OpDef.builder("Swish")                     // y = x * sigmoid(x)
        .inputs("x")
        .shape(node -> node.likeInput(0))                          // same dtype and shape as x
        .kernel((op, in) -> List.of(swish(in.get(0))))            // one NdArray per output
        .gradient((tf, op, grads) -> {                             // dy/dx = s + x s (1 - s), s = sigmoid(x)
          Tensor x = op.input(0);
          Tensor s = tf.sigmoid(x);
          return List.of(tf.mul(grads.get(0), s.add(x.mul(s).mul(s.rsub(1.0)))));
        })
        .build());
  }

  @Test
  @DisplayName("the README's Swish op: value, gradient (against finite differences) and TF-style gradient names")
  void swishAsInTheReadme() {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Tensor x = tf.constant(new double[] {-2, 0.5, 3}, "x");
    Tensor y = graph.opBuilder("Swish", "swish").addInput(x).build().output(0);
    List<Tensor> dx = tf.gradients(y, List.of(x));
    // The registry is case-insensitive like TF's: "mul" and "mul_1" (the operators) make "Mul" "Mul_2".
    assertEquals("gradients/swish_grad/Mul_2:0", dx.get(0).name());
    assertTrue(graph.operation("gradients/swish_grad/Sigmoid") != null);
    try (Session s = new Session(graph)) {
      double[] value = s.run(y).toDoubleArray();
      double[] grad = s.run(dx.get(0)).toDoubleArray();
      double[] at = {-2, 0.5, 3};
      for (int i = 0; i < at.length; i++) {
        assertEquals(at[i] / (1 + Math.exp(-at[i])), value[i], 1e-12);
        double h = 1e-6;
        double numeric = (swishOf(at[i] + h) - swishOf(at[i] - h)) / (2 * h);
        assertEquals(numeric, grad[i], 1e-8);
      }
    }
  }

  private static double swishOf(double v) {
    return v / (1 + Math.exp(-v));
  }
}
