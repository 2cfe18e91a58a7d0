package io.scopegraph.samples.tower;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;
import io.scopegraph.layers.Activation;
import io.scopegraph.layers.Dense;

/**
 * One tower of a Siamese network, published as a library: an input row → its embedding, in variable scope
 * {@code tower}. Callers apply it to several inputs, sharing its weights with {@code reuse = true} after the first.
 * TensorFlow 1.15:
 *
 * <pre>{@code
 * def tower(x, reuse=False):
 *     with tf.variable_scope("tower", reuse=reuse):
 *         h = tf.layers.dense(x, 8, activation=tf.nn.relu)
 *         return tf.layers.dense(h, 2)
 * }</pre>
 *
 * <p>Its compilation writes {@code Tower.scopegraph-summary} beside {@code Tower.class}: what a model compiled
 * later (another module, holding this jar) reads to follow its calls into {@link #embed}.
 */
@Model
public abstract class Tower {
  protected final Ops tf;

  protected Tower(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("tower")
  public Tensor embed(Tensor x, @ScopeReuse boolean reuse) {
    Tensor h = tf.layers().dense(x, 8, Dense.options().activation(Activation.RELU));
    return tf.layers().dense(h, 2);
  }
}
