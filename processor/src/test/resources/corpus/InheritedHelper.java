package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** A helper inherited from a base class outside the model's source: derived/base_w. */
@Model
public abstract class InheritedHelper extends InheritedHelperBase {
  protected final Ops tf;

  protected InheritedHelper(Ops tf) {
    this.tf = tf;
  }

  @Override
  protected Ops ops() {
    return tf;
  }

  /** derived/base_w (through the inherited helper) and derived/own. */
  @VariableScope("derived")
  public Tensor forward(Tensor x) {
    return tf.add(affine(x), tf.getVariable("own", Shape.of(4)));
  }
}

/** Not a model: helpers a model inherits. */
abstract class InheritedHelperBase {
  protected abstract Ops ops();

  protected Tensor affine(Tensor x) {
    return ops().matMul(x, ops().getVariable("base_w", Shape.of(4, 4)));
  }
}
