package io.scopegraph;

/** Sharing a variable with another dtype: {@code Trying to share variable v, but specified dtype int32 and found dtype float32.} */
public class VariableDTypeMismatchException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public VariableDTypeMismatchException(String message) {
    super(message);
  }
}
