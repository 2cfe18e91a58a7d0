package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Recursion bounded by a depth parameter (2 here), terminating at run time. */
@Model
@SuppressWarnings("try")
public abstract class Recursion {
  protected final Ops tf;

  protected Recursion(Ops tf) {
    this.tf = tf;
  }

  /** depth 2: level/w, level/level/w, level/level/level/w. */
  @VariableScope("level")
  public Tensor tower(Tensor x, int depth) {
    Tensor h = tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
    return depth > 0 ? tower(h, depth - 1) : h;
  }

  /** chain/w, created once and shared by the recursive private helper. */
  public Tensor chain(Tensor x, int depth) {
    try (VarScope s = tf.variableScope("chain", Reuse.AUTO)) {
      return repeat(x, depth);
    }
  }

  private Tensor repeat(Tensor x, int depth) {
    if (depth == 0) {
      return x;
    }
    Tensor w = tf.getVariable("w", Shape.of(4, 4));
    return repeat(tf.matMul(x, w), depth - 1);
  }
}
