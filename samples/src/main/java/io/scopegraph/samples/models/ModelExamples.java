package io.scopegraph.samples.models;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the annotated sample models through the generated {@code Scoped…} classes and the executor, printing
 * their variable and op names and results. {@link HandWritten} builds the same graphs with plain runtime
 * calls; the tests check both give the same names.
 */
public final class ModelExamples {
  private ModelExamples() {}

  /** What one example printed, and the graph it built. */
  public record Example(List<String> lines, Graph graph) {}

  public static void main(String[] args) {
    List<Example> all = List.of(scoping(), mySum(), siamese(), rnn(), mlp(), embedding(), mixedPrecision());
    System.out.println(all.stream().map(e -> String.join("\n", e.lines())).collect(Collectors.joining("\n\n")));
  }

  /** The seed's scoping example: {@code b} escapes the name scope, not the variable scope. */
  public static Example scoping() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    ScopingModel model = ScopedScopingModel.create(tf);
    List<Tensor> vars = model.withVariableScope(new int[] {1, 2, 3});
    List<Tensor> names = model.withNameScope(new int[] {1, 2, 3});
    List<String> lines = new ArrayList<>();
    lines.add("Scoping model (@VariableScope vs @NameScope)");
    lines.add("  scope_vars: " + tensorNames(vars));
    lines.add("  scope_name: " + tensorNames(names));
    lines.add("  results: " + initializeAndRun(g, tf, List.of(vars.get(3), names.get(3)), Map.of()));
    return new Example(lines, g);
  }

  /** mysum / mysum2 with the current and the deprecated annotations, each in a fresh graph. */
  public static Example mySum() {
    List<String> lines = new ArrayList<>();
    lines.add("mysum / mysum2 (@NameScope / @VariableScope with defaultName; deprecated @OpScope / @VariableOpScope)");
    Graph last = null;
    for (boolean deprecated : new boolean[] {false, true}) {
      Graph g = new Graph();
      Ops tf = Ops.on(g);
      MySumModel model = ScopedMySumModel.create(tf);
      Variable a = tf.variable(1);
      Variable b = tf.variable(2);
      Tensor sum = deprecated ? model.mysumDeprecated(a, b) : model.mysum(a, b);
      Tensor sum2 = deprecated ? model.mysum2Deprecated(a, b) : model.mysum2(a, b);
      String kind = deprecated ? "deprecated" : "current";
      List<Variable> vars = g.globalVariables();
      lines.add("  " + kind + " mysum:  v=" + vars.get(2).name() + " v2=" + vars.get(3).name() + " result="
          + sum.name());
      lines.add("  " + kind + " mysum2: v=" + vars.get(4).name() + " v2=" + vars.get(5).name() + " result="
          + sum2.name());
      lines.add("  " + kind + " values: " + initializeAndRun(g, tf, List.of(sum, sum2), Map.of()));
      last = g;
    }
    return new Example(lines, last);
  }

  /** Siamese towers sharing weights, on a batch of two pairs. */
  public static Example siamese() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    SiameseModel model = ScopedSiameseModel.create(tf, 4, 3);
    Tensor left = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "left");
    Tensor right = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "right");
    Tensor distance = model.distance(left, right);
    List<String> lines = new ArrayList<>();
    lines.add("Siamese towers (@VariableScope(reuse = AUTO) inside @NameScope)");
    lines.add("  variables: " + variables(g));
    lines.add("  tower ops: " + opsMatching(g, "MatMul"));
    lines.add("  output: " + distance.name());
    NdArray l = NdArray.of(new float[][] {{1, 0, 0, 1}, {0, 1, 1, 0}});
    NdArray r = NdArray.of(new float[][] {{1, 0, 0, 1}, {1, 1, 0, 0}});
    lines.add("  distance: " + initializeAndRun(g, tf, List.of(distance), Map.of(left, l, right, r)).get(0));
    return new Example(lines, g);
  }

  /** An RNN cell unrolled over 5 steps, sharing its weights. */
  public static Example rnn() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    RnnModel model = ScopedRnnModel.create(tf, 2, 3);
    List<Tensor> steps = new ArrayList<>();
    for (int t = 0; t < 5; t++) {
      steps.add(tf.constant(new float[][] {{t, 1}}, "x" + t));
    }
    List<Tensor> states = model.unroll(steps, tf.zeros(Shape.of(1, 3), DType.FLOAT32, "h0"));
    List<String> lines = new ArrayList<>();
    lines.add("RNN cell unrolled over 5 steps (@VariableScope(reuse = AUTO) called in a loop)");
    lines.add("  variables: " + variables(g));
    lines.add("  step outputs: " + tensorNames(states));
    lines.add("  last state: " + initializeAndRun(g, tf, List.of(states.get(4)), Map.of()).get(0));
    return new Example(lines, g);
  }

  /** A two-layer perceptron with caller-named layers. */
  public static Example mlp() {
    Graph g = new Graph();
    g.setSeed(42); // Glorot-uniform weights, the same on every run
    Ops tf = Ops.on(g);
    MlpModel model = ScopedMlpModel.create(tf);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor probabilities = model.forward(x);
    List<String> lines = new ArrayList<>();
    lines.add("MLP with @ScopeName layer names (getVariable ignores the mlp name scope)");
    lines.add("  variables: " + variables(g));
    lines.add("  layer ops: " + opsMatching(g, "MatMul"));
    lines.add("  output: " + probabilities.name());
    NdArray batch = NdArray.of(new float[][] {{1, 2, 3}, {-1, -2, -3}});
    lines.add("  probabilities: " + initializeAndRun(g, tf, List.of(probabilities), Map.of(x, batch)).get(0));
    return new Example(lines, g);
  }

  /** One-hot rows of the embedding's vocabulary, one per id. */
  static NdArray oneHot(int... ids) {
    float[][] rows = new float[ids.length][EmbeddingModel.VOCABULARY];
    for (int i = 0; i < ids.length; i++) {
      rows[i][ids[i]] = 1;
    }
    return NdArray.of(rows);
  }

  /**
   * An embedding table in 4 shards shared by two towers, with weight decay per shard. TensorFlow 1.15 names the
   * same code the same way (the Python is in {@link EmbeddingModel}'s Javadoc).
   */
  public static Example embedding() {
    Graph g = new Graph();
    g.setSeed(1); // the default (Glorot-uniform) initializer, the same values on every run
    Ops tf = Ops.on(g);
    EmbeddingModel model = ScopedEmbeddingModel.create(tf);
    Tensor queryIds = tf.placeholder(DType.FLOAT32, Shape.of(-1, EmbeddingModel.VOCABULARY), "query_ids");
    Tensor itemIds = tf.placeholder(DType.FLOAT32, Shape.of(-1, EmbeddingModel.VOCABULARY), "item_ids");
    Tensor score = model.score(queryIds, itemIds);
    List<String> lines = new ArrayList<>();
    lines.add("Embedding table in 4 shards shared by two towers (@VariableScope(partitioner = FourShards.class, "
        + "regularizer = WeightDecay.class, reuse = AUTO))");
    g.partitionedVariableStore().values().forEach(p -> lines.add("  partitioned variable: " + p.name() + " "
        + p.shape() + " partitions " + java.util.Arrays.toString(p.partitions())));
    lines.add("  shards: " + variables(g));
    lines.add("  ops: " + g.operations().stream().filter(op -> !op.type().equals("Placeholder")
        && !op.name().startsWith("embedding/table/part_")).map(Operation::name).collect(Collectors.joining(" ")));
    List<Tensor> losses = g.regularizationLosses();
    lines.add("  regularization losses: " + tensorNames(losses));
    Map<Tensor, NdArray> feeds = Map.of(queryIds, oneHot(1, 7), itemIds, oneHot(1, 2));
    List<Tensor> fetches = new ArrayList<>(losses);
    fetches.add(score);
    List<NdArray> values = initializeAndRun(g, tf, fetches, feeds);
    lines.add("  weight decay: " + values.subList(0, losses.size()));
    lines.add("  scores (query 1 vs item 1, query 7 vs item 2): " + values.get(losses.size()));
    return new Example(lines, g);
  }

  /**
   * Mixed precision: float32 variables handed out as float64 by a custom getter. TensorFlow 1.15 names the same
   * code the same way (the Python is in {@link MixedPrecisionModel}'s Javadoc).
   */
  public static Example mixedPrecision() {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.on(g);
    MixedPrecisionModel model = ScopedMixedPrecisionModel.create(tf);
    Tensor x = tf.placeholder(DType.FLOAT64, Shape.of(-1, 3), "x");
    Tensor y = model.forward(x);
    List<String> lines = new ArrayList<>();
    lines.add("Mixed precision: float32 variables cast to float64 for use (@VariableScope(customGetter = "
        + "Float32Storage.class, dtype = FLOAT64))");
    lines.add("  variables: " + g.globalVariables().stream().map(v -> v.name() + " " + v.dtype() + " " + v.shape())
        .collect(Collectors.joining(", ")));
    lines.add("  casts: " + g.operations().stream().filter(op -> op.type().equals("Cast"))
        .map(op -> op.output(0).name() + " " + op.output(0).dtype() + " of " + op.inputs().get(0).name())
        .collect(Collectors.joining(", ")));
    lines.add("  layer ops: " + g.operations().stream().filter(op -> Set.of("MatMul", "Add", "Relu").contains(op.type())
        && !op.name().contains("/Initializer/")).map(Operation::name).collect(Collectors.joining(" ")));
    lines.add("  output: " + y.name() + " " + y.dtype());
    NdArray batch = NdArray.of(new double[][] {{1, 2, 3}, {-1, 0.5, 2}});
    lines.add("  values: " + initializeAndRun(g, tf, List.of(y), Map.of(x, batch)).get(0));
    return new Example(lines, g);
  }

  static List<NdArray> initializeAndRun(Graph g, Ops tf, List<Tensor> fetches, Map<Tensor, NdArray> feeds) {
    try (Session session = new Session(g)) {
      session.run(tf.globalVariablesInitializer());
      return session.run(fetches, feeds);
    }
  }

  private static String tensorNames(List<? extends Tensor> tensors) {
    return tensors.stream().map(Tensor::name).collect(Collectors.joining(" "));
  }

  private static String variables(Graph g) {
    return g.globalVariables().stream().map(v -> v.name() + " " + v.shape()).collect(Collectors.joining(", "));
  }

  private static String opsMatching(Graph g, String type) {
    return g.operations().stream().filter(op -> op.type().equals(type)).map(Operation::name)
        .collect(Collectors.joining(" "));
  }
}
