package io.scopegraph.samples.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.TensorFlowSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.scopegraph.train.GradientDescentOptimizer;
import io.scopegraph.train.MomentumOptimizer;
import io.scopegraph.train.Optimizer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The sample's CNN (two conv2d + max_pooling2d, batch_normalization, dropout, two dense) on real TensorFlow
 * (TensorFlow Java 1.1.0) and on the built-in executor: TensorFlow imports every node under the same name, and from
 * the same initial values and the same dropout mask (the dropout's uniform noise is fed to both) three training steps
 * leave every variable, moving statistic and Adam slot equal within float32 rounding.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64")
class CnnParityTest {
  static Stream<Arguments> optimizers() {
    return Stream.of(Arguments.of("GradientDescent", new GradientDescentOptimizer(0.1)),
        Arguments.of("Momentum", new MomentumOptimizer(0.05, 0.9)));
  }

  // Not Adam: its first step moves each variable by about lr·sign(g), and a convolution bias feeding batch
  // normalization has a gradient that is zero up to float32 rounding, whose sign differs between two correct kernels.
  @ParameterizedTest(name = "{0}: same node names; every variable, moving statistic and slot equal after 3 steps")
  @MethodSource("optimizers")
  void cnnTrainingStepsAgreeWithTensorFlow(String name, Optimizer optimizer) {
    ShapesCnn m = ShapesCnn.build(5, optimizer);
    ShapeImages data = ShapeImages.make(16, 3);
    Tensor noise = m.graph().tensor("dropout/cond/dropout/random_uniform:0");
    List<Variable> variables = m.graph().globalVariables();
    try (Session ours = new Session(m.graph()); TensorFlowSession theirs = new TensorFlowSession(m.graph())) {
      // the same names; TensorFlow lists a cond's Switch before the op that consumes it (topological order),
      // where the graph built here lists it after, as TF's Python creates it
      assertEquals(m.graph().operations().stream().map(Operation::name).sorted().toList(),
          theirs.nodeNames().stream().sorted().toList());
      ours.run(Ops.on(m.graph()).globalVariablesInitializer());
      for (Variable v : variables) { // TF's random generators differ: start TF from our initial values
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      Random random = new Random(9);
      for (int step = 1; step <= 3; step++) {
        float[][] mask = new float[16][32];
        for (float[] row : mask) {
          for (int j = 0; j < row.length; j++) {
            row[j] = random.nextFloat();
          }
        }
        Map<Tensor, NdArray> feed = new HashMap<>();
        feed.put(m.images(), TrainCnnExample.images(data, 0, 16));
        feed.put(m.labels(), TrainCnnExample.labels(data, 0, 16));
        feed.put(m.training(), NdArray.scalar(true));
        feed.put(noise, NdArray.of(mask));
        Session.Runner runner = ours.runner();
        feed.forEach(runner::feed);
        runner.addTarget(m.train()).run();
        theirs.run(feed, m.train());
        List<NdArray> ourValues = ours.run(variables);
        List<NdArray> theirValues = theirs.run(variables, Map.of());
        for (int i = 0; i < variables.size(); i++) {
          assertClose(theirValues.get(i), ourValues.get(i), "step " + step + " " + variables.get(i).name());
        }
      }
      Map<Tensor, NdArray> eval = Map.of(m.images(), TrainCnnExample.images(data, 0, 16), m.labels(),
          TrainCnnExample.labels(data, 0, 16));
      float ourLoss = ours.run(List.of(m.loss()), eval).get(0).toFloatArray()[0];
      float theirLoss = theirs.run(List.of(m.loss()), eval).get(0).toFloatArray()[0];
      assertEquals(theirLoss, ourLoss, 1e-4 + 1e-4 * Math.abs(theirLoss), "inference loss");
    }
  }

  private static void assertClose(NdArray expected, NdArray actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what);
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getDouble(i);
      double a = actual.getDouble(i);
      assertTrue(Math.abs(e - a) <= 2e-5 + 2e-4 * Math.abs(e), what + "[" + i + "]: TensorFlow " + e + ", ours " + a);
    }
  }
}
