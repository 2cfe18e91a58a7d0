package io.scopegraph.tensorflow;

/**
 * TensorFlow's {@code InvalidArgumentError} for checkpoints: a saved tensor whose dtype or shape does not fit
 * what asks for it ({@code tensor_name = a; expected dtype int32 does not equal original dtype float},
 * {@code Assign requires shapes of both tensors to match. lhs shape= [1] rhs shape= []}).
 */
public class CheckpointMismatchException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  public CheckpointMismatchException(String message) {
    super(message);
  }
}
