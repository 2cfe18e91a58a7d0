package io.scopegraph.tensorflow;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.tensorflow.proto.SaverDef;

/**
 * Saves and restores variables in TensorFlow's V2 checkpoint format, like TF 1.15's {@code tf.train.Saver}.
 *
 * <p>The constructor adds the saver's ops to the graph, named as TensorFlow names them ({@code save/Const},
 * {@code save/SaveV2}, {@code save/RestoreV2}, {@code save/Assign_<k>}, {@code save/restore_all}, see
 * {@link #saverDef()}), so a graph exported with them saves and restores on TensorFlow too. By default it saves
 * every global variable that exists when it is built (optimizer slots included, if the optimizer was built
 * first), each under its op name ({@code tower/w}); a partitioned variable is saved once under its full name,
 * each shard as a slice, as TensorFlow saves it.
 *
 * <pre>{@code
 * Saver saver = new Saver(graph);
 * String path = saver.save(session, "/tmp/run/model.ckpt", 1000);   // "/tmp/run/model.ckpt-1000"
 * saver.restore(otherSession, Checkpoints.latestCheckpoint("/tmp/run"));
 * }</pre>
 *
 * <p>{@link #save} writes {@code <prefix>.index}, {@code <prefix>.data-00000-of-00001} and the graph as
 * {@code <prefix>.meta}, then the directory's {@code checkpoint} state file, and deletes the oldest checkpoint
 * beyond {@code maxToKeep} (default 5). {@link #restore} first checks the whole checkpoint against the saver's
 * variables and reports every problem at once (each missing key with the closest key the checkpoint has, each
 * dtype or shape mismatch); only when all is well does it assign, so a restore that fails changes no variable.
 *
 * <p>It works with the built-in {@link Session} (whose executor gets the {@code SaveV2} and {@code RestoreV2}
 * kernels from this module) and with a {@link TensorFlowSession}, which must be opened after the saver was
 * built (it sees only the ops that existed when it was made). Not supported: sharded savers, V1 checkpoints,
 * {@code keep_checkpoint_every_n_hours}, resource variables.
 */
public final class Saver {
  private static final Pattern SHARD_SUFFIX = Pattern.compile("-\\d+-of-\\d+$");
  /** The state file's name in the save directory (TF's default {@code latest_filename}). */
  private static final String LATEST_FILENAME = "checkpoint";

  private final Graph graph;
  private final SaverOps ops;
  private final SaverDef saverDef;
  private final boolean saveRelativePaths;
  private final boolean padStepNumber;
  private final boolean writeMetaGraph;
  private final List<String> lastCheckpoints = new ArrayList<>();
  private final List<String> toDelete = new ArrayList<>();

  /** A saver of every global variable of {@code graph} ({@code tf.train.Saver()}). */
  public Saver(Graph graph) {
    this(builder(graph));
  }

  /** A saver of these variables and partitioned variables, each under its own name. */
  public Saver(Graph graph, Collection<?> varList) {
    this(builder(graph).varList(varList));
  }

  /** A saver of the variables in {@code nameMap} (key → variable, partitioned variable or list of shards). */
  public Saver(Graph graph, Map<String, ?> nameMap) {
    this(builder(graph).nameMap(nameMap));
  }

  private Saver(Builder b) {
    this.graph = b.graph;
    List<Saveable> saveables = b.nameMap != null ? Saveables.ofMap(b.nameMap)
        : Saveables.ofList(b.varList != null ? b.varList : graph.globalVariables());
    if (saveables.isEmpty()) {
      throw new CheckpointArgumentException("No variables to save");
    }
    for (Saveable s : saveables) {
      if (s.variable().graph() != graph) {
        throw new io.scopegraph.GraphMismatchException(s.variable() + " is not from the graph of this Saver");
      }
    }
    this.ops = SaverOps.build(graph, saveables, b.name, b.filename);
    this.saverDef = saverDef(ops, b.maxToKeep);
    this.saveRelativePaths = b.saveRelativePaths;
    this.padStepNumber = b.padStepNumber;
    this.writeMetaGraph = b.writeMetaGraph;
  }

  /** A saver over ops that already exist in {@code graph}, as a MetaGraphDef's {@code saver_def} names them. */
  Saver(Graph graph, SaverOps ops, SaverDef saverDef) {
    this.graph = graph;
    this.ops = ops;
    this.saverDef = saverDef;
    this.saveRelativePaths = false;
    this.padStepNumber = false;
    this.writeMetaGraph = true;
  }

  private static SaverDef saverDef(SaverOps ops, int maxToKeep) {
    return SaverDef.newBuilder()
        .setFilenameTensorName(ops.filename().name())
        .setSaveTensorName(ops.save().name())
        .setRestoreOpName(ops.restore().name())
        .setMaxToKeep(maxToKeep)
        .setKeepCheckpointEveryNHours(10000f)
        .setSharded(false)
        .setVersion(SaverDef.CheckpointFormatVersion.V2)
        .build();
  }

