// expect: DuplicateVariable net(Tensor) block/dense/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Unnamed layers in a non-reusing scope, in a literal loop: each run starts over at dense, so the second clashes. */
@Model
public abstract class DefaultNamesLoopLayerClash {
  protected final Ops tf;

  protected DefaultNamesLoopLayerClash(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("block")
  public Tensor block(Tensor h) {
    return tf.layers().dense(tf.layers().dense(h, 4), 4);
  }

  public Tensor net(Tensor h) {
    for (int i = 0; i < 2; i++) {
      h = block(h);
    }
    return h;
  }
}
