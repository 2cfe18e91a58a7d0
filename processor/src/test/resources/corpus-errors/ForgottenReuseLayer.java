// expect: DuplicateVariable gan(Tensor, Tensor) discriminator/hidden/kernel
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/** The classic GAN bug with a layer: the discriminator called a second time without reuse=True. */
@Model
public abstract class ForgottenReuseLayer {
  protected final Ops tf;

  protected ForgottenReuseLayer(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("discriminator")
  public Tensor discriminator(Tensor x, @ScopeReuse boolean reuse) {
    return tf.layers().dense(x, 3, "hidden");
  }

  public Tensor gan(Tensor real, Tensor fake) {
    Tensor dReal = discriminator(real, false);
    Tensor dFake = discriminator(fake, false); // should be true
    return tf.sub(dReal, dFake);
  }
}
