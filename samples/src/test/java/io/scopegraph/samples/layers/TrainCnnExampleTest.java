package io.scopegraph.samples.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CNN sample learns rectangles vs ellipses and saves a checkpoint with TF 1.15's layer and slot names. */
class TrainCnnExampleTest {
  @Test
  void trainsAndSavesTensorFlowNames(@TempDir Path dir) throws IOException {
    TrainCnnExample.Result result = TrainCnnExample.run(dir);
    assertTrue(result.accuracy() >= 0.9, "held-out accuracy " + result.accuracy());
    List<String> expected = new ArrayList<>();
    for (String layer : List.of("batch_normalization/beta", "batch_normalization/gamma")) {
      expected.addAll(List.of(layer, layer + "/Adam", layer + "/Adam_1"));
    }
    expected.addAll(List.of("batch_normalization/moving_mean", "batch_normalization/moving_variance", "beta1_power",
        "beta2_power"));
    for (String layer : List.of("conv2d", "conv2d_1", "dense", "dense_1")) {
      for (String v : List.of("/bias", "/kernel")) {
        expected.addAll(List.of(layer + v, layer + v + "/Adam", layer + v + "/Adam_1"));
      }
    }
    Map<String, Shape> listed = result.checkpoint();
    assertEquals(expected, List.copyOf(listed.keySet()));
    assertEquals(Shape.of(3, 3, 8, 16), listed.get("conv2d_1/kernel"));
    assertEquals(Shape.of(256, 32), listed.get("dense/kernel"));
    assertEquals(Shape.of(16), listed.get("batch_normalization/moving_mean"));
  }
}
