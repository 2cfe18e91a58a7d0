package io.scopegraph.tensorflow;

import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.Map;

/**
 * TensorFlow's checkpoint utilities ({@code tf.train.list_variables}, {@code load_variable},
 * {@code latest_checkpoint}, {@code get_checkpoint_state}). SKELETON: bodies to come.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** Every tensor of a checkpoint (prefix or directory) with its full shape, in key order. */
  public static Map<String, Shape> listVariables(String prefixOrDirectory) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** One tensor's value; a trailing {@code :0} is ignored. */
  public static NdArray loadVariable(String prefixOrDirectory, String name) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The newest checkpoint's prefix in {@code dir}, or null when its state file names none that exists. */
  public static String latestCheckpoint(String dir) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The state file of {@code dir}, relative paths joined onto {@code dir}; null when there is none. */
  public static CheckpointState checkpointState(String dir) {
    throw new UnsupportedOperationException("skeleton");
  }
}
