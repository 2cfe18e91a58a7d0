package io.scopegraph.processor;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.StandardLocation;

/**
 * Finds the index file ({@code <prefix>.index}) of a {@code @Checkpoint} among the project's resources, in
 * this order: the directory of {@code -Ascopegraph.checkpointDir}; the class output, through the {@link Filer}
 * (Maven copies {@code src/main/resources} there in {@code process-resources}, before {@code compile}); the
 * sources' resources next to the class output ({@code target/classes} → {@code src/main/resources},
 * {@code target/test-classes} → {@code src/test/resources}, Gradle's {@code build/classes/java/main} →
 * {@code src/main/resources}), for builds that compile without copying resources (IDEs, Gradle).
 */
final class CheckpointLocator {
  /**
   * The outcome of a search.
   *
   * @param prefix the checkpoint's prefix on disk (the index file's path without {@code .index}), or null when
   *     not found
   * @param looked every place looked, in order, as {@code /path/x.index (what the place is)}
   */
  record Result(Path prefix, List<String> looked) {
    boolean found() {
      return prefix != null;
    }
  }

  /** A resource name of the processor's own, created but never written, that shows where the class output is. */
  private static final String PROBE = "META-INF/scopegraph/class-output.probe";

  private final Filer filer;
  private final String checkpointDir;
  /** {@link #PROBE}'s URI, once created (a name can be created once per compilation). */
  private URI probe;

  /**
   * @param checkpointDir the option's value (relative to the working directory), or null when not given
   */
  CheckpointLocator(Filer filer, String checkpointDir) {
    this.filer = filer;
    this.checkpointDir = checkpointDir == null || checkpointDir.isBlank() ? null : checkpointDir;
  }

  /** Looks for {@code <resource>.index}; {@code resource} is a checked relative path with {@code /} separators. */
  Result locate(String resource) {
    String indexName = resource + ".index";
    List<String> looked = new ArrayList<>();
    if (checkpointDir != null) {
      try {
        Path index = Path.of(checkpointDir).toAbsolutePath().normalize().resolve(indexName);
        if (Files.isRegularFile(index)) {
          return found(index);
        }
        looked.add(index + " (-Ascopegraph.checkpointDir)");
      } catch (InvalidPathException e) {
        looked.add("-Ascopegraph.checkpointDir=" + checkpointDir + " (not a path: " + e.getMessage() + ")");
      }
    }
    Path classOutput = null;
    try {
      URI uri = classOutputUri(indexName);
      if ("file".equals(uri.getScheme())) {
        Path index = Path.of(uri).normalize();
        if (Files.isRegularFile(index)) {
          return found(index);
        }
        looked.add(index + " (the class output)");
        classOutput = root(index, indexName);
      } else {
        looked.add(uri + " (the class output, not a directory on disk)");
      }
    } catch (IOException | RuntimeException e) { // javac: FileNotFoundException, IllegalArgumentException
      looked.add("the class output (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    Path resources = classOutput == null ? null : sourceResources(classOutput);
    if (resources != null) {
      Path index = resources.resolve(indexName);
      if (Files.isRegularFile(index)) {
        return found(index);
      }
      looked.add(index + " (the sources' resources)");
    }
    return new Result(null, List.copyOf(looked));
  }

  /**
   * The class output's URI for {@code name}, present or not. javac's Filer gives any name; ECJ's finds only files
   * that exist (FileNotFoundException otherwise), so there the class output is read from {@link #PROBE}.
   */
  private URI classOutputUri(String name) throws IOException {
    try {
      return filer.getResource(StandardLocation.CLASS_OUTPUT, "", name).toUri();
    } catch (FileNotFoundException notThere) {
      Path root = probedClassOutput();
      if (root == null) {
        throw notThere;
      }
      return root.resolve(name).toUri();
    }
  }

  /** The class output directory as the Filer creates {@link #PROBE} in it (no file appears), or null. */
  private Path probedClassOutput() {
    try {
      if (probe == null) {
        probe = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PROBE).toUri();
      }
      return "file".equals(probe.getScheme()) ? root(Path.of(probe), PROBE) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Result found(Path index) {
    String name = index.getFileName().toString();
    return new Result(index.resolveSibling(name.substring(0, name.length() - ".index".length())), List.of());
  }

  /** The directory {@code index} is {@code relative} below, or null when it is not. */
  private static Path root(Path index, String relative) {
    Path r = index;
    for (int i = relative.split("/").length; i > 0 && r != null; i--) {
      r = r.getParent();
    }
    return r;
  }

  /**
   * The resources directory of the sources a class output is compiled from, for the layouts of Maven
   * ({@code target/classes}, {@code target/test-classes}) and Gradle ({@code build/classes/<language>/<source
   * set>}); null for any other layout.
   */
  static Path sourceResources(Path classOutput) {
    Path dir = classOutput.toAbsolutePath().normalize();
    int n = dir.getNameCount();
    if (n >= 2 && dir.getName(n - 2).toString().equals("target")) {
      Path project = dir.getParent().getParent();
      switch (dir.getFileName().toString()) {
        case "classes":
          return project.resolve("src/main/resources");
        case "test-classes":
          return project.resolve("src/test/resources");
        default:
          return null;
      }
    }
    if (n >= 4 && dir.getName(n - 4).toString().equals("build") && dir.getName(n - 3).toString().equals("classes")) {
      return dir.getParent().getParent().getParent().getParent()
          .resolve("src").resolve(dir.getFileName().toString()).resolve("resources");
    }
    return null;
  }
}
