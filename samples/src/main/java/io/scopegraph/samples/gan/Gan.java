package io.scopegraph.samples.gan;

import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.train.AdamOptimizer;

/**
 * A GAN made of two models: a {@link Generator} and a {@link Discriminator}, which it holds and calls. The same in
 * TensorFlow 1.15:
 *
 * <pre>{@code
 * def generator(z):
 *   with tf.variable_scope("generator"):
 *     h = tf.layers.dense(z, 16, activation=tf.nn.relu)
 *     return tf.layers.dense(h, 1)
 *
 * def discriminator(x, reuse=False):
 *   with tf.variable_scope("discriminator", reuse=reuse):
 *     h = tf.layers.dense(x, 16, activation=tf.nn.leaky_relu)
 *     return tf.sigmoid(tf.layers.dense(h, 1))
 *
 * real = tf.placeholder(tf.float32, [None, 1], name="real")
 * z = tf.placeholder(tf.float32, [None, 4], name="z")
 * fake = generator(z)
 * d_real = discriminator(real)
 * d_fake = discriminator(fake, reuse=True)
 * d_loss = tf.negative(tf.reduce_mean(tf.log(d_real) + tf.log(1.0 - d_fake)), name="d_loss")
 * g_loss = tf.negative(tf.reduce_mean(tf.log(d_fake)), name="g_loss")
 * d_train = tf.train.AdamOptimizer(0.01, 0.5).minimize(d_loss, var_list=tf.trainable_variables("discriminator"))
 * g_train = tf.train.AdamOptimizer(0.01, 0.5).minimize(g_loss, var_list=tf.trainable_variables("generator"))
 * }</pre>
 */
@Model
public abstract class Gan {
  protected final Ops tf;
  private final Generator generator;
  private final Discriminator discriminator;

  protected Gan(Ops tf) {
    this.tf = tf;
    this.generator = ScopedGenerator.create(tf);
    this.discriminator = ScopedDiscriminator.create(tf);
  }

  /** The GAN's tensors and its two training steps. */
  public record Parts(Tensor fake, Tensor dReal, Tensor dFake, Tensor dLoss, Tensor gLoss, Operation dTrain,
      Operation gTrain) {}

  public Parts build(Tensor real, Tensor z) {
    Tensor fake = generator.generate(z);
    Tensor dReal = discriminator.probability(real, false);
    Tensor dFake = discriminator.probability(fake, true);
    Tensor dLoss = tf.neg(tf.mean(tf.log(dReal).add(tf.log(dFake.rsub(1.0)))), "d_loss");
    Tensor gLoss = tf.neg(tf.mean(tf.log(dFake)), "g_loss");
    Operation dTrain = new AdamOptimizer(0.01, 0.5, 0.999, 1e-8).minimize(dLoss, tf.trainableVariables("discriminator"));
    Operation gTrain = new AdamOptimizer(0.01, 0.5, 0.999, 1e-8).minimize(gLoss, tf.trainableVariables("generator"));
    return new Parts(fake, dReal, dFake, dLoss, gLoss, dTrain, gTrain);
  }
}
