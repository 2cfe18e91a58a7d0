package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Names that are compile-time constants without being string literals. */
@Model
@SuppressWarnings("try")
public abstract class ConstantNames {
  private static final String SCOPE = "block";
  private static final String KERNEL = "kernel";

  protected final Ops tf;

  protected ConstantNames(Ops tf) {
    this.tf = tf;
  }

  /** block/kernel, block/kernel2. */
  @VariableScope(SCOPE)
  public void annotated() {
    tf.getVariable(KERNEL, Shape.of(2));
    tf.getVariable("ker" + "nel2", Shape.of(2));
  }

  /** block/kernel, from an in-body scope. */
  public void inBody() {
    try (VarScope s = tf.variableScope(SCOPE)) {
      tf.getVariable(KERNEL, Shape.of(2));
    }
  }
}
