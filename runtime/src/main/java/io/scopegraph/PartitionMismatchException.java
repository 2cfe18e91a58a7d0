package io.scopegraph;

/** A variable is asked for with another partitioning than it has: {@code Trying to reuse partitioned variable scope0/name0, but specified partitions [3, 1, 1] and found partitions [2, 1, 1].}, or a partitioned and an unpartitioned variable of one name. */
public class PartitionMismatchException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public PartitionMismatchException(String message) {
    super(message);
  }
}
