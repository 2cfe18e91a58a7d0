package io.scopegraph;

/**
 * Decides how to split a new variable into shards ({@code partitioner=} of {@code get_variable} and
 * {@code variable_scope}): the number of shards along each axis, at most one of them above 1. Scalars are
 * never partitioned. {@link Partitioners} has TF's {@code fixed_size_partitioner} and
 * {@code min_max_variable_partitioner}.
 */
@FunctionalInterface
public interface Partitioner {
  /**
   * The partitions per axis of a variable of {@code shape} (fully defined, rank at least 1) and {@code dtype}:
   * an array as long as the rank, every entry at least 1.
   */
  int[] partitions(Shape shape, DType dtype);
}
