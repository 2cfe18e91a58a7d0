package io.scopegraph.samples.models;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.VariableManifest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The manifests the processor wrote for the sample models tell the truth: each root, run at the root of a
 * fresh graph, creates exactly the listed variables ({@code complete}) or at least them ({@code incomplete}),
 * with the listed shapes and dtypes.
 */
class ManifestHonestyTest {

  /** A float32 placeholder of shape (?, columns). */
  private static Tensor input(Ops tf, int columns) {
    return tf.placeholder(DType.FLOAT32, Shape.of(-1, columns));
  }

  @Test
  @DisplayName("SiameseModel: tower, distance")
  void siamese() {
    assertHonest(SiameseModel.class, Map.of(
        "tower(Tensor)", tf -> ScopedSiameseModel.create(tf, 4, 3).tower(input(tf, 4)),
        "distance(Tensor, Tensor)", tf -> ScopedSiameseModel.create(tf, 4, 3).distance(input(tf, 4), input(tf, 4))));
  }

  @Test
  @DisplayName("RnnModel: one cell, five unrolled steps")
  void rnn() {
    assertHonest(RnnModel.class, Map.of(
        "cell(Tensor, Tensor)", tf -> ScopedRnnModel.create(tf, 2, 3).cell(
            tf.constant(new float[][] {{0, 1}}), tf.zeros(Shape.of(1, 3), DType.FLOAT32)),
        "unroll(List<Tensor>, Tensor)", tf -> {
          List<Tensor> steps = new ArrayList<>();
          for (int t = 0; t < 5; t++) {
            steps.add(tf.constant(new float[][] {{t, 1}}));
          }
          ScopedRnnModel.create(tf, 2, 3).unroll(steps, tf.zeros(Shape.of(1, 3), DType.FLOAT32));
        }));
  }

  @Test
  @DisplayName("MlpModel: a default-named dense layer, the two-layer forward pass")
  void mlp() {
    assertHonest(MlpModel.class, Map.of(
        "dense(String, Tensor, int)", tf -> ScopedMlpModel.create(tf).dense(null, input(tf, 3), 4),
        "forward(Tensor)", tf -> ScopedMlpModel.create(tf).forward(input(tf, 3))));
  }

  @Test
  @DisplayName("ScopingModel: the seed's scoping() in a variable scope and in a name scope")
  void scoping() {
    int[] vals = {1, 2, 3};
    assertHonest(ScopingModel.class, Map.of(
        "withVariableScope(int[])", tf -> ScopedScopingModel.create(tf).withVariableScope(vals),
        "withNameScope(int[])", tf -> ScopedScopingModel.create(tf).withNameScope(vals),
        "resInVariableScope(Tensor, Tensor, Tensor)", tf -> ScopedScopingModel.create(tf).resInVariableScope(
            tf.constant(1), tf.constant(2), tf.constant(3)),
        "resInNameScope(Tensor, Tensor, Tensor)", tf -> ScopedScopingModel.create(tf).resInNameScope(
            tf.constant(1), tf.constant(2), tf.constant(3))));
  }

  @Test
  @DisplayName("MySumModel: mysum / mysum2, current and deprecated annotations")
  void mySum() {
    assertHonest(MySumModel.class, Map.of(
        "mysum(Tensor, Tensor)", tf -> ScopedMySumModel.create(tf).mysum(tf.variable(1), tf.variable(2)),
        "mysum2(Tensor, Tensor)", tf -> ScopedMySumModel.create(tf).mysum2(tf.variable(1), tf.variable(2)),
        "mysumDeprecated(Tensor, Tensor)",
        tf -> ScopedMySumModel.create(tf).mysumDeprecated(tf.variable(1), tf.variable(2)),
        "mysum2Deprecated(Tensor, Tensor)",
        tf -> ScopedMySumModel.create(tf).mysum2Deprecated(tf.variable(1), tf.variable(2))));
  }

