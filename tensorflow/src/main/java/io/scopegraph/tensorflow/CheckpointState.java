package io.scopegraph.tensorflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@code checkpoint} state file of a directory ({@code CheckpointState} of TensorFlow, in its text form):
 * the newest checkpoint's prefix and every kept one, oldest first. {@link #read} and {@link #write} follow
 * TensorFlow's {@code get_checkpoint_state} and {@code update_checkpoint_state}.
 *
 * <pre>
 * model_checkpoint_path: "model.ckpt-7"
 * all_model_checkpoint_paths: "model.ckpt-3"
 * all_model_checkpoint_paths: "model.ckpt-7"
 * </pre>
 *
 * @param modelCheckpointPath the newest checkpoint's prefix
 * @param allModelCheckpointPaths the kept checkpoints, oldest first
 */
public record CheckpointState(String modelCheckpointPath, List<String> allModelCheckpointPaths) {
  /** The state file's name unless a saver names another ({@code latest_filename}). */
  public static final String DEFAULT_FILENAME = "checkpoint";

  private static final System.Logger LOG = System.getLogger(CheckpointState.class.getName());

  public CheckpointState {
    Objects.requireNonNull(modelCheckpointPath, "modelCheckpointPath");
    allModelCheckpointPaths = List.copyOf(allModelCheckpointPaths);
  }

  /** {@link #read(Path, String)} of the file {@code checkpoint}. */
  public static CheckpointState read(Path dir) {
    return read(dir, DEFAULT_FILENAME);
  }

  /**
   * The state file {@code dir/latestFilename}, relative paths joined onto {@code dir} as TensorFlow does
   * ({@code ./model.ckpt-1} becomes {@code dir/./model.ckpt-1}); null when there is no such file, or (logged as
   * a warning, as TensorFlow does) when it cannot be read or is not in text format.
   *
   * @throws CheckpointException when the file names no {@code model_checkpoint_path} (e.g. is empty)
   */
  public static CheckpointState read(Path dir, String latestFilename) {
    Path file = dir.resolve(latestFilename);
    CheckpointState stored;
    try {
      stored = CheckpointStateText.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | CheckpointStateText.ParseException e) {
      LOG.log(System.Logger.Level.WARNING, "{0}: {1}: Checkpoint ignored", file, e.getMessage());
      return null;
    }
    if (stored.modelCheckpointPath().isEmpty()) {
      throw new CheckpointException("Invalid checkpoint state loaded from " + dir);
    }
    String d = dir.toString();
    List<String> all = stored.allModelCheckpointPaths().stream().map(p -> join(d, p)).toList();
    return new CheckpointState(join(d, stored.modelCheckpointPath()), all);
  }

  /**
   * Parses the text form as stored (no paths joined).
   *
   * @throws IllegalArgumentException when it is not text format ({@code Not a checkpoint state: 2:5 : Expected
   *     ':'.}, with the line and column), or nests unknown fields more than 100 deep
   */
  public static CheckpointState parse(String text) {
    try {
      return CheckpointStateText.parse(text);
    } catch (CheckpointStateText.ParseException e) {
      throw new IllegalArgumentException("Not a checkpoint state: " + e.getMessage(), e);
    }
  }

  /** The text form: one field a line, strings C-escaped, as TensorFlow writes the state file. */
  public String toText() {
    return CheckpointStateText.format(this);
  }

  /**
   * The state a save records (TensorFlow's {@code generate_checkpoint_state_proto}): {@code newest} is appended
   * to {@code all} unless it is already last; when {@code saveDir} is relative, relative paths are made
   * relative to it ({@code ("train", "train/model-0")} gives {@code model-0}).
   */
  public static CheckpointState generate(String saveDir, String newest, List<String> all) {
    List<String> paths = new ArrayList<>(all);
    if (paths.isEmpty() || !paths.get(paths.size() - 1).equals(newest)) {
      paths.add(newest);
    }
    if (!isAbsolute(saveDir)) {
      newest = isAbsolute(newest) ? newest : relativize(newest, saveDir);
      paths.replaceAll(p -> isAbsolute(p) ? p : relativize(p, saveDir));
    }
    return new CheckpointState(newest, paths);
  }

  /** {@link #write(Path, String, List, String, boolean)} without {@code save_relative_paths}. */
  public static void write(Path dir, String newest, List<String> all, String latestFilename) {
    write(dir, newest, all, latestFilename, false);
  }

  /**
   * Writes the state file {@code dir/latestFilename} atomically (a temporary file renamed), as a saver does
   * after a save ({@code update_checkpoint_state}): {@code newest} is the new checkpoint's prefix, {@code all}
   * the kept ones. Paths are written as given when {@code dir} is absolute and relative to it when it is
   * relative; with {@code saveRelativePaths} absolute paths are made relative to {@code dir} too.
   *
   * @throws IllegalArgumentException when {@code latestFilename} has a directory part
   * @throws CheckpointException when the newest checkpoint's prefix is the state file itself, or writing fails
   */
  public static void write(Path dir, String newest, List<String> all, String latestFilename,
      boolean saveRelativePaths) {
    if (latestFilename.contains("/")) {
      throw new IllegalArgumentException("'latest_filename' must not contain path components");
    }
    String d = dir.toString();
    if (saveRelativePaths) {
      newest = isAbsolute(newest) ? relativize(newest, d) : newest;
      all = all.stream().map(p -> isAbsolute(p) ? relativize(p, d) : p).toList();
    }
    CheckpointState state = generate(d, newest, all);
    Path file = dir.resolve(latestFilename);
    if (file.toString().equals(state.modelCheckpointPath())) {
      throw new CheckpointException("Save path '" + newest + "' conflicts with path used for checkpoint state.  "
          + "Please use a different save path.");
    }
    Path temp = dir.resolve(latestFilename + ".tmp" + UUID.randomUUID().toString().replace("-", ""));
    try {
      Files.writeString(temp, state.toText(), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write failed already; that failure is the one to report
      }
      throw new CheckpointException("Failed to write checkpoint state " + file + ": " + e, e);
    }
  }

  private static boolean isAbsolute(String path) {
    return Path.of(path).isAbsolute();
  }

  /** Python's {@code os.path.join(dir, path)}: {@code path} itself when absolute. */
  private static String join(String dir, String path) {
    if (isAbsolute(path) || dir.isEmpty()) {
      return path;
    }
    return dir.endsWith("/") ? dir + path : dir + "/" + path;
  }

  /** Python's {@code os.path.relpath(path, start)}: both taken from the working directory and normalized. */
  private static String relativize(String path, String start) {
    Path from = Path.of(start).toAbsolutePath().normalize();
    String rel = from.relativize(Path.of(path).toAbsolutePath().normalize()).toString();
    return rel.isEmpty() ? "." : rel;
  }
}
