package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a snippet of user code against the runtime, for the TF errors that Java's types rule out at
 * compile time (a non-boolean {@code auxiliary_name_scope}, a string {@code reuse}, a number as scope).
 */
final class JavaSnippets {
  private JavaSnippets() {}

  /** Asserts that {@code statements} (inside a method with {@code Ops tf} and {@code VarScope scope}) do not compile. */
  static void assertRejectedByCompiler(String statements, String expectedErrorFragment) throws IOException {
    String source = "import io.scopegraph.*;\n"
        + "class Snippet {\n"
        + "  void run(Ops tf, VarScope scope) {\n"
        + "    " + statements + "\n"
        + "  }\n"
        + "}\n";
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("snippet");
    String runtimeClasses = new File(Graph.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .getPath();
    boolean ok = compiler.getTask(null, null, diagnostics,
        List.of("-classpath", runtimeClasses, "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
    assertFalse(ok, "expected a compile error for: " + statements);
    String errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(null))
        .collect(Collectors.joining("\n"));
    assertTrue(errors.contains(expectedErrorFragment), "compiler said: " + errors);
  }

  /** Asserts that {@code statements} compile (so the rejections above are about the types, not the snippet). */
  static void assertAcceptedByCompiler(String statements) throws IOException {
    String source = "import io.scopegraph.*;\nclass Snippet {\n  void run(Ops tf, VarScope scope) {\n    "
        + statements + "\n  }\n}\n";
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    Path out = Files.createTempDirectory("snippet");
    String runtimeClasses = new File(Graph.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .getPath();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok = ToolProvider.getSystemJavaCompiler().getTask(null, null, diagnostics,
        List.of("-classpath", runtimeClasses, "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
    assertTrue(ok, "expected to compile: " + statements + " but: " + diagnostics.getDiagnostics());
  }
}
