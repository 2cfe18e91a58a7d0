package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Roots of other kinds: a static method, a generic method, a final method, an overridden Object method. */
@Model
public abstract class SignatureKinds {
  protected final Ops tf;

  protected SignatureKinds(Ops tf) {
    this.tf = tf;
  }

  /** Creates nothing. */
  static Shape kernelShape() {
    return Shape.of(4, 4);
  }

  /** generic/w, its shape from a static helper. */
  @VariableScope("generic")
  public <T extends Tensor> Tensor generic(T x) {
    return tf.matMul(x, tf.getVariable("w", kernelShape()));
  }

  /** final_w. */
  public final Tensor unscopedFinal(Tensor x) {
    return tf.add(x, tf.getVariable("final_w", Shape.of(4)));
  }

  /** Creates nothing. */
  @Override
  public String toString() {
    return "SignatureKinds";
  }
}
