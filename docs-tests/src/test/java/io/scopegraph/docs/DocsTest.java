package io.scopegraph.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scopegraph.NdArray;
import io.scopegraph.DType;
import io.scopegraph.Shape;
import io.scopegraph.tensorflow.CheckpointWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java block of README.md and docs/*.md is compiled with the scopegraph processor and, where it is a
 * program, run; where the page shows its output (a block marked {@code <!-- doctest: output -->} right after it)
 * the output must match ({@link ExpectedOutput}). How each block is tested is said by the comment before it (see
 * docs/developing.md): {@code statements}, {@code class}, {@code model NAME}, with {@code fails=Id} for a block
 * that must fail to compile with that diagnostic, {@code excerpt PATH} for a block quoted from a source file the
 * build compiles, {@code skip reason="…"}; an output block marked {@code output-of MAIN} is what that main class
 * prints. A Java block without a comment fails the test.
 */
class DocsTest {
  static final Path ROOT = Path.of(System.getProperty("scopegraph.repository", "..")).toAbsolutePath().normalize();
  private static final Path WORK = Path.of(System.getProperty("user.dir")).resolve("doctest");

  private static final AtomicInteger compiled = new AtomicInteger();
  private static final AtomicInteger run = new AtomicInteger();
  private static final AtomicInteger compared = new AtomicInteger();
  private static final AtomicInteger excerpts = new AtomicInteger();
  private static final Map<String, String> skipped = new TreeMap<>();
  private static final Map<String, String> notRun = new TreeMap<>();

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @TestFactory
  Stream<DynamicNode> everyJavaBlockCompilesAndRuns() throws IOException {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path page : pages()) {
      String name = ROOT.relativize(page).toString();
      List<DocBlock> blocks = MarkdownBlocks.parse(name, Files.readString(page));
      nodes.add(DynamicContainer.dynamicContainer(name, pageTests(name, blocks)));
    }
    return nodes.stream();
  }

  private static List<DynamicNode> pageTests(String page, List<DocBlock> blocks) throws IOException {
    // The blocks that must compile and need nothing of their own compile together: one javac run per page.
    List<BlockSource> together = new ArrayList<>();
    for (DocBlock block : blocks) {
      if (block.isJava() && block.marker() != null && compiledTogether(block.marker())) {
        together.addAll(BlockSource.of(block).units());
      }
    }
    Path dir = WORK.resolve(page.replace('/', '_'));
    DocCompiler.Result pageResult = together.isEmpty() ? null : DocCompiler.compile(together, dir, List.of());
    List<DynamicNode> tests = new ArrayList<>();
    for (DocBlock block : blocks) {
      String title = "line " + block.line() + (block.marker() == null ? "" : " (" + block.marker().kind() + ")");
      if (block.isJava()) {
        tests.add(DynamicTest.dynamicTest(title, () -> javaBlock(block, dir, pageResult)));
      } else if (block.marker() != null && block.marker().kind().equals("output-of")) {
        tests.add(DynamicTest.dynamicTest(title, () -> outputOf(block)));
      } else if (block.marker() != null && !block.marker().kind().equals("output")) {
        tests.add(DynamicTest.dynamicTest(title, () -> fail(block.where() + ": a doctest comment on a "
            + block.language() + " block: only output and output-of apply")));
      }
    }
    return tests;
  }

  private static boolean compiledTogether(Marker marker) {
    return List.of("statements", "class", "model").contains(marker.kind())
        && !marker.options().containsKey("fails") && marker.section("checkpoint").isEmpty();
  }

  private static void javaBlock(DocBlock block, Path pageDir, DocCompiler.Result pageResult) throws Exception {
    Marker marker = block.marker();
    if (marker == null) {
      fail(block.where() + ": a Java block without a doctest comment (statements, class, model NAME, excerpt "
          + "PATH, or skip reason=\"…\")");
    }
    switch (marker.kind()) {
      case "skip" -> {
        String reason = marker.options().get("reason");
        assertTrue(reason != null && !reason.isBlank(), block.where() + ": skip needs reason=\"…\"");
        skipped.put(block.where(), reason);
      }
      case "excerpt" -> {
        Path file = ROOT.resolve(marker.word(0));
        assertTrue(Files.isRegularFile(file), block.where() + ": no file " + file);
        assertTrue(Excerpts.isExcerpt(block.text(), Files.readString(file)),
            block.where() + ": not an excerpt of " + marker.word(0) + ": it lacks (in this order) "
                + Excerpts.firstMissing(block.text(), Files.readString(file)));
        excerpts.incrementAndGet();
      }
      default -> {
        BlockSource source = BlockSource.of(block);
        if (compiledTogether(marker)) {
          source.units().forEach(unit -> compiles(unit, pageResult));
          compiled.incrementAndGet();
          if (source.runnable() && canRun(marker)) {
            runs(source, pageDir);
          } else if (source.runnable()) {
            notRun.put(block.where(), "needs " + marker.options().get("needs"));
          }
        } else {
          compilesAlone(source);
        }
      }
    }
  }

  private static void compiles(BlockSource source, DocCompiler.Result result) {
    String file = "/" + source.packageName().replace('.', '/') + "/" + source.fileName();
    List<String> errors = result.errors().stream()
        .filter(d -> d.getSource() == null || d.getSource().toUri().getPath().endsWith(file))
        .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(java.util.Locale.ROOT))
        .toList();
    assertEquals(List.of(), errors, source.block().where() + " does not compile:\n" + source.source());
    assertTrue(result.success() || result.errors().stream().allMatch(d -> d.getSource() != null),
        "javac failed: " + result.javacOutput() + result.errors());
  }

  /** {@code needs=tensorflow-natives}: runs only where TensorFlow's natives are (the tensorflow-natives profile). */
  private static boolean canRun(Marker marker) {
    String needs = marker.options().get("needs");
    if (needs == null) {
      return true;
    }
    assertEquals("tensorflow-natives", needs, "the only need a block can state");
    return Boolean.getBoolean("scopegraph.tensorflow.natives");
  }

  private static void runs(BlockSource source, Path pageDir) throws Exception {
    String output;
    String expectedThrow = source.block().marker().options().get("throws");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {pageDir.resolve("classes").toUri().toURL()},
        DocsTest.class.getClassLoader())) {
      output = captured(() -> Class.forName(source.binaryName(), true, loader)
          .getMethod("main", String[].class).invoke(null, (Object) new String[0]));
      assertEquals(null, expectedThrow, source.block().where() + " runs, but the page says it throws");
    } catch (Exception e) {
      if (expectedThrow == null || !e.getClass().getSimpleName().equals(expectedThrow)) {
        throw e;
      }
      output = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    run.incrementAndGet();
    compare(source.block(), output);
  }

  private static void compilesAlone(BlockSource source) throws Exception {
    DocBlock block = source.block();
    Path dir = WORK.resolve(block.page().replace('/', '_') + "-" + block.line());
    List<String> options = new ArrayList<>();
    String checkpoint = block.marker().section("checkpoint");
    if (!checkpoint.isEmpty()) {
      options.add("-Ascopegraph.checkpointDir=" + writeCheckpoint(checkpoint, dir.resolve("checkpoints")));
    }
    DocCompiler.Result result = DocCompiler.compile(source.units(), dir, options);
    String id = block.marker().options().get("fails");
    if (id == null) {
      assertEquals(List.of(), result.errors(), block.where() + " does not compile");
      compiled.incrementAndGet();
      return;
    }
    assertFalse(result.success(), block.where() + " compiles, but the page says it fails with " + id);
    assertTrue(result.errors().stream().anyMatch(d -> d.getMessage(null).startsWith("[scopegraph:" + id + "]")),
        block.where() + ": no " + id + " error among:\n" + result.printedErrors());
    compiled.incrementAndGet();
    compare(block, result.printedErrors());
  }

  /** A checkpoint section: lines {@code <prefix> <key>=<d1>,<d2>… …}: float32 zeros of those shapes. */
  private static Path writeCheckpoint(String section, Path root) {
    for (String line : section.strip().split("\n")) {
      String[] words = line.strip().split("\\s+");
      Path prefix = root.resolve(words[0]);
      try {
        Files.createDirectories(prefix.getParent());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      CheckpointWriter writer = CheckpointWriter.create(prefix.toString());
      for (String entry : Arrays.copyOfRange(words, 1, words.length)) {
        String[] keyAndShape = entry.split("=");
        long[] dims = Arrays.stream(keyAndShape[1].split(",")).mapToLong(Long::parseLong).toArray();
        writer.add(keyAndShape[0], NdArray.filled(DType.FLOAT32, Shape.of(dims), 0));
      }
      writer.finish();
    }
    return root;
  }

  private static void outputOf(DocBlock block) throws Exception {
    String main = block.marker().word(0);
    String output = captured(() -> Class.forName(main).getMethod("main", String[].class)
        .invoke(null, (Object) new String[0]));
    run.incrementAndGet();
    compare(block.withExpectedOutput(block.text()), output);
  }

  private static void compare(DocBlock block, String actual) {
    if (block.expectedOutput() == null) {
      return;
    }
    String varies = block.marker() == null ? null : block.marker().options().get("varies");
    assertTrue(ExpectedOutput.matches(block.expectedOutput(), actual, varies), block.where()
        + ": the output differs from the page's.\n--- page ---\n" + block.expectedOutput() + "--- actual ---\n"
        + actual);
    compared.incrementAndGet();
  }

  interface Program {
    void run() throws Exception;
  }

  /** What the program prints on System.out. */
  private static synchronized String captured(Program program) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      program.run();
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void summary() throws IOException {
    StringBuilder text = new StringBuilder(String.format(
        "doc blocks: %d compiled, %d run, %d outputs compared, %d excerpts of sources checked, %d skipped%n",
        compiled.get(), run.get(), compared.get(), excerpts.get(), skipped.size()));
    skipped.forEach((where, reason) -> text.append("  skipped ").append(where).append(": ").append(reason)
        .append('\n'));
    notRun.forEach((where, reason) -> text.append("  compiled, not run: ").append(where).append(": ").append(reason)
        .append('\n'));
    System.out.print(text);
    Files.createDirectories(WORK);
    Files.writeString(WORK.resolve("summary.txt"), text);
  }
}
