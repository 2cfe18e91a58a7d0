// expect: DuplicateVariable forward(Tensor) layer/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** A non-reusing scoped method called twice. */
@Model
public abstract class ScopedTwice {
  protected final Ops tf;

  protected ScopedTwice(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("layer")
  public Tensor layer(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  public Tensor forward(Tensor x) {
    return layer(layer(x));
  }
}
