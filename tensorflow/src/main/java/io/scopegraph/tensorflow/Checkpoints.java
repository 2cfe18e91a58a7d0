package io.scopegraph.tensorflow;

import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TensorFlow's checkpoint utilities ({@code tf.train.list_variables}, {@code load_variable},
 * {@code latest_checkpoint}, {@code get_checkpoint_state}). Where they take a checkpoint, a directory means its
 * newest checkpoint, as {@code tf.train.load_checkpoint} resolves it.
 */
public final class Checkpoints {
  private static final System.Logger LOG = System.getLogger(Checkpoints.class.getName());

  private Checkpoints() {}

  /**
   * Every tensor of a checkpoint (prefix or directory) with its full shape, in key order; a partitioned tensor
   * appears once, with its whole shape, and its slices not at all.
   */
  public static Map<String, Shape> listVariables(String prefixOrDirectory) {
    try (CheckpointReader reader = CheckpointReader.open(prefixOrDirectory)) {
      Map<String, Shape> shapes = new LinkedHashMap<>();
      for (String key : reader.keys()) {
        shapes.put(key, reader.shape(key));
      }
      return Collections.unmodifiableMap(shapes);
    }
  }

  /** One tensor's value; a trailing {@code :0} is ignored. */
  public static NdArray loadVariable(String prefixOrDirectory, String name) {
    String key = name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
    try (CheckpointReader reader = CheckpointReader.open(prefixOrDirectory)) {
      return reader.read(key);
    }
  }

  /** The newest checkpoint's prefix in {@code dir}, or null when its state file names none that exists. */
  public static String latestCheckpoint(String dir) {
    CheckpointState state = checkpointState(dir);
    if (state == null) {
      return null;
    }
    if (!Files.isRegularFile(CheckpointFiles.index(state.modelCheckpointPath()))) {
      LOG.log(System.Logger.Level.ERROR, "Couldn''t match files for checkpoint {0}", state.modelCheckpointPath());
      return null;
    }
    return state.modelCheckpointPath();
  }

  /** The state file of {@code dir}, relative paths joined onto {@code dir}; null when there is none. */
  public static CheckpointState checkpointState(String dir) {
    return CheckpointState.read(Path.of(dir));
  }

  /** The checkpoint prefix that a prefix or directory names (TensorFlow's {@code _get_checkpoint_filename}). */
  static String resolve(String prefixOrDirectory) {
    if (!Files.isDirectory(Path.of(prefixOrDirectory))) {
      return prefixOrDirectory;
    }
    String latest = latestCheckpoint(prefixOrDirectory);
    if (latest == null) {
      throw new CheckpointNotFoundException(
          "Couldn't find 'checkpoint' file or checkpoints in given directory " + prefixOrDirectory);
    }
    return latest;
  }
}
