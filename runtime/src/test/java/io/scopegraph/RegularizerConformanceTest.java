package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance case C83 (regularizers), and TF's l1 / l2 regularizers by name and value. */
class RegularizerConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private static List<String> names(List<? extends Tensor> tensors) {
    return tensors.stream().map(Tensor::name).toList();
  }

  private List<String> opsUnder(String prefix) {
    return g.operations().stream().filter(op -> op.name().startsWith(prefix))
        .map(op -> op.name() + ":" + op.type()).toList();
  }

  private List<Double> values(List<Tensor> tensors) {
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      return s.run(tensors).stream().map(a -> a.getDouble(0)).toList();
    }
  }

  @Test
  @DisplayName("C83 regularizer inheritance, override, none(), no loss on reuse")
  void c83_regularizerInheritanceAndOverride() {
    Regularizer reg1 = w -> tf.mean(w).add(0.1f);
    Regularizer reg2 = w -> tf.mean(w).add(0.2f);
    Initializer init = Initializers.constant(0.3);
    try (VarScope tower = tf.variableScopeBuilder("tower3").regularizer(reg1).enter()) {
      try (VarScope foo = tf.variableScopeBuilder("foo").initializer(init).enter()) {
        tf.getVariable("v", Shape.scalar());
      }
      try (VarScope s = tf.variableScopeBuilder(tower).initializer(init).enter()) {
        tf.getVariable("u", Shape.scalar());
        s.setRegularizer(reg2);
        tf.getVariable("w", Shape.scalar());
        tf.getVariableBuilder("x").shape(Shape.scalar()).regularizer(Regularizers.none()).get();
        try (VarScope baz = tf.variableScopeBuilder("baz").regularizer(Regularizers.none()).enter()) {
          tf.getVariable("y", Shape.scalar());
        }
        s.setRegularizer(Regularizers.none());
        tf.getVariable("z", Shape.scalar());
      }
      try (VarScope foo = tf.variableScope("foo", Reuse.TRUE)) {
        tf.getVariable("v", Shape.scalar());
      }
      assertEquals(3, tower.regularizationLosses().size());
    }
    List<Tensor> losses = g.regularizationLosses();
    assertEquals(List.of("tower3/foo/v/Regularizer/add:0", "tower3/u/Regularizer/add:0",
        "tower3/w/Regularizer/add:0"), names(losses));
    assertEquals(losses, g.collection(Graph.REGULARIZATION_LOSSES));
    // reduce_mean of a variable: TF's _ReductionDims sees no static rank on a non-Tensor, so Rank + range
    assertEquals(List.of("tower3/foo/v/Regularizer/Rank:Const", "tower3/foo/v/Regularizer/range/start:Const",
        "tower3/foo/v/Regularizer/range/delta:Const", "tower3/foo/v/Regularizer/range:Range",
        "tower3/foo/v/Regularizer/Mean:Mean",
        "tower3/foo/v/Regularizer/add/y:Const", "tower3/foo/v/Regularizer/add:AddV2"),
        opsUnder("tower3/foo/v/Regularizer/"));
    List<Double> values = values(losses);
    assertEquals(0.4, values.get(0), 1e-6);
    assertEquals(0.4, values.get(1), 1e-6);
    assertEquals(0.5, values.get(2), 1e-6);
  }

  @Test
  @DisplayName("l2(scale): l2_regularizer/scale, L2Loss and a Mul named like the scope; scale * sum(w^2) / 2")
  void l2NamesAndValue() {
    Variable w;
    try (VarScope s = tf.variableScopeBuilder("layer").regularizer(Regularizers.l2(0.5)).enter()) {
      w = tf.getVariable("w", Shape.of(2), Initializers.constant(new float[] {3, 4}));
    }
    assertEquals(List.of("layer/w/Regularizer/l2_regularizer/scale:Const",
        "layer/w/Regularizer/l2_regularizer/L2Loss:L2Loss", "layer/w/Regularizer/l2_regularizer:Mul"),
        opsUnder("layer/w/Regularizer/"));
    Tensor loss = g.regularizationLosses().get(0);
    assertEquals("layer/w/Regularizer/l2_regularizer:0", loss.name());
    assertSame(w.read(), g.operation("layer/w/Regularizer/l2_regularizer/L2Loss").input(0));
    assertEquals(NdArray.scalar(0.5f), g.operation("layer/w/Regularizer/l2_regularizer/scale").attr("value"));
    assertEquals(List.of(6.25), values(List.of(loss)));
  }

  @Test
  @DisplayName("l1(scale): l1_regularizer/scale, Abs, Const, Sum and a Mul; scale * sum(|w|), in the variable's dtype")
  void l1NamesAndValue() {
    tf.getVariableBuilder("w").shape(Shape.of(2, 2)).dtype(DType.FLOAT64)
        .initializer(Initializers.constant(new double[] {1, -2, 3, -4})).regularizer(Regularizers.l1(0.1)).get();
    assertEquals(List.of("w/Regularizer/l1_regularizer/scale:Const", "w/Regularizer/l1_regularizer/Abs:Abs",
        "w/Regularizer/l1_regularizer/Const:Const", "w/Regularizer/l1_regularizer/Sum:Sum",
        "w/Regularizer/l1_regularizer:Mul"), opsUnder("w/Regularizer/"));
    Tensor loss = g.regularizationLosses().get(0);
    assertEquals(DType.FLOAT64, loss.dtype());
    assertEquals(1.0, values(List.of(loss)).get(0), 1e-12);
  }

  @Test
  @DisplayName("scale 0 disables the regularizer; a negative scale fails with TF's message")
  void scales() {
    assertSame(Regularizers.none(), Regularizers.l2(0));
    assertSame(Regularizers.none(), Regularizers.l1(0.0));
    assertEquals("Setting a scale less than 0 on a regularizer: -0.5.",
        assertThrows(InvalidRegularizerException.class, () -> Regularizers.l2(-0.5)).getMessage());
    assertEquals("Setting a scale less than 0 on a regularizer: -1",
        assertThrows(InvalidRegularizerException.class, () -> Regularizers.l1(-1)).getMessage());
    assertEquals("1e-07", Regularizers.pythonG(1e-7));
    assertEquals("1.23457e+06", Regularizers.pythonG(1234567));
    assertEquals("0.0001", Regularizers.pythonG(0.0001));
    tf.getVariableBuilder("w").shape(Shape.of(1)).regularizer(Regularizers.l2(0)).get();
    assertEquals(List.of(), g.regularizationLosses());
  }

  @Test
  @DisplayName("a partitioned variable gets one loss per shard, under the shard's name")
  void partitionedVariableLossPerShard() {
    try (VarScope s = tf.variableScopeBuilder("emb").partitioner(Partitioners.fixedSize(2))
        .regularizer(Regularizers.l2(1.0)).enter()) {
      tf.getVariableBuilder("e").shape(Shape.of(3, 2)).initializer(Initializers.ones()).getPartitioned();
    }
    List<Tensor> losses = g.regularizationLosses();
    assertEquals(List.of("emb/e/part_0/Regularizer/l2_regularizer:0", "emb/e/part_1/Regularizer/l2_regularizer:0"),
        names(losses));
    assertEquals(List.of(2.0, 1.0), values(losses));
  }

  @Test
  @DisplayName("losses are filtered by scope; local variables are regularized too")
  void lossCollectionsFilterByScope() {
    try (VarScope a = tf.variableScopeBuilder("a").regularizer(Regularizers.l2(1.0)).enter()) {
      tf.getVariable("v", Shape.of(1));
      try (VarScope b = tf.variableScope("b")) {
        tf.getLocalVariable("w", Shape.of(1));
        assertEquals(List.of("a/b/w/Regularizer/l2_regularizer:0"), names(b.regularizationLosses()));
      }
      assertEquals(2, a.regularizationLosses().size());
    }
    try (VarScope ab = tf.variableScope("ab")) {
      assertEquals(List.of(), ab.regularizationLosses());
    }
    assertEquals(List.of("a/v/Regularizer/l2_regularizer:0"), names(g.regularizationLosses("a/v")));
    assertEquals(List.of("a/b/w:0"), names(g.localVariables()));
  }

  @Test
  @DisplayName("Regularizers.None (the annotations' no_regularizer) switches an inherited regularizer off")
  void noneClassSwitchesOffInheritedRegularizer() {
    assertEquals(null, new Regularizers.None().apply(tf.constant(1f)));
    try (VarScope outer = tf.variableScopeBuilder("outer").regularizer(Regularizers.l2(1.0)).enter()) {
      tf.getVariable("w", Shape.of(1));
      try (VarScope quiet = tf.variableScopeBuilder("quiet").regularizer(new Regularizers.None()).enter()) {
        tf.getVariable("b", Shape.of(1));
        try (VarScope again = tf.variableScopeBuilder("again").regularizer(Regularizers.l1(1.0)).enter()) {
          tf.getVariable("c", Shape.of(1));
        }
      }
    }
    assertEquals(List.of("outer/w/Regularizer/l2_regularizer:0", "outer/quiet/again/c/Regularizer/l1_regularizer:0"),
        names(g.regularizationLosses()));
  }

  @Test
  @DisplayName("a regularizer that fails takes its variable with it")
  void failingRegularizerLeavesNoTrace() {
    Regularizer broken = w -> tf.add(w, tf.constant(new float[] {1, 2, 3}));
    assertThrows(IncompatibleShapesException.class,
        () -> tf.getVariableBuilder("v").shape(Shape.of(2)).regularizer(broken).get());
    assertEquals(List.of(), g.operations());
    assertEquals(0, g.variableStore().size());
    assertEquals(List.of(), g.regularizationLosses());
  }
}
