package com.example.app;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/** One tower of a Siamese network, shared by both inputs. */
@Model
public abstract class Tower {
  protected final Ops tf;

  protected Tower(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("tower")
  public Tensor embed(Tensor x, @ScopeReuse boolean reuse) {
    Tensor w = tf.getVariable("w", Shape.of(3, 2));
    return tf.relu(tf.matMul(x, w));
  }

  @NameScope("distance")
  public Tensor distance(Tensor left, Tensor right) {
    Tensor d = tf.sub(embed(left, false), embed(right, true));
    return tf.sum(tf.square(d));
  }
}
