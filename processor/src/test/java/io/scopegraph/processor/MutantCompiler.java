package io.scopegraph.processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles one source with javac and the processor through javax.tools, as a build does, but fast enough for
 * thousands of sources: the standard file manager (and its index of the class path's jars) is shared, and what
 * javac and the processor write stays in memory, per compilation.
 */
final class MutantCompiler implements AutoCloseable {
  /**
   * What one compilation did: its diagnostics, what escaped {@code task.call()} (null when nothing did), and whether
   * javac got as far as running the processor on its annotations (javac stops before that on a syntax error).
   */
  record Result(List<javax.tools.Diagnostic<? extends JavaFileObject>> diagnostics, Throwable thrown,
      boolean processed, String output) {}

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files;

  MutantCompiler() {
    files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    try {
      // Never the working directory: anything not caught in memory would land in an empty temporary directory.
      Path empty = Files.createTempDirectory("scopegraph-mutants");
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(empty));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(empty));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code source} as the file of the top-level class {@code binaryName}. */
  Result compile(String binaryName, String source) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file = new Source(binaryName, source);
    StringWriter output = new StringWriter(); // where javac prints what is no diagnostic: its own crashes
    JavaCompiler.CompilationTask task = javac.getTask(output, new InMemoryOutput(files), diagnostics,
        List.of("-Xlint:all,-processing"), null, List.of(file));
    Watched processor = new Watched(new ScopeGraphProcessor());
    task.setProcessors(List.of(processor));
    task.setLocale(Locale.ROOT);
    Throwable thrown = null;
    try {
      task.call();
    } catch (RuntimeException | Error e) { // javac wraps a processor's exception in a RuntimeException
      thrown = e;
    }
    return new Result(diagnostics.getDiagnostics(), thrown, processor.ran, output.toString());
  }

  /** The processor, noting whether a round gave it any of its annotations (for the counts only). */
  private static final class Watched implements Processor {
    private final Processor processor;
    boolean ran;

    Watched(Processor processor) {
      this.processor = processor;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      ran |= !annotations.isEmpty();
      return processor.process(annotations, round);
    }

    @Override
    public Set<String> getSupportedOptions() {
      return processor.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return processor.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return processor.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment env) {
      processor.init(env);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
        ExecutableElement member, String userText) {
      return processor.getCompletions(element, annotation, member, userText);
    }
  }

  @Override
  public void close() throws IOException {
    files.close();
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String binaryName, String text) {
      super(URI.create("mem:///" + binaryName.replace('.', '/') + ".java"), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** A file javac or the processor writes, kept in memory (and readable again: javac compiles generated sources). */
  private static final class Output extends SimpleJavaFileObject {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Output(URI uri, Kind kind) {
      super(uri, kind);
    }

    @Override
    public OutputStream openOutputStream() {
      bytes.reset();
      return bytes;
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
    private final Map<URI, Output> outputs = new HashMap<>();

    InMemoryOutput(JavaFileManager files) {
      super(files);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) {
      return output(uri(location.getName() + "/" + className.replace('.', '/') + kind.extension), kind);
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName,
        FileObject sibling) {
      return output(uri(location, packageName, relativeName), JavaFileObject.Kind.OTHER);
    }

    @Override
    public FileObject getFileForInput(Location location, String packageName, String relativeName)
        throws IOException {
      Output written = outputs.get(uri(location, packageName, relativeName));
      return written != null ? written : super.getFileForInput(location, packageName, relativeName);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
      return a instanceof SimpleJavaFileObject || b instanceof SimpleJavaFileObject ? a.equals(b)
          : super.isSameFile(a, b);
    }

    private Output output(URI uri, JavaFileObject.Kind kind) {
      return outputs.computeIfAbsent(uri, u -> new Output(u, kind));
    }

    private static URI uri(Location location, String packageName, String relativeName) {
      String dir = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
      return uri(location.getName() + "/" + dir + relativeName);
    }

    /** Quotes what a URI cannot hold (a checkpoint's name comes from the source, spaces and all). */
    private static URI uri(String path) {
      try {
        return new URI("mem", null, "/" + path, null);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }
}
