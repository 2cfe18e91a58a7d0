// expect: VariableDTypeConflict forward() s/v
package corpus;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** The scope's dtype makes s/v float64; a scope without it asks for float32. */
@Model
public abstract class DTypeConflictScopeDType {
  protected final Ops tf;

  protected DTypeConflictScopeDType(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(value = "s", reuse = Reuse.AUTO, dtype = DType.FLOAT64)
  public void wide() {
    tf.getVariable("v", Shape.of(2));
  }

  @VariableScope(value = "s", reuse = Reuse.AUTO)
  public void narrow() {
    tf.getVariable("v", Shape.of(2));
  }

  public void forward() {
    wide();
    narrow();
  }
}
