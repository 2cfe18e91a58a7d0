package io.scopegraph.samples.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kotlinc with kapt and the scopegraph processor, as kotlin-maven-plugin's kapt goal runs them (the same compiler
 * plugin and options), on this module's Kotlin models plus broken ones kept out of the module's build
 * ({@code src/test/kotlin-broken}): the declaration errors appear with their ids, at the Kotlin file and line
 * ({@code mapDiagnosticLocations=true}), and the good models compile without a diagnostic and get their classes.
 */
class KaptDiagnosticsTest {
  private static final String BROKEN = "src/test/kotlin-broken/io/scopegraph/samples/kotlin/broken/Broken.kt";
  private static final String KAPT = "plugin:org.jetbrains.kotlin.kapt3:";

  @TempDir
  static Path out;
  private static ExitCode exit;
  private static List<String> messages;

  @BeforeAll
  static void kapt() throws IOException {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> kt = Files.list(Path.of("src/main/kotlin/io/scopegraph/samples/kotlin"))) {
      kt.map(Path::toString).sorted().forEach(sources::add);
    }
    sources.add(BROKEN);
    List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    String kaptJar = classPath.stream().filter(p -> p.contains("kotlin-annotation-processing-embeddable"))
        .findFirst().orElseThrow();
    List<String> options = new ArrayList<>(List.of("aptMode=stubsAndApt", "useLightAnalysis=true",
        "correctErrorTypes=false", "mapDiagnosticLocations=true",
        "processors=io.scopegraph.processor.ScopeGraphProcessor",
        "sources=" + out.resolve("generated"), "classes=" + out.resolve("classes"), "stubs=" + out.resolve("stubs")));
    for (String entry : classPath) { // the processor and what it needs (the kotlin compiler is not)
      if (!entry.contains("kotlin-compiler") && !entry.contains("kotlin-annotation-processing")) {
        options.add("apclasspath=" + entry);
      }
    }
    List<String> args = new ArrayList<>(List.of("-classpath", String.join(File.pathSeparator, classPath),
        "-d", out.resolve("classes").toString(), "-jvm-target", "17", "-no-stdlib", "-no-reflect",
        "-module-name", "kapt-test", "-Xplugin=" + kaptJar,
        "-P", String.join(",", options.stream().map(o -> KAPT + o).toList())));
    args.addAll(sources);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      exit = new K2JVMCompiler().exec(print, args.toArray(new String[0]));
    }
    messages = text.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  @DisplayName("kapt fails on the broken models; each scopegraph error names its id at the Kotlin file and line")
  void declarationErrorsAtKotlinLines() {
    assertEquals(ExitCode.COMPILATION_ERROR, exit, String.join("\n", messages));
    String at = "error: " + Path.of(BROKEN).toAbsolutePath();
    assertEquals(List.of(
        at + ":13: error: [scopegraph:MethodNotOverridable] Broken.embed(Tensor) is final, so the generated "
            + "ScopedBroken cannot override it to enter its scope, and calls would run unscoped. Make it non-private, "
            + "non-static and non-final. In Kotlin a function is final unless declared open: write open fun embed.",
        at + ":18: error: [scopegraph:InvalidScopeName] 'tower:0' is not a valid scope name: TensorFlow raises "
            + "\"'tower:0' is not a valid scope name\" (InvalidScopeNameException) when Broken.other(Tensor) runs. A "
            + "scope name starts with a letter, a digit or '.', and continues with letters, digits, '_', '.', '-' or "
            + "'/'.",
        at + ":21: error: [scopegraph:ModelNotSubclassable] @Model Closed is final, but the generated ScopedClosed "
            + "must subclass it. In Kotlin a class is final unless declared abstract or open: write @Model abstract "
            + "class Closed."),
        messages.stream().filter(m -> m.contains("[scopegraph:")).toList(), String.join("\n", messages));
    // kapt quotes the Kotlin line under each message, not the stub's Java
    assertTrue(messages.contains("  fun embed(x: Tensor): Tensor {"), String.join("\n", messages));
  }

  @Test
  @DisplayName("the good Kotlin models get no diagnostic (no false error from the call-site analysis) and their classes")
  void goodModelsUntouched() {
    List<String> aboutGood = messages.stream()
        .filter(m -> m.contains("Tower") || m.contains("Siamese") || m.contains("warning") || m.contains("note:"))
        .toList();
    assertEquals(List.of(), aboutGood);
    Path generated = out.resolve("generated/io/scopegraph/samples/kotlin");
    assertTrue(Files.isRegularFile(generated.resolve("ScopedTower.java")));
    assertTrue(Files.isRegularFile(generated.resolve("ScopedSiamese.java")));
    assertTrue(Files.notExists(out.resolve("generated/io/scopegraph/samples/kotlin/broken/ScopedBroken.java")),
        "nothing is generated for a model with an error");
    assertTrue(Files.notExists(out.resolve("generated/io/scopegraph/samples/kotlin/broken/ScopedClosed.java")));
  }

  @Test
  @DisplayName("the processor saw kapt's Java stubs: placeholder bodies, which is why the analysis leaves them alone")
  void stubsHaveNoBodies() throws IOException {
    String stub = Files.readString(out.resolve("stubs/io/scopegraph/samples/kotlin/Tower.java"));
    assertTrue(stub.contains("@kotlin.Metadata("), stub);
    assertTrue(stub.contains("public io.scopegraph.Tensor embed("), stub);
    assertTrue(stub.contains("return null;"), stub);
    assertTrue(!stub.contains("layers()"), "the body's layer calls are not in the stub (its KDoc is)");
  }
}
