package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** @VariableScope(reuse = TRUE) on a method: it shares what the creator made and never creates. */
@Model
public abstract class ScopedReuseTrue {
  protected final Ops tf;

  protected ScopedReuseTrue(Ops tf) {
    this.tf = tf;
  }

  /** enc/w. */
  @VariableScope("enc")
  public Tensor encode(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 3)));
  }

  /** Shares enc/w; with skip (true when run alone) it returns before asking for it. */
  @VariableScope(value = "enc", reuse = Reuse.TRUE)
  public Tensor shared(Tensor x, boolean skip) {
    if (skip) {
      return x;
    }
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 3)));
  }

  /** enc/w, created then shared. */
  public Tensor both(Tensor x) {
    return tf.add(encode(x), shared(x, false));
  }
}
