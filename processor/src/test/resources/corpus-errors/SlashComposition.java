// expect: DuplicateVariable forward() a/b/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Scope a with variable b/w, and scope a/b with variable w: the same a/b/w. */
@Model
@SuppressWarnings("try")
public abstract class SlashComposition {
  protected final Ops tf;

  protected SlashComposition(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("a")
  public void viaVariableName() {
    tf.getVariable("b/w", Shape.of(2));
  }

  public void forward() {
    viaVariableName();
    try (VarScope s = tf.variableScope("a/b")) {
      tf.getVariable("w", Shape.of(2));
    }
  }
}
