// expect warning: MaybeDuplicateVariable step/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * A second, non-reusing call guarded by an early return: a duplicate only when stop is false (a "may", so a
 * warning, not an error); the harness passes true.
 */
@Model
public abstract class ReturnBeforeDuplicate {
  protected final Ops tf;

  protected ReturnBeforeDuplicate(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("step")
  public Tensor step(Tensor h) {
    return tf.matMul(h, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** step/w, then a return: the second step is not reached. */
  public Tensor returnBetween(Tensor x, boolean stop) {
    Tensor h = step(x);
    if (stop) {
      return h;
    }
    return step(h);
  }
}
