package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance cases K: structure errors, graphs of values, deprecated APIs. */
class StructureConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  @Test
  @DisplayName("C95 improper nesting of variable_scope")
  void c95() {
    try (VarScope aa = tf.variableScope("aa")) {
      VarScope bb = tf.variableScope("bb");
      try (VarScope cc = tf.variableScope("cc")) {
        ScopeNestingException e = assertThrows(ScopeNestingException.class, bb::close);
        assertEquals("Improper nesting of variable_scope.", e.getMessage());
        assertEquals("aa/bb/cc", tf.getVariableScope().name(), "the failed close changed nothing");
      }
      bb.close();
      assertEquals("aa", tf.getVariableScope().name());
      assertEquals("aa/", tf.currentNameScope() + "/");
    }
  }

  @Test
  @DisplayName("C95 improper nesting of name_scope is detected too")
  void c95NameScope() {
    NameScopeHandle a = tf.nameScope("a");
    try (NameScopeHandle b = tf.nameScope("b")) {
      ScopeNestingException e = assertThrows(ScopeNestingException.class, a::close);
      assertEquals("Improper nesting of name_scope.", e.getMessage());
    }
    a.close();
    assertEquals("", tf.currentNameScope());
  }

  @Test
  @DisplayName("C97 variable_scope values from two graphs")
  void c97() {
    Tensor t0 = tf.constant(0f, "t0");
    Tensor t1 = Ops.on(new Graph()).constant(1f, "t1");
    GraphMismatchException e = assertThrows(GraphMismatchException.class,
        () -> tf.variableScopeBuilder("s").values(t0, t1).enter());
    assertEquals("Tensor(\"t1:0\", shape=(), dtype=float32) must be from the same graph as "
        + "Tensor(\"t0:0\", shape=(), dtype=float32).", e.getMessage());
    assertEquals("s", g.uniqueName("s", false), "nothing was entered");
    try (VarScope s = tf.variableScopeBuilder("s").values(t0).enter()) {
      assertSame(g, Graph.getDefault());
    }
  }

  @Test
  @DisplayName("C98 variable_op_scope (deprecated) is variable_scope with permuted arguments")
  @SuppressWarnings("deprecation")
  void c98() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    try (VarScope s = tf.variableOpScope(List.of(a, b), null, "MyOp")) {
      assertEquals("MyOp/c:0", tf.getVariable("c", Shape.scalar()).name());
    }
    try (VarScope s = tf.variableOpScope(List.of(a, b), null, "MyOp")) {
      assertEquals("MyOp_1/c:0", tf.getVariable("c", Shape.scalar()).name());
    }
  }

  @Test
  @DisplayName("C99 (1.15 half) variable_op_scope default names use their own counter, not the op names")
  @SuppressWarnings("deprecation")
  void c99TensorFlow115() {
    tf.constant(0f, "MyOp");
    try (VarScope s = tf.variableOpScope(List.of(), null, "MyOp")) {
      assertEquals("MyOp/c:0", tf.getVariable("c", Shape.of(1)).name());
      assertEquals("MyOp_1/", s.originalNameScope());
    }
  }
}
