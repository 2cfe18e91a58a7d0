// expect: DuplicateVariable twice() w
package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.annotations.Model;

/** A private helper creating w at the root, called twice. */
@Model
public abstract class HelperAtRootTwice {
  protected final Ops tf;

  protected HelperAtRootTwice(Ops tf) {
    this.tf = tf;
  }

  private void helper() {
    tf.getVariable("w", Shape.of(2));
  }

  public void twice() {
    helper();
    helper();
  }
}
