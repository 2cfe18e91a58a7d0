package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** A nested model: generated ScopedNestedModelHolder_Inner, manifest named by the binary name (…$Inner). */
public final class NestedModelHolder {
  private NestedModelHolder() {}

  @Model
  public abstract static class Inner {
    protected final Ops tf;

    protected Inner(Ops tf) {
      this.tf = tf;
    }

    /** inner/w. */
    @VariableScope("inner")
    public Tensor layer(Tensor x) {
      return tf.matMul(x, tf.getVariable("w", Shape.of(4, 4)));
    }
  }
}
