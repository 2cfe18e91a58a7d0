package io.scopegraph.samples.gan;

import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.layers.Activation;
import io.scopegraph.layers.Dense;
import io.scopegraph.train.AdamOptimizer;

/** {@link Gan} written by hand with the runtime's scopes: the generated code must build exactly this graph. */
public final class GanByHand {
  private GanByHand() {}

  public static Gan.Parts build(Ops tf, Tensor real, Tensor z) {
    Tensor fake;
    try (VarScope s = tf.variableScope("generator")) {
      Tensor h = tf.layers().dense(z, 16, Dense.options().activation(Activation.RELU));
      fake = tf.layers().dense(h, 1);
    }
    Tensor dReal = discriminator(tf, real, Reuse.FALSE);
    Tensor dFake = discriminator(tf, fake, Reuse.TRUE);
    Tensor dLoss = tf.neg(tf.mean(tf.log(dReal).add(tf.log(dFake.rsub(1.0)))), "d_loss");
    Tensor gLoss = tf.neg(tf.mean(tf.log(dFake)), "g_loss");
    Operation dTrain = new AdamOptimizer(0.01, 0.5, 0.999, 1e-8).minimize(dLoss, tf.trainableVariables("discriminator"));
    Operation gTrain = new AdamOptimizer(0.01, 0.5, 0.999, 1e-8).minimize(gLoss, tf.trainableVariables("generator"));
    return new Gan.Parts(fake, dReal, dFake, dLoss, gLoss, dTrain, gTrain);
  }

  private static Tensor discriminator(Ops tf, Tensor x, Reuse reuse) {
    try (VarScope s = tf.variableScope("discriminator", reuse)) {
      Tensor h = tf.layers().dense(x, 16, Dense.options().activation(Activation.LEAKY_RELU));
      return tf.sigmoid(tf.layers().dense(h, 1));
    }
  }
}
