package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/** A reuse mode held in a local: AUTO at run time, so the loop shares s/w. */
@Model
@SuppressWarnings("try")
public abstract class ReuseNotLiteral {
  protected final Ops tf;

  protected ReuseNotLiteral(Ops tf) {
    this.tf = tf;
  }

  /** s/w once. */
  public Tensor reuseInLocal(Tensor x) {
    Reuse mode = Reuse.AUTO;
    Tensor h = x;
    for (int i = 0; i < 2; i++) {
      try (VarScope s = tf.variableScope("s", mode)) {
        h = tf.add(h, tf.getVariable("w", Shape.of(4)));
      }
    }
    return h;
  }
}
