// expect: DuplicateVariable net(Tensor) block/dense/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** A non-reusing scope in a literal loop: its default names start over at dense each run, so the second run clashes. */
@Model
public abstract class DefaultNamesLoopClash {
  protected final Ops tf;

  protected DefaultNamesLoopClash(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "dense")
  public Tensor dense(Tensor x) {
    return tf.matMul(x, tf.getVariable("kernel", Shape.of(4, 4)));
  }

  @VariableScope("block")
  public Tensor block(Tensor h) {
    return dense(dense(h));
  }

  public Tensor net(Tensor h) {
    for (int i = 0; i < 2; i++) {
      h = block(h);
    }
    return h;
  }
}
