package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Three levels of scoped methods: outer/a, outer/middle/b, outer/middle/inner/k. */
@Model
public abstract class NestedScopes {
  protected final Ops tf;

  protected NestedScopes(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("outer")
  public Tensor outer(Tensor x) {
    Tensor a = tf.getVariable("a", Shape.of(4, 4));
    return middle(tf.matMul(x, a));
  }

  @VariableScope("middle")
  public Tensor middle(Tensor x) {
    Tensor b = tf.getVariable("b", Shape.of(4, 4));
    return inner(tf.matMul(x, b));
  }

  @VariableScope("inner")
  public Tensor inner(Tensor x) {
    Tensor k = tf.getVariable("k", Shape.of(4, 2));
    return tf.matMul(x, k);
  }

  /** Two different paths to the innermost level: inner/k and outer/middle/inner/k are different variables. */
  public Tensor bothPaths(Tensor x) {
    return tf.add(inner(x), outer(x));
  }
}
