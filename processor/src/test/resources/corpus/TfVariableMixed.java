package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** tf.variable (tf.Variable) next to getVariable: never in the store, never in the manifest. */
@Model
public abstract class TfVariableMixed {
  protected final Ops tf;

  protected TfVariableMixed(Ops tf) {
    this.tf = tf;
  }

  /** layer/w only; layer/counter and layer/scale are tf.Variables. */
  @VariableScope("layer")
  public Tensor layer(Tensor x) {
    tf.variable(0f, "counter");
    Variable scale = tf.variable(new float[] {1f, 1f, 1f, 1f}, "scale");
    Tensor w = tf.getVariable("w", Shape.of(4, 4));
    return tf.mul(tf.matMul(x, w), scale);
  }

  /** w only: a tf.Variable named w first takes the op name, the store key is still w. */
  public Tensor sameName(Tensor x) {
    tf.variable(1f);
    Variable shadow = tf.variable(new float[] {2f, 2f, 2f, 2f}, "w");
    Tensor w = tf.getVariable("w", Shape.of(4));
    return tf.add(tf.add(x, shadow), w);
  }

  /** Only tf.Variables: nothing. */
  public Tensor onlyTfVariables(Tensor x) {
    return tf.add(x, tf.variable(new float[] {0f, 0f, 0f, 0f}, "offset"));
  }
}
