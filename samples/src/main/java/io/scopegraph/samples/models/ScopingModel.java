package io.scopegraph.samples.models;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;
import java.util.List;

/**
 * The seed's {@code scoping(fn, scope1, scope2, vals)} as a model: the same body once inside a variable
 * scope and once inside a name scope. Creates {@code a = Variable(vals[0])}, {@code b = get_variable('b',
 * initializer=vals[1])}, {@code c = constant(vals[2])} and, inside the second scope, {@code res = a * b + c}.
 */
@Model
public abstract class ScopingModel {
  protected final Ops tf;

  protected ScopingModel(Ops tf) {
    this.tf = tf;
  }

  /** {@code with tf.variable_scope('scope_vars'): …}: returns a, b, c and res. */
  @VariableScope("scope_vars")
  public List<Tensor> withVariableScope(int[] vals) {
    Variable a = tf.variable(vals[0], "a");
    Variable b = tf.getVariable("b", vals[1]);
    Tensor c = tf.constant(vals[2], "c");
    return List.of(a, b, c, resInVariableScope(a, b, c));
  }

  @VariableScope("res")
  protected Tensor resInVariableScope(Tensor a, Tensor b, Tensor c) {
    return tf.add(a.mul(b), c, "res");
  }

  /** {@code with tf.name_scope('scope_name'): …}: returns a, b, c and res. */
  @NameScope("scope_name")
  public List<Tensor> withNameScope(int[] vals) {
    Variable a = tf.variable(vals[0], "a");
    Variable b = tf.getVariable("b", vals[1]);
    Tensor c = tf.constant(vals[2], "c");
    return List.of(a, b, c, resInNameScope(a, b, c));
  }

  @NameScope("res")
  protected Tensor resInNameScope(Tensor a, Tensor b, Tensor c) {
    return tf.add(a.mul(b), c, "res");
  }
}
