package corpus;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** AUTO sharing: one set of tower weights however many towers are built. */
@Model
public abstract class SiameseTowers {
  protected final Ops tf;

  protected SiameseTowers(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(value = "tower", reuse = Reuse.AUTO)
  public Tensor tower(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(4, 3));
    Tensor b = this.tf.getVariable("b", Shape.of(3), Initializers.zeros());
    return tf.relu(tf.add(tf.matMul(x, w), b));
  }

  /** tower/w, tower/b: created by the first tower, shared by the second. */
  @NameScope("distance")
  public Tensor distance(Tensor left, Tensor right) {
    return tf.sum(tf.square(tf.sub(tower(left), this.tower(right))));
  }

  /** Three towers, still tower/w and tower/b only. */
  public Tensor triplet(Tensor anchor, Tensor positive, Tensor negative) {
    Tensor a = tower(anchor);
    Tensor near = tf.sum(tf.square(tf.sub(a, tower(positive))));
    Tensor far = tf.sum(tf.square(tf.sub(a, tower(negative))));
    return tf.sub(near, far);
  }
}
