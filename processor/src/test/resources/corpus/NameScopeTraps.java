// expect warning: NameScopeOnlyVariable 'w'
// expect warning: NameScopeOnlyVariable 'u'
package corpus;

import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** getVariable under name scopes only: the name scope does not prefix it (a warning, still compiles). */
@Model
@SuppressWarnings("try")
public abstract class NameScopeTraps {
  protected final Ops tf;

  protected NameScopeTraps(Ops tf) {
    this.tf = tf;
  }

  /** w, not ns/w. */
  @NameScope("ns")
  public Tensor trapped(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(4, 3));
    return tf.matMul(x, w);
  }

  /** u, not block/u. */
  public Tensor inBodyTrap(Tensor x) {
    try (NameScopeHandle n = tf.nameScope("block")) {
      Tensor u = tf.getVariable("u", Shape.of(4));
      return tf.add(x, u);
    }
  }

  /** vs/z: the variable scope prefixes it, the name scope inside it does not add anything. */
  @VariableScope("vs")
  @NameScope("ns")
  public Tensor both(Tensor x) {
    Tensor z = tf.getVariable("z", Shape.of(4));
    return tf.add(x, z);
  }

  @VariableScope("inner")
  public Tensor inner(Tensor x) {
    return tf.add(x, tf.getVariable("k", Shape.of(4)));
  }

  /** inner/k: a name scope around a variable scope adds nothing to variables. */
  public Tensor nameScopeAroundVariableScope(Tensor x) {
    try (NameScopeHandle n = tf.nameScope("outer_ns")) {
      return inner(x);
    }
  }
}
