package io.scopegraph.tensorflow;

/**
 * A checkpoint could not be read, written or restored. The subclasses follow TensorFlow's error classes:
 * {@link CheckpointNotFoundException} ({@code NotFoundError}), {@link CorruptCheckpointException}
 * ({@code DataLossError}) and {@link CheckpointMismatchException} ({@code InvalidArgumentError}).
 */
public class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
