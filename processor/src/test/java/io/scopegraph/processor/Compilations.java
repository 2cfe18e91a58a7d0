package io.scopegraph.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiling test models with the processor, and loading what it generated. */
final class Compilations {
  private Compilations() {}

  /**
   * Compiles with javac's lints on, as a strict user build would (without {@code processing}, which flags
   * every unclaimed annotation, {@code @Generated} included, whatever the processor).
   */
  static Compilation compile(JavaFileObject... sources) {
    return javac().withOptions("-Xlint:all,-processing").withProcessors(new ScopeGraphProcessor()).compile(sources);
  }

  /** A model from {@code src/test/resources/models/}, e.g. {@code "com/example/Siamese.java"}. */
  static JavaFileObject model(String path) {
    return JavaFileObjects.forResource("models/" + path);
  }

  /**
   * The sources the processor generated, as relative paths, even when compilation failed (compile-testing
   * hides them then).
   */
  static List<String> generatedSourcesDespiteErrors(JavaFileObject... sources) {
    try {
      Path out = Files.createTempDirectory("scopegraph-gen");
      Path classes = Files.createTempDirectory("scopegraph-classes");
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
      JavaCompiler.CompilationTask task = compiler.getTask(null, null, ignored,
          List.of("-s", out.toString(), "-d", classes.toString()), null, List.of(sources));
      task.setProcessors(List.of(new ScopeGraphProcessor()));
      task.call();
      try (Stream<Path> files = Files.walk(out)) {
        return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/'))
            .sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader over the compilation's class files, delegating to the test's classes (the runtime). */
  static ClassLoader classLoader(Compilation compilation) {
    return new ClassLoader(Compilations.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        Optional<JavaFileObject> file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
            name.replace('.', '/') + ".class");
        if (file.isEmpty()) {
          throw new ClassNotFoundException(name);
        }
        try (InputStream in = file.get().openInputStream()) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
