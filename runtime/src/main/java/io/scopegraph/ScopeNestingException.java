package io.scopegraph;

/** A scope handle closed out of order or on another thread than the one that opened it: {@code Improper nesting of variable_scope.} */
public class ScopeNestingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ScopeNestingException(String message) {
    super(message);
  }
}
