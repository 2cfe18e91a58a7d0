package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Names with slashes compose like any others; dots and dashes are valid too. */
@Model
@SuppressWarnings("try")
public abstract class SlashNames {
  protected final Ops tf;

  protected SlashNames(Ops tf) {
    this.tf = tf;
  }

  /** a/b/c/w. */
  @VariableScope("a/b")
  public Tensor deep(Tensor x) {
    return tf.matMul(x, tf.getVariable("c/w", Shape.of(4, 4)));
  }

  /** x/y/z, x/y/a/b/c/w, and v.1-2. */
  public Tensor composed(Tensor x) {
    Tensor h;
    try (VarScope s = tf.variableScope("x/y")) {
      tf.getVariable("z", Shape.of(1));
      h = deep(x);
    }
    tf.getVariable("v.1-2", Shape.of(1));
    return h;
  }
}
