package io.scopegraph.tensorflow;

/**
 * TensorFlow's {@code NotFoundError} for checkpoints: no checkpoint files at a prefix
 * ({@code Unsuccessful TensorSliceReader constructor: Failed to find any matching files for <prefix>}), or a key
 * the checkpoint lacks ({@code Key tower/w not found in checkpoint}).
 */
public class CheckpointNotFoundException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  public CheckpointNotFoundException(String message) {
    super(message);
  }
}