  /** Options of a saver ({@code tf.train.Saver(var_list, max_to_keep, name, ...)}), ending in {@link Builder#build()}. */
  public static Builder builder(Graph graph) {
    return new Builder(Objects.requireNonNull(graph, "graph"));
  }

  /** Options of a {@link Saver}. */
  public static final class Builder {
    private final Graph graph;
    private Collection<?> varList;
    private Map<String, ?> nameMap;
    private int maxToKeep = 5;
    private String name;
    private String filename;
    private boolean saveRelativePaths;
    private boolean padStepNumber;
    private boolean writeMetaGraph = true;

    private Builder(Graph graph) {
      this.graph = graph;
    }

    /** The variables (and partitioned variables) to save, each under its name; default: all global variables. */
    public Builder varList(Collection<?> variables) {
      this.varList = List.copyOf(variables);
      this.nameMap = null;
      return this;
    }

    /** The variables to save under the given checkpoint keys (a key → a variable, partitioned variable or shards). */
    public Builder nameMap(Map<String, ?> map) {
      this.nameMap = Map.copyOf(map);
      this.varList = null;
      return this;
    }

    /** How many recent checkpoints to keep (default 5); older ones are deleted. 0 keeps all. */
    public Builder maxToKeep(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxToKeep must be >= 0, got " + n);
      }
      this.maxToKeep = n;
      return this;
    }

    /** The name scope of the saver's ops (default {@code save}, uniquified: {@code save_1}, …). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The default prefix the ops save to when none is fed (default {@code "model"}). */
    public Builder filename(String filename) {
      this.filename = filename;
      return this;
    }

    /** Writes paths in the {@code checkpoint} state file relative to its directory (TF's {@code save_relative_paths}). */
    public Builder saveRelativePaths(boolean relative) {
      this.saveRelativePaths = relative;
      return this;
    }

    /** Writes the global step with 8 digits ({@code model.ckpt-00000007}; TF's {@code pad_step_number}). */
    public Builder padStepNumber(boolean pad) {
      this.padStepNumber = pad;
      return this;
    }

    /** Whether {@code save} also writes the graph as {@code <prefix>.meta} (default true). */
    public Builder writeMetaGraph(boolean write) {
      this.writeMetaGraph = write;
      return this;
    }

