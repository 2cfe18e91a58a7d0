package corpus;

import io.scopegraph.DType;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import java.util.List;

/** Other Ops calls that create variables or enter scopes. */
@Model
@SuppressWarnings({"try", "deprecation"})
public abstract class OtherOpsCalls {
  protected final Ops tf;

  protected OtherOpsCalls(Ops tf) {
    this.tf = tf;
  }

  /** built: getVariableBuilder goes through the store too. */
  public void builder() {
    tf.getVariableBuilder("built").shape(Shape.of(2)).get();
  }

  /** The deprecated variable_op_scope is a variable scope: vop/w. */
  public Tensor variableOpScope(Tensor x) {
    try (VarScope s = tf.variableOpScope(List.of(x), "vop", null)) {
      return tf.add(x, tf.getVariable("w", Shape.of(4)));
    }
  }

  /** The deprecated op_scope is a name scope: u. */
  @SuppressWarnings("scopegraph:NameScopeOnlyVariable")
  public Tensor opScope(Tensor x) {
    try (NameScopeHandle n = tf.opScope(List.of(x), "op", null)) {
      return tf.add(x, tf.getVariable("u", Shape.of(4)));
    }
  }

  /** A no-argument function as the initial value: from_fn, [2] float32. */
  public void supplier() {
    tf.getVariable("from_fn", () -> tf.zeros(Shape.of(2), DType.FLOAT32));
  }
}
