package io.scopegraph.samples.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.TensorFlowSession;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The GAN sample's graph on real TensorFlow (TensorFlow Java 1.1.0): the same node names, and from the same initial
 * values and batches, five rounds of a discriminator step and a generator step leave every variable and Adam slot
 * equal within float32 rounding.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64")
class GanParityTest {
  @Test
  void ganStepsAgreeWithTensorFlow() {
    TrainGanExample.Model m = TrainGanExample.Model.build(3);
    List<Variable> variables = m.graph().globalVariables();
    try (Session ours = new Session(m.graph()); TensorFlowSession theirs = new TensorFlowSession(m.graph())) {
      assertEquals(m.graph().operations().stream().map(Operation::name).toList(), theirs.nodeNames());
      ours.run(Ops.on(m.graph()).globalVariablesInitializer());
      for (Variable v : variables) {
        theirs.run(Map.of(v.initialValue(), ours.run(v)), v.initializer());
      }
      Random random = new Random(5);
      for (int step = 1; step <= 5; step++) {
        Map<Tensor, NdArray> d = Map.of(m.real(), TrainGanExample.realBatch(random, 16), m.z(),
            TrainGanExample.noise(random, 16));
        Map<Tensor, NdArray> g = Map.of(m.z(), TrainGanExample.noise(random, 16));
        ours.runner().feed(m.real(), d.get(m.real())).feed(m.z(), d.get(m.z())).addTarget(m.parts().dTrain()).run();
        theirs.run(d, m.parts().dTrain());
        ours.runner().feed(m.z(), g.get(m.z())).addTarget(m.parts().gTrain()).run();
        theirs.run(g, m.parts().gTrain());
        List<NdArray> ourValues = ours.run(variables);
        List<NdArray> theirValues = theirs.run(variables, Map.of());
        for (int i = 0; i < variables.size(); i++) {
          NdArray e = theirValues.get(i);
          NdArray a = ourValues.get(i);
          for (int k = 0; k < e.size(); k++) {
            assertTrue(Math.abs(e.getDouble(k) - a.getDouble(k)) <= 2e-5 + 2e-4 * Math.abs(e.getDouble(k)),
                "step " + step + " " + variables.get(i).name() + "[" + k + "]: TensorFlow " + e.getDouble(k)
                    + ", ours " + a.getDouble(k));
          }
        }
      }
    }
  }
}
