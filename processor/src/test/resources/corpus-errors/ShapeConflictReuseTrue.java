// expect: VariableShapeConflict forward(Tensor) enc/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** enc/w created as [4,4], then asked for as [4,2] from a Reuse.TRUE scope. */
@Model
@SuppressWarnings("try")
public abstract class ShapeConflictReuseTrue {
  protected final Ops tf;

  protected ShapeConflictReuseTrue(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("enc")
  public Tensor encode(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  public Tensor forward(Tensor x) {
    Tensor h = encode(x);
    try (VarScope s = tf.variableScope("enc", Reuse.TRUE)) {
      return tf.matMul(h, tf.getVariable("w", Shape.of(4, 2)));
    }
  }
}
