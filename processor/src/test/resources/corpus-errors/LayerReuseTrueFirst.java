// expect: ReuseWithoutVariable build(Tensor) fc/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.layers.Dense;

/** L7: reuse TRUE on the first call of a named layer. */
@Model
public abstract class LayerReuseTrueFirst {
  protected final Ops tf;

  protected LayerReuseTrueFirst(Ops tf) {
    this.tf = tf;
  }

  public Tensor build(Tensor x) {
    return tf.layers().dense(x, 2, Dense.options().name("fc").reuse(Reuse.TRUE));
  }
}
