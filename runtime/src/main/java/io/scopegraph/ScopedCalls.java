package io.scopegraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Support for the code the scopegraph processor generates ({@code Scoped<Model>} classes); not meant to be
 * called by hand.
 */
public final class ScopedCalls {
  private ScopedCalls() {}

  /**
   * The scope values of a scoped method: its tensor arguments, each checked to come from the model's graph
   * (nulls are skipped, as TF skips non-tensors).
   *
   * @param method the model method, e.g. {@code "Siamese.tower(Tensor)"}
   * @param names the parameter names, matching {@code values}
   */
  public static List<Tensor> values(Ops tf, String method, String[] names, Tensor... values) {
    List<Tensor> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      Tensor t = values[i];
      if (t == null) {
        continue;
      }
      if (t.graph() != tf.graph()) {
        throw new GraphMismatchException("Parameter '" + names[i] + "' of " + method + " is " + t
            + ", which comes from another graph than the model's Ops: a model builds into one graph.");
      }
      out.add(t);
    }
    return out;
  }

  /**
   * Adds to {@code e} (keeping its type) which model method and scope it was thrown in, then returns it for
   * rethrowing.
   */
  public static RuntimeException inScope(RuntimeException e, String method, String scope) {
    e.addSuppressed(new ScopeContext("in " + method + ", " + scope));
    return e;
  }

  /** The "where" of an exception thrown inside a generated scope; it carries no stack trace of its own. */
  public static final class ScopeContext extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScopeContext(String message) {
      super(message, null, false, false);
    }
  }
}
