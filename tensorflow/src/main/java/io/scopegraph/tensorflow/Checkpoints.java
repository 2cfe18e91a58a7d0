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
   *
   * @throws CheckpointNotFoundException when there is no checkpoint there
   * @throws CorruptCheckpointException when its index is damaged, naming the file
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

  /**
   * One tensor's value; a trailing {@code :0} is ignored.
   *
   * @throws CheckpointNotFoundException when there is no checkpoint there, or it has no such tensor
   * @throws CorruptCheckpointException when its index or data is damaged, naming the file
   */
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

  /**
   * TF's {@code tf.train.init_from_checkpoint}: the variables the map names start from checkpoint tensors instead
   * of their initializers, loaded when the initializers run. Keys are checkpoint names, values what to load:
   * <ul>
   *   <li>{@code "var1" → "scope/my1"} (a {@code getVariable} name), a {@link io.scopegraph.Variable}, a
   *       {@link io.scopegraph.PartitionedVariable} or a list of its shards: one tensor (each shard reads its
   *       slice, so another partitioning than the saved one works);</li>
   *   <li>{@code "old_scope/" → "new_scope/"}: every {@code getVariable} variable under {@code new_scope} from
   *       the tensor of the same name under {@code old_scope}; {@code "/"} stands for the root on either side.</li>
   * </ul>
   * The ops it adds, in the current name scope, are TensorFlow's: {@code checkpoint_initializer} (a
   * {@code RestoreV2} on the CPU, with its {@code prefix}, {@code tensor_names} and {@code shape_and_slices}) and
   * {@code Assign}, one pair per variable. Every entry is checked before the graph changes, so a failing call
   * changes nothing (TensorFlow applies the entries before the bad one).
   *
   * @throws CheckpointArgumentException with TensorFlow's texts: a tensor the checkpoint lacks, another shape, a
   *     scope-only name mapped to a tensor name, and (caught here rather than at run time) another dtype
   * @throws CheckpointNotFoundException when there is no checkpoint at {@code prefixOrDirectory}
   * @throws CorruptCheckpointException when its index is damaged, naming the file
   */
  public static void initFromCheckpoint(io.scopegraph.Graph graph, String prefixOrDirectory,
      Map<String, ?> assignmentMap) {
    InitFromCheckpoint.run(graph, prefixOrDirectory, assignmentMap);
  }
}
