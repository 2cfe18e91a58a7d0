// expect: DuplicateVariable build(Tensor, Tensor) disc/w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/** The forgotten-reuse GAN across two models: the holder calls the held discriminator twice, reuse inherited. */
public final class ComposedForgottenReuse {
  private ComposedForgottenReuse() {}

  /** disc/w. */
  @Model
  public abstract static class Disc {
    protected final Ops tf;

    protected Disc(Ops tf) {
      this.tf = tf;
    }

    @VariableScope("disc")
    public Tensor probability(Tensor x, @ScopeReuse Reuse reuse) {
      return tf.matMul(x, tf.getVariable("w", Shape.of(4, 1)));
    }
  }

  @Model
  public abstract static class Gan {
    protected final Ops tf;
    private final Disc disc;

    protected Gan(Ops tf) {
      this.tf = tf;
      this.disc = ScopedComposedForgottenReuse_Disc.create(tf);
    }

    public Tensor build(Tensor real, Tensor fake) {
      Tensor dReal = disc.probability(real, null);
      return tf.sub(dReal, disc.probability(fake, Reuse.FALSE)); // forgot Reuse.TRUE
    }
  }
}
