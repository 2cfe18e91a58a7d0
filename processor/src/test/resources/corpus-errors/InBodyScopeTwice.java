// expect: DuplicateVariable build() x/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/** The same non-reusing scope written twice in a body. */
@Model
@SuppressWarnings("try")
public abstract class InBodyScopeTwice {
  protected final Ops tf;

  protected InBodyScopeTwice(Ops tf) {
    this.tf = tf;
  }

  public void build() {
    try (VarScope s = tf.variableScope("x")) {
      tf.getVariable("w", Shape.of(2));
    }
    try (VarScope s = tf.variableScope("x")) {
      tf.getVariable("w", Shape.of(2));
    }
  }
}
