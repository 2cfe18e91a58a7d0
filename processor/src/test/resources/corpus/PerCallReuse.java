package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/**
 * A GAN's shape with per-call reuse: the discriminator runs on real and on generated data and shares its variables
 * through its @ScopeReuse argument (TF's {@code discriminator(x, reuse=True)}).
 */
@Model
public abstract class PerCallReuse {
  protected final Ops tf;

  protected PerCallReuse(Ops tf) {
    this.tf = tf;
  }

  /** generator/dense/kernel, generator/dense/bias. */
  @VariableScope("generator")
  public Tensor generator(Tensor z) {
    return tf.layers().dense(z, 4);
  }

  /** discriminator/hidden/kernel, discriminator/hidden/bias, discriminator/w; a null argument inherits (creates). */
  @VariableScope("discriminator")
  public Tensor discriminator(Tensor x, @ScopeReuse Reuse reuse) {
    Tensor h = tf.layers().dense(x, 3, "hidden");
    return tf.matMul(h, tf.getVariable("w", Shape.of(3, 1)));
  }

  /** The generator's variables and the discriminator's, each once. */
  public Tensor losses(Tensor real, Tensor z) {
    Tensor dReal = discriminator(real, null);
    Tensor dFake = discriminator(generator(z), Reuse.TRUE);
    return tf.sub(dReal, dFake);
  }

  /** AUTO creates on the first call and shares on the second. */
  public Tensor auto(Tensor real) {
    return tf.add(discriminator(real, Reuse.AUTO), discriminator(real, Reuse.AUTO));
  }

  /** FALSE inherits: inside an AUTO scope the inner calls share. */
  @VariableScope(value = "outer", reuse = Reuse.AUTO)
  public Tensor inheritsAuto(Tensor real) {
    return tf.add(discriminator(real, Reuse.FALSE), discriminator(real, null));
  }
}
