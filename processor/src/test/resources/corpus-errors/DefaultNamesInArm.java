// expect: DuplicateVariable net(Tensor, boolean) block/dense/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * A default name in an {@code if} arm is replayed as if the arm ran: block/dense before the branch, block/dense_1 in
 * it; the second block clashes on block/dense for certain (and on block/dense_1 when deep).
 */
@Model
public abstract class DefaultNamesInArm {
  protected final Ops tf;

  protected DefaultNamesInArm(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "dense")
  public Tensor dense(Tensor x) {
    return tf.matMul(x, tf.getVariable("kernel", Shape.of(4, 4)));
  }

  @VariableScope("block")
  public Tensor block(Tensor h, boolean deep) {
    h = dense(h);
    if (deep) {
      h = dense(h);
    }
    return h;
  }

  public Tensor net(Tensor h, boolean deep) {
    h = block(h, deep);
    return block(h, deep);
  }
}
