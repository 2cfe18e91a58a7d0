package io.scopegraph.samples.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The annotated sample models: the same graphs as hand-written runtime calls, exact names, real numbers. */
class ModelExamplesTest {

  /** The model's ops, without the initializer op the examples add to run it. */
  private static List<String> ops(Graph g) {
    return g.operations().stream().filter(op -> !op.type().equals("NoOp")).map(op -> op.name() + ":" + op.type())
        .toList();
  }

  private static void assertSameGraph(Supplier<Graph> byHand, Graph generated) {
    assertEquals(ops(byHand.get()), ops(generated));
  }

  @Test
  @DisplayName("every annotated model builds exactly the graph of its hand-written twin")
  void generatedCodeMatchesHandWrittenCalls() {
    assertSameGraph(HandWritten::scoping, ModelExamples.scoping().graph());
    assertSameGraph(HandWritten::mySum, ModelExamples.mySum().graph());
    assertSameGraph(HandWritten::siamese, ModelExamples.siamese().graph());
    assertSameGraph(HandWritten::rnn, ModelExamples.rnn().graph());
    assertSameGraph(HandWritten::mlp, ModelExamples.mlp().graph());
  }

  @Test
  @DisplayName("scoping model: the seed's names and [5, 5]")
  void scoping() {
    List<String> lines = ModelExamples.scoping().lines();
    assertEquals("  scope_vars: scope_vars/a:0 scope_vars/b:0 scope_vars/c:0 scope_vars/res/res:0", lines.get(1));
    assertEquals("  scope_name: scope_name/a:0 b:0 scope_name/c:0 scope_name/res/res:0", lines.get(2));
    assertEquals("  results: [5, 5]", lines.get(3));
  }

  @Test
  @DisplayName("Siamese: one set of weights, two tower scopes, distance computed from the weights")
  void siamese() {
    Graph g = ModelExamples.siamese().graph();
    assertEquals(List.of("tower/w:0", "tower/b:0"), g.globalVariables().stream().map(Tensor::name).toList());
    Ops tf = Ops.on(g);
    NdArray l = NdArray.of(new float[][] {{1, 0, 0, 1}, {0, 1, 1, 0}});
    NdArray r = NdArray.of(new float[][] {{1, 0, 0, 1}, {1, 1, 0, 0}});
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      float[] w = s.run(g.globalVariables().get(0)).toFloatArray();
      float[] b = s.run(g.globalVariables().get(1)).toFloatArray();
      NdArray d = s.run(List.of(g.tensor("distance/Sum:0")),
          java.util.Map.of(g.tensor("left:0"), l, g.tensor("right:0"), r)).get(0);
      double expected = 0;
      float[] lf = l.toFloatArray();
      float[] rf = r.toFloatArray();
      for (int row = 0; row < 2; row++) {
        for (int j = 0; j < 3; j++) {
          double tl = b[j];
          double tr = b[j];
          for (int k = 0; k < 4; k++) {
            tl += lf[row * 4 + k] * w[k * 3 + j];
            tr += rf[row * 4 + k] * w[k * 3 + j];
          }
          double diff = Math.max(0, tl) - Math.max(0, tr);
          expected += diff * diff;
        }
      }
      assertEquals(expected, (float) d.scalarValue(), 1e-5);
    }
  }

  @Test
  @DisplayName("RNN: five step scopes, shared weights, the state computed by hand")
  void rnn() {
    ModelExamples.Example e = ModelExamples.rnn();
    assertEquals("  step outputs: rnn/rnn_cell/Tanh:0 rnn/rnn_cell_1/Tanh:0 rnn/rnn_cell_2/Tanh:0 "
        + "rnn/rnn_cell_3/Tanh:0 rnn/rnn_cell_4/Tanh:0", e.lines().get(2));
    assertEquals(3, e.graph().globalVariables().size());
    double h = 0;
    for (int t = 0; t < 5; t++) {
      h = Math.tanh(0.1 * t + 0.1 + 3 * 0.2 * h); // W = 0.1, U = 0.2 everywhere, b = 0; all units equal
    }
    float expected = (float) h;
    assertEquals("  last state: [[" + expected + ", " + expected + ", " + expected + "]]", e.lines().get(3));
  }

  @Test
  @DisplayName("MLP: layers named by @ScopeName; softmax rows sum to one")
  void mlp() {
    ModelExamples.Example e = ModelExamples.mlp();
    assertEquals("  variables: hidden/kernel:0 (3, 4), hidden/bias:0 (4,), output/kernel:0 (4, 2), output/bias:0 (2,)",
        e.lines().get(1));
    assertEquals("  layer ops: mlp/hidden/MatMul mlp/output/MatMul", e.lines().get(2));
    assertEquals("  output: mlp/Softmax:0", e.lines().get(3));
  }

  @Test
  @DisplayName("the whole printed output")
  void wholeOutput() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      ModelExamples.main(new String[0]);
    } finally {
      System.setOut(old);
    }
    String expected = String.join("\n",
        "Scoping model (@VariableScope vs @NameScope)",
        "  scope_vars: scope_vars/a:0 scope_vars/b:0 scope_vars/c:0 scope_vars/res/res:0",
        "  scope_name: scope_name/a:0 b:0 scope_name/c:0 scope_name/res/res:0",
        "  results: [5, 5]",
        "",
        "mysum / mysum2 (@NameScope / @VariableScope with defaultName; deprecated @OpScope / @VariableOpScope)",
        "  current mysum:  v=v:0 v2=mysum/v2:0 result=mysum/Add:0",
        "  current mysum2: v=mysum2/v:0 v2=mysum2/v2:0 result=mysum2/Add:0",
        "  current values: [3, 3]",
        "  deprecated mysum:  v=v:0 v2=mysum/v2:0 result=mysum/Add:0",
        "  deprecated mysum2: v=mysum2/v:0 v2=mysum2/v2:0 result=mysum2/Add:0",
        "  deprecated values: [3, 3]",
        "",
        "Siamese towers (@VariableScope(reuse = AUTO) inside @NameScope)",
        "  variables: tower/w:0 (4, 3), tower/b:0 (3,)",
        "  tower ops: distance/tower/MatMul distance/tower_1/MatMul",
        "  output: distance/Sum:0",
        "  distance: " + ModelExamples.siamese().lines().get(4).substring("  distance: ".length()),
        "",
        "RNN cell unrolled over 5 steps (@VariableScope(reuse = AUTO) called in a loop)",
        "  variables: rnn_cell/W:0 (2, 3), rnn_cell/U:0 (3, 3), rnn_cell/b:0 (3,)",
        "  step outputs: rnn/rnn_cell/Tanh:0 rnn/rnn_cell_1/Tanh:0 rnn/rnn_cell_2/Tanh:0 rnn/rnn_cell_3/Tanh:0 "
            + "rnn/rnn_cell_4/Tanh:0",
        ModelExamples.rnn().lines().get(3),
        "",
        "MLP with @ScopeName layer names (getVariable ignores the mlp name scope)",
        "  variables: hidden/kernel:0 (3, 4), hidden/bias:0 (4,), output/kernel:0 (4, 2), output/bias:0 (2,)",
        "  layer ops: mlp/hidden/MatMul mlp/output/MatMul",
        "  output: mlp/Softmax:0",
        ModelExamples.mlp().lines().get(4)) + "\n";
    assertEquals(expected, out.toString(StandardCharsets.UTF_8));
  }
}
