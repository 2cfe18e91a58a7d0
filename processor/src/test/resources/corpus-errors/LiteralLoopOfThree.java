// expect: DuplicateVariable unroll(Tensor) step/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** A non-reusing scoped method in a literal loop of 3. */
@Model
public abstract class LiteralLoopOfThree {
  protected final Ops tf;

  protected LiteralLoopOfThree(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("step")
  public Tensor step(Tensor h) {
    return tf.tanh(tf.matMul(h, tf.getVariable("w", Shape.of(4, 4))));
  }

  public Tensor unroll(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 3; i++) {
      h = step(h);
    }
    return h;
  }
}
