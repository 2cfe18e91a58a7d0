package io.scopegraph.samples.gan;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;
import io.scopegraph.layers.Activation;
import io.scopegraph.layers.Dense;

/** The GAN's generator: noise → one number, two dense layers in variable scope {@code generator}. */
@Model
public abstract class Generator {
  protected final Ops tf;

  protected Generator(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("generator")
  public Tensor generate(Tensor z) {
    Tensor h = tf.layers().dense(z, 16, Dense.options().activation(Activation.RELU));
    return tf.layers().dense(h, 1);
  }
}
