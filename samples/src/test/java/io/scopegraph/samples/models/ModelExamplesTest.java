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
    assertSameGraph(HandWritten::embedding, ModelExamples.embedding().graph());
    assertSameGraph(HandWritten::mixedPrecision, ModelExamples.mixedPrecision().graph());
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

  /*
   * The TensorFlow 1.15 code of the embedding sample (EmbeddingModel's Javadoc has the model functions):
   *
   *   tf.set_random_seed(1)
   *   query_ids = tf.placeholder(tf.float32, [None, 10], name="query_ids")
   *   item_ids = tf.placeholder(tf.float32, [None, 10], name="item_ids")
   *   s = score(query_ids, item_ids)
   *   # the store holds the PartitionedVariable embedding/table, shape (10, 4), partitions [4, 1]
   *   tf.global_variables()                        # embedding/table/part_0:0 (3, 4) … part_3:0 (2, 4)
   *   [op.name for op in graph.get_operations()]   # the ops below, between the shards' own ops
   *   tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
   *
   * fixed_size_partitioner(4) on (10, 4) gives [4, 1]; 10 rows in 4 shards are 3, 3, 2, 2 (the first shards
   * take the remainder, _iter_slices). get_variable runs under name_scope(None), so the shards and their
   * Regularizer/l2_regularizer losses have absolute names; as_tensor() concatenates in the absolute scope
   * "embedding/table/ConcatPartitions/" and names an Identity "embedding/table" at the root, uniquified on the
   * second tower (concat_1, embedding/table_1). Each tower's MatMul is in the name scope the variable scope
   * opened inside the tower's (query/embedding/MatMul); `*` is the "mul" op; reduce_sum(..., axis=[1],
   * name="score") makes score/reduction_indices and score.
   */
  private static final List<String> EMBEDDING_NAMES = List.of(
      "Embedding table in 4 shards shared by two towers (@VariableScope(partitioner = FourShards.class, "
          + "regularizer = WeightDecay.class, reuse = AUTO))",
      "  partitioned variable: embedding/table (10, 4) partitions [4, 1]",
      "  shards: embedding/table/part_0:0 (3, 4), embedding/table/part_1:0 (3, 4), embedding/table/part_2:0 (2, 4), "
          + "embedding/table/part_3:0 (2, 4)",
      "  ops: embedding/table/ConcatPartitions/concat/axis embedding/table/ConcatPartitions/concat embedding/table "
          + "query/embedding/MatMul query/Tanh embedding/table/ConcatPartitions/concat_1/axis "
          + "embedding/table/ConcatPartitions/concat_1 embedding/table_1 item/embedding/MatMul item/Tanh mul "
          + "score/reduction_indices score",
      "  regularization losses: embedding/table/part_0/Regularizer/l2_regularizer:0 "
          + "embedding/table/part_1/Regularizer/l2_regularizer:0 embedding/table/part_2/Regularizer/l2_regularizer:0 "
          + "embedding/table/part_3/Regularizer/l2_regularizer:0");

  /*
   * The TensorFlow 1.15 code of the mixed-precision sample (MixedPrecisionModel's Javadoc has the getter and the
   * layers):
   *
   *   tf.set_random_seed(42)
   *   x = tf.placeholder(tf.float64, [None, 3], name="x")
   *   y = forward(x)                    # output/Add:0, float64
   *   tf.global_variables()             # hidden/kernel:0 … output/bias:0, all float32_ref
   *
   * The getter runs under get_variable's name_scope(None), so tf.cast makes root-level Cast, Cast_1, Cast_2,
   * Cast_3 (in the order kernel, bias of hidden, then of output) reading each variable's read snapshot; tf.add
   * is the "Add" op in each layer's name scope, tf.nn.relu the root-level "Relu".
   */
  private static final List<String> MIXED_PRECISION_NAMES = List.of(
      "Mixed precision: float32 variables cast to float64 for use (@VariableScope(customGetter = "
          + "Float32Storage.class, dtype = FLOAT64))",
      "  variables: hidden/kernel:0 float32 (3, 4), hidden/bias:0 float32 (4,), output/kernel:0 float32 (4, 2), "
          + "output/bias:0 float32 (2,)",
      "  casts: Cast:0 float64 of hidden/kernel/read:0, Cast_1:0 float64 of hidden/bias/read:0, Cast_2:0 float64 of "
          + "output/kernel/read:0, Cast_3:0 float64 of output/bias/read:0",
      "  layer ops: hidden/MatMul hidden/Add Relu output/MatMul output/Add",
      "  output: output/Add:0 float64");

  private static List<NdArray> values(Graph g, List<Tensor> fetches, java.util.Map<Tensor, NdArray> feeds) {
    try (Session s = new Session(g)) {
      s.run(Ops.on(g).globalVariablesInitializer());
      return s.run(fetches, feeds);
    }
  }

  @Test
  @DisplayName("embedding: 4 shards shared by both towers, TF's names, weight decay and scores computed by hand")
  void embedding() {
    ModelExamples.Example e = ModelExamples.embedding();
    assertEquals(EMBEDDING_NAMES, e.lines().subList(0, 5));
    Graph g = e.graph();
    List<Tensor> shards = new java.util.ArrayList<>(g.globalVariables());
    java.util.Map<Tensor, NdArray> feeds = java.util.Map.of(g.tensor("query_ids:0"), ModelExamples.oneHot(1, 7),
        g.tensor("item_ids:0"), ModelExamples.oneHot(1, 2));
    List<NdArray> shardValues = values(g, shards, feeds);
    String[] decay = e.lines().get(5).replaceAll(".*\\[|\\]", "").split(", ");
    float[][] table = new float[10][];
    int row = 0;
    for (int shard = 0; shard < 4; shard++) {
      float[] flat = shardValues.get(shard).toFloatArray();
      double squares = 0;
      for (float f : flat) {
        squares += (double) f * f;
      }
      assertEquals(0.001 * squares / 2, Float.parseFloat(decay[shard]), 1e-9, "l2_regularizer of shard " + shard);
      for (int i = 0; i < flat.length / 4; i++) {
        table[row++] = java.util.Arrays.copyOfRange(flat, i * 4, i * 4 + 4);
      }
    }
    String[] scores = e.lines().get(6).replaceAll(".*\\[|\\]", "").split(", ");
    int[][] pairs = {{1, 1}, {7, 2}};
    for (int i = 0; i < 2; i++) {
      double dot = 0;
      for (int j = 0; j < 4; j++) {
        dot += Math.tanh(table[pairs[i][0]][j]) * Math.tanh(table[pairs[i][1]][j]);
      }
      assertEquals(dot, Float.parseFloat(scores[i]), 1e-5, "score " + i);
    }
    assertEquals(4, g.regularizationLosses().size(), "one loss per shard, none added by the second tower's reuse");
  }

  @Test
  @DisplayName("mixed precision: float32 variables, float64 casts at the root, the output computed by hand")
  void mixedPrecision() {
    ModelExamples.Example e = ModelExamples.mixedPrecision();
    assertEquals(MIXED_PRECISION_NAMES, e.lines().subList(0, 5));
    Graph g = e.graph();
    List<NdArray> vars = values(g, List.copyOf(g.globalVariables()), java.util.Map.of());
    double[][] x = {{1, 2, 3}, {-1, 0.5, 2}};
    float[] w1 = vars.get(0).toFloatArray();
    float[] b1 = vars.get(1).toFloatArray();
    float[] w2 = vars.get(2).toFloatArray();
    float[] b2 = vars.get(3).toFloatArray();
    String[] printed = e.lines().get(5).replaceAll(".*values: |\\[|\\]", "").split(", ");
    for (int r = 0; r < 2; r++) {
      double[] h = new double[4];
      for (int j = 0; j < 4; j++) {
        h[j] = b1[j];
        for (int k = 0; k < 3; k++) {
          h[j] += x[r][k] * w1[k * 4 + j];
        }
        h[j] = Math.max(0, h[j]);
      }
      for (int j = 0; j < 2; j++) {
        double y = b2[j];
        for (int k = 0; k < 4; k++) {
          y += h[k] * w2[k * 2 + j];
        }
        assertEquals(y, Double.parseDouble(printed[r * 2 + j]), 1e-12, "output[" + r + "][" + j + "] in float64");
      }
    }
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
        ModelExamples.mlp().lines().get(4),
        "",
        String.join("\n", EMBEDDING_NAMES),
        ModelExamples.embedding().lines().get(5),
        ModelExamples.embedding().lines().get(6),
        "",
        String.join("\n", MIXED_PRECISION_NAMES),
        ModelExamples.mixedPrecision().lines().get(5)) + "\n";
    assertEquals(expected, out.toString(StandardCharsets.UTF_8));
  }
}
