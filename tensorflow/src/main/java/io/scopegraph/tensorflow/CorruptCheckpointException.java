package io.scopegraph.tensorflow;

/**
 * TensorFlow's {@code DataLossError} for checkpoints: a file that is truncated, has a wrong magic number, a
 * checksum that does not match, a length that points outside the file, or a data shard that is missing. The
 * message names the file and what is wrong with it.
 */
public class CorruptCheckpointException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  public CorruptCheckpointException(String message) {
    super(message);
  }

  public CorruptCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
