package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Reuse.TRUE sharing after the variable was created by a scoped method. */
@Model
@SuppressWarnings("try")
public abstract class ReuseTrueAfterCreator {
  protected final Ops tf;

  protected ReuseTrueAfterCreator(Ops tf) {
    this.tf = tf;
  }

  /** The creator: encoder/w. */
  @VariableScope("encoder")
  public Tensor encode(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(4, 3));
    return tf.matMul(x, w);
  }

  /** encoder/w, created then shared with Reuse.TRUE. */
  public Tensor encodeTwice(Tensor x) {
    Tensor first = encode(x);
    Tensor second;
    try (VarScope s = tf.variableScope("encoder", Reuse.TRUE)) {
      Tensor w = tf.getVariable("w", Shape.of(4, 3));
      second = tf.matMul(x, w);
    }
    return tf.add(first, second);
  }

  /** encoder/w, shared by a private helper that gives no shape (a shared variable needs none). */
  public Tensor shareThroughHelper(Tensor x) {
    Tensor first = encode(x);
    try (VarScope s = tf.variableScope("encoder", Reuse.TRUE)) {
      return tf.add(first, sharedProjection(x));
    }
  }

  private Tensor sharedProjection(Tensor x) {
    return tf.matMul(x, tf.getVariable("w"));
  }
}
