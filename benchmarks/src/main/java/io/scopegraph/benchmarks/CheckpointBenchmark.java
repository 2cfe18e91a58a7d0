package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.Saver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Checkpoint save and restore of {@value #TENSORS} float32 variables of shape [256, 512] ({@value #FLOATS}
 * floats each, 104,857,600 bytes = 100 MiB in all; deterministic values from {@code SplittableRandom(42)}), one
 * save or restore per measurement, all files in one directory under {@code benchmarks/target/checkpoints}:
 *
 * <ul>
 *   <li>{@link #saveScopegraph}: {@code Saver.save(session, prefix)} on the built-in {@link Session} (its
 *       {@code SaveV2} kernel writes with {@code CheckpointWriter}); the saver writes no {@code .meta} and keeps
 *       every checkpoint ({@code maxToKeep(0)}), so it writes the index, the data file and the
 *       {@code checkpoint} state file, and deletes nothing;
 *   <li>{@link #saveTensorFlow}: TensorFlow Java runs the same graph (exported and imported, with the saver's
 *       ops): the prefix fed to {@code save/Const}, {@code save/control_dependency} fetched, so TensorFlow's
 *       {@code SaveV2} writes the index and the data file from its variables;
 *   <li>{@link #restoreScopegraph}: {@code Saver.restore(session, prefix)}: checks the whole checkpoint (keys,
 *       dtypes, shapes), then {@code RestoreV2} reads every tensor into a new {@code float[]} (checksums
 *       verified) and the {@code Assign}s store them in the session's variables;
 *   <li>{@link #restoreTensorFlow}: TensorFlow runs {@code save/restore_all} with the prefix fed: its
 *       {@code RestoreV2} reads every tensor (checksums verified) into new TensorFlow tensors and the
 *       {@code Assign}s store them in its variables. Nothing is converted to Java arrays: on both sides the values
 *       end in the session's variables;
 *   <li>{@link #diskWrite} and {@link #diskRead}: the reference, the same 100 MiB written sequentially from
 *       memory (one direct buffer) to a new file in the same directory, and read back into that buffer, through
 *       a {@link FileChannel}, {@value #DISK_CHUNK} bytes per call.
 * </ul>
 *
 * <p>Each save writes new files under a new prefix; they are deleted after each iteration, outside the
 * measurement. No side calls {@code fsync} (TensorFlow's {@code SaveV2} does not): writes go to the page cache,
 * and reads of files written in the trial's set-up (the restores read one checkpoint, the disk read one file)
 * come from the page cache too. TensorFlow runs with {@value #TF_THREADS} intra-op and {@value #TF_THREADS}
 * inter-op threads and its graph optimisers off; its {@code SaveV2} writes on one thread, and its
 * {@code RestoreV2} reads tensors of up to 16M elements on the op's thread (only larger ones go to its reader
 * pool), so both sides read and write on one thread. The set-up checks that TensorFlow's files equal
 * scopegraph's byte for byte and that both restores give back the saved values.
 *
 * <p>Forty warm-up iterations per fork, JVM defaults otherwise: each restore leaves 100 MB of old values to the
 * collector, and for about the first 30 restores of a JVM the heap is still growing (the kernel zeroes every
 * newly touched page) and G1 still sizing its young generation, which doubled the time of those restores. The
 * collections that follow, copying the restored arrays once, stay in the measurement.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 40)
@Measurement(iterations = 20)
@Fork(3)
public class CheckpointBenchmark {
  static final int TENSORS = 200;
  static final int ROWS = 256;
  static final int COLUMNS = 512;
  static final int FLOATS = ROWS * COLUMNS;
  static final long BYTES = 4L * FLOATS * TENSORS;
  static final int TF_THREADS = 2;
  /** Bytes per {@code FileChannel} call of the disk reference. */
  static final int DISK_CHUNK = 1 << 20;

  /** The graph with its variables and saver, the values, and a checkpoint of them to restore, shared by a fork. */
  @State(Scope.Benchmark)
  public static class Model {
    Path dir;
    Graph graph;
    List<Variable> variables;
    Saver saver;
    List<NdArray> values;
    /** A checkpoint of the values, written by scopegraph in the set-up, that the restores read. */
    String restorePrefix;

    @Setup(Level.Trial)
    public void setUp() {
      dir = newDirectory();
      graph = new Graph();
      Ops tf = Ops.on(graph);
      variables = new ArrayList<>();
      for (int i = 0; i < TENSORS; i++) {
        variables.add(tf.getVariable(String.format("layer_%03d/kernel", i), Shape.of(ROWS, COLUMNS),
            io.scopegraph.Initializers.zeros()));
      }
      saver = Saver.builder(graph).maxToKeep(0).writeMetaGraph(false).build();
      SplittableRandom random = new SplittableRandom(42);
      values = new ArrayList<>();
      for (int i = 0; i < TENSORS; i++) {
        float[] v = new float[FLOATS];
        for (int j = 0; j < FLOATS; j++) {
          v[j] = (float) random.nextDouble(-1, 1);
        }
        values.add(NdArray.create(DType.FLOAT32, Shape.of(ROWS, COLUMNS), v));
      }
      try (Session s = new Session(graph)) {
        load(s);
        restorePrefix = saver.save(s, dir.resolve("restore/model.ckpt").toString());
      }
    }

    /** Assigns the values to the variables of {@code session} (feeding each initializer's value). */
    void load(Session session) {
      Session.Runner run = session.runner();
      for (int i = 0; i < TENSORS; i++) {
        run.feed(variables.get(i).initialValue(), values.get(i)).addTarget(variables.get(i).initializer());
      }
      run.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      delete(dir);
    }
  }

  /** scopegraph's session holding the values. */
  @State(Scope.Thread)
  public static class Ours {
    Session session;
    Path saves;
    int count;

    @Setup(Level.Trial)
    public void setUp(Model m) {
      session = new Session(m.graph);
      m.load(session);
      saves = m.dir.resolve("ours");
      // Saved again, the same bytes; restored, the same values.
      String check = m.saver.save(session, saves.resolve("check").toString());
      requireSameFiles(check, m.restorePrefix);
      session.run(Ops.on(m.graph).globalVariablesInitializer()); // zeros
      m.saver.restore(session, m.restorePrefix);
      if (!session.run(m.variables).equals(m.values)) {
        throw new IllegalStateException("scopegraph restored other values");
      }
    }

    @TearDown(Level.Iteration)
    public void deleteSaves() {
      delete(saves);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      session.close();
    }

    String nextPrefix() {
      return saves.resolve("model.ckpt-" + count++).toString();
    }
  }

  /** TensorFlow's session on the same graph, holding the same values. */
  @State(Scope.Thread)
  public static class Theirs {
    org.tensorflow.Graph graph;
    org.tensorflow.Session session;
    String prefixOp;
    String saveOp;
    String restoreOp;
    TString restorePrefix;
    Path saves;
    int count;

    @Setup(Level.Trial)
    public void setUp(Model m) {
      graph = TensorFlowSupport.toTensorFlow(m.graph);
      ConfigProto config = TensorFlowSupport.optimizerOff().toBuilder()
          .setIntraOpParallelismThreads(TF_THREADS).setInterOpParallelismThreads(TF_THREADS).build();
      session = new org.tensorflow.Session(graph, config);
      String filename = m.saver.saverDef().getFilenameTensorName();
      prefixOp = filename.substring(0, filename.indexOf(':'));
      String save = m.saver.saverDef().getSaveTensorName();
      saveOp = save.substring(0, save.indexOf(':'));
      restoreOp = m.saver.saverDef().getRestoreOpName();
      restorePrefix = TString.scalarOf(m.restorePrefix);
      saves = m.dir.resolve("theirs");
      // The values, fed to the initializers; saved, the same bytes as scopegraph's.
      org.tensorflow.Session.Runner init = session.runner();
      List<TFloat32> fed = new ArrayList<>();
      for (int i = 0; i < TENSORS; i++) {
        TFloat32 t = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(ROWS, COLUMNS),
            DataBuffers.of(m.values.get(i).toFloatArray(), true, false));
        fed.add(t);
        Tensor initial = m.variables.get(i).initialValue();
        init.feed(initial.op().name(), initial.index(), t).addTarget(m.variables.get(i).initializer().name());
      }
      init.run().close();
      fed.forEach(TFloat32::close);
      String check = saves.resolve("check").toString();
      save(check);
      requireSameFiles(check, m.restorePrefix);
      // Zeroed, then restored: the same values again.
      org.tensorflow.Session.Runner zero = session.runner();
      m.variables.forEach(v -> zero.addTarget(v.initializer().name()));
      zero.run().close();
      restore();
      for (int i : new int[] {0, TENSORS / 2, TENSORS - 1}) {
        float[] got = new float[FLOATS];
        try (Result r = session.runner().fetch(m.variables.get(i).op().name()).run()) {
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(got, false, false));
        }
        if (!Arrays.equals(got, m.values.get(i).toFloatArray())) {
          throw new IllegalStateException("TensorFlow restored other values in " + m.variables.get(i));
        }
      }
    }

    void save(String prefix) {
      try (TString p = TString.scalarOf(prefix); Result r = session.runner().feed(prefixOp, p).fetch(saveOp).run()) {
        if (r.size() != 1) {
          throw new IllegalStateException("SaveV2 returned " + r.size() + " values");
        }
      }
    }

    void restore() {
      session.runner().feed(prefixOp, restorePrefix).addTarget(restoreOp).run().close();
    }

    @TearDown(Level.Iteration)
    public void deleteSaves() {
      delete(saves);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      restorePrefix.close();
      session.close();
      graph.close();
    }

    String nextPrefix() {
      return saves.resolve("model.ckpt-" + count++).toString();
    }
  }

  /**
   * The disk reference: the values' {@link #BYTES} bytes in one direct buffer, written to a new file and read
   * back into that buffer, {@link #DISK_CHUNK} bytes per call, so that the bytes go between the file and memory as
   * a checkpoint's must.
   */
  @State(Scope.Thread)
  public static class Disk {
    Path dir;
    Path readFile;
    Path writes;
    ByteBuffer memory;
    int count;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = newDirectory();
      writes = dir.resolve("writes");
      Files.createDirectories(writes);
      memory = ByteBuffer.allocateDirect(Math.toIntExact(BYTES)).order(ByteOrder.LITTLE_ENDIAN);
      SplittableRandom random = new SplittableRandom(42);
      while (memory.hasRemaining()) {
        memory.putFloat((float) random.nextDouble(-1, 1));
      }
      readFile = dir.resolve("read.bin");
      write(readFile);
      if (Files.size(readFile) != BYTES || read(readFile) != BYTES) {
        throw new IllegalStateException("the reference file has " + Files.size(readFile) + " bytes");
      }
    }

    long write(Path file) throws IOException {
      memory.clear();
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        while (memory.position() < memory.capacity()) {
          out.write(memory.limit(Math.min(memory.capacity(), memory.position() + DISK_CHUNK)));
        }
      }
      return memory.position();
    }

    long read(Path file) throws IOException {
      memory.clear();
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        while (memory.position() < memory.capacity()) {
          if (in.read(memory.limit(Math.min(memory.capacity(), memory.position() + DISK_CHUNK))) < 0) {
            break;
          }
        }
      }
      return memory.position();
    }

    @TearDown(Level.Iteration)
    public void deleteWrites() throws IOException {
      delete(writes);
      Files.createDirectories(writes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      delete(dir);
    }
  }

  @Benchmark
  public String saveScopegraph(Model m, Ours ours) {
    return m.saver.save(ours.session, ours.nextPrefix());
  }

  @Benchmark
  public String saveTensorFlow(Theirs theirs) {
    String prefix = theirs.nextPrefix();
    theirs.save(prefix);
    return prefix;
  }

  @Benchmark
  public Session restoreScopegraph(Model m, Ours ours) {
    m.saver.restore(ours.session, m.restorePrefix);
    return ours.session;
  }

  @Benchmark
  public org.tensorflow.Session restoreTensorFlow(Theirs theirs) {
    theirs.restore();
    return theirs.session;
  }

  @Benchmark
  public long diskWrite(Disk disk) throws IOException {
    return disk.write(disk.writes.resolve("write-" + disk.count++ + ".bin"));
  }

  @Benchmark
  public long diskRead(Disk disk) throws IOException {
    return disk.read(disk.readFile);
  }

  // ---------------------------------------------------------------------------------------------

  /** A new directory under {@code benchmarks/target/checkpoints} (next to the benchmarks jar). */
  static Path newDirectory() {
    try {
      Path jar = Path.of(CheckpointBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path base = jar.getParent().resolve("checkpoints");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, "run");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails unless the two checkpoints' index and data files are equal byte for byte. */
  static void requireSameFiles(String a, String b) {
    for (String suffix : new String[] {".index", ".data-00000-of-00001"}) {
      try {
        if (Files.mismatch(Path.of(a + suffix), Path.of(b + suffix)) != -1) {
          throw new IllegalStateException(a + suffix + " differs from " + b + suffix);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Deletes a directory and what it holds, if it exists. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
