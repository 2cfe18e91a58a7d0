package io.scopegraph;

/** An initializer that cannot initialise the requested variable (a constant with a shape, a dtype clash, an initializer that needs a shape that is not fully defined, or no initializer for the dtype). */
public class InvalidInitializerException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidInitializerException(String message) {
    super(message);
  }
}
