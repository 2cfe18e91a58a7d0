package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance cases H: initializer and dtype inheritance, constant and function initializers. */
class InitializerConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<NdArray> initializeAndRun(Tensor... fetches) {
    try (Session session = new Session(g)) {
      session.run(tf.globalVariablesInitializer());
      return session.run(List.of(fetches));
    }
  }

  @Test
  @DisplayName("C78 initializer given when re-entering a captured scope")
  void c78() {
    Initializer init = Initializers.constant(0.3);
    Variable v;
    Variable w;
    try (VarScope tower = tf.variableScope("tower0")) {
      try (VarScope foo = tf.variableScopeBuilder("foo").initializer(init).enter()) {
        v = tf.getVariable("v", Shape.scalar());
      }
      try (VarScope again = tf.variableScopeBuilder(tower).initializer(init).enter()) {
        w = tf.getVariable("w", Shape.scalar());
      }
    }
    assertEquals("tower0/foo/v:0", v.name());
    assertEquals("tower0/w:0", w.name());
    assertEquals(List.of(NdArray.scalar(0.3f), NdArray.scalar(0.3f)), initializeAndRun(v, w));
    assertEquals("Const", g.operation("tower0/foo/v/Initializer/Const").type());
  }

  @Test
  @DisplayName("C78 initializer and dtype are inherited by sub-scopes and overridden by arguments")
  void inheritance() {
    Variable a;
    Variable b;
    Variable c;
    try (VarScope outer = tf.variableScopeBuilder("outer").initializer(Initializers.constant(2)).dtype(DType.FLOAT64)
        .enter()) {
      try (VarScope inner = tf.variableScope("inner")) {
        a = tf.getVariable("a", Shape.of(2));
        b = tf.getVariable("b", Shape.of(2), Initializers.ones());
        c = tf.getVariable("c", Shape.of(2), DType.INT32);
      }
    }
    assertEquals(DType.FLOAT64, a.dtype());
    assertEquals(DType.INT32, c.dtype());
    assertEquals(List.of(NdArray.of(2.0, 2.0), NdArray.of(1.0, 1.0), NdArray.of(2, 2)), initializeAndRun(a, b, c));
  }

  @Test
  @DisplayName("C80 tensor initializer: no shape allowed, dtype from the tensor, passes through scopes")
  void c80() {
    Tensor init = tf.constant(0.1f);
    Variable w = tf.getVariable("v", init);
    assertEquals("v:0", w.name());
    InvalidInitializerException shape = assertThrows(InvalidInitializerException.class,
        () -> tf.getVariableBuilder("u").shape(Shape.of(1)).initialValue(init).get());
    assertEquals("If initializer is a constant, do not specify shape.", shape.getMessage());
    Variable v;
    try (VarScope foo = tf.variableScopeBuilder("foo").initializer((ops, s, d) -> init).enter()) {
      v = tf.getVariable("v", Shape.scalar());
    }
    assertEquals("foo/v:0", v.name());
    Variable t = tf.getVariable("t", tf.constant(1, DType.INT32));
    assertEquals(DType.INT32, t.dtype());
    InvalidInitializerException dtype = assertThrows(InvalidInitializerException.class,
        () -> tf.getVariable("s", tf.constant(1, DType.INT32), DType.FLOAT64));
    assertEquals("Initializer type '<dtype: 'int32'>' and explicit dtype '<dtype: 'float64'>' don't match.",
        dtype.getMessage());
    assertEquals(List.of(NdArray.scalar(0.1f), NdArray.scalar(0.1f), NdArray.scalar(1)), initializeAndRun(w, v, t));
  }

  @Test
  @DisplayName("C81 function initializers without shape; an initializer needing a shape without one")
  void c81() {
    Variable foo = tf.getVariable("foo", () -> tf.constant(new int[] {2}));
    assertEquals("foo:0", foo.name());
    assertEquals("Const", g.operation("foo/Initializer/Const").type());
    String message = "The initializer passed is not valid. It should be a callable with no arguments and the shape "
        + "should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.";
    Graph other = new Graph();
    Ops tf2 = Ops.on(other);
    assertEquals(message, assertThrows(InvalidInitializerException.class,
        () -> tf2.getVariable("foo", Shape.unknown(), (ops, shape, dtype) -> ops.constant(new int[] {2}))).getMessage());
    assertEquals(message, assertThrows(InvalidInitializerException.class, () -> tf2.getVariable("v")).getMessage());
    assertEquals(message, assertThrows(InvalidInitializerException.class,
        () -> tf2.getVariable("v", Shape.of(-1, 3))).getMessage());
    assertArrayEquals(new int[] {2}, initializeAndRun(foo).get(0).toIntArray());
  }

  @Test
  @DisplayName("the seed's get_variable('b', initializer=2) is an int32 scalar with value 2")
  void constantInitialValueFromJava() {
    Variable b = tf.getVariable("b", 2);
    assertEquals(DType.INT32, b.dtype());
    assertEquals(Shape.scalar(), b.shape());
    assertEquals(List.of("b/initial_value", "b", "b/Assign", "b/read"),
        g.operations().stream().map(Operation::name).toList());
    assertEquals(NdArray.scalar(2), initializeAndRun(b).get(0));
  }
}
