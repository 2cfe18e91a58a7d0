package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Two methods calling each other, bounded by a depth parameter (2 here). */
@Model
public abstract class MutualRecursion {
  protected final Ops tf;

  protected MutualRecursion(Ops tf) {
    this.tf = tf;
  }

  /** depth 2: ping/w, ping/pong/w, ping/pong/ping/w. */
  @VariableScope(value = "ping", reuse = Reuse.AUTO)
  public Tensor ping(Tensor x, int depth) {
    Tensor h = tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
    return depth > 0 ? pong(h, depth - 1) : h;
  }

  @VariableScope(value = "pong", reuse = Reuse.AUTO)
  public Tensor pong(Tensor x, int depth) {
    Tensor h = tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
    return depth > 0 ? ping(h, depth - 1) : h;
  }
}
