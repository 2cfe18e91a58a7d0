package io.scopegraph;

/** A kernel rejected its input values at run time (TF's {@code InvalidArgumentError}): {@code Incompatible shapes: [2,3] vs. [4]} */
public class InvalidArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }
}
