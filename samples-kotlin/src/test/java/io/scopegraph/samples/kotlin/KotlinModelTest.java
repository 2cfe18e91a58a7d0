package io.scopegraph.samples.kotlin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Kotlin models of this module, processed by kapt in its build: the generated Java classes exist and Kotlin code
 * uses them ({@link SiameseExample}); the graph has TensorFlow's names; and the variable manifests, written from
 * kapt's stubs (which carry no method bodies), claim nothing: every root incomplete, no variable listed.
 */
class KotlinModelTest {

  @Test
  @DisplayName("kapt ran the processor: ScopedTower and ScopedSiamese are final Java subclasses of the Kotlin models")
  void generatedClasses() throws Exception {
    Class<?> tower = Class.forName("io.scopegraph.samples.kotlin.ScopedTower");
    Class<?> siamese = Class.forName("io.scopegraph.samples.kotlin.ScopedSiamese");
    assertEquals(Tower.class, tower.getSuperclass());
    assertEquals(Siamese.class, siamese.getSuperclass());
    assertTrue(Modifier.isFinal(tower.getModifiers()));
    assertEquals(Tower.class, tower.getMethod("create", io.scopegraph.Ops.class).getReturnType());
    assertTrue(Tower.class.isAnnotationPresent(kotlin.Metadata.class), "the model is Kotlin's");
  }

  @Test
  @DisplayName("the Kotlin Siamese network has TensorFlow's names: one tower's variables, shared by both calls")
  void names() {
    SiameseExample example = SiameseExample.build();
    assertEquals(List.of("tower/dense/kernel", "tower/dense/bias", "tower/dense_1/kernel", "tower/dense_1/bias"),
        new ArrayList<>(example.getGraph().variableStore().keySet()));
    for (String op : List.of("siamese/tower/dense/MatMul", "siamese/tower/dense/Relu", "siamese/tower/dense_1/BiasAdd",
        "siamese/tower_1/dense/MatMul", "siamese/tower_1/dense_1/BiasAdd", "siamese/Sum")) {
      assertEquals(op, example.getGraph().operation(op).name());
    }
    assertEquals("siamese/Sum", example.getDistance().op().name());
    assertEquals("left", example.getLeft().op().name());
  }

  @Test
  @DisplayName("shared weights: equal inputs are at distance 0, different ones are not")
  void runs() {
    SiameseExample example = SiameseExample.build();
    NdArray a = NdArray.create(DType.FLOAT32, Shape.of(2, 3), new float[] {1, 2, 3, -1, 0.5f, 2});
    NdArray b = NdArray.create(DType.FLOAT32, Shape.of(2, 3), new float[] {1, 2, 3, 4, -3, 0});
    float[] d = example.distances(a, b);
    assertEquals(2, d.length);
    assertEquals(0f, d[0], "row 0 is the same input on both sides, through the same weights");
    assertNotEquals(0f, d[1]);
  }

  @Test
  @DisplayName("the manifests written from kapt's stubs list no variable and mark every root incomplete")
  void manifestsClaimNothing() throws IOException {
    assertEquals(List.of("root\tgetTf()\tincomplete", "root\tembed(Tensor, boolean)\tincomplete"),
        manifest("io.scopegraph.samples.kotlin.Tower"));
    assertEquals(List.of("root\tgetTf()\tincomplete", "root\tdistance(Tensor, Tensor)\tincomplete"),
        manifest("io.scopegraph.samples.kotlin.Siamese"));
  }

  private static List<String> manifest(String model) throws IOException {
    try (InputStream in = KotlinModelTest.class.getResourceAsStream("/META-INF/scopegraph/" + model + ".variables")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertEquals("# scopegraph variable manifest of " + model + " (predicted by scopegraph-processor)", lines.get(0));
      return lines.subList(1, lines.size());
    }
  }
}
