package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** tf.getVariableScope().reuseVariables() switches the current scope to reuse: no duplicates. */
@Model
public abstract class RootScopeReuse {
  protected final Ops tf;

  protected RootScopeReuse(Ops tf) {
    this.tf = tf;
  }

  /** r once, at the root. */
  public void atRoot() {
    tf.getVariable("r", Shape.of(2));
    tf.getVariableScope().reuseVariables();
    tf.getVariable("r", Shape.of(2));
  }

  /** s/w once. */
  @VariableScope("s")
  public void inScopedMethod() {
    tf.getVariable("w", Shape.of(2));
    tf.getVariableScope().reuseVariables();
    tf.getVariable("w", Shape.of(2));
  }
}
