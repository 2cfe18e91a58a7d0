package io.scopegraph.samples;

import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed example 8: the same three calls under a name scope and under a variable scope of the same name,
 * each in a fresh graph. Only {@code get_variable}'s name differs.
 *
 * <pre>
 * with tf.name_scope("name_scope"):          # then: with tf.variable_scope("name_scope"):
 *     v = tf.get_variable("v", [1])
 *     op = tf.add(v, v)
 *     v2 = tf.Variable([0], name="v2")
 * </pre>
 */
public final class Example08NameScopeVersusVariableScope {
  private Example08NameScopeVersusVariableScope() {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  static List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("Example 8: name_scope vs variable_scope of the same name");

    Ops tf = Ops.on(SampleGraphs.newGraph());
    try (NameScopeHandle scope = tf.nameScope("name_scope")) {
      body(tf, "name_scope(\"name_scope\")", out);
    }

    tf = Ops.on(SampleGraphs.newGraph()); // fresh, so the name scope "name_scope" is not taken yet
    try (VarScope scope = tf.variableScope("name_scope")) {
      body(tf, "variable_scope(\"name_scope\")", out);
    }
    return out;
  }

  /** The body both variants run, printing its names under {@code title}. */
  private static void body(Ops tf, String title, List<String> out) {
    Variable v = tf.getVariable("v", Shape.of(1));
    Tensor op = tf.add(v, v);
    Variable v2 = tf.variable(new int[] {0}, "v2");
    out.add("  " + title);
    out.add("    v.name = " + v.name());
    out.add("    op.name = " + op.name());
    out.add("    v2.name = " + v2.name());
  }
}
