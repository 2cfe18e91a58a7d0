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
 * Seed example 7: the deprecated {@code op_scope} opens only a name scope, {@code variable_op_scope} also
 * a variable scope; both fall back to a default name when {@code name} is None.
 *
 * <pre>
 * def mysum(a, b, name=None):
 *     with tf.op_scope([a, b], name, "mysum") as scope:
 *         v = tf.get_variable("v", 1)
 *         v2 = tf.Variable([0], name="v2")
 *         assert v.name == "v:0", v.name
 *         assert v2.name == "mysum/v2:0", v2.name
 *         return tf.add(a, b)
 *
 * def mysum2(a, b, name=None):
 *     with tf.variable_op_scope([a, b], name, "mysum2") as scope:
 *         v = tf.get_variable("v", 1)
 *         v2 = tf.Variable([0], name="v2")
 *         assert v.name == "mysum2/v:0", v.name
 *         assert v2.name == "mysum2/v2:0", v2.name
 *         return tf.add(a, b)
 *
 * with tf.Graph().as_default():
 *     op = mysum(tf.Variable(1), tf.Variable(2))
 *     assert op.name == 'mysum/Add:0', op.name
 *
 * with tf.Graph().as_default():
 *     op = mysum2(tf.Variable(1), tf.Variable(2))
 *     assert op.name == 'mysum2/Add:0', op.name
 * </pre>
 */
public final class Example07OpScopeAndVariableOpScope {
  private Example07OpScopeAndVariableOpScope() {}

  /** What one of the functions created: the names of {@code v}, {@code v2} and the result. */
  private record Sum(Variable v, Variable v2, Tensor result) {}

  public static void main(String[] args) {
    lines().forEach(System.out::println);
  }

  static List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("Example 7: op_scope and variable_op_scope (deprecated)");

    Ops tf = Ops.on(SampleGraphs.newGraph());
    print("mysum: op_scope([a, b], None, \"mysum\")", mysum(tf, tf.variable(1), tf.variable(2), null), out);

    tf = Ops.on(SampleGraphs.newGraph()); // a fresh graph, as in the seed
    print("mysum2: variable_op_scope([a, b], None, \"mysum2\")", mysum2(tf, tf.variable(1), tf.variable(2), null),
        out);
    return out;
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  private static Sum mysum(Ops tf, Tensor a, Tensor b, String name) {
    try (@SuppressWarnings("deprecation") NameScopeHandle scope = tf.opScope(List.of(a, b), name, "mysum")) {
      Variable v = tf.getVariable("v", Shape.of(1));
      Variable v2 = tf.variable(new int[] {0}, "v2");
      return new Sum(v, v2, tf.add(a, b));
    }
  }

  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  private static Sum mysum2(Ops tf, Tensor a, Tensor b, String name) {
    try (@SuppressWarnings("deprecation") VarScope scope = tf.variableOpScope(List.of(a, b), name, "mysum2")) {
      Variable v = tf.getVariable("v", Shape.of(1));
      Variable v2 = tf.variable(new int[] {0}, "v2");
      return new Sum(v, v2, tf.add(a, b));
    }
  }

  private static void print(String title, Sum sum, List<String> out) {
    out.add("  " + title);
    out.add("    v.name = " + sum.v().name());
    out.add("    v2.name = " + sum.v2().name());
    out.add("    result.name = " + sum.result().name());
  }
}
