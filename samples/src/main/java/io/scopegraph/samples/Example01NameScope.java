package io.scopegraph.samples;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/**
 * Seed example 1: a name scope prefixes ops and {@code tf.Variable}s, but {@code get_variable} ignores it.
 *
 * <pre>
 * with tf.name_scope("my_scope"):
 *     v1 = tf.get_variable("var1", [1], dtype=tf.float32)
 *     v2 = tf.Variable(1, name="var2", dtype=tf.float32)
 *     a = tf.add(v1, v2)
 * </pre>
 */
public final class Example01NameScope {
  private Example01NameScope() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    try (NameScopeHandle ns = tf.nameScope("my_scope")) {
      Variable v1 = tf.getVariable("var1", Shape.of(1), DType.FLOAT32);
      Variable v2 = tf.variable(1, "var2", DType.FLOAT32);
      Tensor a = tf.add(v1, v2);
      return List.of(
          "Example 1: name_scope with get_variable, Variable and add",
          "  v1.name = " + v1.name(),
          "  v2.name = " + v2.name(),
          "  a.name = " + a.name());
    }
  }
}
