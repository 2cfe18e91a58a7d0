package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Literal shapes (predicted) and computed ones (predicted as unknown, never wrongly). */
@Model
public abstract class Shapes {
  protected final Ops tf;

  protected Shapes(Ops tf) {
    this.tf = tf;
  }

  /** [4,3], [], [7], [2,2,2]. */
  @VariableScope("literal")
  public Tensor literal(Tensor x) {
    Tensor matrix = tf.getVariable("matrix", Shape.of(4, 3));
    tf.getVariable("scalar", Shape.scalar());
    tf.getVariable("vector", Shape.of(7));
    tf.getVariable("cube", Shape.of(2, 2, 2));
    return tf.matMul(x, matrix);
  }

  /** A shape from the input, one held in a local, one built from long literals. */
  @VariableScope("computed")
  public Tensor computed(Tensor x, int units) {
    Tensor kernel = tf.getVariable("kernel", Shape.of(x.shape().dim(1), units));
    Shape square = Shape.of(3, 3);
    tf.getVariable("local", square);
    tf.getVariable("longs", Shape.of(4L, 3L));
    return tf.matMul(x, kernel);
  }

  /** A long parameter: [4,2] at run time. */
  public Tensor longUnits(Tensor x, long units) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, units)));
  }

  /** Shapes taken from constant initial values: [2] and []. */
  public void fromValues() {
    tf.getVariable("pair", new float[] {1f, 2f});
    tf.getVariable("one", 0.5f);
  }
}
