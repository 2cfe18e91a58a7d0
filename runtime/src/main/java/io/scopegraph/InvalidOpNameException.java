package io.scopegraph;

/** An op's final name does not match TensorFlow's node-name pattern: {@code 'a:b' is not a valid node name}. */
public class InvalidOpNameException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidOpNameException(String message) {
    super(message);
  }
}
