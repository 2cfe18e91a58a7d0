package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * Default names in branch arms, shared: each arm starts from the counts before the branch (both take dense), and
 * after it the next default name is unsure (dense_1 if an arm ran): the analysis predicts nothing it cannot know.
 */
@Model
public abstract class DefaultNamesInArms {
  protected final Ops tf;

  protected DefaultNamesInArms(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "dense")
  public Tensor dense(Tensor x) {
    return tf.matMul(x, tf.getVariable("kernel", Shape.of(4, 4)));
  }

  @VariableScope(value = "block", reuse = Reuse.AUTO)
  public Tensor block(Tensor h, boolean wide) {
    if (wide) {
      h = dense(h);
    } else {
      h = tf.relu(dense(h));
    }
    return dense(h);
  }

  public Tensor twice(Tensor h, boolean wide) {
    return block(block(h, wide), wide);
  }
}
