package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance cases C (tf.Variable) and D (get_variable and reuse). */
class VariableConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  @Test
  @DisplayName("C29 default tf.Variable names")
  void c29() {
    assertEquals("Variable:0", tf.variable(0.0f).name());
    assertEquals("Variable_1:0", tf.variable(1.1f).name());
  }

  @Test
  @DisplayName("C30 explicit tf.Variable names")
  void c30() {
    Variable rnd = tf.variable(tf.randomUniform(Shape.of(3, 6), DType.FLOAT32, 0, 1, null, null), "rnd");
    Variable dep = tf.variable(rnd.read(), "dep");
    assertEquals("rnd:0", rnd.name());
    assertEquals("dep:0", dep.name());
    assertEquals(Shape.of(3, 6), dep.shape());
  }

  @Test
  @DisplayName("C32 same name twice; name-scope prefix")
  void c32() {
    assertEquals("v:0", tf.variable(1f, "v").name());
    assertEquals("v_1:0", tf.variable(1f, "v").name());
    try (NameScopeHandle ns = tf.nameScope("ns")) {
      assertEquals("ns/v:0", tf.variable(1f, "v").name());
    }
  }

  @Test
  @DisplayName("C33 auxiliary ops of a ref variable")
  void c33() {
    Variable v = tf.variable(1.0f, "v");
    assertEquals("v:0", v.name());
    assertEquals(List.of("v/initial_value:Const", "v:VariableV2", "v/Assign:Assign", "v/read:Identity"),
        g.operations().stream().map(op -> op.name() + ":" + op.type()).toList());
    assertSame(g.operation("v/Assign"), v.initializer());
    assertSame(g.operation("v/read").output(0), v.read());
  }

  @Test
  @DisplayName("C34 variable scope + name scope: getVariable vs tf.Variable vs op")
  void c34() {
    try (VarScope foo = tf.variableScope("foo"); NameScopeHandle bar = tf.nameScope("bar")) {
      Variable v = tf.getVariable("v", Shape.of(1));
      Variable b = tf.variable(tf.zeros(Shape.of(1), DType.FLOAT32), "b");
      Tensor x = v.radd(1.0f);
      assertEquals("foo/v:0", v.name());
      assertEquals("foo/bar/add", x.op().name());
      assertEquals("foo/bar/b:0", b.name());
    }
  }

  @Test
  @DisplayName("C35 getVariable ignores name scopes entirely")
  void c35() {
    try (NameScopeHandle ns = tf.nameScope("ns")) {
      Variable v = tf.getVariable("v", Shape.of(1));
      Variable w = tf.variable(1.0f, "w");
      assertEquals("v:0", v.name());
      assertEquals("ns/w:0", w.name());
    }
    assertEquals("RandomUniform", g.operation("v/Initializer/random_uniform/RandomUniform").type());
    assertTrue(g.operations().stream().noneMatch(op -> op.name().startsWith("ns/v")));
  }

  @Test
  @DisplayName("C36 nested variable scopes")
  void c36() {
    try (VarScope foo = tf.variableScope("foo"); VarScope bar = tf.variableScope("bar")) {
      assertEquals("foo/bar/v:0", tf.getVariable("v", Shape.of(1)).name());
    }
  }

  @Test
  @DisplayName("C37 create twice without reuse, with the creator's call site")
  void c37() {
    try (VarScope foo = tf.variableScope("foo")) {
      Variable v = tf.getVariable("v", Shape.of(1)); int line = new Throwable().getStackTrace()[0].getLineNumber();
      int before = g.size();
      VariableAlreadyExistsException e =
          assertThrows(VariableAlreadyExistsException.class, () -> tf.getVariable("v", Shape.of(1)));
      String expected = "Variable foo/v already exists, disallowed. Did you mean to set reuse=Reuse.TRUE or "
          + "reuse=Reuse.AUTO in VarScope? Originally defined at:\n\n"
          + "  at io.scopegraph.VariableConformanceTest.c37(VariableConformanceTest.java:" + line + ")\n";
      assertTrue(e.getMessage().startsWith(expected), e.getMessage());
      assertTrue(e.getMessage().split("\n").length <= 2 + 5, "at most 5 frames");
      assertEquals(before, g.size(), "the failed call added nothing");
      assertEquals("foo/v:0", v.name());
    }
  }

  @Test
  @DisplayName("C37 at the root: 'Variable foo already exists'")
  void c37Root() {
    tf.getVariable("foo", Shape.of(1));
    VariableAlreadyExistsException e =
        assertThrows(VariableAlreadyExistsException.class, () -> tf.getVariable("foo", Shape.of(1)));
    assertTrue(e.getMessage().startsWith("Variable foo already exists, disallowed."));
  }

  @Test
  @DisplayName("C39 reuse=True but missing")
  void c39() {
    try (VarScope bar = tf.variableScope("bar")) {
      tf.getVariableScope().reuseVariables();
      VariableNotFoundException e = assertThrows(VariableNotFoundException.class, () -> tf.getVariable("w", Shape.of(1)));
      assertEquals("Variable bar/w does not exist, or was not created with getVariable(). "
          + "Did you mean to set reuse=Reuse.AUTO in VarScope?", e.getMessage());
    }
    assertEquals(List.of(), g.globalVariables());
  }

  @Test
  @DisplayName("C40 get-or-create, create-only and get-only, as reuse AUTO / FALSE / TRUE")
  void c40() {
    Variable v;
    Variable v1;
    try (VarScope s = tf.variableScope("", Reuse.AUTO)) {
      v = tf.getVariable("v", Shape.of(1));
      v1 = tf.getVariable("v", Shape.of(1));
    }
    assertSame(v, v1);
    tf.getVariable("w", Shape.of(1));
    assertThrows(VariableAlreadyExistsException.class, () -> tf.getVariable("v", Shape.of(1)));
    try (VarScope s = tf.variableScope("", Reuse.TRUE)) {
      assertSame(v, tf.getVariable("v", Shape.of(1)));
      assertThrows(VariableNotFoundException.class, () -> tf.getVariable("u", Shape.of(1)));
    }
  }

  @Test
  @DisplayName("C43 shape mismatch on reuse; an unknown shape is compatible")
  void c43() {
    VarScope towerA;
    try (VarScope root = tf.variableScope("root"); VarScope t = tf.variableScope("towerA")) {
      towerA = t;
      assertEquals("root/towerA/v:0", tf.getVariable("v", Shape.of(1)).name());
    }
    try (VarScope s = tf.variableScope(towerA, Reuse.TRUE)) {
      VariableShapeMismatchException e =
          assertThrows(VariableShapeMismatchException.class, () -> tf.getVariable("v", Shape.of(2)));
      assertEquals("Trying to share variable root/towerA/v, but specified shape (2,) and found shape (1,).",
          e.getMessage());
      assertEquals("root/towerA/v:0", tf.getVariable("v").name());
    }
  }

  @Test
  @DisplayName("C44 dtype mismatch on reuse")
  void c44() {
    VarScope towerA;
    try (VarScope root = tf.variableScope("root"); VarScope t = tf.variableScope("towerA")) {
      towerA = t;
      tf.getVariable("v", Shape.of(1));
    }
    try (VarScope s = tf.variableScope(towerA, Reuse.TRUE)) {
      VariableDTypeMismatchException e = assertThrows(VariableDTypeMismatchException.class,
          () -> tf.getVariable("v", Shape.of(1), DType.INT32));
      assertEquals("Trying to share variable root/towerA/v, but specified dtype int32 and found dtype float32.",
          e.getMessage());
      assertEquals("root/towerA/v:0", tf.getVariable("v", Shape.of(1), DType.FLOAT32).name());
    }
  }

  private Variable autoFoo() {
    try (VarScope s = tf.variableScope("foo", Reuse.AUTO)) {
      return tf.getVariable("v", Shape.of(1));
    }
  }

  @Test
  @DisplayName("C45 AUTO_REUSE get-or-create")
  void c45() {
    Variable v1 = autoFoo();
    Variable v2 = autoFoo();
    assertSame(v1, v2);
    assertEquals("foo/v:0", v1.name());
  }

  @Test
  @DisplayName("C46 AUTO_REUSE does not share ops")
  void c46() {
    Variable v;
    Variable w;
    Tensor b;
    Tensor c;
    Tensor a;
    Tensor a2;
    Variable v1;
    Variable v2;
    try (VarScope s = tf.variableScope("my_variable_scope", Reuse.AUTO)) {
      v = tf.getVariable("v", Shape.of(1));
      w = tf.getVariable("w", Shape.of(1));
      b = w.add(1f);
      c = w.add(1f);
    }
    try (VarScope s = tf.variableScope("my_variable_scope", Reuse.AUTO)) {
      s.reuseVariables();
      v1 = tf.getVariable("v");
      a = v1.add(1f);
    }
    try (VarScope s = tf.variableScope("my_variable_scope", Reuse.AUTO)) {
      s.reuseVariables();
      v2 = tf.getVariable("v");
      a2 = v2.add(1f);
    }
    assertEquals(List.of("my_variable_scope/v:0", "my_variable_scope/w:0", "my_variable_scope/add:0",
        "my_variable_scope/add_1:0", "my_variable_scope/v:0", "my_variable_scope_1/add:0", "my_variable_scope/v:0",
        "my_variable_scope_2/add:0"),
        List.of(v.name(), w.name(), b.name(), c.name(), v1.name(), a.name(), v2.name(), a2.name()));
  }

  @Test
  @DisplayName("C48 reuse flag inheritance and exit")
  void c48() {
    try (VarScope root = tf.variableScope("root")) {
      assertEquals(Reuse.FALSE, tf.getVariableScope().reuse());
      try (VarScope foo = tf.variableScope("foo")) {
        assertEquals(Reuse.FALSE, tf.getVariableScope().reuse());
      }
      try (VarScope foo = tf.variableScope("foo", Reuse.TRUE)) {
        assertEquals(Reuse.TRUE, tf.getVariableScope().reuse());
        try (VarScope bar = tf.variableScope("bar")) {
          assertEquals(Reuse.TRUE, tf.getVariableScope().reuse());
        }
      }
      assertEquals(Reuse.FALSE, tf.getVariableScope().reuse());
    }
  }

  @Test
  @DisplayName("C50 reuse=False cannot undo a parent; AUTO vs TRUE precedence; object entry ignores the parent")
  void c50() {
    VarScope captured;
    try (VarScope x = tf.variableScope("x")) {
      captured = x;
    }
    try (VarScope a = tf.variableScope("a", Reuse.TRUE)) {
      try (VarScope b = tf.variableScope("b", Reuse.FALSE)) {
        assertEquals(Reuse.TRUE, b.reuse());
      }
      try (VarScope c = tf.variableScope("c", Reuse.AUTO)) {
        assertEquals(Reuse.AUTO, c.reuse());
      }
    }
    try (VarScope d = tf.variableScope("d", Reuse.AUTO)) {
      try (VarScope e = tf.variableScope("e", Reuse.TRUE)) {
        assertEquals(Reuse.TRUE, e.reuse());
      }
      try (VarScope f = tf.variableScope("f")) {
        assertEquals(Reuse.AUTO, f.reuse());
      }
    }
    try (VarScope a = tf.variableScope("a", Reuse.TRUE); VarScope s = tf.variableScope(captured)) {
      assertEquals(Reuse.FALSE, s.reuse());
    }
  }

  @Test
  @DisplayName("C51 invalid variable_scope arguments: no name at all; reuse and name types checked by javac")
  void c51() throws Exception {
    MissingScopeNameException e =
        assertThrows(MissingScopeNameException.class, () -> tf.variableScopeBuilder().enter());
    assertEquals("If default_name is null then name_or_scope is required", e.getMessage());
    assertEquals("", tf.getVariableScope().name());
    JavaSnippets.assertAcceptedByCompiler("tf.variableScope(\"a\", Reuse.TRUE).close();");
    JavaSnippets.assertRejectedByCompiler("tf.variableScope(\"a\", \"yes\");", "no suitable method found");
    JavaSnippets.assertRejectedByCompiler("tf.variableScope(123);", "no suitable method found");
  }
}
