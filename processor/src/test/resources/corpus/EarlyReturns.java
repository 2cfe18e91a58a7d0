// expect warning: ReuseWithoutCreator ghost/g
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Code after an early return runs only on some paths (the harness passes true). */
@Model
@SuppressWarnings("try")
public abstract class EarlyReturns {
  protected final Ops tf;

  protected EarlyReturns(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("step")
  public Tensor step(Tensor h) {
    return tf.matMul(h, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** skip is true: nothing is created. */
  public Tensor earlyReturn(Tensor x, boolean skip) {
    if (skip) {
      return x;
    }
    return tf.add(x, tf.getVariable("after", Shape.of(4)));
  }

  /** The Reuse.TRUE branch is not taken; no code creates ghost/g (a ReuseWithoutCreator warning). */
  public Tensor untakenReuse(Tensor x, boolean flag) {
    if (!flag) {
      try (VarScope s = tf.variableScope("ghost", Reuse.TRUE)) {
        return tf.add(x, tf.getVariable("g", Shape.of(4)));
      }
    }
    return x;
  }

  /** step/w inside try/catch. */
  public Tensor guarded(Tensor x) {
    try {
      return step(x);
    } catch (IllegalArgumentException e) {
      return x;
    }
  }
}
