package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/**
 * {@code scope.reuseVariables()} switches the scope to reuse: the second getVariable shares rv/w. Valid code
 * the analysis does not model; it must not call it a duplicate.
 */
@Model
public abstract class ReuseVariablesCall {
  protected final Ops tf;

  protected ReuseVariablesCall(Ops tf) {
    this.tf = tf;
  }

  /** rv/w, created then shared. */
  public Tensor reuseVariables(Tensor x) {
    try (VarScope s = tf.variableScope("rv")) {
      Tensor w = tf.getVariable("w", Shape.of(4, 4));
      s.reuseVariables();
      Tensor again = tf.getVariable("w", Shape.of(4, 4));
      return tf.matMul(tf.matMul(x, w), again);
    }
  }
}
