// expect: InvalidLayerName build(Tensor) fc:0
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.layers.Dense;

/** A layer name TF rejects. */
@Model
public abstract class LayerInvalidName {
  protected final Ops tf;

  protected LayerInvalidName(Ops tf) {
    this.tf = tf;
  }

  public Tensor build(Tensor x) {
    return tf.layers().dense(x, 2, Dense.options().name("fc:0"));
  }
}
