package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance cases J (custom getters): C91, C92, C94, and TF's composition rules. */
class CustomGetterConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** C91's getter: two variables {@code <name>/0} and {@code <name>/1}, summed in name scope custom_getter. */
  private final CustomGetter twoAndSum = (getter, request) -> {
    Tensor g0 = getter.get(request.withName(request.name() + "/0"));
    Tensor g1 = getter.get(request.withName(request.name() + "/1"));
    try (NameScopeHandle s = tf.nameScope("custom_getter")) {
      return g0.add(g1);
    }
  };

  private static List<String> names(List<? extends Tensor> tensors) {
    return tensors.stream().map(Tensor::name).toList();
  }

  @Test
  @DisplayName("C91 a custom getter that makes two variables; its ops are at the root name scope")
  void c91_getterCreatesTwoVariablesAndSumsThem() {
    Tensor v;
    try (VarScope s = tf.variableScopeBuilder("scope").customGetter(twoAndSum).enter()) {
      v = tf.getVariableBuilder("v").shape(Shape.of(1, 2, 3)).value();
    }
    assertEquals(List.of("scope/v/0:0", "scope/v/1:0"), names(g.trainableVariables()));
    assertEquals("custom_getter/add:0", v.name());
    assertEquals("AddV2", v.op().type());
  }

  @Test
  @DisplayName("C91 get() of a getter's non-variable result fails, names the fix, and leaves no trace")
  void c91_getOfANonVariableResult() {
    try (VarScope s = tf.variableScopeBuilder("scope").customGetter(twoAndSum).enter()) {
      VariableKindException e = assertThrows(VariableKindException.class, () -> tf.getVariable("v", Shape.of(1)));
      assertEquals("getVariable(\"v\") in variable scope 'scope' got Tensor(\"custom_getter/add:0\", shape=(1,), "
          + "dtype=float32) from its custom getter, which is not a Variable: call getVariableBuilder(\"v\")…value() "
          + "to take the custom getter's result as a Tensor.", e.getMessage());
    }
    assertEquals(List.of(), g.operations());
    assertEquals(List.of(), g.globalVariables());
    assertEquals("custom_getter", g.uniqueName("custom_getter", false));
  }

  @Test
  @DisplayName("C92 the getter sees the reuse mode; its identity ops are named at the root")
  void c92_getterSeesReuse() {
    CustomGetter cg = (getter, request) -> {
      Tensor var = getter.get(request);
      return tf.identity(var, request.reuse() != Reuse.FALSE ? "reused" : "not_reused");
    };
    VarScope scope;
    Tensor v;
    try (VarScope s = tf.variableScopeBuilder("scope").customGetter(cg).enter()) {
      scope = s;
      v = tf.getVariableBuilder("v").shape(Shape.of(1)).value();
    }
    Tensor v2;
    try (VarScope s = tf.variableScope(scope, Reuse.TRUE)) {
      v2 = tf.getVariableBuilder("v").shape(Shape.of(1)).value();
    }
    assertEquals("not_reused:0", v.name());
    assertEquals("reused:0", v2.name());
    assertSame(v.op().input(0).op().input(0), v2.op().input(0).op().input(0)); // both read scope/v
  }

  @Test
  @DisplayName("C94 a custom getter that is not a function does not compile")
  void c94_nonCallableGetterIsACompileError() throws Exception {
    JavaSnippets.assertAcceptedByCompiler(
        "tf.variableScopeBuilder(\"scope0\").customGetter((getter, request) -> getter.get(request)).enter().close();");
    JavaSnippets.assertRejectedByCompiler("tf.variableScopeBuilder(\"scope0\").customGetter(3);", "incompatible types");
    JavaSnippets.assertRejectedByCompiler("tf.getVariableBuilder(\"name0\").customGetter(3);", "incompatible types");
  }

  @Test
  @DisplayName("the getter gets the full name and the options after the scope's defaults")
  void requestCarriesScopeDefaults() {
    List<VariableRequest> seen = new ArrayList<>();
    Initializer init = Initializers.constant(0.5);
    Regularizer reg = w -> null;
    Partitioner part = Partitioners.fixedSize(2);
    Constraint constraint = x -> x;
    try (NameScopeHandle ns = tf.nameScope("ns");
        VarScope s = tf.variableScopeBuilder("outer").dtype(DType.FLOAT64).initializer(init).regularizer(reg)
            .constraint(constraint).customGetter((getter, request) -> {
              seen.add(request);
              return getter.get(request);
            }).enter()) {
      tf.getVariableBuilder("w").shape(Shape.of(2)).local().get();
      tf.getVariableBuilder("s").shape(Shape.scalar()).partitioner(part).dtype(DType.FLOAT32).get();
    }
    VariableRequest w = seen.get(0);
    assertEquals("outer/w", w.name());
    assertEquals(Shape.of(2), w.shape());
    assertEquals(DType.FLOAT64, w.dtype());
    assertSame(init, w.initializer());
    assertNull(w.initialValue());
    assertSame(reg, w.regularizer());
    assertSame(constraint, w.constraint());
    assertEquals(Reuse.FALSE, w.reuse());
    assertEquals(false, w.trainable());
    assertEquals(List.of(Graph.LOCAL_VARIABLES), w.collections());
    assertNull(w.partitioner());
    VariableRequest sc = seen.get(1);
    assertEquals(DType.FLOAT32, sc.dtype());
    assertSame(part, sc.partitioner());
    assertEquals(Shape.scalar(), sc.shape());
    assertTrue(g.operation("outer/s") != null, "a scalar ignores the partitioner");
  }

  @Test
  @DisplayName("a sub-scope's getter wraps the inherited one: the innermost runs first, then the outer, then the store")
  void subScopeGetterWrapsInherited() {
    List<String> trace = new ArrayList<>();
    CustomGetter outer = (getter, r) -> {
      trace.add("outer " + r.name());
      return getter.get(r.withName(r.name() + "_o"));
    };
    CustomGetter inner = (getter, r) -> {
      trace.add("inner " + r.name());
      return getter.get(r.withName(r.name() + "_i"));
    };
    Variable v;
    try (VarScope a = tf.variableScopeBuilder("a").customGetter(outer).enter();
        VarScope b = tf.variableScopeBuilder("b").customGetter(inner).enter()) {
      v = tf.getVariable("v", Shape.of(1));
    }
    assertEquals(List.of("inner a/b/v", "outer a/b/v_i"), trace);
    assertEquals("a/b/v_i_o:0", v.name());
  }

  @Test
  @DisplayName("a sub-scope without a getter of its own inherits the parent's")
  void subScopeInheritsGetter() {
    CustomGetter suffix = (getter, r) -> getter.get(r.withName(r.name() + "_x"));
    try (VarScope a = tf.variableScopeBuilder("a").customGetter(suffix).enter();
        VarScope b = tf.variableScope("b")) {
      assertSame(suffix, b.customGetter());
      assertEquals("a/b/v_x:0", tf.getVariable("v", Shape.of(1)).name());
    }
  }

  @Test
  @DisplayName("re-entering a captured scope with a getter wraps the captured scope's getter")
  void capturedScopeGetterWrapsCaptured() {
    List<String> trace = new ArrayList<>();
    VarScope captured;
    try (VarScope a = tf.variableScopeBuilder("a").customGetter((getter, r) -> {
      trace.add("captured");
      return getter.get(r);
    }).enter()) {
      captured = a;
    }
    try (VarScope other = tf.variableScope("other");
        VarScope again = tf.variableScopeBuilder(captured).customGetter((getter, r) -> {
          trace.add("new");
          return getter.get(r);
        }).enter()) {
      assertEquals("a/v:0", tf.getVariable("v", Shape.of(1)).name());
    }
    assertEquals(List.of("new", "captured"), trace);
  }

  @Test
  @DisplayName("a getter given to one call replaces the scope's (TF's VariableScope.get_variable)")
  void perCallGetterReplacesScopeGetter() {
    List<String> trace = new ArrayList<>();
    try (VarScope s = tf.variableScopeBuilder("s").customGetter((getter, r) -> {
      trace.add("scope");
      return getter.get(r);
    }).enter()) {
      tf.getVariableBuilder("v").shape(Shape.of(1)).customGetter((getter, r) -> {
        trace.add("call");
        return getter.get(r);
      }).get();
      assertEquals(List.of("call"), trace);
      tf.getVariable("w", Shape.of(1));
      assertEquals(List.of("call", "scope"), trace);
      s.setCustomGetter(null);
      tf.getVariable("x", Shape.of(1));
      assertEquals(List.of("call", "scope"), trace);
    }
  }

  @Test
  @DisplayName("ops a getter makes are at the root name scope, whatever name scope getVariable is called in")
  void getterOpsAtRoot() {
    CustomGetter identity = (getter, r) -> tf.identity(getter.get(r));
    try (VarScope s = tf.variableScopeBuilder("vs").customGetter(identity).enter();
        NameScopeHandle ns = tf.nameScope("ns")) {
      assertEquals("Identity:0", tf.getVariableBuilder("v").shape(Shape.of(1)).value().name());
      assertEquals("vs/ns/Identity:0", tf.identity(tf.constant(1f)).name());
    }
  }

  @Test
  @DisplayName("a partitioned request passes through a getter unchanged unless it overrides getPartitioned")
  void partitionedRequestsThroughGetters() {
    List<String> trace = new ArrayList<>();
    CustomGetter plain = (getter, r) -> {
      trace.add("get " + r.name());
      return getter.get(r);
    };
    CustomGetter partitionAware = new CustomGetter() {
      @Override
      public Tensor get(VariableGetter getter, VariableRequest r) {
        return getter.get(r);
      }

      @Override
      public PartitionedVariable getPartitioned(VariableGetter getter, VariableRequest r) {
        trace.add("partitioned " + r.name() + " " + r.shape());
        return getter.getPartitioned(r.withName(r.name() + "_p"));
      }
    };
    try (VarScope a = tf.variableScopeBuilder("a").customGetter(plain).partitioner(Partitioners.fixedSize(2))
        .enter(); VarScope b = tf.variableScopeBuilder("b").customGetter(partitionAware).enter()) {
      PartitionedVariable p = tf.getVariableBuilder("p").shape(Shape.of(4)).getPartitioned();
      assertEquals("a/b/p_p", p.name());
    }
    assertEquals(List.of("partitioned a/b/p (4,)"), trace);
  }

  @Test
  @DisplayName("a getter that fails after creating variables leaves no trace")
  void failingGetterLeavesNoTrace() {
    CustomGetter failing = (getter, r) -> {
      getter.get(r.withName(r.name() + "/a"));
      throw new IllegalStateException("boom");
    };
    try (VarScope s = tf.variableScopeBuilder("s").customGetter(failing).enter()) {
      assertThrows(IllegalStateException.class, () -> tf.getVariable("v", Shape.of(1)));
    }
    assertEquals(List.of(), g.operations());
    assertEquals(0, g.variableStore().size());
    assertEquals("s/v/a", g.uniqueName("s/v/a", false));
  }
}
