// expect: DuplicateVariable compose(Tensor) enc/inner/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Each method alone is fine; composing the two creates enc/inner/w twice. */
@Model
public abstract class NestedComposition {
  protected final Ops tf;

  protected NestedComposition(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("inner")
  public Tensor inner(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  @VariableScope("enc")
  public Tensor encodeA(Tensor x) {
    return inner(x);
  }

  @VariableScope("enc")
  public Tensor encodeB(Tensor x) {
    return tf.relu(inner(x));
  }

  public Tensor compose(Tensor x) {
    return encodeB(encodeA(x));
  }
}
