package io.scopegraph;

/** Neither a name nor a default name was given where TensorFlow needs one of them. */
public class MissingScopeNameException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public MissingScopeNameException(String message) {
    super(message);
  }
}
