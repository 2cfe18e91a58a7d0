package io.scopegraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code @Checkpoint}'s index file is looked for: the option's directory, the class output (through the
 * Filer, as javac gives it), the sources' resources next to the class output. The Filer here is javac's
 * contract reduced to {@code getResource}: a file object for any name under the class output.
 */
class CheckpointLocatorTest {
  @TempDir
  Path project;

  /** {@link Filer#getResource} in the class output, the only Filer method the locator calls. */
  private interface ClassOutput {
    FileObject get(String name) throws IOException;
  }

  /** A Filer whose class output is {@code classes}, as javac's: any name gives a file object, present or not. */
  private static Filer classOutput(Path classes) {
    return filer(name -> new SimpleJavaFileObject(classes.resolve(name).toUri(), JavaFileObject.Kind.OTHER) {});
  }

  private static Filer filer(ClassOutput classOutput) {
    return filer(classOutput, name -> {
      throw new UnsupportedOperationException();
    });
  }

  /**
   * A Filer as ECJ's: {@code getResource} finds only files that exist (FileNotFoundException otherwise);
   * {@code createResource} gives a file object under {@code classes} for any name, once, without making a file.
   */
  private static Filer ecjClassOutput(Path classes, List<String> created) {
    return filer(name -> {
      Path p = classes.resolve(name);
      if (!Files.exists(p)) {
        throw new FileNotFoundException("Resource does not exist : CLASS_OUTPUT//" + name);
      }
      return new SimpleJavaFileObject(p.toUri(), JavaFileObject.Kind.OTHER) {};
    }, name -> {
      assertFalse(created.contains(name), "created twice: " + name);
      created.add(name);
      return new SimpleJavaFileObject(classes.resolve(name).toUri(), JavaFileObject.Kind.OTHER) {};
    });
  }

  private static Filer filer(ClassOutput classOutput, ClassOutput create) {
    return new Filer() {
      @Override
      public FileObject getResource(JavaFileManager.Location location, CharSequence module, CharSequence name)
          throws IOException {
        assertEquals(StandardLocation.CLASS_OUTPUT, location);
        return classOutput.get(name.toString());
      }

      @Override
      public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
        throw new UnsupportedOperationException();
      }

      @Override
      public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) {
        throw new UnsupportedOperationException();
      }

      @Override
      public FileObject createResource(JavaFileManager.Location location, CharSequence module, CharSequence name,
          Element... originatingElements) throws IOException {
        assertEquals(StandardLocation.CLASS_OUTPUT, location);
        return create.get(name.toString());
      }
    };
  }

  private static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[0]);
  }

  @Test
  @DisplayName("the class output: where Maven copied src/main/resources before compiling")
  void classOutput() throws IOException {
    Path classes = project.resolve("target/classes");
    touch(classes.resolve("ckpt/m.ckpt.index"));
    CheckpointLocator.Result r = new CheckpointLocator(classOutput(classes), null).locate("ckpt/m.ckpt");
    assertEquals(classes.resolve("ckpt/m.ckpt"), r.prefix());
  }

  @Test
  @DisplayName("src/main/resources next to target/classes, when the build did not copy the resources")
  void mavenSources() throws IOException {
    touch(project.resolve("src/main/resources/ckpt/m.ckpt.index"));
    CheckpointLocator.Result r = new CheckpointLocator(classOutput(project.resolve("target/classes")), null)
        .locate("ckpt/m.ckpt");
    assertEquals(project.resolve("src/main/resources/ckpt/m.ckpt"), r.prefix());
  }

  @Test
  @DisplayName("src/test/resources next to target/test-classes; Gradle's build/classes/java/<set>")
  void otherLayouts() throws IOException {
    touch(project.resolve("src/test/resources/m.ckpt.index"));
    assertEquals(project.resolve("src/test/resources/m.ckpt"),
        new CheckpointLocator(classOutput(project.resolve("target/test-classes")), null).locate("m.ckpt").prefix());
    touch(project.resolve("src/main/resources/g/m.ckpt.index"));
    assertEquals(project.resolve("src/main/resources/g/m.ckpt"),
        new CheckpointLocator(classOutput(project.resolve("build/classes/java/main")), null).locate("g/m.ckpt")
            .prefix());
    assertEquals(Path.of("/p/src/test/resources"),
        CheckpointLocator.sourceResources(Path.of("/p/build/classes/kotlin/test")));
    assertNull(CheckpointLocator.sourceResources(Path.of("/p/out/production/p")), "an unknown layout: no guess");
  }

  @Test
  @DisplayName("-Ascopegraph.checkpointDir is looked in first; a file there wins over the class output")
  void optionFirst() throws IOException {
    Path dir = project.resolve("checkpoints");
    Path classes = project.resolve("target/classes");
    touch(dir.resolve("m.ckpt.index"));
    touch(classes.resolve("m.ckpt.index"));
    assertEquals(dir.resolve("m.ckpt"), new CheckpointLocator(classOutput(classes), dir.toString()).locate("m.ckpt")
        .prefix());
    // not in the option's directory: the class output still counts
    assertEquals(classes.resolve("m.ckpt"), new CheckpointLocator(classOutput(classes), project.resolve("none")
        .toString()).locate("m.ckpt").prefix());
  }

  @Test
  @DisplayName("not found: every place looked, in order")
  void notFound() {
    Path classes = project.resolve("target/classes");
    Path dir = project.resolve("checkpoints");
    CheckpointLocator.Result r = new CheckpointLocator(classOutput(classes), dir.toString()).locate("ckpt/m.ckpt");
    assertFalse(r.found());
    assertEquals(List.of(
        dir.resolve("ckpt/m.ckpt.index") + " (-Ascopegraph.checkpointDir)",
        classes.resolve("ckpt/m.ckpt.index") + " (the class output)",
        project.resolve("src/main/resources/ckpt/m.ckpt.index") + " (the sources' resources)"), r.looked());
  }

  @Test
  @DisplayName("a Filer that cannot give the class output is one place looked, not a crash")
  void filerFails() {
    Filer failing = filer(name -> {
      throw new FileNotFoundException(name);
    });
    assertEquals(List.of("the class output (FileNotFoundException: m.ckpt.index)"),
        new CheckpointLocator(failing, null).locate("m.ckpt").looked());
  }

  @Test
  @DisplayName("ECJ's Filer, which finds only existing files: the class output from a resource created, never written")
  void ecjFiler() throws IOException {
    Path classes = project.resolve("target/classes");
    List<String> created = new ArrayList<>();
    CheckpointLocator locator = new CheckpointLocator(ecjClassOutput(classes, created), null);
    assertEquals(List.of(classes.resolve("ckpt/m.ckpt.index") + " (the class output)",
        project.resolve("src/main/resources/ckpt/m.ckpt.index") + " (the sources' resources)"),
        locator.locate("ckpt/m.ckpt").looked(), "the same places as under javac");
    touch(project.resolve("src/main/resources/ckpt/n.ckpt.index"));
    assertEquals(project.resolve("src/main/resources/ckpt/n.ckpt"), locator.locate("ckpt/n.ckpt").prefix());
    touch(classes.resolve("ckpt/o.ckpt.index"));
    assertEquals(classes.resolve("ckpt/o.ckpt"), locator.locate("ckpt/o.ckpt").prefix());
    assertEquals(List.of("META-INF/scopegraph/class-output.probe"), created, "created once, never written");
    assertFalse(Files.exists(classes.resolve("META-INF")));
  }
}
