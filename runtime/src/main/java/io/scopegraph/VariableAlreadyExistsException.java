package io.scopegraph;

/** {@code getVariable} found the variable in a scope without reuse: {@code Variable foo/v already exists, disallowed. …} */
public class VariableAlreadyExistsException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public VariableAlreadyExistsException(String message) {
    super(message);
  }
}
