package io.scopegraph;

/** A regularizer TensorFlow refuses to build: {@code Setting a scale less than 0 on a regularizer: -0.5.} */
public class InvalidRegularizerException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidRegularizerException(String message) {
    super(message);
  }
}
