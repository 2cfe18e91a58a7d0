package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Roots calling other roots: each call happens inside the caller's scopes. */
@Model
public abstract class CallsAnotherRoot {
  protected final Ops tf;

  protected CallsAnotherRoot(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(value = "embed", reuse = Reuse.AUTO)
  public Tensor embed(Tensor x) {
    return tf.matMul(x, tf.getVariable("table", Shape.of(4, 4)));
  }

  @VariableScope("head")
  public Tensor head(Tensor x) {
    return tf.matMul(x, tf.getVariable("out", Shape.of(4, 2)));
  }

  /** model/embed/table, model/head/out. */
  @VariableScope("model")
  public Tensor model(Tensor x) {
    return head(embed(x));
  }

  /** embed/table (twice, shared), then model/embed/table, model/head/out. */
  public Tensor pipeline(Tensor x) {
    Tensor e = embed(embed(x));
    return model(e);
  }
}
