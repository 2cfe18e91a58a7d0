package io.scopegraph.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.samples.models.ModelExamples;
import io.scopegraph.tensorflow.TensorFlowSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every seed example and sample model, exported and run on real TensorFlow: the same node names and the same
 * values as the built-in executor. Variables are fed to TensorFlow with scopegraph's values (TF's random
 * generators are not reproduced); placeholders get small fixed data.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class TensorFlowParityTest {
  private static final Set<String> NOT_COMPARED = Set.of("VariableV2", "Assign", "NoOp", "Placeholder",
      "RandomUniform", "RandomStandardNormal", "TruncatedNormal");

  @TestFactory
  Stream<DynamicTest> seedExamplesRunTheSameOnTensorFlow() {
    List<Runnable> examples = List.of(Example01NameScope::lines, Example02VariableScope::lines,
        Example03SharingAcrossNameScopes::lines, Example04Scoping::lines,
        Example05NameScopeAroundVariableScope::lines, Example06VariableAndOpsInScopes::lines,
        Example07OpScopeAndVariableOpScope::lines, Example08NameScopeVersusVariableScope::lines,
        Example09OperatorInVariableScope::lines, Example10NameScopeInsideVariableScope::lines,
        Example11CapturedScopeReentry::lines);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      int number = i + 1;
      Runnable example = examples.get(i);
      tests.add(DynamicTest.dynamicTest("seed example " + number, () -> {
        List<Graph> graphs = SampleGraphs.builtBy(example);
        assertFalse(graphs.isEmpty());
        graphs.forEach(TensorFlowParityTest::assertSameOnTensorFlow);
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> sampleModelsRunTheSameOnTensorFlow() {
    Map<String, Supplier<ModelExamples.Example>> models = Map.of("scoping", ModelExamples::scoping, "mysum",
        ModelExamples::mySum, "siamese", ModelExamples::siamese, "rnn", ModelExamples::rnn, "mlp", ModelExamples::mlp,
        "embedding", ModelExamples::embedding, "mixed precision", ModelExamples::mixedPrecision);
    return models.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
        "model " + e.getKey(), () -> assertSameOnTensorFlow(e.getValue().get().graph())));
  }

  static void assertSameOnTensorFlow(Graph g) {
    Map<Tensor, NdArray> feeds = new HashMap<>();
    List<Tensor> fetches = new ArrayList<>();
    for (Operation op : g.operations()) {
      if (op.type().equals("Placeholder")) {
        feeds.put(op.output(0), sampleData(op.output(0)));
      } else if (!NOT_COMPARED.contains(op.type()) && op.numOutputs() == 1 && !op.name().contains("/Initializer/")) {
        fetches.add(op.output(0));
      }
    }
    try (TensorFlowSession tf = new TensorFlowSession(g); Session own = new Session(g)) {
      assertEquals(g.operations().stream().map(Operation::name).toList(), tf.nodeNames());
      for (Variable v : g.globalVariables()) {
        own.run(v.initializer());
        feeds.put(v.read(), own.run(v));
      }
      fetches.removeIf(feeds::containsKey);
      List<NdArray> expected = own.run(fetches, feeds);
      List<NdArray> actual = tf.run(fetches, feeds);
      for (int i = 0; i < fetches.size(); i++) {
        assertClose(fetches.get(i).name(), expected.get(i), actual.get(i));
      }
    }
  }

  /** Fixed data for a placeholder: unknown dimensions become 2. */
  private static NdArray sampleData(Tensor placeholder) {
    long[] dims = placeholder.shape().dims();
    for (int i = 0; i < dims.length; i++) {
      dims[i] = dims[i] < 0 ? 2 : dims[i];
    }
    Shape shape = Shape.of(dims);
    double[] values = new double[Math.toIntExact(shape.numElements())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 7) * 0.5 - 1;
    }
    return NdArray.create(DType.FLOAT64, shape, values).cast(placeholder.dtype());
  }

  private static void assertClose(String name, NdArray expected, NdArray actual) {
    assertEquals(expected.dtype(), actual.dtype(), name);
    assertEquals(expected.shape(), actual.shape(), name);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getDouble(i);
      double a = actual.getDouble(i);
      assertTrue(Math.abs(e - a) <= 1e-5 * Math.max(1, Math.abs(e)), name + "[" + i + "]: " + e + " vs " + a);
    }
  }
}
