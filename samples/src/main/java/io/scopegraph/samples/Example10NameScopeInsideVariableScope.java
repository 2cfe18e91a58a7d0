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
 * Seed example 10: a name scope inside a variable scope changes op names only.
 *
 * <pre>
 * with tf.variable_scope("foo"):
 *     with tf.name_scope("bar"):
 *         v = tf.get_variable("v", [1])
 *         x = 1.0 + v
 * assert v.name == "foo/v:0"
 * assert x.op.name == "foo/bar/add"
 * </pre>
 */
public final class Example10NameScopeInsideVariableScope {
  private Example10NameScopeInsideVariableScope() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    try (VarScope vs = tf.variableScope("foo"); NameScopeHandle ns = tf.nameScope("bar")) {
      Variable v = tf.getVariable("v", Shape.of(1));
      Tensor x = v.radd(1.0f); // 1.0 + v
      return List.of(
          "Example 10: name_scope('bar') inside variable_scope('foo')",
          "  v.name = " + v.name(),
          "  x.op.name = " + x.op().name());
    }
  }
}
