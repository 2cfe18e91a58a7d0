package io.scopegraph.processor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * Compiling with the Eclipse compiler (ECJ) through {@code javax.tools}, as Eclipse's batch build runs processors,
 * and with javac the same way for comparison: the sources are written to {@code src/} of a fresh directory (under
 * the test's temporary one), the generated sources go to {@code generated/} and the classes to {@code classes/}.
 */
final class EclipseCompilations {
  private EclipseCompilations() {}

  /**
   * One compilation.
   *
   * @param success what {@code CompilationTask.call()} returned
   * @param diagnostics everything the compiler and the processor reported
   * @param output what the compiler printed (ECJ prints its problems there too)
   * @param root the directory holding {@code src/} and {@code generated/} (and {@code classes/} by default)
   * @param classes the class output
   */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output, Path root,
      Path classes) {
    Path generated() {
      return root.resolve("generated");
    }

    /** The generated sources: path relative to {@link #generated()} → bytes as UTF-8 text. */
    Map<String, String> generatedSources() {
      Map<String, String> out = new TreeMap<>();
      try (Stream<Path> files = Files.walk(generated())) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          out.put(generated().relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    /** The messages of one kind, in the order reported. */
    List<String> messages(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).map(d -> d.getMessage(Locale.ROOT)).toList();
    }

    /** The processor's diagnostics ({@code [scopegraph:…]}). */
    List<Diagnostic<? extends JavaFileObject>> scopegraph() {
      return diagnostics.stream().filter(d -> d.getMessage(Locale.ROOT).startsWith("[scopegraph:")).toList();
    }

    /**
     * Signs of a crash: ECJ turns an exception thrown by a processor into "Internal compiler error: …", javac into
     * "An annotation processor threw an uncaught exception"; empty when there is none.
     */
    List<String> crashes() {
      List<String> out = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        String m = d.getMessage(Locale.ROOT);
        if (m.contains("Internal compiler error") || m.contains("threw an uncaught exception")) {
          out.add(m);
        }
      }
      if (output.contains("Internal compiler error") || output.contains("threw an uncaught exception")) {
        out.add(output);
      }
      return out;
    }
  }

  /** ECJ at Java 17 with a fresh {@link ScopeGraphProcessor}, in a new directory under {@code under}. */
  static Result ecj(Path under, List<String> options, Map<String, String> sources) {
    return ecj(under, options, sources, null);
  }

  /** {@link #ecj(Path, List, Map)} into the class output {@code classes} (null: {@code classes/}). */
  static Result ecj(Path under, List<String> options, Map<String, String> sources, Path classes) {
    return compile(under, new EclipseCompiler(), List.of("-17"), options, sources,
        List.of(new ScopeGraphProcessor()), classes);
  }

  /** javac at Java 17 with a fresh {@link ScopeGraphProcessor}, on the same layout as {@link #ecj}. */
  static Result javac(Path under, List<String> options, Map<String, String> sources) {
    return compile(under, ToolProvider.getSystemJavaCompiler(), List.of("--release", "17"), options, sources,
        List.of(new ScopeGraphProcessor()), null);
  }

  /**
   * Compiles {@code sources} (binary name such as {@code test.M} → text) in a new directory under {@code under},
   * against the test class path (the runtime), with {@code options} added ({@code -A…}).
   */
  static Result compile(Path under, JavaCompiler compiler, List<String> release, List<String> options,
      Map<String, String> sources, List<Processor> processors, Path classOutput) {
    try {
      Path root = Files.createTempDirectory(under, "compilation");
      Path src = Files.createDirectories(root.resolve("src"));
      Files.createDirectories(root.resolve("generated"));
      Path classes = Files.createDirectories(classOutput == null ? root.resolve("classes") : classOutput);
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        files.add(file);
      }
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      StringWriter output = new StringWriter();
      try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
          StandardCharsets.UTF_8)) {
        List<String> all = new ArrayList<>(release);
        all.addAll(List.of("-encoding", "UTF-8", "-classpath", System.getProperty("java.class.path"),
            "-d", classes.toString(), "-s", root.resolve("generated").toString()));
        all.addAll(options);
        JavaCompiler.CompilationTask task = compiler.getTask(output, fm, diagnostics, all, null,
            fm.getJavaFileObjectsFromPaths(files));
        task.setProcessors(processors);
        boolean success = task.call();
        return new Result(success, diagnostics.getDiagnostics(), output.toString(), root, classes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