    /** Builds the saver and adds its ops to the graph (atomic). */
    public Saver build() {
      return new Saver(this);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Saving

  /** Saves to {@code prefix} ({@code .../model.ckpt}) and returns it. */
  public String save(Session session, String prefix) {
    return save(new Runner.OfSession(session), prefix, null);
  }

  /** Saves to {@code <prefix>-<globalStep>} ({@code .../model.ckpt-1000}) and returns that path. */
  public String save(Session session, String prefix, long globalStep) {
    return save(new Runner.OfSession(session), prefix, globalStep);
  }

  /** Saves to {@code <prefix>-<value of globalStep>}, an integer variable or tensor evaluated in {@code session}. */
  public String save(Session session, String prefix, Tensor globalStep) {
    return save(new Runner.OfSession(session), prefix, stepValue(session.run(globalStep), globalStep));
  }

  /** {@link #save(Session, String)} on TensorFlow: TensorFlow's own {@code SaveV2} writes the files. */
  public String save(TensorFlowSession session, String prefix) {
    return save(new Runner.OfTensorFlow(session), prefix, null);
  }

  /** {@link #save(Session, String, long)} on TensorFlow. */
  public String save(TensorFlowSession session, String prefix, long globalStep) {
    return save(new Runner.OfTensorFlow(session), prefix, globalStep);
  }

  private static long stepValue(NdArray value, Tensor t) {
    if (!t.dtype().isInteger() || value.size() != 1) {
      throw new CheckpointArgumentException("The global step must be an integer scalar, got " + t);
    }
    return value.getLong(0);
  }

  private String save(Runner runner, String prefix, Long globalStep) {
    Objects.requireNonNull(prefix, "prefix");
    String path = globalStep == null ? prefix
        : prefix + "-" + (padStepNumber ? String.format("%08d", globalStep) : Long.toString(globalStep));
    Path saveDir = parentOf(prefix);
    if (globalStep == null && fileName(prefix).equals(LATEST_FILENAME)) {
      throw new CheckpointArgumentException("'latest_filename' collides with 'save_path': '" + LATEST_FILENAME
          + "' and '" + prefix + "'");
    }
    runner.save(ops, path);
    if (writeMetaGraph) {
      MetaGraphs.write(MetaGraphs.export(graph, this), Path.of(metaGraphFilename(path)));
    }
    recordLastCheckpoint(path);
    CheckpointState.write(saveDir, path, lastCheckpointsOrNewest(path), LATEST_FILENAME, saveRelativePaths);
    deleteOldCheckpoints();
    return path;
  }

  private List<String> lastCheckpointsOrNewest(String path) {
    return saverDef.getMaxToKeep() == 0 ? List.of(path) : List.copyOf(lastCheckpoints);
  }

  /** TF's {@code _RecordLastCheckpoint}: the same path again moves to the end; the oldest beyond the limit goes. */
  private void recordLastCheckpoint(String path) {
    if (saverDef.getMaxToKeep() == 0) {
      return;
    }
    lastCheckpoints.remove(path);
    lastCheckpoints.add(path);
    if (lastCheckpoints.size() > saverDef.getMaxToKeep()) {
      toDelete.add(lastCheckpoints.remove(0));
    }
  }

  private void deleteOldCheckpoints() {
    for (String prefix : toDelete) {
      deleteCheckpoint(prefix);
    }
    toDelete.clear();
  }

  /** Deletes {@code <prefix>.index}, its data files and {@code .meta} (TF's {@code remove_checkpoint}). */
  static void deleteCheckpoint(String prefix) {
    Path base = Path.of(prefix);
    Path dir = base.toAbsolutePath().getParent();
    String name = base.getFileName().toString();
    try {
      Files.deleteIfExists(Path.of(prefix + ".index"));
      Files.deleteIfExists(Path.of(metaGraphFilename(prefix)));
      try (DirectoryStream<Path> data = Files.newDirectoryStream(dir, glob(name) + ".data-?????-of-?????")) {
        for (Path p : data) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete old checkpoint " + prefix, e);
    }
  }

  private static String glob(String literal) {
    return literal.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
  }

  /** {@code <prefix>.meta}, a sharded prefix's {@code -NNNNN-of-NNNNN} dropped (TF's {@code meta_graph_filename}). */
  static String metaGraphFilename(String prefix) {
    return SHARD_SUFFIX.matcher(prefix).replaceFirst("") + ".meta";
  }

  private static Path parentOf(String prefix) {
    Path parent = Path.of(prefix).getParent();
    return parent == null ? Path.of("") : parent;
  }

  private static String fileName(String prefix) {
    Path name = Path.of(prefix).getFileName();
    return name == null ? "" : name.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Restoring

  /**
   * Restores every variable of this saver from the checkpoint at {@code prefix}, all or nothing.
   *
   * @throws CheckpointArgumentException for a null prefix or one without checkpoint files
   * @throws CheckpointNotFoundException when keys are missing (every one listed, with the closest key)
   * @throws CheckpointMismatchException when dtypes or shapes differ (every one listed)
   * @throws CorruptCheckpointException when a file is damaged
   */
  public void restore(Session session, String prefix) {
    restore(new Runner.OfSession(session), prefix);
  }

  /** {@link #restore(Session, String)} on TensorFlow: TensorFlow's own {@code RestoreV2} reads the files. */
  public void restore(TensorFlowSession session, String prefix) {
    restore(new Runner.OfTensorFlow(session), prefix);
  }

  private void restore(Runner runner, String prefix) {
    if (prefix == null) {
      throw new CheckpointArgumentException("Can't load save_path when it is null.");
    }
    if (!Files.exists(Path.of(prefix + ".index"))) {
      throw new CheckpointArgumentException("The passed save_path is not a valid checkpoint: " + prefix);
    }
    try (CheckpointReader reader = CheckpointReader.open(Path.of(prefix))) {
      RestoreCheck.check(reader, ops.saveables());
    }
    runner.restore(ops, prefix);
  }

  // ---------------------------------------------------------------------------------------------

  /** The checkpoints this saver wrote and keeps, oldest first (TF's {@code last_checkpoints}). */
  public List<String> lastCheckpoints() {
    return List.copyOf(lastCheckpoints);
  }

  /**
   * TensorFlow's description of the saver's ops: {@code filename_tensor_name} {@code save/Const:0},
   * {@code save_tensor_name} {@code save/control_dependency:0}, {@code restore_op_name} {@code save/restore_all},
   * {@code max_to_keep}, {@code version V2}.
   */
  public SaverDef saverDef() {
    return saverDef;
  }

  /** The graph the saver's ops are in. */
  public Graph graph() {
    return graph;
  }

  /** The checkpoint keys this saver writes, in order (a partitioned variable's key once per shard). */
  public List<String> keys() {
    return ops.saveables().stream().map(Saveable::key).toList();
  }

  /** The variables this saver saves, in the order of {@link #keys()}. */
  public List<Variable> variables() {
    return ops.saveables().stream().map(Saveable::variable).toList();
  }

  /** The op that restores every variable when its prefix ({@code save/Const:0}) is fed. */
  public Operation restoreOp() {
    return ops.restore();
  }

  /** Writes the graph with this saver as a MetaGraphDef ({@code saver.export_meta_graph(filename)}). */
  public void exportMetaGraph(String filename) {
    MetaGraphs.write(MetaGraphs.export(graph, this), Path.of(filename));
  }
}
