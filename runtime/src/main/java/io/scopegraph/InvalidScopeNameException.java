package io.scopegraph;

/** A scope name (or a variable name, which passes through a name scope) does not match TensorFlow's pattern: {@code 'x:y' is not a valid scope name}. */
public class InvalidScopeNameException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidScopeNameException(String message) {
    super(message);
  }
}
