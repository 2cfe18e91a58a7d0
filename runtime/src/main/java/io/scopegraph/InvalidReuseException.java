package io.scopegraph;

/** A reuse setting that cannot apply: {@code reuse=Reuse.TRUE cannot be used without a name_or_scope}. */
public class InvalidReuseException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidReuseException(String message) {
    super(message);
  }
}
