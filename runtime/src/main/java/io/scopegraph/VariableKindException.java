package io.scopegraph;

/** A {@code getVariableBuilder} call asked for another kind of result than the one it has: {@code get()} of a partitioned variable or of a custom getter's non-variable result, {@code getPartitioned()} without a partitioner. The message names the variable, its scope and the call to use instead. */
public class VariableKindException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public VariableKindException(String message) {
    super(message);
  }
}
