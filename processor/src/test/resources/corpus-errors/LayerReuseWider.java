// expect: VariableShapeConflict build() fc/kernel
package corpus;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.layers.Dense;

/** L7: a named layer shared with an input of another width. */
@Model
public abstract class LayerReuseWider {
  protected final Ops tf;

  protected LayerReuseWider(Ops tf) {
    this.tf = tf;
  }

  public Tensor build() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor x4 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x4");
    tf.layers().dense(x, 2, "fc");
    return tf.layers().dense(x4, 2, Dense.options().name("fc").reuse(Reuse.TRUE));
  }
}
