package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a TensorFlow V2 checkpoint ({@code <prefix>.index} and {@code <prefix>.data-NNNNN-of-NNNNN}), as
 * TensorFlow's {@code BundleReader} / {@code tf.train.load_checkpoint} does. SKELETON: bodies to come.
 */
public final class CheckpointReader implements AutoCloseable {
  private CheckpointReader() {}

  /**
   * Opens a checkpoint by prefix ({@code dir/model.ckpt-1000}), or a directory, which means the newest
   * checkpoint its {@code checkpoint} state file names ({@code tf.train.load_checkpoint}). Reads and checks the
   * index; data files are opened when a tensor is read.
   *
   * @throws CheckpointNotFoundException when no {@code <prefix>.index} exists, or a directory names no checkpoint
   * @throws CorruptCheckpointException when the index is not a valid table
   */
  public static CheckpointReader open(String prefixOrDirectory) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** {@link #open(String)} for a path. */
  public static CheckpointReader open(Path prefixOrDirectory) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The checkpoint's prefix (the path without {@code .index}). */
  public String prefix() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The tensor keys in the checkpoint's (bytewise) order: no header, no slice entries. */
  public List<String> keys() {
    throw new UnsupportedOperationException("skeleton");
  }

  public boolean contains(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The full shape of a tensor (a partitioned tensor's whole shape). */
  public Shape shape(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** TensorFlow's Python name of a tensor's dtype: {@code float32}, {@code float16}, {@code string}, … */
  public String dtypeName(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The runtime dtype of a tensor; {@link CheckpointException} for one the runtime lacks (e.g. float16). */
  public DType dtype(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Whether the tensor was saved in slices (a partitioned variable). */
  public boolean isPartitioned(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The whole tensor (assembled from its slices when partitioned); checksums verified. */
  public NdArray read(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * A tensor or a slice of it, as {@code RestoreV2} reads with a {@code shape_and_slices} string: {@code ""} is
   * the whole tensor, {@code "4 2 0,2:-"} the slice rows 0..1 of a {@code [4, 2]} tensor.
   */
  public NdArray read(String key, String shapeAndSlice) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * The checkpoint key a missing {@code key} most likely meant, for error messages: a key with the same leaf
   * under another scope ({@code tower_1/w} for {@code tower/w}), else one a small edit away; null when none is
   * close.
   */
  public String closestKey(String key) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void close() {}
}
