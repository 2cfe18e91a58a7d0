package io.scopegraph.samples.siamese;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.samples.tower.ScopedTower;
import io.scopegraph.samples.tower.Tower;

/**
 * A Siamese network made of a model from another module: the {@link Tower} of {@code scopegraph-samples-tower},
 * held as a field and applied to both inputs, sharing its weights. TensorFlow 1.15:
 *
 * <pre>{@code
 * def distance(left, right):
 *     with tf.name_scope("siamese"):
 *         a = tower(left)
 *         b = tower(right, reuse=True)
 *         return tf.reduce_sum(tf.square(a - b), axis=1)
 * }</pre>
 *
 * <p>The tower was compiled in its own module; this module's compilation reads the summary its jar carries, so
 * forgetting {@code reuse = true} on the second call would be a javac error on that line (see the module's tests).
 */
@Model
public abstract class Siamese {
  protected final Ops tf;
  private final Tower tower;

  protected Siamese(Ops tf) {
    this.tf = tf;
    this.tower = ScopedTower.create(tf);
  }

  /** The squared distance between the embeddings of each row of {@code left} and of {@code right}. */
  @NameScope("siamese")
  public Tensor distance(Tensor left, Tensor right) {
    Tensor a = tower.embed(left, false);
    Tensor b = tower.embed(right, true);
    return tf.sum(tf.square(tf.sub(a, b)), new int[] {1}, false);
  }
}
