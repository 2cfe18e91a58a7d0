package io.scopegraph;

/** {@code getVariable} in a scope with {@code Reuse.TRUE} did not find the variable: {@code Variable foo/v does not exist, …} */
public class VariableNotFoundException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public VariableNotFoundException(String message) {
    super(message);
  }
}
