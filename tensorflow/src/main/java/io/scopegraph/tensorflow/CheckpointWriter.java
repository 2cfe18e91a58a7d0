package io.scopegraph.tensorflow;

import io.scopegraph.NdArray;

/**
 * Writes a TensorFlow V2 checkpoint as {@code SaveV2} does: {@code <prefix>.index} and
 * {@code <prefix>.data-00000-of-00001}, byte for byte as TensorFlow writes them. SKELETON: bodies to come.
 */
public final class CheckpointWriter implements AutoCloseable {
  private CheckpointWriter() {}

  /** Starts a checkpoint at {@code prefix}; nothing is visible at the prefix until {@link #finish()}. */
  public static CheckpointWriter create(String prefix) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Adds a whole tensor under {@code key}; keys are unique and may come in any order. */
  public CheckpointWriter add(String key, NdArray value) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Adds one slice of a partitioned tensor, as {@code SaveV2} with a {@code shape_and_slices} string such as
   * {@code "4 2 0,2:0,2"} (full shape, then {@code start,length} or {@code -} per dimension); {@code ""} is
   * {@link #add}.
   */
  public CheckpointWriter add(String key, String shapeAndSlice, NdArray slice) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Writes the index and moves the files to their final names. */
  public void finish() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Abandons an unfinished checkpoint, deleting its temporary files. */
  @Override
  public void close() {}
}
