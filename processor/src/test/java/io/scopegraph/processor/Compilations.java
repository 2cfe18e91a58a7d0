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
    return compile(List.of(), sources);
  }

  /** {@link #compile(JavaFileObject...)} with more javac options ({@code -A…}). */
  static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new java.util.ArrayList<>(List.of("-Xlint:all,-processing"));
    all.addAll(options);
    return javac().withOptions(all).withProcessors(new ScopeGraphProcessor()).compile(sources);
  }

  /**
   * Compiles with javac's own file manager into {@code classes} (a directory on disk, as a build tool's class
   * output), returning the diagnostics; the generated sources go to a temporary directory.
   */
  static List<javax.tools.Diagnostic<? extends JavaFileObject>> compileToDisk(Path classes, List<String> options,
      JavaFileObject... sources) {
    try {
      Files.createDirectories(classes);
      Path generated = Files.createTempDirectory("scopegraph-gen");
      List<String> all = new java.util.ArrayList<>(List.of("-Xlint:all,-processing", "-d", classes.toString(), "-s",
          generated.toString()));
      all.addAll(options);
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      JavaCompiler.CompilationTask task = ToolProvider.getSystemJavaCompiler().getTask(null, null, diagnostics,
          all, null, List.of(sources));
      task.setProcessors(List.of(new ScopeGraphProcessor()));
      task.call();
      return diagnostics.getDiagnostics();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The variable manifest the processor wrote for {@code model} (qualified name), without its comment line. */
  static String manifest(Compilation c, String model) throws IOException {
    return c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/scopegraph/" + model + ".variables")
        .orElseThrow().getCharContent(false).toString().lines().skip(1).map(l -> l + "\n").reduce("", String::concat);
  }

  /** The manifest of {@code test.M}, the model {@link #modelWith} writes. */
  static String manifest(Compilation c) throws IOException {
    return manifest(c, "test.M");
  }

  /** A model class {@code test.M} with an Ops field and constructor, plus {@code members}. */
  static JavaFileObject modelWith(String... members) {
    return modelSource(List.of(), "", members);
  }

  /** {@link #modelWith} with more annotations on the class (line 4 holds them all). */
  static JavaFileObject modelAnnotatedWith(String annotations, String... members) {
    return modelSource(List.of(), annotations, members);
  }

  /**
   * {@link #modelWith} importing {@code io.scopegraph.layers.*} as well: the members start on line 9 (line 8 is
   * the constructor).
   */
  static JavaFileObject layerModelWith(String... members) {
    return modelSource(List.of("import io.scopegraph.layers.*;"), "", members);
  }

  private static JavaFileObject modelSource(List<String> moreImports, String classAnnotations, String... members) {
    List<String> lines = new java.util.ArrayList<>(List.of(
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;"));
    lines.addAll(moreImports);
    lines.addAll(List.of(
        classAnnotations.isEmpty() ? "@Model" : "@Model " + classAnnotations,
        "public abstract class M {",
        "  protected final Ops tf;",
        "  protected M(Ops tf) { this.tf = tf; }"));
    lines.addAll(List.of(members));
    lines.add("}");
    return JavaFileObjects.forSourceLines("test.M", lines);
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
    return generatedSourcesDespiteErrors(List.of(), sources);
  }

  /** {@link #generatedSourcesDespiteErrors(JavaFileObject...)} with more javac options ({@code -A…}). */
  static List<String> generatedSourcesDespiteErrors(List<String> options, JavaFileObject... sources) {
    try {
      Path out = Files.createTempDirectory("scopegraph-gen");
      Path classes = Files.createTempDirectory("scopegraph-classes");
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
      List<String> all = new java.util.ArrayList<>(List.of("-s", out.toString(), "-d", classes.toString()));
      all.addAll(options);
      JavaCompiler.CompilationTask task = compiler.getTask(null, null, ignored, all, null, List.of(sources));
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
    return classLoader(compilation, Compilations.class.getClassLoader());
  }

  /** A class loader over the compilation's class files, delegating to {@code parent}. */
  static ClassLoader classLoader(Compilation compilation, ClassLoader parent) {
    return new ClassLoader(parent) {
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
