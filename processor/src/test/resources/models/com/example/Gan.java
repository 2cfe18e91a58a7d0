package com.example;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/**
 * Per-call reuse, TF 1.15's discriminator pattern:
 *
 * <pre>
 * def disc(x, reuse=False):
 *   with tf.variable_scope("disc", reuse=reuse):
 *     return tf.sigmoid(tf.matmul(x, tf.get_variable("w", [4, 1])))
 * with tf.name_scope("losses"):
 *   loss = disc(real) - disc(fake, reuse=True)
 * </pre>
 */
@Model
public abstract class Gan {
  protected final Ops tf;

  protected Gan(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("disc")
  public Tensor disc(Tensor x, @ScopeReuse boolean reuse) {
    Tensor w = tf.getVariable("w", Shape.of(4, 1));
    return tf.sigmoid(tf.matMul(x, w));
  }

  @VariableScope(value = "critic", auxiliaryNameScope = false)
  public Tensor critic(Tensor x, @ScopeReuse Reuse reuse) {
    return tf.layers().dense(x, 1);
  }

  @NameScope("losses")
  public Tensor losses(Tensor real, Tensor fake) {
    Tensor dReal = disc(real, false);
    Tensor dFake = disc(fake, true);
    Tensor cReal = critic(real, null);
    Tensor cFake = critic(fake, Reuse.AUTO);
    return tf.add(tf.sub(dReal, dFake), tf.sub(cReal, cFake));
  }
}
