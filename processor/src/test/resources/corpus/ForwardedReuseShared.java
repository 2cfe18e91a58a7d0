package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeReuse;
import io.scopegraph.annotations.VariableScope;

/**
 * A method forwarding its own reuse parameter to a held model ({@code def both(x, reuse): return disc(x,
 * reuse=reuse)}), called with {@code false}, then {@code true}: shared.
 */
public final class ForwardedReuseShared {
  private ForwardedReuseShared() {}

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
      this.disc = ScopedForwardedReuseShared_Disc.create(tf);
    }

    @VariableScope("gan")
    public Tensor both(Tensor x, @ScopeReuse Reuse reuse) {
      return disc.probability(x, reuse);
    }

    public Tensor build(Tensor real, Tensor fake) {
      Tensor dReal = both(real, null);
      return tf.sub(dReal, both(fake, Reuse.TRUE));
    }
  }
}
