package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Reuse.FALSE inherits: a non-reusing scope inside a reusing one shares, so calling it twice is fine. */
@Model
@SuppressWarnings("try")
public abstract class InheritedReuse {
  protected final Ops tf;

  protected InheritedReuse(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("unit")
  public Tensor unit(Tensor x) {
    return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
  }

  /** shared/unit/w once: unit inherits AUTO. */
  @VariableScope(value = "shared", reuse = Reuse.AUTO)
  public Tensor sharedTwice(Tensor x) {
    return unit(unit(x));
  }

  /** outer/unit/w once, through an AUTO scope in the body. */
  public Tensor inBodyAuto(Tensor x) {
    try (VarScope s = tf.variableScope("outer", Reuse.AUTO)) {
      return unit(unit(x));
    }
  }

  /** unit/w: created, then shared from a TRUE scope of the same name. */
  public Tensor createThenShare(Tensor x) {
    Tensor h = unit(x);
    try (VarScope s = tf.variableScope("unit", Reuse.TRUE)) {
      return tf.matMul(h, tf.getVariable("w", Shape.of(4, 4)));
    }
  }

  /** outer_loop/inner/w once: an in-body scope inside an AUTO method inherits it too. */
  @VariableScope(value = "outer_loop", reuse = Reuse.AUTO)
  public Tensor inBodyScopeInAutoMethod(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 2; i++) {
      try (VarScope s = tf.variableScope("inner")) {
        h = tf.matMul(h, tf.getVariable("w", Shape.of(4, 4)));
      }
    }
    return h;
  }

  /** auto/unit/w once: an explicit Reuse.FALSE inherits as well. */
  public Tensor explicitFalseInherits(Tensor x) {
    try (VarScope s = tf.variableScope("auto", Reuse.AUTO)) {
      try (VarScope t = tf.variableScope("unit", Reuse.FALSE)) {
        tf.getVariable("w", Shape.of(4, 4));
      }
      return unit(x);
    }
  }
}
