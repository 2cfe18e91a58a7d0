package io.scopegraph.samples.gan;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;
import io.scopegraph.layers.Activation;
import io.scopegraph.layers.Dense;

/**
 * The GAN's discriminator: one number → the probability that it is real, in variable scope {@code discriminator};
 * built once on real data and once, sharing its variables ({@code reuse = true}), on generated data.
 */
@Model
public abstract class Discriminator {
  protected final Ops tf;

  protected Discriminator(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("discriminator")
  public Tensor probability(Tensor x, @ScopeReuse boolean reuse) {
    Tensor h = tf.layers().dense(x, 16, Dense.options().activation(Activation.LEAKY_RELU));
    return tf.sigmoid(tf.layers().dense(h, 1));
  }
}
