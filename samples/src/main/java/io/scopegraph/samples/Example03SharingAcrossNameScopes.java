package io.scopegraph.samples;

import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.util.List;

/**
 * Seed example 3: a variable is shared through its variable scope, whatever name scope surrounds it.
 *
 * <pre>
 * with tf.name_scope("foo"):
 *     with tf.variable_scope("var_scope"):
 *         v = tf.get_variable("var", [1])
 * with tf.name_scope("bar"):
 *     with tf.variable_scope("var_scope", reuse=True):
 *         v1 = tf.get_variable("var", [1])
 * assert v1 == v
 * </pre>
 */
public final class Example03SharingAcrossNameScopes {
  private Example03SharingAcrossNameScopes() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    Variable v;
    try (NameScopeHandle ns = tf.nameScope("foo"); VarScope vs = tf.variableScope("var_scope")) {
      v = tf.getVariable("var", Shape.of(1));
    }
    Variable v1;
    try (NameScopeHandle ns = tf.nameScope("bar"); VarScope vs = tf.variableScope("var_scope", Reuse.TRUE)) {
      v1 = tf.getVariable("var", Shape.of(1));
    }
    return List.of(
        "Example 3: sharing a variable across name scopes",
        "  v.name = " + v.name(),
        "  v1.name = " + v1.name(),
        // Identity, not equality: reuse returns the very same variable.
        "  v1 == v: " + (v1 == v));
  }
}
