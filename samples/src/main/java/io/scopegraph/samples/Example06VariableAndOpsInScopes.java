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
 * Seed example 6: {@code get_variable} sees only the variable scope; {@code tf.Variable} and ops see the
 * whole name stack.
 *
 * <pre>
 * with tf.name_scope("ns"):
 *     with tf.variable_scope("vs"):
 *         v1 = tf.get_variable("v1", [1])
 *         v2 = tf.Variable([2.0], name="v2")
 *         v3 = v1 + v2
 * </pre>
 */
public final class Example06VariableAndOpsInScopes {
  private Example06VariableAndOpsInScopes() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    try (NameScopeHandle ns = tf.nameScope("ns"); VarScope vs = tf.variableScope("vs")) {
      Variable v1 = tf.getVariable("v1", Shape.of(1));
      Variable v2 = tf.variable(new float[] {2.0f}, "v2"); // Python's [2.0] becomes float32
      Tensor v3 = v1.add(v2);
      return List.of(
          "Example 6: name_scope('ns') around variable_scope('vs')",
          "  v1.name = " + v1.name(),
          "  v2.name = " + v2.name(),
          "  (v1 + v2).name = " + v3.name());
    }
  }
}
