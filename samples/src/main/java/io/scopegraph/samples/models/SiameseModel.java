package io.scopegraph.samples.models;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** Two towers sharing their weights ({@code reuse = AUTO}) and the squared distance between their outputs. */
@Model
public abstract class SiameseModel {
  protected final Ops tf;
  private final int inputs;
  private final int units;

  protected SiameseModel(Ops tf, int inputs, int units) {
    this.tf = tf;
    this.inputs = inputs;
    this.units = units;
  }

  @VariableScope(value = "tower", reuse = Reuse.AUTO)
  public Tensor tower(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(inputs, units), Initializers.randomUniform(-1, 1, 7L));
    Tensor b = tf.getVariable("b", Shape.of(units), Initializers.constant(0.1));
    return tf.relu(tf.add(tf.matMul(x, w), b));
  }

  @NameScope("distance")
  public Tensor distance(Tensor left, Tensor right) {
    return tf.sum(tf.square(tf.sub(tower(left), tower(right))));
  }
}
