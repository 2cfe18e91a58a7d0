package io.scopegraph.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;

/**
 * The floor of {@link ProcessorBenchmark}: a processor that writes the files the scopegraph processor wrote
 * for the corpus (read back from {@code -Areplay.dir}: {@code sources/} and {@code resources/}) in the first
 * round and does nothing else — no validation, no analysis, no JavaPoet. What it costs over plain javac is
 * what javac charges any processor that generates these files: the {@code Filer}, compiling the output and
 * the extra rounds.
 */
public final class ReplayProcessor extends AbstractProcessor {
  static final String DIR_OPTION = "replay.dir";

  private boolean written;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("io.scopegraph.annotations.*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(DIR_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (written || annotations.isEmpty()) {
      return false;
    }
    written = true;
    Path dir = Path.of(processingEnv.getOptions().get(DIR_OPTION));
    try {
      Path sources = dir.resolve("sources");
      for (Path file : files(sources)) {
        String relative = sources.relativize(file).toString();
        String type = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
        try (Writer w = processingEnv.getFiler().createSourceFile(type).openWriter()) {
          w.write(Files.readString(file));
        }
      }
      Path resources = dir.resolve("resources");
      for (Path file : files(resources)) {
        String relative = resources.relativize(file).toString();
        try (Writer w = processingEnv.getFiler()
            .createResource(StandardLocation.CLASS_OUTPUT, "", relative).openWriter()) {
          w.write(Files.readString(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
