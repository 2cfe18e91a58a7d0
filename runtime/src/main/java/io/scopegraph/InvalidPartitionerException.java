package io.scopegraph;

/** A partitioner that cannot be applied, or whose result TensorFlow rejects: {@code Partitioner returned zero partitions for some axes: [0, 1]}, {@code Shape of a new partitioned variable must be fully defined, but instead was (?, 3).} */
public class InvalidPartitionerException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidPartitionerException(String message) {
    super(message);
  }
}
