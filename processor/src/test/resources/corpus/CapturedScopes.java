package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;

/** Re-entering a captured VarScope: variables go to the captured scope, not under the current one. */
@Model
@SuppressWarnings("try")
public abstract class CapturedScopes {
  protected final Ops tf;

  protected CapturedScopes(Ops tf) {
    this.tf = tf;
  }

  /** foo/v (not bar/foo/v), then bar/b. */
  public void reenterCaptured() {
    VarScope captured;
    try (VarScope s = tf.variableScope("foo")) {
      captured = s;
    }
    try (VarScope bar = tf.variableScope("bar")) {
      try (VarScope again = tf.variableScope(captured)) {
        tf.getVariable("v", Shape.of(2));
      }
      tf.getVariable("b", Shape.of(2));
    }
  }

  /** shared/w, created, then shared through the captured scope with Reuse.TRUE. */
  public void shareThroughCaptured() {
    VarScope captured;
    try (VarScope s = tf.variableScope("shared")) {
      tf.getVariable("w", Shape.of(2));
      captured = s;
    }
    try (VarScope again = tf.variableScope(captured, Reuse.TRUE)) {
      tf.getVariable("w", Shape.of(2));
    }
  }
}
