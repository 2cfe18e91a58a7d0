package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.scopegraph.kernels.BiasReluFusion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A bias addition feeding only a {@code Relu} runs as one step, with the values of the two kernels in turn. */
class BiasReluFusionTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);
  private final Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
  private final Tensor b = tf.constant(new float[] {0.5f, -1f, 2f}, "b");
  private final Tensor sum = x.add(b);
  private final Tensor relu = tf.relu(sum);
  private final NdArray batch = NdArray.of(new float[][] {{1, 2, -3}, {-1, 0.5f, -2.5f}});

  @Test
  @DisplayName("relu(x + b) fuses; the value is relu of the sum")
  void fusedValue() {
    assertEquals(Map.of(sum.op(), relu.op()), BiasReluFusion.find(g.operations(), List.of(relu), Set.of(x), List.of()));
    try (Session s = new Session(g)) {
      assertArrayEquals(new float[] {1.5f, 1, 0, 0, 0, 0}, s.run(List.of(relu), Map.of(x, batch)).get(0).toFloatArray());
    }
  }

  @Test
  @DisplayName("a fetched or shared sum is not fused, and both values come out")
  void keptWhenNeeded() {
    assertEquals(Map.of(), BiasReluFusion.find(g.operations(), List.of(relu, sum), Set.of(x), List.of()));
    Tensor other = tf.square(sum);
    assertEquals(Map.of(), BiasReluFusion.find(g.operations(), List.of(relu, other), Set.of(x), List.of()));
    try (Session s = new Session(g)) {
      List<NdArray> out = s.run(List.of(relu, sum), Map.of(x, batch));
      assertArrayEquals(new float[] {1.5f, 1, 0, 0, 0, 0}, out.get(0).toFloatArray());
      assertArrayEquals(new float[] {1.5f, 1, -1, -0.5f, -0.5f, -0.5f}, out.get(1).toFloatArray());
    }
  }

  @Test
  @DisplayName("shapes outside the fast path (a bias broadcast along another axis) take the two kernels in turn")
  void fallback() {
    assertNull(BiasReluFusion.biasRelu(NdArray.of(new float[][] {{1, 2}}), NdArray.of(new float[] {1, 2, 3})));
    Tensor column = tf.placeholder(DType.FLOAT32, Shape.of(-1), "column");
    Tensor r = tf.relu(tf.placeholder(DType.FLOAT32, Shape.of(2, 1), "m").add(column));
    try (Session s = new Session(g)) {
      NdArray out = s.runner().feed(g.tensor("m:0"), NdArray.of(new float[][] {{1}, {-2}}))
          .feed(column, NdArray.of(new float[] {0.5f, -3f})).fetch(r).run().get(0);
      assertArrayEquals(new float[] {1.5f, 0, 0, 0}, out.toFloatArray());
    }
  }
}
