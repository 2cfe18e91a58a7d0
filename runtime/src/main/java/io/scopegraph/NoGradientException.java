package io.scopegraph;

/**
 * TF's {@code LookupError} from {@code tf.gradients}: an op on the path from the {@code xs} to the {@code ys}
 * has no gradient ({@code No gradient defined for operation 'x' (op type: T)}) or forbids one
 * ({@code Gradient explicitly disabled. Reason: ...}).
 */
public class NoGradientException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public NoGradientException(String message) {
    super(message);
  }
}
