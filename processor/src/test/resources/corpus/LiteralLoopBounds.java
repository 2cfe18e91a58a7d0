package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * Literal loops of 0 and 1 iterations: a non-reusing scoped method called in them runs at most once, so
 * neither is a duplicate.
 */
@Model
public abstract class LiteralLoopBounds {
  protected final Ops tf;

  protected LiteralLoopBounds(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("step")
  public Tensor step(Tensor h) {
    return tf.matMul(h, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** Zero iterations: nothing. */
  public Tensor zeroIterations(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 0; i++) {
      h = step(h);
    }
    return h;
  }

  /** One iteration: step/w once. */
  public Tensor oneIteration(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 1; i++) {
      h = step(h);
    }
    return h;
  }
}
