package io.scopegraph.samples;

import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import java.util.List;

/**
 * Seed example 9: the {@code +} operator creates an op named {@code add} in the variable scope's name scope.
 *
 * <pre>
 * with tf.variable_scope("foo"):
 *     x = 1.0 + tf.get_variable("v", [1])
 * assert x.op.name == "foo/add"
 * </pre>
 */
public final class Example09OperatorInVariableScope {
  private Example09OperatorInVariableScope() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    try (VarScope vs = tf.variableScope("foo")) {
      Tensor x = tf.getVariable("v", Shape.of(1)).radd(1.0f); // 1.0 + v
      return List.of(
          "Example 9: an operator inside variable_scope('foo')",
          "  x.op.name = " + x.op().name());
    }
  }
}
