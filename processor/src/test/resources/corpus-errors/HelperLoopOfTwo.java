// expect: DuplicateVariable build() cell/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/** A private helper in a literal loop of 2, inside a non-reusing scope. */
@Model
@SuppressWarnings("try")
public abstract class HelperLoopOfTwo {
  protected final Ops tf;

  protected HelperLoopOfTwo(Ops tf) {
    this.tf = tf;
  }

  private void helper() {
    tf.getVariable("w", Shape.of(2));
  }

  public void build() {
    try (VarScope s = tf.variableScope("cell")) {
      for (int i = 0; i < 2; i++) {
        helper();
      }
    }
  }
}
