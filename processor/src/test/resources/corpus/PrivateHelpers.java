package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Private helpers (not roots) creating variables in their caller's scope, one calling another. */
@Model
@SuppressWarnings("try")
public abstract class PrivateHelpers {
  protected final Ops tf;

  protected PrivateHelpers(Ops tf) {
    this.tf = tf;
  }

  private Tensor affine(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(4, 4));
    Tensor b = tf.getVariable("b", Shape.of(4));
    return tf.add(tf.matMul(x, w), b);
  }

  private Tensor projection(Tensor x) {
    try (VarScope s = tf.variableScope("proj")) {
      Tensor p = tf.getVariable("p", Shape.of(4, 2));
      return tf.matMul(this.affine(x), p);
    }
  }

  /** first/proj/w, first/proj/b, first/proj/p. */
  @VariableScope("first")
  public Tensor first(Tensor x) {
    return projection(x);
  }

  /** second/w, second/b. */
  @VariableScope("second")
  public Tensor second(Tensor x) {
    return affine(x);
  }

  /** Both, plus the helper at the root: w, b. */
  public Tensor all(Tensor x) {
    first(x);
    second(x);
    return affine(x);
  }
}
