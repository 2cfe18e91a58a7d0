// expect: VariableShapeConflict forward(Tensor) outer/unit/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Non-reusing scopes inside an AUTO one inherit it: the second shares outer/unit/w with another shape. */
@Model
public abstract class ShapeConflictInheritedReuse {
  protected final Ops tf;

  protected ShapeConflictInheritedReuse(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("unit")
  public Tensor square(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  @VariableScope("unit")
  public Tensor narrow(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 2)));
  }

  @VariableScope(value = "outer", reuse = Reuse.AUTO)
  public Tensor forward(Tensor x) {
    return narrow(square(x));
  }
}
