package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/**
 * Models made of models: a GAN holding a generator and a discriminator (final fields made by their generated
 * create), calling the discriminator twice, sharing; a local model under the holder's own variable scope; and a
 * subclass model calling a scoped method inherited from an abstract base class.
 */
public final class ComposedModels {
  private ComposedModels() {}

  /** disc/w. */
  @Model
  public abstract static class Disc {
    protected final Ops tf;

    protected Disc(Ops tf) {
      this.tf = tf;
    }

    @VariableScope("disc")
    public Tensor probability(Tensor x, @ScopeReuse Reuse reuse) {
      return tf.sigmoid(tf.matMul(x, tf.getVariable("w", Shape.of(4, 1))));
    }
  }

  /** gen/dense/kernel, gen/dense/bias. */
  @Model
  public abstract static class Gen {
    protected final Ops tf;

    protected Gen(Ops tf) {
      this.tf = tf;
    }

    @VariableScope("gen")
    public Tensor generate(Tensor z) {
      return tf.layers().dense(z, 4);
    }
  }

  @Model
  public abstract static class Gan {
    protected final Ops tf;
    private final Disc disc;
    private final Gen gen;

    protected Gan(Ops tf) {
      this.tf = tf;
      this.disc = ScopedComposedModels_Disc.create(tf);
      this.gen = ScopedComposedModels_Gen.create(tf);
    }

    /** gen/dense/kernel, gen/dense/bias, disc/w (created once, then shared). */
    public Tensor build(Tensor real, Tensor z) {
      Tensor fake = gen.generate(z);
      Tensor dReal = disc.probability(real, null);
      return tf.sub(dReal, this.disc.probability(fake, Reuse.TRUE));
    }

    /** outer/disc/w: a local model, called under this method's variable scope. */
    @VariableScope("outer")
    public Tensor local(Tensor x) {
      Disc d = ScopedComposedModels_Disc.create(tf);
      return tf.add(d.probability(x, Reuse.AUTO), d.probability(x, Reuse.AUTO));
    }
  }

  /** Not a model: a scoped method that the generated subclass of a model extending it enters. */
  public abstract static class Base {
    protected final Ops tf;

    protected Base(Ops tf) {
      this.tf = tf;
    }

    /** base/b. */
    @VariableScope("base")
    public Tensor bias(Tensor x, @ScopeReuse Reuse reuse) {
      return tf.add(x, tf.getVariable("b", Shape.of(4)));
    }
  }

  @Model
  public abstract static class Sub extends Base {
    protected Sub(Ops tf) {
      super(tf);
    }

    /** base/b, shared by the second call. */
    public Tensor twice(Tensor x) {
      return bias(bias(x, null), Reuse.TRUE);
    }
  }
}
