// expect: VariableDTypeConflict forward() shared/v
package corpus;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/** An AUTO scope asking for shared/v as int32, then as float64. */
@Model
@SuppressWarnings("try")
public abstract class DTypeConflictAuto {
  protected final Ops tf;

  protected DTypeConflictAuto(Ops tf) {
    this.tf = tf;
  }

  public void forward() {
    try (VarScope s = tf.variableScope("shared", Reuse.AUTO)) {
      tf.getVariable("v", Shape.of(2), DType.INT32);
      tf.getVariable("v", Shape.of(2), DType.FLOAT64);
    }
  }
}
