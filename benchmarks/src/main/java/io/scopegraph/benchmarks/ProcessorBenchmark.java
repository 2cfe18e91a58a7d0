package io.scopegraph.benchmarks;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * Cost of the annotation processor: one in-process javac ({@code javax.tools}) run over a generated corpus of
 * {@value #MODELS} {@code @Model} classes with {@value #METHODS} scoped methods each (alternating
 * {@code @VariableScope(reuse = AUTO)} methods that create a variable and {@code @NameScope} methods that call
 * the previous one), with the scopegraph processor ({@code -processor ScopeGraphProcessor}, which also generates
 * the {@code Scoped*} subclasses) and without ({@code -proc:none}). Two reference arms bound what any processor
 * generating the same code can reach: the corpus compiled together with the processor's output as if written
 * by hand, without a processor (javac compiling the generated classes), and {@link ReplayProcessor}, which
 * only writes the processor's output again (that plus the {@code Filer} and the extra rounds). The runtime
 * and the processor come from this benchmark's class path (the shaded jar; javac's processor class loader
 * delegates to it, so the processor's classes stay loaded and JIT-compiled across iterations, like javac's
 * own). Each measurement is one compilation with a fresh file manager into a fresh output folder. Every fork
 * first compiles once with the processor (which also provides the generated sources for the reference arms),
 * once without, and once with the replay, so that all arms start JMH's warm-up from the same JVM state.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 8)
@Fork(1)
@State(Scope.Thread)
public class ProcessorBenchmark {
  static final int MODELS = 200;
  static final int METHODS = 10;

  private Path root;
  private List<Path> sources;
  /** The corpus plus the sources the processor generates for it, as hand-written input. */
  private List<Path> sourcesWithGenerated;
  /** The processor's output for the corpus, for {@link ReplayProcessor}. */
  private Path replay;
  private int run;

  /** One compilation's output folders. */
  private record Output(Path classes, Path sources) {}

  private static final List<String> SCOPEGRAPH = List.of("-processor", "io.scopegraph.processor.ScopeGraphProcessor");

  @Setup(Level.Trial)
  public void generateCorpus() throws IOException {
    root = Files.createTempDirectory("scopegraph-javac-bench");
    sources = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      String pkg = "corpus.p" + (m % 10);
      Path dir = root.resolve("src").resolve(pkg.replace('.', '/'));
      Files.createDirectories(dir);
      Path file = dir.resolve("Model" + m + ".java");
      Files.writeString(file, modelSource(pkg, "Model" + m));
      sources.add(file);
    }
    Output generated = compile(sources, SCOPEGRAPH);
    replay = root.resolve("replay");
    List<Path> generatedSources = copy(generated.sources(), f -> f.toString().endsWith(".java"),
        replay.resolve("sources"));
    copy(generated.classes(), f -> !f.toString().endsWith(".class"), replay.resolve("resources"));
    sourcesWithGenerated = new ArrayList<>(sources);
    sourcesWithGenerated.addAll(generatedSources);
    if (generatedSources.size() != MODELS) {
      throw new IllegalStateException("expected " + MODELS + " generated sources, found " + generatedSources.size());
    }
    compile(sources, List.of());
    compile(sources, replayOptions());
  }

  /** Copies the files under {@code from} that {@code filter} accepts to the same places under {@code to}. */
  private static List<Path> copy(Path from, Predicate<Path> filter, Path to) throws IOException {
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(filter).sorted().toList()) {
        Path copy = to.resolve(from.relativize(p).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(p, copy);
        copies.add(copy);
      }
    }
    return copies;
  }

  private List<String> replayOptions() {
    return List.of("-processor", ReplayProcessor.class.getName(),
        "-A" + ReplayProcessor.DIR_OPTION + "=" + replay);
  }

  @TearDown(Level.Trial)
  public void deleteCorpus() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Path javacWithProcessor() {
    return compile(sources, SCOPEGRAPH).sources();
  }

  @Benchmark
  public Path javacWithoutProcessor() {
    return compile(sources, List.of()).sources();
  }

  /** Reference: the corpus and the generated sources, both compiled as hand-written code, no processor. */
  @Benchmark
  public Path javacWithoutProcessorGeneratedSourcesIncluded() {
    return compile(sourcesWithGenerated, List.of()).sources();
  }

  /** Reference: the corpus with {@link ReplayProcessor} writing the scopegraph processor's output again. */
  @Benchmark
  public Path javacWithReplayProcessor() {
    return compile(sources, replayOptions()).sources();
  }

  /** One compilation with the given {@code -processor} options (none: {@code -proc:none}). */
  private Output compile(List<Path> inputs, List<String> processorOptions) {
    Path out = root.resolve("out" + run);
    Path gen = root.resolve("gen" + run);
    run++;
    try {
      Files.createDirectories(out);
      Files.createDirectories(gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String classPath = System.getProperty("java.class.path");
    List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:-try", "-implicit:none",
        "-d", out.toString(), "-s", gen.toString(), "-cp", classPath));
    boolean processor = !processorOptions.isEmpty();
    if (processor) {
      options.addAll(List.of("-processorpath", classPath));
      options.addAll(processorOptions);
    } else {
      options.add("-proc:none");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(inputs);
      boolean ok = javac.getTask(diagnostics, files, null, options, null, units).call();
      if (!ok) {
        throw new IllegalStateException("javac failed:\n" + diagnostics);
      }
      if (processor && !Files.exists(gen.resolve("corpus/p0/ScopedModel0.java"))) {
        throw new IllegalStateException("the processor generated no ScopedModel0");
      }
      return new Output(out, gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String modelSource(String pkg, String name) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(pkg).append(";\n\n")
        .append("import io.scopegraph.Ops;\nimport io.scopegraph.Reuse;\nimport io.scopegraph.Shape;\n")
        .append("import io.scopegraph.Tensor;\nimport io.scopegraph.annotations.Model;\n")
        .append("import io.scopegraph.annotations.NameScope;\nimport io.scopegraph.annotations.VariableScope;\n\n")
        .append("@Model\npublic abstract class ").append(name).append(" {\n")
        .append("  protected final Ops tf;\n\n")
        .append("  protected ").append(name).append("(Ops tf) {\n    this.tf = tf;\n  }\n");
    for (int i = 0; i < METHODS; i++) {
      s.append('\n');
      if (i % 2 == 0) {
        s.append("  @VariableScope(value = \"layer").append(i).append("\", reuse = Reuse.AUTO)\n")
            .append("  public Tensor layer").append(i).append("(Tensor x) {\n")
            .append("    Tensor w = tf.getVariable(\"w\", Shape.of(4, 4));\n")
            .append("    Tensor b = tf.getVariable(\"b\", Shape.of(4));\n")
            .append("    return tf.relu(tf.add(tf.matMul(x, w), b));\n  }\n");
      } else {
        s.append("  @NameScope(\"block").append(i).append("\")\n")
            .append("  public Tensor block").append(i).append("(Tensor x) {\n")
            .append("    return tf.add(layer").append(i - 1).append("(x), tf.square(x));\n  }\n");
      }
    }
    return s.append("}\n").toString();
  }
}
