package io.scopegraph.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac with the scopegraph processor (found on the test class path, as a user's build finds it on the processor
 * path), compiling doc blocks written as files under {@code dir/src} into {@code dir/classes}.
 */
final class DocCompiler {
  private DocCompiler() {}

  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, String javacOutput) {
    List<Diagnostic<? extends JavaFileObject>> errors() {
      return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    /** The errors as javac prints them: {@code File.java:line: error: message}, the source line and a caret. */
    String printedErrors() {
      StringBuilder out = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> error : errors()) {
        String file = Path.of(error.getSource().getName()).getFileName().toString();
        out.append(file).append(':').append(error.getLineNumber()).append(": error: ")
            .append(error.getMessage(Locale.ROOT)).append('\n');
        try {
          String line = Files.readAllLines(Path.of(error.getSource().toUri())).get((int) error.getLineNumber() - 1);
          out.append(line).append('\n').append(" ".repeat((int) error.getColumnNumber() - 1)).append("^\n");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      return out.toString();
    }
  }

  static Result compile(List<BlockSource> sources, Path dir, List<String> extraOptions) throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    List<Path> files = new ArrayList<>();
    for (BlockSource source : sources) {
      Path file = src.resolve(source.packageName().replace('.', '/')).resolve(source.fileName());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.source());
      files.add(file);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("java.class.path");
    List<String> options = new ArrayList<>(List.of("-classpath", classPath, "-processorpath", classPath,
        "-d", classes.toString(), "-s", dir.resolve("generated").toString(), "--release", "17",
        "-Xlint:-try", "-encoding", "UTF-8"));
    options.addAll(extraOptions);
    Files.createDirectories(dir.resolve("generated"));
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean success = javac.getTask(output, fileManager, diagnostics, options, null,
          fileManager.getJavaFileObjectsFromPaths(files)).call();
      return new Result(success, diagnostics.getDiagnostics(), output.toString());
    }
  }
}
