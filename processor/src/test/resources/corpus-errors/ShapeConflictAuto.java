// expect: VariableShapeConflict forward(Tensor) shared/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Two AUTO scopes of one name asking for shared/w with incompatible shapes. */
@Model
public abstract class ShapeConflictAuto {
  protected final Ops tf;

  protected ShapeConflictAuto(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(value = "shared", reuse = Reuse.AUTO)
  public Tensor wide(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 3)));
  }

  @VariableScope(value = "shared", reuse = Reuse.AUTO)
  public Tensor narrow(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 2)));
  }

  public Tensor forward(Tensor x) {
    wide(x);
    return narrow(x);
  }
}
