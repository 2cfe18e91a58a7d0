package io.scopegraph.samples.kotlin

import io.scopegraph.Ops
import io.scopegraph.Tensor
import io.scopegraph.annotations.Model
import io.scopegraph.annotations.NameScope

/**
 * A Siamese network in Kotlin made of the [Tower]: both inputs go through the same weights, the second call sharing
 * them with `reuse = true`. TensorFlow 1.15:
 * ```
 * def distance(left, right):
 *     with tf.name_scope("siamese"):
 *         a = tower(left)
 *         b = tower(right, reuse=True)
 *         return tf.reduce_sum(tf.square(a - b), axis=1)
 * ```
 * The tower is made with the generated Java factory, `ScopedTower.create(tf)`.
 */
@Model
abstract class Siamese protected constructor(protected val tf: Ops) {
  private val tower: Tower = ScopedTower.create(tf)

  @NameScope("siamese")
  open fun distance(left: Tensor, right: Tensor): Tensor {
    val a = tower.embed(left, false)
    val b = tower.embed(right, true)
    return tf.sum(tf.square(tf.sub(a, b)), intArrayOf(1), false)
  }
}
