// expect: DuplicateVariable both() w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;

/** Two different name scopes do not keep getVariable names apart: both create w. */
@Model
@SuppressWarnings("scopegraph:NameScopeOnlyVariable")
public abstract class NameScopesDoNotSeparate {
  protected final Ops tf;

  protected NameScopesDoNotSeparate(Ops tf) {
    this.tf = tf;
  }

  @NameScope("a")
  public void first() {
    tf.getVariable("w", Shape.of(2));
  }

  @NameScope("b")
  public void second() {
    tf.getVariable("w", Shape.of(2));
  }

  public void both() {
    first();
    second();
  }
}
