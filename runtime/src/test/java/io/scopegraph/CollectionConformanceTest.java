package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance cases I: collections and local variables. */
class CollectionConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  @Test
  @DisplayName("C85 local variables respect naming and reuse")
  void c85() {
    VarScope outer;
    Variable lv;
    try (VarScope o = tf.variableScope("outer")) {
      outer = o;
      try (VarScope d = tf.variableScopeBuilder(outer).defaultName("default").values(List.of()).enter()) {
        lv = tf.getVariableBuilder("w").shape(Shape.scalar()).local().collections("foo").get();
        assertEquals("outer/w:0", lv.name());
      }
    }
    assertTrue(g.localVariables().contains(lv));
    assertTrue(g.collection("foo").contains(lv));
    assertFalse(g.trainableVariables().contains(lv));
    assertFalse(g.globalVariables().contains(lv));
    try (VarScope d = tf.variableScopeBuilder(outer).defaultName("default").reuse(Reuse.TRUE).enter()) {
      Variable again = tf.getLocalVariable("w", Shape.scalar());
      assertEquals("outer/w:0", again.name());
      assertTrue(again == lv);
    }
  }

  @Test
  @DisplayName("C86 scope collections filter by the scope name and a slash")
  void c86() {
    tf.getVariable("testGetCollection_a", Shape.scalar());
    tf.getVariableBuilder("testGetCollection_b").shape(Shape.scalar()).trainable(false).get();
    try (VarScope scope1 = tf.variableScope("testGetCollection_foo_")) {
      tf.getVariable("testGetCollection_a", Shape.scalar());
      tf.getVariableBuilder("testGetCollection_b").shape(Shape.scalar()).trainable(false).get();
      assertEquals(List.of("testGetCollection_foo_/testGetCollection_a:0"), names(scope1.trainableVariables()));
      assertEquals(List.of("testGetCollection_foo_/testGetCollection_a:0"),
          names(scope1.collection(Graph.TRAINABLE_VARIABLES)));
    }
    try (VarScope scope2 = tf.variableScope("testGetCollection_foo")) {
      tf.getVariable("testGetCollection_a", Shape.scalar());
      tf.getVariableBuilder("testGetCollection_b").shape(Shape.scalar()).trainable(false).get();
      assertEquals(List.of("testGetCollection_foo/testGetCollection_a:0", "testGetCollection_foo/testGetCollection_b:0"),
          names(scope2.globalVariables()));
    }
    assertEquals(List.of("testGetCollection_a:0", "testGetCollection_b:0",
        "testGetCollection_foo_/testGetCollection_a:0", "testGetCollection_foo_/testGetCollection_b:0",
        "testGetCollection_foo/testGetCollection_a:0", "testGetCollection_foo/testGetCollection_b:0"),
        names(tf.getVariableScope().globalVariables()));
  }

  private static List<String> names(List<?> items) {
    return items.stream().map(o -> ((Tensor) o).name()).toList();
  }
}
