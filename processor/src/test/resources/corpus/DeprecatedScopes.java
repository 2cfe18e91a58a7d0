package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.OpScope;
import io.scopegraph.annotations.VariableOpScope;

/** The deprecated @VariableOpScope is a variable scope (vop/w); @OpScope a name scope (w). */
@Model
@SuppressWarnings({"deprecation", "scopegraph:DeprecatedScope", "scopegraph:NameScopeOnlyVariable"})
public abstract class DeprecatedScopes {
  protected final Ops tf;

  protected DeprecatedScopes(Ops tf) {
    this.tf = tf;
  }

  /** vop/w. */
  @VariableOpScope("vop")
  public Tensor variableOpScope(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** w: op_scope is a name scope. */
  @OpScope("op")
  public Tensor opScope(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }
}
