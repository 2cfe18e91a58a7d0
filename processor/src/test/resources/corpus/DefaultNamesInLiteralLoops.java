package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;
import io.scopegraph.layers.Dense;

/**
 * Default names in literal loops, replayed run by run: an AUTO scope entered twice counts dense, dense_1 afresh
 * each time (shared), while at the root each run takes the next name (dense, dense_1, dense_2). Unnamed layers
 * follow the same counters.
 */
@Model
public abstract class DefaultNamesInLiteralLoops {
  protected final Ops tf;

  protected DefaultNamesInLiteralLoops(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "dense")
  public Tensor dense(Tensor x) {
    return tf.matMul(x, tf.getVariable("kernel", Shape.of(4, 4)));
  }

  @VariableScope(value = "block", reuse = Reuse.AUTO)
  public Tensor block(Tensor h) {
    return dense(dense(h));
  }

  /** block/dense/kernel, block/dense_1/kernel (the second run shares them). */
  public Tensor net(Tensor h) {
    for (int i = 0; i < 2; i++) {
      h = block(h);
    }
    return h;
  }

  /** dense/kernel, dense_1/kernel, dense_2/kernel. */
  public Tensor chain(Tensor h) {
    for (int i = 0; i < 3; i++) {
      h = dense(h);
    }
    return h;
  }

  @VariableScope(value = "tower", reuse = Reuse.AUTO)
  public Tensor tower(Tensor h) {
    return tf.layers().dense(tf.layers().dense(h, 4), 4);
  }

  /** tower/dense/kernel, tower/dense/bias, tower/dense_1/kernel, tower/dense_1/bias (shared by the second run). */
  public Tensor towers(Tensor h) {
    for (int i = 0; i < 2; i++) {
      h = tower(h);
    }
    return h;
  }

  /** A new layer object and an unnamed layer each run: dense, dense_1, then dense_2, dense_3. */
  public Tensor layersAtRoot(Tensor x) {
    for (int i = 0; i < 2; i++) {
      Dense d = tf.layers().denseLayer(2);
      d.apply(x);
      tf.layers().dense(x, 2);
    }
    return x;
  }
}
