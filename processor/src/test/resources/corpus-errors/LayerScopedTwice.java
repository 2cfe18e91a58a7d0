// expect: DuplicateVariable gan(Tensor, Tensor) discriminator/dense/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;
import io.scopegraph.layers.Layers;

/** L11 without reuse: leaving the scope resets its default names, so the second build asks for dense again. */
@Model
public abstract class LayerScopedTwice {
  protected final Ops tf;

  protected LayerScopedTwice(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("discriminator")
  public Tensor disc(Tensor x) {
    Layers layers = tf.layers();
    Tensor h = layers.dense(x, 4);
    return layers.dense(h, 1);
  }

  public Tensor gan(Tensor real, Tensor fake) {
    return disc(real).sub(disc(fake));
  }
}
