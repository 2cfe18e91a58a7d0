package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.DeviceScopeHandle;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioners;
import io.scopegraph.Regularizers;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;

/** Graphs the tests export and import. */
final class SeedGraphs {
  private SeedGraphs() {}

  /**
   * The seed's {@code scoping} example: {@code scoping(tf.variable_scope, 'scope_vars', 'res', [1, 2, 3])},
   * then the same with {@code tf.name_scope} and {@code 'scope_name'}, then {@code init}. Both {@code res}
   * evaluate to 5.
   */
  @SuppressWarnings("try")
  static Graph scoping() {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    try (VarScope s1 = tf.variableScope("scope_vars")) {
      scopingBody(tf);
    }
    try (NameScopeHandle s1 = tf.nameScope("scope_name")) {
      scopingBody(tf);
    }
    tf.globalVariablesInitializer();
    return graph;
  }

  @SuppressWarnings("try")
  private static void scopingBody(Ops tf) {
    Variable a = tf.variable(1, "a");
    Variable b = tf.getVariable("b", 2);
    Tensor c = tf.constant(3, "c");
    try (NameScopeHandle s2 = tf.nameScope("res")) {
      tf.add(a.mul(b), c, "res");
    }
  }

  /**
   * A graph with every op type the runtime runs: a seeded layer with random initializers, placeholders,
   * every element-wise op, reductions, reshapes, casts, fills, bool and int64 constants, a partitioned and
   * regularized variable on {@code /cpu:0} (slices, L2 losses, a concatenation), {@code init}, and a saver whose
   * default prefix is {@code target/every-op-type/model} (evaluating its ops writes and reads that checkpoint).
   */
  @SuppressWarnings("try")
  static Graph everyOpType() {
    Graph graph = new Graph();
    graph.setSeed(1234);
    Ops tf = Ops.on(graph);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Variable w;
    Variable b;
    Variable n;
    Variable t;
    try (VarScope s = tf.variableScope("layer")) {
      w = tf.getVariable("w", Shape.of(3, 2));
      b = tf.getVariable("b", Shape.of(2), Initializers.zeros());
      n = tf.getVariable("n", Shape.of(2, 2), Initializers.randomNormal(0, 1, 3L));
      t = tf.getVariable("t", Shape.of(2), DType.FLOAT64, Initializers.truncatedNormal(0, 1, null));
    }
    Tensor h = tf.relu(tf.add(tf.matMul(x, w), b), "h");
    Tensor y = tf.softmax(h, "y");
    tf.matMul(h, n, false, true, "hn");
    tf.sigmoid(h);
    tf.tanh(h);
    tf.exp(h);
    tf.log(y);
    tf.sqrt(y);
    tf.abs(tf.neg(h));
    tf.square(h);
    tf.sub(h, y);
    tf.mul(h, y);
    tf.realDiv(h, y);
    tf.pow(y, y);
    tf.maximum(h, y);
    tf.minimum(h, y);
    tf.squaredDifference(h, y);
    tf.addV2(h, y, "h_plus_y");
    tf.sum(h, "total");
    tf.mean(h, new int[] {1}, true, "row_mean");
    tf.reshape(h, Shape.of(-1), "flat");
    tf.fill(Shape.of(2, 2), 3f, "threes");
    tf.zeros(Shape.of(1000), DType.FLOAT32, "many_zeros");   // a Fill from 1000 elements on
    tf.ones(Shape.of(2), DType.INT64, "ones");
    tf.cast(h, DType.INT32, "h_int");
    tf.identity(t, "t_copy");
    graph.opBuilder("ZerosLike", "zeros_like").addInput(h).setAttr("T", DType.FLOAT32)
        .addOutput(DType.FLOAT32, h.shape()).build();
    tf.constant(new int[] {3, 4}).truediv(tf.constant(new int[] {2, 8}));  // Cast, RealDiv
    tf.constant(new boolean[] {true, false}, "flags");
    tf.randomUniform(Shape.of(3), DType.FLOAT64, -1, 1, 5L, "noise");
    tf.noOp("nothing");
    try (DeviceScopeHandle cpu = tf.device("/cpu:0");
        VarScope part = tf.variableScopeBuilder("part").partitioner(Partitioners.fixedSize(2))
            .regularizer(Regularizers.l2(0.5)).enter()) {
      PartitionedVariable e = tf.getVariableBuilder("e").shape(Shape.of(3, 2))
          .initialValue(new float[][] {{1, 2}, {3, 4}, {5, 6}}).getPartitioned();   // Slice, L2Loss
      tf.matMul(e.asTensor(), w, false, true, "ew");                                  // ConcatV2
    }
    tf.placeholderWithDefault(2.5f, Shape.scalar(), "with_default");
    tf.globalVariablesInitializer();
    Saver.builder(graph).filename("target/every-op-type/model").build();   // SaveV2, RestoreV2
    return graph;
  }
}
