package io.scopegraph;

/** An op named through the absolute route ({@code name/}) collides with an existing op: {@code Duplicate node name in graph: 'bar'}. */
public class DuplicateOpNameException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public DuplicateOpNameException(String message) {
    super(message);
  }
}
