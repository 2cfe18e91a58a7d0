package com.example;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** Two towers sharing their weights, and the distance between their outputs. */
@Model
public abstract class Siamese {
  protected final Ops tf;

  protected Siamese(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(value = "tower", reuse = Reuse.AUTO)
  public Tensor tower(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(4, 3));
    Tensor b = tf.getVariable("b", Shape.of(3), Initializers.zeros());
    return tf.relu(tf.add(tf.matMul(x, w), b));
  }

  @NameScope("distance")
  public Tensor distance(Tensor left, Tensor right) {
    return tf.sum(tf.square(tf.sub(tower(left), tower(right))));
  }
}
