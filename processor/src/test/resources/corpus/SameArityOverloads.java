package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Two overloads with the same arity: a call must not be attributed to the wrong one. */
@Model
public abstract class SameArityOverloads {
  protected final Ops tf;

  protected SameArityOverloads(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("by_tensor")
  public Tensor scale(Tensor x, Tensor y) {
    return tf.add(tf.mul(x, y), tf.getVariable("t", Shape.of(4)));
  }

  @VariableScope("by_units")
  public Tensor scale(Tensor x, int units) {
    return tf.matMul(x, tf.getVariable("u", Shape.of(4, units)));
  }

  /** by_units/u only. */
  public Tensor useUnits(Tensor x) {
    return scale(x, 3);
  }

  /** by_tensor/t only. */
  public Tensor useTensor(Tensor x) {
    return scale(x, x);
  }
}
