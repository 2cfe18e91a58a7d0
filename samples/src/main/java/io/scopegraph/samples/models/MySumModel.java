package io.scopegraph.samples.models;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.OpScope;
import io.scopegraph.annotations.VariableOpScope;
import io.scopegraph.annotations.VariableScope;

/**
 * The seed's {@code mysum(a, b)} / {@code mysum2(a, b)}: each creates {@code v = get_variable("v", 1)} and
 * {@code v2 = Variable([0], name="v2")} and returns {@code tf.add(a, b)}; once with the current annotations
 * and once with the deprecated ones the seed used ({@code op_scope}, {@code variable_op_scope}).
 */
@Model
public abstract class MySumModel {
  protected final Ops tf;

  protected MySumModel(Ops tf) {
    this.tf = tf;
  }

  private Tensor body(Tensor a, Tensor b) {
    tf.getVariable("v", Shape.of(1));
    tf.variable(new int[] {0}, "v2");
    return tf.add(a, b);
  }

  /** {@code with tf.name_scope(name, "mysum", [a, b])}. */
  @NameScope(defaultName = "mysum")
  public Tensor mysum(Tensor a, Tensor b) {
    return body(a, b);
  }

  /** {@code with tf.variable_scope(name, "mysum2", [a, b])}. */
  @VariableScope(defaultName = "mysum2")
  public Tensor mysum2(Tensor a, Tensor b) {
    return body(a, b);
  }

  /** The seed's {@code with tf.op_scope([a, b], name, "mysum")} (deprecated). */
  @SuppressWarnings("deprecation")
  @OpScope(defaultName = "mysum")
  public Tensor mysumDeprecated(Tensor a, Tensor b) {
    return body(a, b);
  }

  /** The seed's {@code with tf.variable_op_scope([a, b], name, "mysum2")} (deprecated). */
  @SuppressWarnings("deprecation")
  @VariableOpScope(defaultName = "mysum2")
  public Tensor mysum2Deprecated(Tensor a, Tensor b) {
    return body(a, b);
  }
}
