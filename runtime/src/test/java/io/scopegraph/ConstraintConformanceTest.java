package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance case C84: constraints are the scope entry's own, never inherited. */
class ConstraintConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);
  private final Constraint c = x -> x.rmul(0f);

  @Test
  @DisplayName("C84 a constraint set per scope entry, not inherited by sub-scopes")
  void c84_constraintNotInherited() {
    Variable v;
    Variable w;
    VarScope tower;
    try (VarScope t = tf.variableScope("tower1")) {
      tower = t;
      try (VarScope foo = tf.variableScopeBuilder("foo").constraint(c).enter()) {
        v = tf.getVariable("v", Shape.scalar());
      }
      try (VarScope again = tf.variableScopeBuilder(tower).constraint(c).enter()) {
        w = tf.getVariable("w", Shape.scalar());
      }
    }
    assertSame(c, v.constraint());
    assertSame(c, w.constraint());
    Variable q;
    try (VarScope p = tf.variableScopeBuilder("p").constraint(c).enter(); VarScope qs = tf.variableScope("q")) {
      assertNull(qs.constraint());
      q = tf.getVariable("q", Shape.scalar());
    }
    assertNull(q.constraint());
  }

  @Test
  @DisplayName("re-entering a captured scope does not bring its constraint back; a call's constraint wins")
  void capturedScopeAndPerCall() {
    VarScope captured;
    Variable a;
    try (VarScope p = tf.variableScopeBuilder("p").constraint(c).enter()) {
      captured = p;
      assertSame(c, p.constraint());
      a = tf.getVariable("a", Shape.scalar());
    }
    try (VarScope again = tf.variableScope(captured)) {
      assertNull(again.constraint());
      assertNull(tf.getVariable("b", Shape.scalar()).constraint());
    }
    Constraint own = x -> x;
    try (VarScope again = tf.variableScopeBuilder(captured).constraint(c).enter()) {
      assertSame(own, tf.getVariableBuilder("d").shape(Shape.scalar()).constraint(own).get().constraint());
    }
    try (VarScope reuse = tf.variableScope(captured, Reuse.TRUE)) {
      assertSame(c, tf.getVariable("a", Shape.scalar()).constraint(), "a reused variable keeps its own");
      assertSame(a, tf.getVariable("a", Shape.scalar()));
    }
  }

  @Test
  @DisplayName("every shard of a partitioned variable gets the constraint")
  void partitionedShards() {
    PartitionedVariable p = tf.getVariableBuilder("p").shape(Shape.of(4)).partitioner(Partitioners.fixedSize(2))
        .constraint(c).getPartitioned();
    for (Variable shard : p) {
      assertSame(c, shard.constraint());
    }
  }
}
