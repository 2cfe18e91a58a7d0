// expect: DuplicateVariable build(Tensor) block/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Two getVariables of one name in one method. */
@Model
public abstract class SameNameTwice {
  protected final Ops tf;

  protected SameNameTwice(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("block")
  public Tensor build(Tensor x) {
    Tensor first = tf.getVariable("w", Shape.of(4, 4));
    Tensor second = tf.getVariable("w", Shape.of(4, 4));
    return tf.matMul(tf.matMul(x, first), second);
  }
}
