package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Overloads of different arity, each its own root and its own scope. */
@Model
public abstract class Overloads {
  protected final Ops tf;

  protected Overloads(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("proj")
  public Tensor project(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  @VariableScope("proj_units")
  public Tensor project(Tensor x, int units) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, units)));
  }

  @VariableScope("proj_bias")
  public Tensor project(Tensor x, int units, boolean bias) {
    Tensor h = tf.matMul(x, tf.getVariable("w", Shape.of(4, 3)));
    if (bias) {
      h = tf.add(h, tf.getVariable("b", Shape.of(3)));
    }
    return h;
  }

  /** proj/w, proj_units/w, proj_bias/w, proj_bias/b. */
  public Tensor all(Tensor x) {
    project(x);
    project(x, 3);
    return project(x, 2, true);
  }
}
