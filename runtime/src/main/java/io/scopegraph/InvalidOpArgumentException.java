package io.scopegraph;

/**
 * An op function rejected its Java arguments, as TF's Python op functions raise {@code ValueError} (e.g.
 * {@code tf.nn.dropout}'s {@code You must provide a rate to dropout.}). Thrown before anything is added.
 */
public class InvalidOpArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidOpArgumentException(String message) {
    super(message);
  }
}
