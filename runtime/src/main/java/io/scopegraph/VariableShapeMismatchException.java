package io.scopegraph;

/** Sharing a variable with a shape incompatible with the stored one: {@code Trying to share variable v, but specified shape (2,) and found shape (1,).} */
public class VariableShapeMismatchException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public VariableShapeMismatchException(String message) {
    super(message);
  }
}
