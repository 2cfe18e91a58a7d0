package io.scopegraph;

/** TensorFlow's partitioners ({@code tf.fixed_size_partitioner}, {@code tf.min_max_variable_partitioner}). */
public final class Partitioners {
  private Partitioners() {}

  /** {@code fixed_size_partitioner(num_shards)}: {@code numShards} shards along axis 0 (fewer if it is shorter). */
  public static Partitioner fixedSize(int numShards) {
    return fixedSize(numShards, 0);
  }

  /** {@code fixed_size_partitioner(num_shards, axis)}: {@code min(numShards, shape[axis])} shards along {@code axis}. */
  public static Partitioner fixedSize(int numShards, int axis) {
    return (shape, dtype) -> {
      int a = axis(shape, axis);
      int[] partitions = ones(shape);
      partitions[a] = (int) Math.min(numShards, shape.dim(a));
      return partitions;
    };
  }

  /** {@code min_max_variable_partitioner(max_partitions)} with TF's defaults: axis 0, slices of at least 256 KiB. */
  public static Partitioner minMaxVariable(int maxPartitions) {
    return minMaxVariable(maxPartitions, 0, 256L << 10, 16);
  }

  /**
   * {@code min_max_variable_partitioner(max_partitions, axis, min_slice_size, bytes_per_string_element)}: as
   * many shards along {@code axis} as slices of at least {@code minSliceSize} bytes fit, at least 1, at most
   * {@code maxPartitions} and the axis length. {@code bytesPerStringElement} sizes string elements, which
   * the runtime has no dtype for; it is kept for TF's signature.
   */
  public static Partitioner minMaxVariable(int maxPartitions, int axis, long minSliceSize, int bytesPerStringElement) {
    return (shape, dtype) -> {
      int a = axis(shape, axis);
      int[] partitions = ones(shape);
      double totalBytes = (double) shape.numElements() * byteSize(dtype);
      long wanted = (long) Math.ceil(totalBytes / minSliceSize);
      partitions[a] = (int) Math.max(1, Math.min(shape.dim(a), Math.min(maxPartitions, wanted)));
      return partitions;
    };
  }

  /** The axis as an index (negative counts from the end, as Python's); it must exist (TF's message). */
  private static int axis(Shape shape, int axis) {
    int a = axis < 0 ? axis + shape.rank() : axis;
    if (a < 0 || a >= shape.rank()) {
      throw new InvalidPartitionerException(
          "Can not partition variable along axis " + axis + " when shape is only " + shape);
    }
    return a;
  }

  private static int[] ones(Shape shape) {
    int[] partitions = new int[shape.rank()];
    java.util.Arrays.fill(partitions, 1);
    return partitions;
  }

  /** {@code dtype.size} of TF. */
  static int byteSize(DType dtype) {
    return switch (dtype) {
      case FLOAT32, INT32 -> 4;
      case FLOAT64, INT64, STRING -> 8; // a string's size is numpy's object item size
      case BOOL -> 1;
    };
  }
}
