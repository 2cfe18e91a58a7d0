package io.scopegraph.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GAN sample: it trains, names everything as TF 1.15, and its generated code builds the hand-written graph. */
class GanExampleTest {
  @Test
  void trainsBothModesAndSavesTensorFlowNames(@TempDir Path dir) throws IOException {
    TrainGanExample.Result result = TrainGanExample.run(dir);
    assertTrue(result.nearLow() >= 0.2 && result.nearHigh() >= 0.2,
        "generated numbers near -2: " + result.nearLow() + ", near 2: " + result.nearHigh());
    List<String> expected = new ArrayList<>(List.of("beta1_power", "beta1_power_1", "beta2_power", "beta2_power_1"));
    for (String net : List.of("discriminator", "generator")) {
      for (String layer : List.of("dense", "dense_1")) {
        for (String v : List.of("bias", "kernel")) {
          String name = net + "/" + layer + "/" + v;
          expected.addAll(List.of(name, name + "/Adam", name + "/Adam_1"));
        }
      }
    }
    assertEquals(expected, List.copyOf(result.checkpoint().keySet()));
    assertEquals(Shape.of(4, 16), result.checkpoint().get("generator/dense/kernel"));
    assertEquals(Shape.of(1, 16), result.checkpoint().get("discriminator/dense/kernel"));
  }

  @Test
  void generatedCodeBuildsTheHandWrittenGraph() {
    TrainGanExample.Model scoped = TrainGanExample.Model.build(3);
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.on(g);
    Tensor real = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "real");
    Tensor z = tf.placeholder(DType.FLOAT32, Shape.of(-1, TrainGanExample.NOISE), "z");
    GanByHand.build(tf, real, z);
    assertEquals(describe(g), describe(scoped.graph()));
    assertEquals("discriminator_1/dense_1/BiasAdd", scoped.parts().dFake().op().input(0).op().name());
    assertEquals(List.of("discriminator/dense/kernel:0", "discriminator/dense/bias:0", "discriminator/dense_1/kernel:0",
        "discriminator/dense_1/bias:0"), Ops.on(scoped.graph()).trainableVariables("discriminator").stream()
        .map(Tensor::name).toList());
  }

  /** Every op: name, type, inputs and control inputs. */
  private static List<String> describe(Graph g) {
    List<String> ops = new ArrayList<>();
    for (Operation op : g.operations()) {
      StringBuilder b = new StringBuilder(op.name()).append(' ').append(op.type());
      for (int i = 0; i < op.numInputs(); i++) {
        b.append(' ').append(op.input(i).name());
      }
      op.controlInputs().forEach(c -> b.append(" ^").append(c.name()));
      ops.add(b.toString());
    }
    return ops;
  }
}
