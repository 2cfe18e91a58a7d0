// expect: DuplicateVariable build(Tensor) fc/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.layers.Layers;

/** L5: a named dense layer twice without reuse. */
@Model
public abstract class LayerNameTwice {
  protected final Ops tf;

  protected LayerNameTwice(Ops tf) {
    this.tf = tf;
  }

  public Tensor build(Tensor x) {
    Layers layers = tf.layers();
    layers.dense(x, 2, "fc");
    return layers.dense(x, 2, "fc");
  }
}
