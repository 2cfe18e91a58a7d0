// expect: DuplicateVariable forward(Tensor) same/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/** One @ScopeName literal given twice to a non-reusing layer. */
@Model
public abstract class SameScopeNameTwice {
  protected final Ops tf;

  protected SameScopeNameTwice(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "layer")
  public Tensor layer(@ScopeName String name, Tensor x) {
    return tf.matMul(x, tf.getVariable("kernel", Shape.of(4, 4)));
  }

  public Tensor forward(Tensor x) {
    return layer("same", layer("same", x));
  }
}
