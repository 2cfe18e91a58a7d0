// expect: DuplicateVariable gan(Tensor, Tensor) discriminator/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/** The classic GAN bug: the discriminator called a second time without reuse=True. */
@Model
public abstract class ForgottenReuse {
  protected final Ops tf;

  protected ForgottenReuse(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("discriminator")
  public Tensor discriminator(Tensor x, @ScopeReuse boolean reuse) {
    return tf.sigmoid(tf.matMul(x, tf.getVariable("w", Shape.of(4, 1))));
  }

  public Tensor gan(Tensor real, Tensor fake) {
    Tensor dReal = discriminator(real, false);
    Tensor dFake = discriminator(fake, false); // should be true
    return tf.sub(dReal, dFake);
  }
}
