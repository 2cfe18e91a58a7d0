package io.scopegraph;

/** A fed value does not fit its tensor: {@code Cannot feed value of shape (3,) for Tensor 'x:0', which has shape '(2,)'} */
public class InvalidFeedException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidFeedException(String message) {
    super(message);
  }
}
