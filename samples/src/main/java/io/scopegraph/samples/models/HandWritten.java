package io.scopegraph.samples.models;

import io.scopegraph.CustomGetter;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioners;
import io.scopegraph.Regularizers;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample models written with plain runtime calls, scope by scope as the generated code enters them: what
 * a user would write without the annotations. Each method builds the graph its {@link ModelExamples}
 * counterpart builds.
 */
@SuppressWarnings("try") // scopes are entered for their effect on names, never referenced
public final class HandWritten {
  private HandWritten() {}

  public static Graph scoping() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    try (VarScope s = tf.variableScope("scope_vars")) {
      Variable a = tf.variable(1, "a");
      Variable b = tf.getVariable("b", 2);
      Tensor c = tf.constant(3, "c");
      try (VarScope res = tf.variableScopeBuilder("res").values(a, b, c).enter()) {
        tf.add(a.mul(b), c, "res");
      }
    }
    try (NameScopeHandle s = tf.nameScope("scope_name")) {
      Variable a = tf.variable(1, "a");
      Variable b = tf.getVariable("b", 2);
      Tensor c = tf.constant(3, "c");
      try (NameScopeHandle res = tf.nameScope("res", null, List.of(a, b, c))) {
        tf.add(a.mul(b), c, "res");
      }
    }
    return g;
  }

  private static Tensor mysumBody(Ops tf, Tensor a, Tensor b) {
    tf.getVariable("v", Shape.of(1));
    tf.variable(new int[] {0}, "v2");
    return tf.add(a, b);
  }

  public static Graph mySum() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Variable a = tf.variable(1);
    Variable b = tf.variable(2);
    try (NameScopeHandle s = tf.nameScope(null, "mysum", List.of(a, b))) {
      mysumBody(tf, a, b);
    }
    try (VarScope s = tf.variableScopeBuilder().defaultName("mysum2").values(a, b).enter()) {
      mysumBody(tf, a, b);
    }
    return g;
  }

  private static Tensor tower(Ops tf, Tensor x) {
    try (VarScope s = tf.variableScopeBuilder("tower").reuse(Reuse.AUTO).values(x).enter()) {
      Tensor w = tf.getVariable("w", Shape.of(4, 3), Initializers.randomUniform(-1, 1, 7L));
      Tensor b = tf.getVariable("b", Shape.of(3), Initializers.constant(0.1));
      return tf.relu(tf.add(tf.matMul(x, w), b));
    }
  }

  public static Graph siamese() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor left = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "left");
    Tensor right = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "right");
    try (NameScopeHandle s = tf.nameScope("distance", null, List.of(left, right))) {
      tf.sum(tf.square(tf.sub(tower(tf, left), tower(tf, right))));
    }
    return g;
  }

  private static Tensor cell(Ops tf, Tensor x, Tensor h) {
    try (VarScope s = tf.variableScopeBuilder("rnn_cell").reuse(Reuse.AUTO).values(x, h).enter()) {
      Tensor w = tf.getVariable("W", Shape.of(2, 3), Initializers.constant(0.1));
      Tensor u = tf.getVariable("U", Shape.of(3, 3), Initializers.constant(0.2));
      Tensor b = tf.getVariable("b", Shape.of(3), Initializers.zeros());
      return tf.tanh(tf.add(tf.add(tf.matMul(x, w), tf.matMul(h, u)), b));
    }
  }

  public static Graph rnn() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    List<Tensor> steps = new ArrayList<>();
    for (int t = 0; t < 5; t++) {
      steps.add(tf.constant(new float[][] {{t, 1}}, "x" + t));
    }
    Tensor h = tf.zeros(Shape.of(1, 3), DType.FLOAT32, "h0");
    try (NameScopeHandle s = tf.nameScope("rnn", null, List.of(h))) {
      for (Tensor x : steps) {
        h = cell(tf, x, h);
      }
    }
    return g;
  }

  private static Tensor dense(Ops tf, String name, Tensor x, int units) {
    try (VarScope s = tf.variableScopeBuilder(name).defaultName("dense").initializer(Initializers.glorotUniform())
        .values(x).enter()) {
      Tensor w = tf.getVariable("kernel", Shape.of(x.shape().dim(1), units));
      Tensor b = tf.getVariable("bias", Shape.of(units), Initializers.zeros());
      return tf.add(tf.matMul(x, w), b);
    }
  }

  public static Graph mlp() {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    try (NameScopeHandle s = tf.nameScope("mlp", null, List.of(x))) {
      Tensor hidden = tf.relu(dense(tf, "hidden", x, 4));
      tf.softmax(dense(tf, "output", hidden, 2));
    }
    return g;
  }

  private static Tensor embed(Ops tf, Tensor ids) {
    try (VarScope s = tf.variableScopeBuilder("embedding").reuse(Reuse.AUTO).partitioner(Partitioners.fixedSize(4))
        .regularizer(Regularizers.l2(0.001)).values(ids).enter()) {
      PartitionedVariable table = tf.getVariableBuilder("table").shape(Shape.of(10, 4)).getPartitioned();
      return tf.matMul(ids, table.asTensor());
    }
  }

  private static Tensor tower(Ops tf, String name, Tensor ids) {
    try (NameScopeHandle s = tf.nameScope(name, "tower", List.of(ids))) {
      return tf.tanh(embed(tf, ids));
    }
  }

  public static Graph embedding() {
    Graph g = new Graph();
    g.setSeed(1);
    Ops tf = Ops.on(g);
    Tensor queryIds = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "query_ids");
    Tensor itemIds = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "item_ids");
    tf.sum(tower(tf, "query", queryIds).mul(tower(tf, "item", itemIds)), new int[] {1}, false, "score");
    return g;
  }

  /** TF's {@code float32_variable_storage_getter}. */
  private static final CustomGetter FLOAT32_STORAGE = (getter, request) -> {
    DType wanted = request.dtype();
    Tensor variable = getter.get(request.withDtype(request.trainable() ? DType.FLOAT32 : wanted));
    return request.trainable() && wanted != DType.FLOAT32 ? Ops.on(variable.graph()).cast(variable, wanted) : variable;
  };

  private static Tensor mixedDense(Ops tf, String name, Tensor x, int units) {
    try (VarScope s = tf.variableScopeBuilder(name).defaultName("dense").customGetter(FLOAT32_STORAGE)
        .dtype(DType.FLOAT64).values(x).enter()) {
      Tensor w = tf.getVariableBuilder("kernel").shape(Shape.of(x.shape().dim(1), units)).value();
      Tensor b = tf.getVariableBuilder("bias").shape(Shape.of(units)).initializer(Initializers.zeros()).value();
      return tf.add(tf.matMul(x, w), b);
    }
  }

  public static Graph mixedPrecision() {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT64, Shape.of(-1, 3), "x");
    mixedDense(tf, "output", tf.relu(mixedDense(tf, "hidden", x, 4)), 2);
    return g;
  }
}
