package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every form of {@code Graph.name_scope} in TF 1.15 (its {@code OpScopeTest.testNames}, and where the ops of each form
 * go): the yielded string is {@code ""} only for a reset ({@code null}, {@code ""}); an absolute name is used minus one
 * trailing slash and yielded as given, so {@code "/"} yields {@code "/"} while its ops are named at the root.
 */
class NameScopeFormsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  @Test
  @DisplayName("OpScopeTest.testNames: the string each form yields")
  void opScopeTestNames() {
    try (NameScopeHandle foo = tf.nameScope("foo")) {
      assertEquals("foo/", foo.name());
      try (NameScopeHandle foo2 = tf.nameScope("foo2")) {
        assertEquals("foo/foo2/", foo2.name());
      }
      try (NameScopeHandle empty1 = tf.nameScope(null)) {
        assertEquals("", empty1.name());
        try (NameScopeHandle foo3 = tf.nameScope("foo3")) {
          assertEquals("foo3/", foo3.name());
        }
      }
      try (NameScopeHandle empty2 = tf.nameScope("")) {
        assertEquals("", empty2.name());
      }
    }
    try (NameScopeHandle outerFoo = tf.nameScope("foo/")) {
      assertEquals("foo/", outerFoo.name());
      try (NameScopeHandle empty3 = tf.nameScope("")) {
        assertEquals("", empty3.name());
      }
      try (NameScopeHandle foo4 = tf.nameScope("foo4")) {
        assertEquals("foo/foo4/", foo4.name());
      }
      try (NameScopeHandle foo5 = tf.nameScope("foo5//")) {
        assertEquals("foo5//", foo5.name());
        try (NameScopeHandle foo6 = tf.nameScope("foo6")) {
          assertEquals("foo5//foo6/", foo6.name());
        }
      }
      try (NameScopeHandle foo7 = tf.nameScope("/")) {
        assertEquals("/", foo7.name());
      }
      try (NameScopeHandle foo8 = tf.nameScope("//")) {
        assertEquals("//", foo8.name());
      }
      try (NameScopeHandle foo9 = tf.nameScope("a//b/c")) {
        assertEquals("foo/a//b/c/", foo9.name());
      }
    }
    try (NameScopeHandle foo10 = tf.nameScope("a//b/c")) {
      assertEquals("a//b/c/", foo10.name());
    }
  }

  @Test
  @DisplayName("where the ops of each form go")
  void opsOfEachForm() {
    try (NameScopeHandle outer = tf.nameScope("outer")) {
      try (NameScopeHandle root = tf.nameScope("/")) {
        assertEquals("Const:0", tf.constant(1f).name()); // stack "": the root
        try (NameScopeHandle inner = tf.nameScope("inner")) {
          assertEquals("inner/", inner.name());
        }
      }
      try (NameScopeHandle foo5 = tf.nameScope("foo5//")) {
        assertEquals("foo5//Const:0", tf.constant(1f).name()); // stack "foo5/"
      }
      try (NameScopeHandle slashes = tf.nameScope("//")) {
        // stack "/": the op name "//Const" starts with '/', which TF's node-name pattern refuses
        InvalidOpNameException e = assertThrows(InvalidOpNameException.class, () -> tf.constant(1f));
        assertEquals("'//Const' is not a valid node name", e.getMessage());
      }
      try (NameScopeHandle again = tf.nameScope("/")) {
        // at the root a name must start as an op name does, so "/" cannot be entered from there (TF alike)
        InvalidScopeNameException e = assertThrows(InvalidScopeNameException.class, () -> tf.nameScope(again.name()));
        assertEquals("'/' is not a valid scope name", e.getMessage());
        assertEquals("Const_1:0", tf.constant(1f).name());
      }
      try (NameScopeHandle reset = tf.nameScope("")) {
        assertEquals("Const_2:0", tf.constant(1f).name());
      }
    }
  }
}
