package io.scopegraph;

/** A variable was read in a session before anything assigned it: {@code Attempting to use uninitialized value v} */
public class UninitializedVariableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public UninitializedVariableException(String message) {
    super(message);
  }
}
