package io.scopegraph.samples.kotlin

import io.scopegraph.Ops
import io.scopegraph.Tensor
import io.scopegraph.annotations.Model
import io.scopegraph.annotations.ScopeReuse
import io.scopegraph.annotations.VariableScope
import io.scopegraph.layers.Activation
import io.scopegraph.layers.Dense

/**
 * One tower of a Siamese network, in Kotlin: an input row → its embedding, in variable scope `tower`. TensorFlow 1.15:
 * ```
 * def tower(x, reuse=False):
 *     with tf.variable_scope("tower", reuse=reuse):
 *         h = tf.layers.dense(x, 8, activation=tf.nn.relu)
 *         return tf.layers.dense(h, 2)
 * ```
 * kapt gives the processor a Java stub of this class; it generates the Java `ScopedTower`. The class is abstract
 * and the scoped function `open`: Kotlin makes both final otherwise, and the generated subclass overrides them.
 * The Ops is reached through the getter of `protected val tf` (`getTf()`).
 */
@Model
abstract class Tower protected constructor(protected val tf: Ops) {

  @VariableScope("tower")
  open fun embed(x: Tensor, @ScopeReuse reuse: Boolean): Tensor {
    val h = tf.layers().dense(x, 8, Dense.options().activation(Activation.RELU))
    return tf.layers().dense(h, 2)
  }
}
