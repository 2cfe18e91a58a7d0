package io.scopegraph.samples;

import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.util.List;

/**
 * Seed example 5: inside name scope {@code foo}, variable scope {@code bar} prefixes the variable with
 * {@code bar/} only, but ops with the full name stack {@code foo/bar/}.
 *
 * <pre>
 * with tf.name_scope('foo'):
 *     with tf.variable_scope('bar'):
 *         x = tf.get_variable('x', shape=())
 *         x2 = tf.square(x**2, name='x2')
 * </pre>
 */
public final class Example05NameScopeAroundVariableScope {
  private Example05NameScopeAroundVariableScope() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    try (NameScopeHandle ns = tf.nameScope("foo"); VarScope vs = tf.variableScope("bar")) {
      Variable x = tf.getVariable("x", Shape.scalar());
      Tensor x2 = tf.square(x.pow(2), "x2"); // the 2 becomes float32, x's dtype
      return List.of(
          "Example 5: name_scope('foo') around variable_scope('bar')",
          "  x.name = " + x.name(),
          "  x2.name = " + x2.name());
    }
  }
}
