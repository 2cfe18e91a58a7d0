package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** getLocalVariable: in the variable store like getVariable, not trainable. */
@Model
public abstract class LocalVariables {
  protected final Ops tf;

  protected LocalVariables(Ops tf) {
    this.tf = tf;
  }

  /** metrics/count, metrics/total (local), metrics/w (global). */
  @VariableScope("metrics")
  public Tensor metrics(Tensor x) {
    tf.getLocalVariable("count", Shape.scalar());
    Tensor total = tf.getLocalVariable("total", Shape.of(4));
    Tensor w = tf.getVariable("w", Shape.of(4));
    return tf.add(tf.add(x, total), w);
  }

  /** step, at the root. */
  public void atRoot() {
    this.tf.getLocalVariable("step", Shape.scalar());
  }
}
