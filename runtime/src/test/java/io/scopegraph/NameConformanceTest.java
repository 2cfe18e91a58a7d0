package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance cases A (unique op names) and B (name scopes). */
class NameConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private Operation floatOutput(String name) {
    return g.opBuilder("FloatOutput", name).addOutput(DType.FLOAT32, Shape.scalar()).build();
  }

  @Test
  @DisplayName("C1 basic uniquification and markAsUsed=false")
  void c1() {
    assertEquals("foo", g.uniqueName("foo", false));
    assertEquals("foo", g.uniqueName("foo"));
    assertEquals("foo_1", g.uniqueName("foo", false));
    assertEquals("foo_1", g.uniqueName("foo"));
    assertEquals("foo_2", g.uniqueName("foo"));
    assertEquals("foo_1_1", g.uniqueName("foo_1"));
    assertEquals("foo_1_2", g.uniqueName("foo_1"));
    assertEquals("foo_1_2_1", g.uniqueName("foo_1_2"));
  }

  @Test
  @DisplayName("C2 name stack prefix and reset inside a scope (continuing C1)")
  void c2() {
    c1();
    try (NameScopeHandle bar = g.nameScope("bar")) {
      assertEquals("bar/foo", g.uniqueName("foo"));
      assertEquals("bar/foo_1", g.uniqueName("foo"));
      try (NameScopeHandle root = g.nameScope(null)) {
        assertEquals("foo_3", g.uniqueName("foo"));
      }
      try (NameScopeHandle baz = g.nameScope("baz")) {
        assertEquals("bar/baz/foo", g.uniqueName("foo"));
        assertEquals("bar/baz/foo_1", g.uniqueName("foo"));
      }
      try (NameScopeHandle baz = g.nameScope("baz")) {
        assertEquals("bar/baz_1/foo", g.uniqueName("foo"));
        assertEquals("bar/baz_1/foo_1", g.uniqueName("foo"));
      }
    }
    try (NameScopeHandle quux = g.nameScope("quux")) {
      assertEquals("quux/foo", g.uniqueName("foo"));
    }
    try (NameScopeHandle bar = g.nameScope("bar"); NameScopeHandle baz = g.nameScope("baz")) {
      assertEquals("bar_1/baz/foo", g.uniqueName("foo"));
    }
    assertEquals("foo_4", g.uniqueName("foo"));
    assertEquals("bar_2", g.uniqueName("bar"));
  }

  @Test
  @DisplayName("C4 explicit foo_1 then foo twice")
  void c4() {
    assertEquals("foo_1", tf.constant(0f, "foo_1").op().name());
    assertEquals("foo", tf.constant(0f, "foo").op().name());
    assertEquals("foo_2", tf.constant(0f, "foo").op().name());
  }

  @Test
  @DisplayName("C5 existing names then collisions")
  void c5() {
    tf.constant(0, "myop");
    tf.constant(0, "myop_1");
    assertEquals("myop_2", g.opBuilder("IntOutput", "myop").addOutput(DType.INT32, Shape.scalar()).build().name());
    assertEquals("myop_1_1", g.opBuilder("IntOutput", "myop_1").addOutput(DType.INT32, Shape.scalar()).build().name());
  }

  @Test
  @DisplayName("C7 default op names are the op type")
  void c7() {
    Operation op0 = g.opBuilder("TwoFloatOutputs", null)
        .addOutput(DType.FLOAT32, Shape.scalar()).addOutput(DType.FLOAT32, Shape.scalar()).build();
    Operation op1 = g.opBuilder("FloatOutput", null).addOutput(DType.FLOAT32, Shape.scalar()).build();
    Operation op2 = g.opBuilder("FloatOutput", null).addOutput(DType.FLOAT32, Shape.scalar()).build();
    Operation op3 = floatOutput("my_op");
    assertEquals("TwoFloatOutputs", op0.name());
    assertEquals("TwoFloatOutputs:0", op0.output(0).name());
    assertEquals("TwoFloatOutputs:1", op0.output(1).name());
    assertEquals("FloatOutput", op1.name());
    assertEquals("FloatOutput:0", op1.output(0).name());
    assertEquals("FloatOutput_1", op2.name());
    assertEquals("my_op", op3.name());
    assertEquals("my_op:0", op3.output(0).name());
  }

  @Test
  @DisplayName("C8 tf.constant default name is Const")
  void c8() {
    Tensor b = tf.constant(1.0f);
    assertEquals("Const", b.op().name());
    assertEquals("Const", b.op().type());
    assertEquals("Const_1", tf.constant(2.0f).op().name());
  }

  @Test
  @DisplayName("C10 ops and name scopes share one namespace")
  void c10() {
    try (NameScopeHandle foo = tf.nameScope("foo")) {
      // nothing
    }
    assertEquals("foo_1", tf.constant(0f, "foo").op().name());
  }

  @Test
  @DisplayName("C11 Python operators use lower-case names, generated ops the type")
  void c11() {
    Tensor x;
    try (VarScope foo = tf.variableScope("foo")) {
      x = tf.getVariable("v", Shape.of(1)).radd(1.0f);
    }
    assertEquals("foo/add", x.op().name());
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    Tensor c = tf.constant(3f, "c");
    assertEquals("add", a.add(b).op().name());
    assertEquals("AddV2", g.operation("add").type());
    assertEquals("add_1", a.add(b).op().name());
    assertEquals("sub", a.sub(b).op().name());
    assertEquals("mul", a.mul(b).op().name());
    Tensor q = a.truediv(b);
    assertEquals("truediv", q.op().name());
    assertEquals("RealDiv", q.op().type());
    Tensor sum = tf.add(a, b);
    assertEquals("Add_2", sum.op().name(), "names are case-insensitive: add and add_1 are taken");
    assertEquals("Add", sum.op().type());
    Tensor prod = a.add(b).mul(c);
    assertEquals("add_3", prod.op().input(0).op().name(), "Add_2 took the key add_2");
    assertEquals("mul_1", prod.op().name());
  }

  @Test
  @DisplayName("C12 implicit constants inside an operator scope")
  void c12() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.unknown(), "x");
    x.add(1.0f);
    x.radd(1.0f);
    assertEquals(List.of("x", "add/y", "add", "add_1/x", "add_1"), opNames());
    assertEquals("Const", g.operation("add/y").type());
    assertEquals("Const", g.operation("add_1/x").type());
  }

  @Test
  @DisplayName("C13 invalid op name")
  void c13() {
    InvalidOpNameException e = assertThrows(InvalidOpNameException.class, () -> tf.constant(0f, "a:b"));
    assertEquals("'a:b' is not a valid node name", e.getMessage());
    assertEquals(List.of(), opNames());
    assertEquals("a:b", g.uniqueName("a:b", false), "the failed call left no used name behind");
  }

  @Test
  @DisplayName("C14 duplicate name through the absolute route")
  void c14() {
    try (NameScopeHandle s = g.nameScope("bar")) {
      assertEquals("bar", floatOutput(s.name()).name());
      DuplicateOpNameException e = assertThrows(DuplicateOpNameException.class, () -> floatOutput(s.name()));
      assertEquals("Duplicate node name in graph: 'bar'", e.getMessage());
    }
    assertEquals(List.of("bar"), opNames());
  }

  @Test
  @DisplayName("C15 Graph.name_scope values, null and empty string")
  void c15() {
    try (NameScopeHandle foo = g.nameScope("foo")) {
      assertEquals("foo/", foo.name());
      try (NameScopeHandle foo2 = g.nameScope("foo2")) {
        assertEquals("foo/foo2/", foo2.name());
      }
      try (NameScopeHandle empty1 = g.nameScope(null)) {
        assertEquals("", empty1.name());
        try (NameScopeHandle foo3 = g.nameScope("foo3")) {
          assertEquals("foo3/", foo3.name());
        }
      }
      try (NameScopeHandle empty2 = g.nameScope("")) {
        assertEquals("", empty2.name());
      }
    }
  }

  @Test
  @DisplayName("C16 ops inside scopes, name=scope, trailing slash, re-entry, absolute")
  void c16() {
    assertEquals("FloatOutput", floatOutput(null).name());
    try (NameScopeHandle scope = g.nameScope("bar")) {
      assertEquals("bar/FloatOutput", floatOutput(null).name());
      assertEquals("bar/FloatOutput_1", floatOutput(null).name());
      assertEquals("bar", floatOutput(scope.name()).name());
    }
    try (NameScopeHandle scope = g.nameScope("baz")) {
      try (NameScopeHandle quux = g.nameScope("quux")) {
        assertEquals("baz/quux/FloatOutput", floatOutput(null).name());
      }
      try (NameScopeHandle again = g.nameScope(scope.name())) {
        assertEquals("baz/FloatOutput", floatOutput(null).name());
        assertEquals("baz", floatOutput(scope.name()).name());
        assertEquals("trailing", floatOutput("trailing/").name());
      }
    }
    try (NameScopeHandle bar = g.nameScope("bar")) {
      assertEquals("bar_1/FloatOutput", floatOutput(null).name());
    }
    try (NameScopeHandle bar = g.nameScope("bar/")) {
      assertEquals("bar/FloatOutput_2", floatOutput(null).name());
    }
  }

  @Test
  @DisplayName("C18 invalid scope names, root vs nested")
  void c18() {
    try (NameScopeHandle empty = g.nameScope("")) {
      assertEquals("", empty.name());
    }
    try (NameScopeHandle foo = g.nameScope("foo/"); NameScopeHandle bar = g.nameScope("_bar")) {
      assertEquals("foo/_bar/", bar.name());
    }
    InvalidScopeNameException colon = assertThrows(InvalidScopeNameException.class, () -> g.nameScope("foo:0"));
    assertEquals("'foo:0' is not a valid scope name", colon.getMessage());
    InvalidScopeNameException underscore = assertThrows(InvalidScopeNameException.class, () -> g.nameScope("_bar"));
    assertEquals("'_bar' is not a valid scope name", underscore.getMessage());
    assertEquals("", g.currentNameScope(), "a rejected scope is not entered");
  }

  @Test
  @DisplayName("C19 invalid root scope in a freshly entered graph (name_scope and variable_scope)")
  void c19() {
    Graph g1 = new Graph();
    Graph g2 = new Graph();
    try (DefaultGraphHandle d1 = g1.asDefault(); DefaultGraphHandle d2 = g2.asDefault()) {
      Ops ops = Ops.on(Graph.getDefault());
      assertSame(g2, ops.graph());
      assertEquals("'_' is not a valid scope name",
          assertThrows(InvalidScopeNameException.class, () -> ops.nameScope("_")).getMessage());
      assertEquals("'_' is not a valid scope name",
          assertThrows(InvalidScopeNameException.class, () -> ops.variableScope("_")).getMessage());
      assertEquals("", ops.getVariableScope().name(), "the failed variable scope was not entered");
    }
  }

  @Test
  @DisplayName("C21 no name, no default, but values given")
  void c21() {
    Tensor a = tf.constant(1f, "A");
    Tensor b = tf.constant(2f, "B");
    MissingScopeNameException e1 =
        assertThrows(MissingScopeNameException.class, () -> tf.nameScope(null, null, List.of(a, b)));
    assertEquals("At least one of name (null) and default_name (null) must be provided.", e1.getMessage());
    assertThrows(MissingScopeNameException.class, () -> tf.nameScope(null, null, List.of()));
    try (NameScopeHandle reset = tf.nameScope(null, null)) {
      assertEquals("", reset.name(), "without values, no name is the reset idiom");
    }
  }

  @Test
  @DisplayName("C22 empty name with values; the default name is not used")
  void c22() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    try (NameScopeHandle s = tf.nameScope("", null, List.of(a, b))) {
      assertEquals("", s.name());
      assertSame(g, Graph.getDefault());
    }
    try (NameScopeHandle s = tf.nameScope("", "my_default_scope", List.of(a, b))) {
      assertEquals("", s.name());
    }
    assertEquals("my_default_scope", g.uniqueName("my_default_scope", false), "default name never used");
  }

  @Test
  @DisplayName("C24 values must come from one graph")
  void c24() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    Graph g1 = new Graph();
    Tensor c = Ops.on(g1).constant(3f, "c");
    try (NameScopeHandle s = tf.nameScope("my_scope", null, List.of(a, b))) {
      assertEquals("my_scope/", s.name());
      assertSame(g, Graph.getDefault());
    }
    GraphMismatchException e =
        assertThrows(GraphMismatchException.class, () -> tf.nameScope("my_scope", null, List.of(a, b, c)));
    assertEquals("Tensor(\"c:0\", shape=(), dtype=float32) must be from the same graph as "
        + "Tensor(\"a:0\", shape=(), dtype=float32).", e.getMessage());
  }

  @Test
  @DisplayName("C25 a name_scope_v2 object is re-entrant")
  void c25() {
    NameScopeV2 foo = tf.nameScopeV2("foo");
    NameScopeV2 bar = g.nameScopeV2("bar");
    try (NameScopeHandle s1 = foo.enter()) {
      assertEquals("foo/", s1.name());
      try (NameScopeHandle s2 = foo.enter()) {
        assertEquals("foo/foo/", s2.name());
      }
      try (NameScopeHandle s3 = bar.enter()) {
        assertEquals("foo/bar/", s3.name());
        try (NameScopeHandle s4 = foo.enter()) {
          assertEquals("foo/bar/foo/", s4.name());
        }
      }
    }
    try (NameScopeHandle s5 = bar.enter()) {
      assertEquals("bar/", s5.name());
    }
    try (NameScopeHandle s6 = foo.enter()) {
      assertEquals("foo_1/", s6.name(), "in a graph, entering a taken name again is uniquified (TF's graph mode)");
    }
    assertEquals("name for name_scope must be a string.",
        assertThrows(MissingScopeNameException.class, () -> tf.nameScopeV2(null)).getMessage());
  }

  @Test
  @DisplayName("C26 currentNameScope (get_name_scope)")
  void c26() {
    try (NameScopeHandle s1 = tf.nameScope("scope1")) {
      try (NameScopeHandle s2 = tf.nameScope("scope2")) {
        try (NameScopeHandle s3 = tf.nameScope("scope3")) {
          assertEquals("scope1/scope2/scope3", tf.currentNameScope());
        }
        assertEquals("scope1/scope2", tf.currentNameScope());
      }
      assertEquals("scope1", tf.currentNameScope());
    }
    assertEquals("", tf.currentNameScope());
  }

  @Test
  @DisplayName("C28 op_scope (deprecated) is name_scope with permuted arguments")
  @SuppressWarnings("deprecation")
  void c28() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    try (NameScopeHandle s = tf.opScope(List.of(a, b), null, "MyOp")) {
      assertEquals("MyOp/", s.name());
    }
    try (NameScopeHandle s = tf.nameScope(null, "MyOp", List.of(a, b))) {
      assertEquals("MyOp_1/", s.name());
    }
  }

  private List<String> opNames() {
    return g.operations().stream().map(Operation::name).toList();
  }
}
