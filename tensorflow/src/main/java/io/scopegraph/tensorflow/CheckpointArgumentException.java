package io.scopegraph.tensorflow;

import io.scopegraph.ScopeGraphException;

/**
 * An argument that TensorFlow's {@code Saver}, checkpoint utilities or {@code init_from_checkpoint} reject with
 * {@code ValueError}, with TensorFlow's message: {@code No variables to save}, {@code At least two variables have
 * the same name: v}, {@code The passed save_path is not a valid checkpoint: /tmp/x}, …
 */
public class CheckpointArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public CheckpointArgumentException(String message) {
    super(message);
  }
}
