package io.scopegraph.samples;

import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import java.util.List;

/**
 * Seed example 11: re-entering a captured variable scope. One answer says this "does not change the current
 * name scope for ops"; TensorFlow 1.15 does push a name scope named after the scope's last component, and
 * only {@code auxiliary_name_scope=False} keeps the current one.
 *
 * <pre>
 * with tf.variable_scope("foo") as foo_scope:
 *     pass
 * with tf.variable_scope("bar"):
 *     with tf.variable_scope(foo_scope) as foo2:
 *         c = tf.constant(0.0, name="c")                 # bar/foo/c:0
 *     with tf.variable_scope(foo_scope, auxiliary_name_scope=False) as foo3:
 *         c2 = tf.constant(0.0, name="c")                # bar/c:0
 * </pre>
 */
public final class Example11CapturedScopeReentry {
  private Example11CapturedScopeReentry() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    VarScope fooScope;
    try (VarScope foo = tf.variableScope("foo")) {
      fooScope = foo; // captured, to re-enter later as an object
    }
    try (VarScope bar = tf.variableScope("bar")) {
      String reentered;
      Tensor c;
      try (VarScope foo2 = tf.variableScope(fooScope)) {
        reentered = foo2.name();
        c = tf.constant(0.0f, "c");
      }
      String reenteredWithoutAux;
      Tensor c2;
      try (VarScope foo3 = tf.variableScopeBuilder(fooScope).auxiliaryNameScope(false).enter()) {
        reenteredWithoutAux = foo3.name();
        c2 = tf.constant(0.0f, "c");
      }
      return List.of(
          "Example 11: re-entering a captured variable scope inside variable_scope('bar')",
          "  variable_scope(foo_scope): scope.name = " + reentered + ", c.name = " + c.name(),
          "  variable_scope(foo_scope, auxiliary_name_scope=False): scope.name = " + reenteredWithoutAux
              + ", c.name = " + c2.name(),
          "  The variable scope is foo either way; the claim that re-entering \"does not change the current"
              + " name scope\" holds only with auxiliaryNameScope(false).");
    }
  }
}
