package corpus;

import io.scopegraph.DType;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** The other @VariableScope members change nothing about names; dtype changes the dtype. */
@Model
public abstract class ScopeOptions {
  protected final Ops tf;

  protected ScopeOptions(Ops tf) {
    this.tf = tf;
  }

  /** quiet/w: no name scope of its own, same variable name. */
  @VariableScope(value = "quiet", auxiliaryNameScope = false, initializer = Initializers.Zeros.class)
  public Tensor quiet(Tensor x) {
    return tf.add(x, tf.getVariable("w", Shape.of(4)));
  }

  /** typed/w float64, typed/quiet/w float64: the dtype is inherited by the nested scope. */
  @VariableScope(value = "typed", dtype = DType.FLOAT64, reuse = Reuse.AUTO)
  public void typed() {
    tf.getVariable("w", Shape.of(2));
    inner();
  }

  @VariableScope("quiet")
  protected void inner() {
    tf.getVariable("w", Shape.of(2));
  }

  /** quiet/w under a name scope: the name scope does not matter, quiet/w twice in two roots is fine. */
  @NameScope("wrapper")
  public Tensor wrapped(Tensor x) {
    return quiet(x);
  }
}
