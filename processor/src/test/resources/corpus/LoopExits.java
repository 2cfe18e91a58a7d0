package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * Literal loops whose body leaves in the first iteration: a non-reusing scoped method called in them runs
 * once, so neither is a duplicate.
 */
@Model
public abstract class LoopExits {
  protected final Ops tf;

  protected LoopExits(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("step")
  public Tensor step(Tensor h) {
    return tf.matMul(h, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** An unconditional break: one iteration, step/w once. */
  public Tensor breakAfterFirst(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 3; i++) {
      h = step(h);
      break;
    }
    return h;
  }

  /** An unconditional return: one iteration. */
  public Tensor returnFromFirst(Tensor x) {
    for (int i = 0; i < 3; i++) {
      return step(x);
    }
    return x;
  }
}
