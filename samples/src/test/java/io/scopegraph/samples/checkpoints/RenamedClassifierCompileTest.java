package io.scopegraph.samples.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented compile failure: {@code src/test/compile-fail/…/RenamedClassifierModel.java} is
 * {@link ClassifierModel} with its scope renamed, and javac with the scopegraph processor rejects it at each
 * {@code getVariable}, naming the key the shipped checkpoint has instead.
 */
class RenamedClassifierCompileTest {
  private static final Path SOURCE =
      Path.of("src/test/compile-fail/io/scopegraph/samples/checkpoints/RenamedClassifierModel.java");

  @TempDir
  Path out;

  @Test
  @DisplayName("a renamed scope is a javac error at each getVariable, naming the checkpoint key it meant")
  void renamedScopeFailsJavac() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("java.class.path");
    // The resources root, where Maven copied src/main/resources (checkpoints/classifier/model.ckpt.index).
    Path resources = Path.of(ClassifierModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      compiled = javac.getTask(null, files, diagnostics,
          List.of("-classpath", classPath, "-processorpath", classPath, "-d", out.toString(),
              "-Ascopegraph.checkpointDir=" + resources),
          null, files.getJavaFileObjects(SOURCE.toFile())).call();
    }
    assertFalse(compiled);
    List<String> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .toList();
    String tail = " is not in checkpoint checkpoints/classifier/model.ckpt, which @Checkpoint on "
        + "RenamedClassifierModel.logits(Tensor) restores: TensorFlow raises \"Key %s not found in checkpoint\" "
        + "(NotFoundError) when it is restored; closest key: %s. Rename the scope back so the names match, or "
        + "restore through a name map from checkpoint keys to variables (new Saver(graph, nameMap); TensorFlow's "
        + "Saver(var_list={...}) or init_from_checkpoint's assignment map).";
    assertEquals(List.of(
        error(31, "classifier_v2/hidden/kernel", "classifier/hidden/kernel", tail),
        error(32, "classifier_v2/hidden/bias", "classifier/hidden/bias", tail),
        error(38, "classifier_v2/output/kernel", "classifier/output/kernel", tail),
        error(39, "classifier_v2/output/bias", "classifier/output/bias", tail)), errors);
    assertFalse(Files.exists(out.resolve("io/scopegraph/samples/checkpoints/ScopedRenamedClassifierModel.class")),
        "nothing is generated for a model with an error");
  }

  private static String error(int line, String variable, String closest, String tail) {
    return line + ": [scopegraph:MissingCheckpointKey] Variable " + variable + String.format(tail, variable, closest);
  }
}