  @Test
  @DisplayName("EmbeddingModel and MixedPrecisionModel: a partitioner and a custom getter hide their variables")
  void partitionedAndCustomGetter() {
    assertHonest(EmbeddingModel.class, Map.of(
        "embed(Tensor)", tf -> ScopedEmbeddingModel.create(tf).embed(input(tf, 10)),
        "tower(String, Tensor)", tf -> ScopedEmbeddingModel.create(tf).tower(null, input(tf, 10)),
        "score(Tensor, Tensor)", tf -> ScopedEmbeddingModel.create(tf).score(input(tf, 10), input(tf, 10))));
    assertHonest(MixedPrecisionModel.class, Map.of(
        "dense(String, Tensor, int)", tf -> ScopedMixedPrecisionModel.create(tf).dense(null,
            tf.placeholder(DType.FLOAT64, Shape.of(-1, 3)), 2),
        "forward(Tensor)", tf -> ScopedMixedPrecisionModel.create(tf).forward(
            tf.placeholder(DType.FLOAT64, Shape.of(-1, 3)))));
  }

  /**
   * Runs each root (by manifest name) in a fresh graph and compares the variable store with the model's
   * manifest; {@code runs} must cover every non-private method of the model.
   */
  private static void assertHonest(Class<?> model, Map<String, Consumer<Ops>> runs) {
    VariableManifest manifest = VariableManifest.load(model)
        .orElseThrow(() -> new AssertionError("no " + VariableManifest.resourceName(model) + " on the class path"));
    TreeSet<String> methods = Arrays.stream(model.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
        .map(ManifestHonestyTest::manifestName).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(methods, new TreeSet<>(runs.keySet()), "this test runs every non-private method of " + model);
    assertEquals(methods, manifest.roots().stream().map(VariableManifest.Root::method)
        .collect(Collectors.toCollection(TreeSet::new)), "the manifest has a root per non-private method");

    List<Executable> checks = new ArrayList<>();
    for (VariableManifest.Root root : manifest.roots()) {
      checks.add(() -> {
        Graph graph = new Graph();
        runs.get(root.method()).accept(Ops.on(graph));
        assertRootHonest(model.getSimpleName(), root, graph.variableStore());
      });
    }
    assertAll(model.getSimpleName(), checks);
  }

  private static void assertRootHonest(String model, VariableManifest.Root root, Map<String, Variable> store) {
    String where = model + "." + root.method() + " (" + (root.complete() ? "complete" : "incomplete") + ")";
    List<String> listed = root.variables().stream().map(VariableManifest.Entry::name).toList();
    TreeSet<String> predicted = new TreeSet<>(listed);
    TreeSet<String> actual = new TreeSet<>(store.keySet());
    assertEquals(predicted.size(), listed.size(), where + " lists a variable twice: " + listed);
    if (root.complete()) {
      assertEquals(actual, predicted, where + ": the predicted variables are the store's");
    } else {
      TreeSet<String> invented = new TreeSet<>(predicted);
      invented.removeAll(actual);
      assertEquals(new TreeSet<String>(), invented, where + ": listed but not created (store: " + actual + ")");
    }
    for (VariableManifest.Entry entry : root.variables()) {
      Variable v = store.get(entry.name());
      if (v != null && entry.shape() != null) {
        assertEquals(entry.shape(), v.shape(), where + ": shape of " + entry.name());
      }
      if (v != null && entry.dtype() != null) {
        assertEquals(entry.dtype(), v.dtype(), where + ": dtype of " + entry.name());
      }
    }
  }

  /** {@code name(SimpleType, SimpleType)}: the parameter types as declared, packages stripped. */
  private static String manifestName(Method method) {
    return method.getName() + Arrays.stream(method.getGenericParameterTypes()).map(Type::getTypeName)
        .map(t -> t.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+", "").replace('$', '.'))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
