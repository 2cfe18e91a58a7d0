package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import io.scopegraph.tensorflow.CheckpointWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Checkpoint}: one failing compilation per diagnostic, pinned to its line and message; a clean model
 * against a matching checkpoint prints nothing. The checkpoints are written by scopegraph's
 * {@link CheckpointWriter} (TensorFlow's own SaveV2 writes them in {@link TensorFlowCheckpointTest}) and found
 * through {@code -Ascopegraph.checkpointDir} (compile-testing's class output is in memory); the class output and
 * the sources' resources are looked in by {@link #classOutputOnDisk} and {@link CheckpointLocatorTest}.
 */
class CheckpointDiagnosticsTest {
  @TempDir
  Path dir;

  private static JavaFileObject model(String... members) {
    return Compilations.modelWith(members);
  }

  /** Siamese towers sharing {@code tower/w} (4, 3) and {@code tower/b} (3,); the checkpoint is on the root. */
  static JavaFileObject siamese(String scope) {
    return model(
        "  @VariableScope(value = \"" + scope + "\", reuse = Reuse.AUTO)",
        "  public Tensor tower(Tensor x) {",
        "    Tensor w = tf.getVariable(\"w\", Shape.of(4, 3)); // w",
        "    Tensor b = tf.getVariable(\"b\", Shape.of(3)); // b",
        "    return tf.add(tf.matMul(x, w), b);",
        "  }",
        "  @Checkpoint(\"ckpt/siamese.ckpt\")",
        "  public Tensor siamese(Tensor left, Tensor right) {",
        "    return tower(left).sub(tower(right));",
        "  }");
  }

  /** Writes a checkpoint at {@code dir/<prefix>} with scopegraph's writer. */
  static void write(Path dir, String prefix, Map<String, NdArray> tensors) throws IOException {
    Path at = dir.resolve(prefix);
    Files.createDirectories(at.getParent());
    CheckpointWriter writer = CheckpointWriter.create(at.toString());
    tensors.forEach(writer::add);
    writer.finish();
  }

  static Map<String, NdArray> tensors(Object... keysAndValues) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], (NdArray) keysAndValues[i + 1]);
    }
    return out;
  }

  static NdArray floats(long... dims) {
    return NdArray.filled(DType.FLOAT32, Shape.of(dims), 0.5);
  }

  private List<String> option() {
    return List.of("-Ascopegraph.checkpointDir=" + dir);
  }

  private Compilation compile(JavaFileObject m) {
    return Compilations.compile(option(), m);
  }

  private Compilation assertError(JavaFileObject m, String id, String line, String message) {
    Compilation c = compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:" + id + "] " + message).inFile(m).onLineContaining(line);
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(option(), m), "nothing generated");
    return c;
  }

  private static long scopegraphNotes(Compilation c) {
    return c.notes().stream().filter(n -> n.getMessage(null).contains("[scopegraph:")).count();
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison

  @Test
  @DisplayName("a clean model against a matching checkpoint prints nothing; extra keys (slots, global_step) are fine")
  void clean() throws IOException {
    write(dir, "ckpt/siamese.ckpt", tensors("tower/w", floats(4, 3), "tower/b", floats(3),
        "tower/w/Adam", floats(4, 3), "tower/w/Adam_1", floats(4, 3), "global_step", NdArray.scalar(1000L)));
    Compilation c = compile(siamese("tower"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(0, scopegraphNotes(c), "no note on a complete prediction that matches");
    assertThat(c).generatedSourceFile("test.ScopedM");
  }

  @Test
  @DisplayName("MissingCheckpointKey: a renamed scope is an error at its getVariable, naming the closest key")
  void renamedScope() throws IOException {
    write(dir, "ckpt/siamese.ckpt", tensors("tower_1/w", floats(4, 3), "tower_1/b", floats(3),
        "global_step", NdArray.scalar(1000L)));
    JavaFileObject m = siamese("tower");
    Compilation c = assertError(m, "MissingCheckpointKey", "// w", "Variable tower/w is not in checkpoint "
        + "ckpt/siamese.ckpt, which @Checkpoint on M.siamese(Tensor, Tensor) restores: TensorFlow raises \"Key "
        + "tower/w not found in checkpoint\" (NotFoundError) when it is restored; closest key: tower_1/w. Rename the "
        + "scope back so the names match, or restore through a name map from checkpoint keys to variables (new "
        + "Saver(graph, nameMap); TensorFlow's Saver(var_list={...}) or init_from_checkpoint's assignment map).");
    assertThat(c).hadErrorContaining("Variable tower/b is not in checkpoint").inFile(m).onLineContaining("// b");
    assertThat(c).hadErrorContaining("closest key: tower_1/b");
    assertEquals(2, c.errors().size(), "one error per missing variable, however often it is reached");
  }

  @Test
  @DisplayName("MissingCheckpointKey: no close key says so")
  void noCloseKey() throws IOException {
    write(dir, "ckpt/siamese.ckpt", tensors("global_step", NdArray.scalar(1000L)));
    assertThat(assertError(siamese("tower"), "MissingCheckpointKey", "// w", "Variable tower/w is not in checkpoint"))
        .hadErrorContaining("(NotFoundError) when it is restored; its only key, global_step, is not close.");
  }

  @Test
  @DisplayName("CheckpointShapeMismatch: a literal shape that differs from the checkpoint's")
  void shapeMismatch() throws IOException {
    write(dir, "ckpt/siamese.ckpt", tensors("tower/w", floats(4, 2), "tower/b", floats(3)));
    assertError(siamese("tower"), "CheckpointShapeMismatch", "// w", "Variable tower/w has shape (4, 3) here, but "
        + "checkpoint ckpt/siamese.ckpt, which @Checkpoint on M.siamese(Tensor, Tensor) restores, holds it with shape "
        + "(4, 2): TensorFlow raises \"Assign requires shapes of both tensors to match. lhs shape= [4,3] rhs shape= "
        + "[4,2]\" (InvalidArgumentError) when it is restored. Give the variable the checkpoint's shape, or restore "
        + "another checkpoint.");
  }

  @Test
  @DisplayName("CheckpointDTypeMismatch: the default float32 and a literal dtype, named as TF's C++ names them")
  void dtypeMismatch() throws IOException {
    write(dir, "ckpt/siamese.ckpt", tensors("tower/w", floats(4, 3),
        "tower/b", NdArray.filled(DType.FLOAT64, Shape.of(3), 0.5)));
    assertError(siamese("tower"), "CheckpointDTypeMismatch", "// b", "Variable tower/b is float32 here, but "
        + "checkpoint ckpt/siamese.ckpt, which @Checkpoint on M.siamese(Tensor, Tensor) restores, holds it as "
        + "float64: TensorFlow raises \"tensor_name = tower/b; expected dtype float does not equal original dtype "
        + "double\" (InvalidArgumentError) when it is restored. Create the variable with the checkpoint's dtype "
        + "(DType.FLOAT64) and cast it where it is used, or restore another checkpoint.");
    write(dir, "ckpt/step.ckpt", tensors("step", NdArray.scalar(7)));
    assertError(model(
        "  @Checkpoint(\"ckpt/step.ckpt\")",
        "  public void build() {",
        "    tf.getVariable(\"step\", Shape.scalar(), DType.INT64); // step",
        "  }"), "CheckpointDTypeMismatch", "// step", "Variable step is int64 here, but checkpoint ckpt/step.ckpt, "
        + "which @Checkpoint on M.build() restores, holds it as int32: TensorFlow raises \"tensor_name = step; "
        + "expected dtype int64 does not equal original dtype int32\"");
  }

  @Test
  @DisplayName("IncompleteCheckpointCheck: one note at the annotation, and what was predicted is still checked")
  void incomplete() throws IOException {
    write(dir, "ckpt/m.ckpt", tensors("enc/w", floats(2), "v", floats(1)));
    JavaFileObject m = model(
        "  @Checkpoint(\"ckpt/m.ckpt\")",
        "  @SuppressWarnings(\"try\")",
        "  public void build(String name, int layers) {",
        "    try (VarScope s = tf.variableScope(\"enc\")) {",
        "      tf.getVariable(\"w\", Shape.of(2));",
        "    }",
        "    tf.getVariable(name, Shape.of(1));",
        "    for (int i = 0; i < layers; i++) {",
        "      tf.getVariable(\"layer\" + i, Shape.of(1));",
        "    }",
        "  }");
    Compilation c = compile(m);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).hadNoteContaining("[scopegraph:IncompleteCheckpointCheck] @Checkpoint(\"ckpt/m.ckpt\") on "
        + "M.build(String, int) checked only the 1 variable the call-site analysis predicts for it; it does not "
        + "predict the variables created through getVariable calls with names computed at run time. A key missing "
        + "for those makes TensorFlow raise \"Key … not found in checkpoint\" (NotFoundError) only when the "
        + "checkpoint is restored: restore it in a test, or write those names and scopes literally to have them "
        + "checked here.")
        .inFile(m).onLineContaining("@Checkpoint");
    assertEquals(1, scopegraphNotes(c));
    Compilation suppressed = compile(model(
        "  @Checkpoint(\"ckpt/m.ckpt\")",
        "  @SuppressWarnings(\"scopegraph:IncompleteCheckpointCheck\")",
        "  public void build(String name) {",
        "    tf.getVariable(name, Shape.of(1));",
        "  }"));
    assertThat(suppressed).succeededWithoutWarnings();
    assertEquals(0, scopegraphNotes(suppressed), "the note is silenced like a warning");

    // incomplete, and a predicted variable missing: the error and the note
    write(dir, "ckpt/other.ckpt", tensors("v", floats(1)));
    JavaFileObject missing = model(
        "  @Checkpoint(\"ckpt/other.ckpt\")",
        "  public void build(boolean more) {",
        "    tf.getVariable(\"w\", Shape.of(2)); // certain",
        "    if (more) {",
        "      tf.getVariable(\"extra\", Shape.of(2));",
        "    }",
        "  }");
    Compilation both = compile(missing);
    assertThat(both).hadErrorContaining("[scopegraph:MissingCheckpointKey] Variable w is not in checkpoint")
        .inFile(missing).onLineContaining("// certain");
    assertEquals(1, both.errors().size(), "a variable created on some paths only is not an error");
    assertThat(both).hadNoteContaining("it does not predict the variables created through getVariable calls that run "
        + "on some paths only (branches, early exits)").inFile(missing).onLineContaining("@Checkpoint");
  }

  @Test
  @DisplayName("partitioned variables: nothing is guessed about part_<i> keys; the note says what was not predicted")
  void partitioned() throws IOException {
    write(dir, "ckpt/emb.ckpt", tensors("emb/table", floats(10, 4), "bias", floats(4)));
    JavaFileObject m = model(
        "  public static final class Shards implements Partitioner {",
        "    public int[] partitions(Shape s, DType d) { return Partitioners.fixedSize(2).partitions(s, d); }",
        "  }",
        "  @VariableScope(value = \"emb\", partitioner = Shards.class)",
        "  public PartitionedVariable table() {",
        "    return tf.getVariableBuilder(\"table\").shape(Shape.of(10, 4)).getPartitioned();",
        "  }",
        "  @Checkpoint(\"ckpt/emb.ckpt\")",
        "  public void build() {",
        "    table();",
        "    tf.getVariable(\"bias\", Shape.of(4));",
        "  }");
    Compilation c = compile(m);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).hadNoteContaining("[scopegraph:IncompleteCheckpointCheck] @Checkpoint(\"ckpt/emb.ckpt\") on "
        + "M.build() checked only the 1 variable").inFile(m).onLineContaining("@Checkpoint");
  }

  @Test
  @DisplayName("each annotated root is compared with its own checkpoint")
  void twoRoots() throws IOException {
    write(dir, "ckpt/a.ckpt", tensors("a/w", floats(2)));
    write(dir, "ckpt/b.ckpt", tensors("b/w", floats(2)));
    JavaFileObject m = model(
        "  @VariableScope(value = \"a\", reuse = Reuse.AUTO)",
        "  public void a() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  @VariableScope(value = \"b\", reuse = Reuse.AUTO)",
        "  public void b() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  @Checkpoint(\"ckpt/a.ckpt\")",
        "  public void first() { a(); }",
        "  @Checkpoint(\"ckpt/b.ckpt\")",
        "  public void second() { a(); b(); }");
    Compilation c = compile(m);
    assertThat(c).hadErrorContaining("Variable a/w is not in checkpoint ckpt/b.ckpt, which @Checkpoint on "
        + "M.second() restores").inFile(m).onLineContaining("public void a()");
    assertEquals(1, c.errors().size());
  }

  // ---------------------------------------------------------------------------------------------
  // Finding and reading the checkpoint

  @Test
  @DisplayName("CheckpointNotFound: at the annotation value, listing where it looked")
  void notFound() {
    JavaFileObject m = model("  @Checkpoint(\"ckpt/missing.ckpt\")", "  public void build() {}");
    Compilation c = assertError(m, "CheckpointNotFound", "ckpt/missing.ckpt", "Checkpoint ckpt/missing.ckpt "
        + "(@Checkpoint on M.build()) not found; looked at " + dir.resolve("ckpt/missing.ckpt.index")
        + " (-Ascopegraph.checkpointDir), ");
    assertThat(c).hadErrorContaining("(the class output");
    assertThat(c).hadErrorContaining("Restoring a checkpoint that is not there fails at run time too (TensorFlow's "
        + "NotFoundError \"Failed to find any matching files for ckpt/missing.ckpt\"). Put its files "
        + "(ckpt/missing.ckpt.index and its .data-… shards) under src/main/resources, or point "
        + "-Ascopegraph.checkpointDir=<dir> at the directory that holds them.");
  }

  /** {@code ckpt/bad.ckpt.index}, a file that is not a checkpoint index. */
  private void writeBadIndex() throws IOException {
    Files.createDirectories(dir.resolve("ckpt"));
    Files.writeString(dir.resolve("ckpt/bad.ckpt.index"), "not a checkpoint index");
  }

  @Test
  @DisplayName("UnreadableCheckpoint: an index that is not a checkpoint, with the reader's reason")
  void unreadable() throws IOException {
    writeBadIndex();
    JavaFileObject m = model("  @Checkpoint(\"ckpt/bad.ckpt\")", "  public void build() {}");
    Compilation c = assertError(m, "UnreadableCheckpoint", "ckpt/bad.ckpt", "Checkpoint ckpt/bad.ckpt (@Checkpoint "
        + "on M.build(), found at " + dir.resolve("ckpt/bad.ckpt") + ") cannot be read: ");
    assertThat(c).hadErrorContaining(". Restoring it fails at run time too (TensorFlow's DataLossError). Write the "
        + "checkpoint again (tf.train.Saver, or scopegraph's Saver), or name another one.");
  }

  @Test
  @DisplayName("a leading '/' is ignored: both values name the same checkpoint, each annotation gets its report")
  void leadingSlash() throws IOException {
    writeBadIndex();
    JavaFileObject m = model(
        "  @Checkpoint(\"ckpt/bad.ckpt\")",
        "  public void a() {}",
        "  @Checkpoint(\"/ckpt/bad.ckpt\")",
        "  public void b() {}");
    Compilation c = compile(m);
    assertEquals(2, c.errors().stream().filter(e -> e.getMessage(null).contains("UnreadableCheckpoint")).count());
    assertEquals(1, c.errors().stream().map(e -> e.getMessage(null).replaceAll("on M\\.[ab]\\(\\)", "")).distinct()
        .count());
  }

  @Test
  @DisplayName("lookup through the class output on disk (Maven copied the resources) and next to it (it did not)")
  void classOutputOnDisk() throws IOException {
    Path project = dir.resolve("project");
    Path classes = project.resolve("target/classes");
    write(classes, "ckpt/siamese.ckpt", tensors("tower_1/w", floats(4, 3), "tower_1/b", floats(3)));
    List<Diagnostic<? extends JavaFileObject>> copied = Compilations.compileToDisk(classes, List.of(),
        siamese("tower"));
    assertTrue(copied.stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
        && d.getMessage(null).contains("Variable tower/w is not in checkpoint ckpt/siamese.ckpt")), copied::toString);

    Path other = dir.resolve("other");
    write(other.resolve("src/main/resources"), "ckpt/siamese.ckpt", tensors("tower/w", floats(4, 3),
        "tower/b", floats(3)));
    List<Diagnostic<? extends JavaFileObject>> sources = Compilations.compileToDisk(other.resolve("target/classes"),
        List.of(), siamese("tower"));
    assertEquals(List.of(), sources.stream().filter(d -> d.getMessage(null).contains("[scopegraph:")).toList(),
        "found in src/main/resources next to target/classes, and matching");
  }

  // ---------------------------------------------------------------------------------------------
  // The annotation itself

  @Test
  @DisplayName("InvalidCheckpointAnnotation: an empty value, a file instead of the prefix, a path out of the resources")
  void invalidValue() {
    assertError(model("  @Checkpoint(\"\")", "  public void build() {}"), "InvalidCheckpointAnnotation",
        "@Checkpoint", "@Checkpoint(\"\") on M.build() names no checkpoint: no checkpoint is compared with the "
            + "variables the method creates, and a missing key shows only when it is restored at run time "
            + "(TensorFlow's NotFoundError). Write the checkpoint's prefix relative to the resources root, with '/' "
            + "separators: @Checkpoint(\"checkpoints/model.ckpt\") for "
            + "src/main/resources/checkpoints/model.ckpt.index.");
    assertError(model("  @Checkpoint(\"ckpt/m.ckpt.index\")", "  public void build() {}"),
        "InvalidCheckpointAnnotation", "@Checkpoint", "@Checkpoint(\"ckpt/m.ckpt.index\") on M.build() names one of "
            + "the checkpoint's files, but the value is its prefix (the path without .index or .data-…, as "
            + "Saver.save returns it): no checkpoint is compared with the variables the method creates, and a "
            + "missing key shows only when it is restored at run time (TensorFlow's NotFoundError). Write "
            + "@Checkpoint(\"ckpt/m.ckpt\").");
    assertThat(assertError(model("  @Checkpoint(\"m.ckpt.data-00000-of-00001\")", "  public void build() {}"),
        "InvalidCheckpointAnnotation", "@Checkpoint", "@Checkpoint(\"m.ckpt.data-00000-of-00001\") on M.build() "
            + "names one of the checkpoint's files")).hadErrorContaining("Write @Checkpoint(\"m.ckpt\").");
    assertError(model("  @Checkpoint(\"../ckpt/m.ckpt\")", "  public void build() {}"),
        "InvalidCheckpointAnnotation", "@Checkpoint", "@Checkpoint(\"../ckpt/m.ckpt\") on M.build() is not a path "
            + "inside the resources root ('/' separators, no empty, '.' or '..' segments)");
  }

  @Test
  @DisplayName("InvalidCheckpointAnnotation: on a private or static method (not a root), or outside a @Model")
  void invalidPlace() {
    assertError(model("  @Checkpoint(\"m.ckpt\")", "  private void build() {}", "  public void run() { build(); }"),
        "InvalidCheckpointAnnotation", "@Checkpoint", "@Checkpoint(\"m.ckpt\") on M.build() is on a private method, "
            + "which the processor does not analyse as a root (only non-private, non-static methods are called at "
            + "the root of a graph): no checkpoint is compared with the variables the method creates, and a missing "
            + "key shows only when it is restored at run time (TensorFlow's NotFoundError). Put @Checkpoint on the "
            + "non-private, non-static method that builds the model the checkpoint restores.");
    assertError(model("  @Checkpoint(\"m.ckpt\")", "  public static void build(Ops tf) {}"),
        "InvalidCheckpointAnnotation", "@Checkpoint", "@Checkpoint(\"m.ckpt\") on M.build(Ops) is on a static method");
    JavaFileObject plain = JavaFileObjects.forSourceLines("test.Plain",
        "package test;",
        "import io.scopegraph.annotations.*;",
        "public class Plain {",
        "  @Checkpoint(\"m.ckpt\")",
        "  public void build() {}",
        "}");
    Compilation c = Compilations.compile(plain);
    assertThat(c).hadErrorContaining("[scopegraph:InvalidCheckpointAnnotation] @Checkpoint(\"m.ckpt\") on "
        + "Plain.build() is in Plain, which is not annotated @Model, so the processor does not analyse it: no "
        + "checkpoint is compared with the variables the method creates, and a missing key shows only when it is "
        + "restored at run time (TensorFlow's NotFoundError). Annotate Plain with @Model, or remove @Checkpoint.")
        .inFile(plain).onLineContaining("@Checkpoint");
  }

  @Test
  @DisplayName("@Checkpoint on a class does not compile: it goes on the method that builds the model")
  void notOnClasses() {
    JavaFileObject m = JavaFileObjects.forSourceLines("test.M",
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "@Model @Checkpoint(\"m.ckpt\")",
        "public abstract class M {",
        "  protected final Ops tf;",
        "  protected M(Ops tf) { this.tf = tf; }",
        "}");
    assertThat(Compilations.compile(m)).hadErrorContaining("not applicable");
  }

  // ---------------------------------------------------------------------------------------------
  // Without the call-site analysis

  @Test
  @DisplayName("CheckpointNotChecked: -Ascopegraph.callSites=off or no trees: one note; under require an error")
  void notChecked() throws IOException {
    write(dir, "ckpt/siamese.ckpt", tensors("tower_1/w", floats(4, 3), "tower_1/b", floats(3)));
    JavaFileObject m = siamese("tower");
    Compilation off = javac().withOptions(List.of("-Ascopegraph.callSites=off", option().get(0)))
        .withProcessors(new ScopeGraphProcessor()).compile(m);
    assertThat(off).succeededWithoutWarnings();
    assertThat(off).hadNoteContaining("[scopegraph:CheckpointNotChecked] @Checkpoint is not compared with the "
        + "checkpoints in this compilation: -Ascopegraph.callSites=off switches off the call-site analysis it needs. "
        + "The checkpoints are still found and read, but a variable they lack makes TensorFlow raise \"Key … not "
        + "found in checkpoint\" (NotFoundError) only when they are restored at run time. Remove "
        + "-Ascopegraph.callSites=off to compare them at build time.").inFile(m).onLineContaining("@Checkpoint");
    assertEquals(1, scopegraphNotes(off));

    Compilation noTrees = javac().withOptions(option()).withProcessors(new CallSiteDiagnosticsTest.Wrapping(false))
        .compile(m);
    assertThat(noTrees).succeededWithoutWarnings();
    assertThat(noTrees).hadNoteContaining("[scopegraph:CheckpointNotChecked] @Checkpoint is not compared with the "
        + "checkpoints in this compilation: javac's syntax trees, which the call-site analysis needs, are not "
        + "available in this compiler environment");
    assertEquals(2, scopegraphNotes(noTrees), "CallSitesUnavailable and CheckpointNotChecked, once each");

    Compilation require = javac().withOptions(List.of("-Ascopegraph.callSites=require", option().get(0)))
        .withProcessors(new CallSiteDiagnosticsTest.Wrapping(false)).compile(m);
    assertThat(require).hadErrorContaining("[scopegraph:CheckpointNotChecked]");
  }

  @Test
  @DisplayName("without the analysis the checkpoint is still found: a missing one is an error")
  void notCheckedButFound() {
    JavaFileObject m = model("  @Checkpoint(\"ckpt/missing.ckpt\")", "  public void build() {}");
    Compilation off = javac().withOptions(List.of("-Ascopegraph.callSites=off", option().get(0)))
        .withProcessors(new ScopeGraphProcessor()).compile(m);
    assertThat(off).hadErrorContaining("[scopegraph:CheckpointNotFound]").inFile(m).onLineContaining("@Checkpoint");
  }
}
