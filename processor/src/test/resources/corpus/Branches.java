// expect warning: MaybeDuplicateVariable blk/w
package corpus;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Variables created under if / else / switch / ?: (the harness passes true and 2). */
@Model
public abstract class Branches {
  protected final Ops tf;

  protected Branches(Ops tf) {
    this.tf = tf;
  }

  /** w always, b only in one arm (taken with bias = true). */
  public Tensor withBias(Tensor x, boolean bias) {
    Tensor h = tf.matMul(x, tf.getVariable("w", Shape.of(4, 3)));
    if (bias) {
      h = tf.add(h, tf.getVariable("b", Shape.of(3)));
    }
    return h;
  }

  /** Both arms create w, differently initialized: w is certain. */
  public Tensor eitherArm(Tensor x, boolean zeros) {
    Tensor w;
    if (zeros) {
      w = tf.getVariable("w", Shape.of(4, 3), Initializers.zeros());
    } else {
      w = tf.getVariable("w", Shape.of(4, 3));
    }
    return tf.matMul(x, w);
  }

  @VariableScope("gate")
  public Tensor gated(Tensor x) {
    return tf.mul(x, tf.sigmoid(tf.getVariable("g", Shape.of(4))));
  }

  /** gate/g when gate is true. */
  public Tensor ternary(Tensor x, boolean gate) {
    return gate ? gated(x) : x;
  }

  /** two when mode is 2. */
  public Tensor switched(Tensor x, int mode) {
    switch (mode) {
      case 2:
        return tf.add(x, tf.getVariable("two", Shape.of(4)));
      default:
        return x;
    }
  }

  @VariableScope("blk")
  public Tensor block(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** blk/w; a second, non-reusing block only when once is false (a MaybeDuplicateVariable warning). */
  public Tensor maybeAgain(Tensor x, boolean once) {
    Tensor h = block(x);
    if (!once) {
      h = block(h);
    }
    return h;
  }
}
