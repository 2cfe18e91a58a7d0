package io.scopegraph.benchmarks;

import io.scopegraph.NdArray;
import io.scopegraph.tensorflow.CheckpointWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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

/**
 * Cost of {@code @Checkpoint}: one in-process javac run with the scopegraph processor over a model with
 * {@value #LAYERS} {@code @VariableScope} methods of {@value #VARIABLES_PER_LAYER} {@code getVariable}s each
 * ({@value #LAYERS} × {@value #VARIABLES_PER_LAYER} = 1,000 variables) and a root method calling them all, once
 * with {@code @Checkpoint} on the root (the processor finds the checkpoint, reads its index of 1,000 keys and
 * compares every predicted variable's name, shape and dtype with it) and once without. Both runs pass the same
 * {@code -Ascopegraph.checkpointDir}. As in {@link ProcessorBenchmark}, the processor's classes come from this
 * benchmark's class path and stay loaded across iterations (a build's first compilation also loads protobuf and
 * TensorFlow's proto classes, measured separately by {@code -prof cl}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 15)
@Fork(2)
@State(Scope.Thread)
public class CheckpointCheckBenchmark {
  static final int LAYERS = 100;
  static final int VARIABLES_PER_LAYER = 10;

  private Path root;
  private Path withCheck;
  private Path withoutCheck;
  private int run;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    root = Files.createTempDirectory("scopegraph-checkpoint-bench");
    Path checkpoints = root.resolve("resources");
    Files.createDirectories(checkpoints.resolve("bench"));
    try (CheckpointWriter writer = CheckpointWriter.create(checkpoints.resolve("bench/model.ckpt").toString())) {
      NdArray value = NdArray.filled(io.scopegraph.DType.FLOAT32, io.scopegraph.Shape.of(4, 4), 0.5);
      for (int layer = 0; layer < LAYERS; layer++) {
        for (int v = 0; v < VARIABLES_PER_LAYER; v++) {
          writer.add("model/layer" + layer + "/w" + v, value);
        }
      }
      writer.finish();
    }
    withCheck = write("with", true);
    withoutCheck = write("without", false);
    compile(withCheck); // both arms start JMH's warm-up from the same JVM state
    compile(withoutCheck);
  }

  private Path write(String dir, boolean checkpoint) throws IOException {
    Path file = root.resolve(dir).resolve("corpus/BigModel.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, modelSource(checkpoint));
    return file;
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Path javacWithCheckpointCheck() {
    return compile(withCheck);
  }

  @Benchmark
  public Path javacWithoutCheckpointCheck() {
    return compile(withoutCheck);
  }

  private Path compile(Path source) {
    Path out = root.resolve("out" + run++);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String classPath = System.getProperty("java.class.path");
    List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:-try", "-implicit:none",
        "-d", out.toString(), "-s", out.toString(), "-cp", classPath, "-processorpath", classPath,
        "-processor", "io.scopegraph.processor.ScopeGraphProcessor",
        "-Ascopegraph.checkpointDir=" + root.resolve("resources")));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(List.of(source));
      if (!javac.getTask(diagnostics, files, null, options, null, units).call()) {
        throw new IllegalStateException("javac failed:\n" + diagnostics);
      }
      if (!diagnostics.toString().isEmpty()) {
        throw new IllegalStateException("the model must compile without diagnostics:\n" + diagnostics);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model: layers {@code model/layer<i>} of variables {@code w0}…, and {@code build} calling every layer. */
  static String modelSource(boolean checkpoint) {
    StringBuilder s = new StringBuilder("package corpus;\n\n")
        .append("import io.scopegraph.Ops;\nimport io.scopegraph.Shape;\nimport io.scopegraph.Tensor;\n")
        .append("import io.scopegraph.annotations.Checkpoint;\nimport io.scopegraph.annotations.Model;\n")
        .append("import io.scopegraph.annotations.VariableScope;\n\n")
        .append("@Model\npublic abstract class BigModel {\n  protected final Ops tf;\n\n")
        .append("  protected BigModel(Ops tf) {\n    this.tf = tf;\n  }\n\n")
        .append("  @VariableScope(\"model\")\n");
    if (checkpoint) {
      s.append("  @Checkpoint(\"bench/model.ckpt\")\n");
    }
    s.append("  public Tensor build(Tensor x) {\n");
    for (int layer = 0; layer < LAYERS; layer++) {
      s.append("    x = layer").append(layer).append("(x);\n");
    }
    s.append("    return x;\n  }\n");
    for (int layer = 0; layer < LAYERS; layer++) {
      s.append("\n  @VariableScope(\"layer").append(layer).append("\")\n")
          .append("  protected Tensor layer").append(layer).append("(Tensor x) {\n");
      for (int v = 0; v < VARIABLES_PER_LAYER; v++) {
        s.append("    x = tf.matMul(x, tf.getVariable(\"w").append(v).append("\", Shape.of(4, 4)));\n");
      }
      s.append("    return x;\n  }\n");
    }
    return s.append("}\n").toString();
  }
}
