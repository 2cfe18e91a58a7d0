package io.scopegraph;

/** An op's inputs have types the op does not accept together: {@code Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.} */
public class DTypeMismatchException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public DTypeMismatchException(String message) {
    super(message);
  }
}
