// expect: VariableDTypeConflict forward() shared/count
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/** count is int32 (from the value 3); sharing it without a dtype asks for float32. */
@Model
@SuppressWarnings("try")
public abstract class DTypeConflictFromValue {
  protected final Ops tf;

  protected DTypeConflictFromValue(Ops tf) {
    this.tf = tf;
  }

  public void forward() {
    try (VarScope s = tf.variableScope("shared", Reuse.AUTO)) {
      tf.getVariable("count", 3);
      tf.getVariable("count", Shape.scalar());
    }
  }
}
