package corpus;

import io.scopegraph.DType;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Explicit dtypes, a scope's default dtype, and dtypes taken from constant initial values. */
@Model
@SuppressWarnings("try")
public abstract class DTypes {
  protected final Ops tf;

  protected DTypes(Ops tf) {
    this.tf = tf;
  }

  /** int32, float64, int64, bool, float64 with an initializer. */
  public void explicit() {
    tf.getVariable("steps", Shape.scalar(), DType.INT32);
    tf.getVariable("w64", Shape.of(4, 3), DType.FLOAT64);
    tf.getVariable("big", Shape.of(2), DType.INT64);
    tf.getVariable("flags", Shape.of(2), DType.BOOL);
    tf.getVariable("ones", Shape.of(2), DType.FLOAT64, Initializers.ones());
  }

  /** f64/w is float64 (the scope's dtype), f64/i int32 (explicit wins). */
  @VariableScope(value = "f64", dtype = DType.FLOAT64)
  public void scopeDType() {
    tf.getVariable("w", Shape.of(2));
    tf.getVariable("i", Shape.of(2), DType.INT32);
  }

  /** outer/f64/w float64 and outer/plain float32: the scope dtype applies inside the scope only. */
  public void nested() {
    try (VarScope s = tf.variableScope("outer")) {
      scopeDType();
      tf.getVariable("plain", Shape.of(2));
    }
  }

  /** count is int32, ratio float64, flag bool: the dtype of the Java value, not float32. */
  public void fromValues() {
    tf.getVariable("count", 3);
    tf.getVariable("ratio", 0.5);
    tf.getVariable("flag", true);
  }

  /** A Tensor input is float32; the variable matches it. */
  public Tensor withInput(Tensor x) {
    return tf.add(x, tf.getVariable("bias", Shape.of(4), DType.FLOAT32));
  }

  /** Values of other kinds: a Tensor (int32, [2]), a long (int64), a value with a matching explicit dtype. */
  public void fromOtherValues() {
    tf.getVariable("from_tensor", tf.constant(new int[] {1, 2}));
    tf.getVariable("from_long", 3L);
    tf.getVariable("typed_value", 2.0, DType.FLOAT64);
  }
}
