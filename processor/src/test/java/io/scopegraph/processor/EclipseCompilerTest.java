package io.scopegraph.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VariableManifest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor under the Eclipse compiler (ECJ), as Eclipse users run it: every declaration diagnostic appears
 * with the same id, kind, message and line as under javac (both compilers run in each case, on the same sources);
 * the generated sources are the golden ones byte for byte; the call-site analysis, which needs javac's trees,
 * reports one note and skips; the classes ECJ compiles build the same graph; and nothing crashes.
 */
class EclipseCompilerTest {
  @TempDir
  Path dir;

  // ---------------------------------------------------------------------------------------------
  // The catalogue: one failing (or warning) model per declaration diagnostic, as in DiagnosticsTest,
  // ScopeReuseTest and CheckpointDiagnosticsTest.

  /** Replaced by the test's checkpoint directory in a case's options. */
  private static final String CHECKPOINTS = "<checkpoints>";

  /** A case: the id it must report (null: none), its sources and options. */
  private record Case(String id, Map<String, String> sources, List<String> options) {
    Case(String id, Map<String, String> sources) {
      this(id, sources, List.of());
    }
  }

  private static final String HEADER = "package test;\nimport io.scopegraph.*;\nimport io.scopegraph.annotations.*;\n";

  /** {@code test.M} as {@link Compilations#modelWith} writes it, plus {@code others} (name, text, name, text…). */
  private static Map<String, String> model(List<String> members, String... others) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("test.M", HEADER + "@Model\npublic abstract class M {\n  protected final Ops tf;\n"
        + "  protected M(Ops tf) { this.tf = tf; }\n" + String.join("\n", members) + "\n}\n");
    for (int i = 0; i < others.length; i += 2) {
      out.put(others[i], others[i + 1]);
    }
    return out;
  }

  private static Map<String, String> model(String... members) {
    return model(List.of(members));
  }

  private static Map<String, String> source(String name, String... lines) {
    return Map.of(name, HEADER + String.join("\n", lines) + "\n");
  }

  private static String reg(String declaration) {
    return HEADER + declaration + "\n";
  }

  private static Map<String, String> option(String member, String declaration) {
    return model(List.of("  @VariableScope(value = \"a\",", "      " + member + " = Reg.class)",
        "  public void f() {}"),
        "test.Reg", reg(declaration));
  }

  static Stream<Arguments> catalogue() {
    List<Case> cases = List.of(
        new Case("InvalidScopeName", model("  @VariableScope(\"tower:0\")",
            "  public Tensor tower(Tensor x) { return x; }")),
        new Case("InvalidScopeName", model("  @NameScope(defaultName = \"_x\")", "  public void f() {}")),
        new Case("AbsoluteScopeName", model("  @NameScope(\"outer/\")", "  public void f() {}")),
        new Case("MissingScopeName", model("  @VariableScope(reuse = Reuse.FALSE)", "  public void f() {}")),
        new Case("MissingScopeName", model("  @NameScope", "  public void g() {}")),
        new Case("ReuseWithoutName", model("  @VariableScope(defaultName = \"d\",", "      reuse = Reuse.AUTO)",
            "  public void f() {}")),
        new Case("IgnoredDefaultName", model("  @VariableScope(value = \"a\", defaultName = \"b\")",
            "  public void f() {}")),
        new Case(null, model("  @SuppressWarnings(\"scopegraph:IgnoredDefaultName\")",
            "  @VariableScope(value = \"a\", defaultName = \"b\")", "  public void f() {}")),
        new Case("MethodNotOverridable", model("  @NameScope(\"a\")", "  private void hidden() {}")),
        new Case("MethodNotOverridable", model("  @NameScope(\"a\")", "  public static void util() {}")),
        new Case("MethodNotOverridable", model("  @NameScope(\"a\")", "  public final void fixed() {}")),
        new Case("AbstractScopedMethod", model("  @NameScope(\"a\")", "  public abstract Tensor f(Tensor x);")),
        new Case("ConflictingScopes", model("  @VariableScope(\"a\")", "  @VariableOpScope(\"b\")",
            "  public void f() {}")),
        new Case("OverrideWithoutScope", Map.of(
            "test.Base", HEADER + "public abstract class Base {\n  protected final Ops tf;\n"
                + "  protected Base(Ops tf) { this.tf = tf; }\n  @VariableScope(\"a\")\n  public void f() {}\n}\n",
            "test.M", HEADER + "@Model\npublic abstract class M extends Base {\n  protected M(Ops tf) { super(tf); }\n"
                + "  @Override\n  public void f() {}\n}\n")),
        new Case("ScopedMethodOutsideModel", source("test.Plain", "public class Plain {", "  @VariableScope(\"a\")",
            "  public void f() {}", "}")),
        new Case("InvalidScopeNameParameter", model("  @VariableScope(defaultName = \"d\")",
            "  public void f(@ScopeName int n) {}")),
        new Case("InvalidScopeNameParameter", model("  @VariableScope(defaultName = \"d\")",
            "  public void f(@ScopeName String a,", "      @ScopeName String b) {}")),
        new Case("InvalidScopeNameParameter", model("  public void f(@ScopeName String a) {}")),
        new Case("ScopeNameConflict", model("  @VariableScope(\"fixed\")",
            "  public void f(@ScopeName String name) {}")),
        new Case("ScopeReuseType", model("  @VariableScope(\"disc\")",
            "  public Tensor disc(Tensor x, @ScopeReuse Boolean reuse) { return x; }")),
        new Case("DuplicateScopeReuse", model("  @VariableScope(\"disc\")",
            "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse,",
            "      @ScopeReuse Reuse again) { return x; }")),
        new Case("ScopeReuseWithoutVariableScope", model("  @NameScope(\"losses\")",
            "  public Tensor loss(Tensor x, @ScopeReuse boolean reuse) { return x; }")),
        new Case("ScopeReuseWithoutVariableScope", model(
            "  public Tensor plain(Tensor x, @ScopeReuse Reuse reuse) { return x; }")),
        new Case("ScopeReuseConflict", model("  @VariableScope(value = \"disc\",", "      reuse = Reuse.AUTO)",
            "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse) { return x; }")),
        new Case("ScopeReuseWithoutName", model("  @VariableScope(defaultName = \"disc\")",
            "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse) { return x; }")),
        new Case("InvalidInitializer", model(List.of("  @VariableScope(value = \"a\", initializer = Abstract.class)",
            "  public void f() {}"), "test.Abstract", reg("public abstract class Abstract implements Initializer {}"))),
        new Case("InvalidRegularizer", option("regularizer", "public abstract class Reg implements Regularizer {}")),
        new Case("InvalidRegularizer", option("regularizer", "public interface Reg extends Regularizer {}")),
        new Case("InvalidRegularizer", option("regularizer",
            "public enum Reg implements Regularizer { L2; public Tensor apply(Tensor w) { return w; } }")),
        new Case("InvalidRegularizer", option("regularizer", "public class Reg implements Regularizer { "
            + "public Reg(double scale) {} public Tensor apply(Tensor w) { return w; } }")),
        new Case("InvalidRegularizer", option("regularizer", "public class Reg implements Regularizer { "
            + "public Reg() throws Exception {} public Tensor apply(Tensor w) { return w; } }")),
        new Case("InvalidPartitioner", model(List.of("  @VariableScope(value = \"emb\",",
            "      partitioner = other.Shards.class)", "  public void f() {}"), "other.Shards", String.join("\n",
            "package other;", "import io.scopegraph.*;", "public class Shards implements Partitioner {",
            "  Shards() {}", "  public int[] partitions(Shape shape, DType dtype) { return new int[] {1}; }", "}"))),
        new Case("InvalidPartitioner", option("partitioner", "public class Reg implements Partitioner { "
            + "private Reg() {} public int[] partitions(Shape s, DType d) { return new int[] {1}; } }")),
        new Case("InvalidCustomGetter", model("  public class Getter implements CustomGetter {",
            "    public Tensor get(VariableGetter getter, VariableRequest request) { return getter.get(request); }",
            "  }", "  @VariableScope(value = \"a\",", "      customGetter = Getter.class)", "  public void f() {}")),
        new Case("InvalidConstraint", model("  private static final class Clip implements Constraint {",
            "    public Tensor apply(Tensor x) { return x; }", "  }", "  @VariableScope(value = \"a\",",
            "      constraint = Clip.class)", "  public void f() {}")),
        new Case("InvalidConstraint", model("  private static final class Hidden {",
            "    public static final class Clip implements Constraint { public Tensor apply(Tensor x) { return x; } }",
            "  }", "  @VariableScope(value = \"a\", constraint = Hidden.Clip.class)", "  public void f() {}")),
        new Case("DefaultOptionClass", model("  @VariableScope(value = \"a\",",
            "      regularizer = Regularizer.class)",
            "  public void f() {}")),
        new Case("DefaultOptionClass", model("  @VariableScope(value = \"a\", constraint = Constraint.class)",
            "  public void f() {}")),
        new Case("InvalidDType", model("  @VariableScope(value = \"a\", dtype = {DType.INT32, DType.INT64})",
            "  public void f() {}")),
        new Case("ModelNotSubclassable", source("test.F", "@Model", "public final class F {",
            "  protected final Ops tf;", "  F(Ops tf) { this.tf = tf; }", "}")),
        new Case("ModelNotSubclassable", source("test.O", "public class O {", "  @Model", "  public class I {",
            "    protected Ops tf;", "    I(Ops tf) {}", "  }", "}")),
        new Case("ModelNotSubclassable", source("test.P", "public class P {", "  @Model",
            "  private static class I {", "    protected Ops tf;", "    I(Ops tf) {}", "  }", "}")),
        new Case("ModelNotSubclassable", source("test.Q", "@Model", "public interface Q {}")),
        new Case("NoModelConstructor", source("test.N", "@Model", "public class N {", "  protected Ops tf;",
            "  public N(int x, Ops tf) {}", "}")),
        new Case("NoOpsAccess", source("test.N", "@Model", "public class N {", "  private final Ops tf;",
            "  public N(Ops tf) { this.tf = tf; }", "}")),
        new Case("UnimplementedMethod", model("  public abstract Tensor encode(Tensor x);")),
        new Case("DeprecatedScope", model("  @OpScope(defaultName = \"mysum\")",
            "  public Tensor mysum(Tensor a) { return a; }")),
        new Case("InvalidCheckpointAnnotation", model("  @Checkpoint(\"\")", "  public void build() {}")),
        new Case("InvalidCheckpointAnnotation", model("  @Checkpoint(\"ckpt/m.ckpt.index\")",
            "  public void build() {}")),
        new Case("InvalidCheckpointAnnotation", model("  @Checkpoint(\"../ckpt/m.ckpt\")", "  public void build() {}")),
        new Case("InvalidCheckpointAnnotation", model("  @Checkpoint(\"m.ckpt\")", "  private void build() {}",
            "  public void run() { build(); }")),
        new Case("InvalidCheckpointAnnotation", model("  @Checkpoint(\"m.ckpt\")",
            "  public static void build(Ops tf) {}")),
        new Case("InvalidCheckpointAnnotation", source("test.Plain", "public class Plain {",
            "  @Checkpoint(\"m.ckpt\")", "  public void build() {}", "}")),
        new Case("CheckpointNotFound", model("  @Checkpoint(\"ckpt/missing.ckpt\")", "  public void build() {}"),
            List.of("-Ascopegraph.checkpointDir=" + CHECKPOINTS)),
        new Case("UnreadableCheckpoint", model("  @Checkpoint(\"ckpt/bad.ckpt\")", "  public void build() {}"),
            List.of("-Ascopegraph.checkpointDir=" + CHECKPOINTS)),
        new Case("InvalidOption", model("  @NameScope(\"a\")", "  public void f() {}"),
            List.of("-Ascopegraph.callSites=sometimes")));
    return cases.stream().map(c -> Arguments.of((c.id() == null ? "none" : c.id()) + ": " + firstLine(c), c));
  }

  /** The case's first annotated line, to tell the variants of one id apart in the report. */
  private static String firstLine(Case c) {
    String text = c.sources().values().iterator().next();
    return Arrays.stream(text.split("\n")).skip(3).filter(l -> !l.isBlank() && !l.equals("@Model")
        && !l.startsWith("public abstract class M") && !l.contains("protected final Ops tf")
        && !l.contains("M(Ops tf)"))
        .findFirst().orElse("").strip();
  }

  /**
   * Diagnostics reported at javac trees inside method bodies (the call-site analysis), which ECJ cannot have,
   * and the two about the analysis itself. Every other id is a declaration diagnostic and has a case above.
   */
  private static final Set<String> NOT_DECLARATION = Set.of("DuplicateVariable", "ReuseWithoutVariable",
      "MaybeDuplicateVariable", "VariableShapeConflict", "VariableDTypeConflict", "InvalidVariableName",
      "InvalidOpName", "InvalidLayerName", "ReuseWithoutCreator", "NameScopeOnlyVariable", "MissingCheckpointKey",
      "CheckpointShapeMismatch", "CheckpointDTypeMismatch", "IncompleteCheckpointCheck",
      "CallSitesUnavailable", "CheckpointNotChecked");

  @Test
  @DisplayName("the catalogue has a case for every declaration diagnostic")
  void catalogueCoversEveryDeclarationDiagnostic() {
    Set<String> declaration = Arrays.stream(Diagnostic.values()).map(Diagnostic::id)
        .filter(id -> !NOT_DECLARATION.contains(id)).collect(Collectors.toCollection(TreeSet::new));
    Set<String> covered = catalogue().map(a -> ((Case) a.get()[1]).id()).filter(id -> id != null)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declaration, covered);
    assertEquals(33, declaration.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  @DisplayName("declaration diagnostics: the same id, kind, line and message under ECJ as under javac")
  void declarationDiagnosticsAsUnderJavac(String name, Case c) throws IOException {
    Files.createDirectories(dir.resolve("ckpt"));
    Files.writeString(dir.resolve("ckpt/bad.ckpt.index"), "not a checkpoint index");
    List<String> options = c.options().stream().map(o -> o.replace(CHECKPOINTS, dir.toString())).toList();
    EclipseCompilations.Result javac = EclipseCompilations.javac(dir, options, c.sources());
    EclipseCompilations.Result ecj = EclipseCompilations.ecj(dir, options, c.sources());
    assertEquals(List.of(), javac.crashes());
    assertEquals(List.of(), ecj.crashes());

    List<String> underJavac = reported(javac);
    if (c.id() == null) {
      assertEquals(List.of(), underJavac);
    } else {
      assertTrue(underJavac.stream().anyMatch(d -> d.contains("[scopegraph:" + c.id() + "]")), underJavac::toString);
      assertTrue(underJavac.stream().allMatch(d -> !d.startsWith("ERROR -:0") || c.id().equals("InvalidOption")),
          "every diagnostic but the option's has a line: " + underJavac);
    }
    List<String> underEcj = reported(ecj).stream().filter(d -> !d.contains("[scopegraph:CallSitesUnavailable]"))
        .toList();
    assertTrue(reported(ecj).size() - underEcj.size() <= 1, "at most one CallSitesUnavailable note");
    assertEquals(underJavac, underEcj);
    assertEquals(javac.success(), ecj.success());
    assertEquals(javac.generatedSources(), ecj.generatedSources(), "the same sources generated (none on error)");
  }

  /**
   * The processor's diagnostics as {@code KIND file:line message}, sorted; the compilation's directory in a
   * message (the class output CheckpointNotFound looked in) is written {@code <root>}. Lines, not columns: ECJ
   * places a diagnostic on an annotation value at its {@code member = value} pair and one on a class at its name,
   * javac at the value and at the {@code class} keyword.
   */
  private static List<String> reported(EclipseCompilations.Result r) {
    List<String> out = new ArrayList<>();
    for (javax.tools.Diagnostic<? extends JavaFileObject> d : r.scopegraph()) {
      JavaFileObject source = d.getSource();
      String file = source == null ? "-" : r.root().relativize(Path.of(source.getName())).toString();
      String message = d.getMessage(Locale.ROOT).replace(r.root().toString(), "<root>");
      out.add(d.getKind() + " " + file + ":" + Math.max(0, d.getLineNumber()) + " " + message);
    }
    out.sort(null);
    return out;
  }

  @Test
  @DisplayName("an annotation value written on the line after its member's name: ECJ reports at the member's line")
  void valueOnTheNextLine() throws IOException {
    Map<String, String> sources = model(List.of("  @VariableScope(value = \"a\",", "      initializer =",
        "          Abstract.class)", "  public void f() {}"), "test.Abstract",
        reg("public abstract class Abstract implements Initializer {}"));
    String message = " [scopegraph:InvalidInitializer] test.Abstract cannot be the scope's initializer: it is "
        + "abstract. Use a class implementing io.scopegraph.Initializer with a public no-argument constructor, e.g. "
        + "Initializers.Zeros.class.";
    assertEquals(List.of("ERROR src/test/M.java:10" + message),
        reported(EclipseCompilations.javac(dir, List.of(), sources)));
    assertEquals(List.of("ERROR src/test/M.java:9" + message),
        reported(EclipseCompilations.ecj(dir, List.of(), sources)).stream()
            .filter(d -> !d.contains("CallSitesUnavailable")).toList());
  }

  // ---------------------------------------------------------------------------------------------
  // Generated sources

  private static final List<String> MODELS = List.of("Siamese", "Mlp", "Scoping", "MySum", "ShardedTowers", "Gan");

  private static Map<String, String> models() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String m : MODELS) {
      out.put("com.example." + m, Files.readString(Path.of("src/test/resources/models/com/example/" + m + ".java")));
    }
    return out;
  }

  @Test
  @DisplayName("generated sources: the golden files byte for byte; the one note; no resource without the analysis")
  void generatedSourcesAreTheGoldenOnes() throws IOException {
    EclipseCompilations.Result ecj = EclipseCompilations.ecj(dir, List.of(), models());
    assertEquals(List.of(), ecj.crashes());
    assertTrue(ecj.success(), ecj.output());
    Map<String, byte[]> golden = new TreeMap<>();
    Path goldenDir = Path.of("src/test/resources/golden");
    try (Stream<Path> files = Files.walk(goldenDir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        golden.put(goldenDir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    assertEquals(golden.keySet(), ecj.generatedSources().keySet());
    for (Map.Entry<String, byte[]> g : golden.entrySet()) {
      assertArrayEquals(g.getValue(), Files.readAllBytes(ecj.generated().resolve(g.getKey())), g.getKey());
    }
    assertEquals(List.of(Diagnostic.CALL_SITES_UNAVAILABLE.format(
        "org.eclipse.jdt.internal.compiler.apt.dispatch.BatchProcessingEnvImpl")), ecj.messages(Kind.NOTE));
    assertFalse(Files.exists(ecj.classes().resolve("META-INF/scopegraph")), "no manifest or summary without trees");
  }

  @Test
  @DisplayName("ECJ's own warnings: the tokens it does not know in @SuppressWarnings (\"try\" in the generated "
      + "classes, \"scopegraph:…\"); -warn:-warningToken silences them")
  void unknownSuppressWarningsTokens() throws IOException {
    Map<String, String> sources = models();
    sources.putAll(model("  @SuppressWarnings(\"scopegraph:IgnoredDefaultName\")",
        "  @VariableScope(value = \"a\", defaultName = \"b\")", "  public void f() {}"));
    EclipseCompilations.Result ecj = EclipseCompilations.ecj(dir, List.of(), sources);
    assertEquals(List.of(), ecj.crashes());
    assertTrue(ecj.success(), ecj.output());
    List<String> warnings = new ArrayList<>();
    for (javax.tools.Diagnostic<? extends JavaFileObject> d : ecj.diagnostics()) {
      if (d.getKind() == Kind.WARNING) {
        warnings.add(ecj.root().relativize(Path.of(d.getSource().getName())) + ":" + d.getLineNumber() + " "
            + d.getMessage(Locale.ROOT));
      }
    }
    warnings.sort(null);
    List<String> expected = new ArrayList<>();
    for (String generated : List.of("ScopedGan", "ScopedMlp", "ScopedMySum", "ScopedScoping", "ScopedScoping_Layer",
        "ScopedShardedTowers", "ScopedSiamese")) {
      int line = Files.readAllLines(Path.of("src/test/resources/golden/com/example/" + generated + ".java"))
          .indexOf("@SuppressWarnings(\"try\")") + 1;
      expected.add("generated/com/example/" + generated + ".java:" + line + " Unsupported @SuppressWarnings(\"try\")");
    }
    expected.add("generated/test/ScopedM.java:17 Unsupported @SuppressWarnings(\"try\")");
    expected.add("src/com/example/MySum.java:12 Unsupported @SuppressWarnings(\"scopegraph:DeprecatedScope\")");
    expected.add("src/com/example/MySum.java:12 Unsupported @SuppressWarnings(\"scopegraph:NameScopeOnlyVariable\")");
    expected.add("src/test/M.java:8 Unsupported @SuppressWarnings(\"scopegraph:IgnoredDefaultName\")");
    assertEquals(expected, warnings);

    EclipseCompilations.Result quiet = EclipseCompilations.ecj(dir, List.of("-warn:-warningToken"), sources);
    assertTrue(quiet.success(), quiet.output());
    assertEquals(List.of(), quiet.messages(Kind.WARNING));
  }

  // ---------------------------------------------------------------------------------------------
  // The call-site analysis, which needs javac's trees

  private static final String UNAVAILABLE = Diagnostic.CALL_SITES_UNAVAILABLE.format(
      "org.eclipse.jdt.internal.compiler.apt.dispatch.BatchProcessingEnvImpl");

  @Test
  @DisplayName("a model naming a type another processor generates waits for ECJ's next round, as under javac")
  void deferredUntilTypesExist() {
    Map<String, String> sources = source("test.Layered", "import gen.Config;", "@Model",
        "public abstract class Layered {", "  protected final Ops tf;",
        "  protected Layered(Ops tf, Config config) { this.tf = tf; }", "  @VariableScope(\"layer\")",
        "  public Tensor layer(Tensor x, Config config) { return x; }", "}");
    EclipseCompilations.Result ecj = EclipseCompilations.compile(dir, new EclipseCompiler(), List.of("-17"), List.of(),
        sources, List.of(new ScopeGraphProcessor(), new DeferralTest.GeneratesConfig()), null);
    assertEquals(List.of(), ecj.crashes());
    assertTrue(ecj.success(), ecj.output());
    assertEquals(List.of("NOTE -:0 " + UNAVAILABLE), reported(ecj));
    assertTrue(ecj.generatedSources().get("test/ScopedLayered.java")
        .contains("public static Layered create(Ops tf, Config config)"), ecj.generatedSources()::toString);
  }


  /** A forgotten reuse (javac's DuplicateVariable on the second line), and the Siamese model. */
  private static Map<String, String> duplicateAndSiamese() throws IOException {
    Map<String, String> out = model("  @VariableScope(\"foo\")", "  public void build() {",
        "    tf.getVariable(\"v\", Shape.of(1));", "    tf.getVariable(\"v\", Shape.of(1)); // second", "  }");
    out.put("com.example.Siamese", models().get("com.example.Siamese"));
    return out;
  }

  @Test
  @DisplayName("call sites: javac finds the duplicate; ECJ reports its one note, skips, and still generates")
  void callSiteAnalysisSkipsWithOneNote() throws IOException {
    Map<String, String> sources = duplicateAndSiamese();
    EclipseCompilations.Result javac = EclipseCompilations.javac(dir, List.of(), sources);
    assertEquals(List.of("ERROR src/test/M.java:11 [scopegraph:DuplicateVariable]"),
        reported(javac).stream().map(d -> d.substring(0, d.indexOf(']') + 1)).toList());

    EclipseCompilations.Result ecj = EclipseCompilations.ecj(dir, List.of(), sources);
    assertEquals(List.of(), ecj.crashes());
    assertTrue(ecj.success(), ecj.output());
    assertEquals(List.of("NOTE -:0 " + UNAVAILABLE), reported(ecj), "one note for the two models, at no element");
    assertEquals(List.of(), ecj.messages(Kind.ERROR));
    assertEquals(Set.of("com/example/ScopedSiamese.java", "test/ScopedM.java"), ecj.generatedSources().keySet());
    assertTrue(UNAVAILABLE.startsWith("[scopegraph:CallSitesUnavailable] javac's syntax trees are not available in "
        + "this compiler environment (org.eclipse.jdt.internal.compiler.apt.dispatch.BatchProcessingEnvImpl), so the "
        + "call-site checks (duplicate variables, shape conflicts, name-scope traps) are skipped"));

    EclipseCompilations.Result required = EclipseCompilations.ecj(dir, List.of("-Ascopegraph.callSites=require"),
        sources);
    assertEquals(List.of(), required.crashes());
    assertFalse(required.success());
    assertEquals(List.of("ERROR -:0 " + UNAVAILABLE), reported(required));

    EclipseCompilations.Result off = EclipseCompilations.ecj(dir, List.of("-Ascopegraph.callSites=off"), sources);
    assertEquals(List.of(), off.crashes());
    assertTrue(off.success(), off.output());
    assertEquals(List.of(), reported(off), "=off silences the note");
  }

  @Test
  @DisplayName("@Checkpoint under ECJ: found next to target/classes (ECJ's Filer finds only existing files), not "
      + "compared: its note")
  void checkpointFoundButNotCompared() throws IOException {
    Path project = dir.resolve("project");
    CheckpointDiagnosticsTest.write(project.resolve("src/main/resources"), "ckpt/siamese.ckpt",
        CheckpointDiagnosticsTest.tensors("tower/w", CheckpointDiagnosticsTest.floats(4, 3), "tower/b",
            CheckpointDiagnosticsTest.floats(3)));
    Map<String, String> sources = model("  @VariableScope(value = \"tower\", reuse = Reuse.AUTO)",
        "  public Tensor tower(Tensor x) {", "    Tensor w = tf.getVariable(\"w\", Shape.of(4, 3));",
        "    return tf.matMul(x, w);", "  }", "  @Checkpoint(\"ckpt/siamese.ckpt\")",
        "  public Tensor siamese(Tensor left, Tensor right) {", "    return tower(left).sub(tower(right));", "  }");
    EclipseCompilations.Result ecj = EclipseCompilations.ecj(dir, List.of(), sources,
        project.resolve("target/classes"));
    assertEquals(List.of(), ecj.crashes());
    assertTrue(ecj.success(), ecj.output());
    List<String> notes = reported(ecj);
    assertEquals(2, notes.size(), notes::toString);
    assertEquals("NOTE -:0 " + UNAVAILABLE, notes.get(0));
    assertEquals("NOTE src/test/M.java:13 [scopegraph:CheckpointNotChecked] @Checkpoint is not compared with the "
        + "checkpoints in this compilation: javac's syntax trees, which the call-site analysis needs, are not "
        + "available in this compiler environment (org.eclipse.jdt.internal.compiler.apt.dispatch."
        + "BatchProcessingEnvImpl). The checkpoints are still found and read, but a variable they lack makes "
        + "TensorFlow raise \"Key … not found in checkpoint\" (NotFoundError) only when they are restored at run "
        + "time. Compile with javac to compare them at build time.", notes.get(1));
    assertFalse(Files.exists(project.resolve("target/classes/META-INF/scopegraph")), "the probe leaves no file");

    EclipseCompilations.Result required = EclipseCompilations.ecj(dir, List.of("-Ascopegraph.callSites=require"),
        sources, dir.resolve("other/target/classes"));
    assertEquals(List.of("ERROR src/test/M.java:13 [scopegraph:CheckpointNotFound]"), reported(required).stream()
        .filter(d -> !d.contains("CallSitesUnavailable")).map(d -> d.substring(0, d.indexOf(']') + 1)).toList(),
        "another project: not found, and so not 'not checked'");
  }

  /** A processor that throws, to show {@link EclipseCompilations.Result#crashes()} sees it. */
  static final class Throwing extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  @DisplayName("the crash check sees an exception thrown by a processor under ECJ")
  void crashCheckSeesAThrowingProcessor() {
    EclipseCompilations.Result r = EclipseCompilations.compile(dir, new EclipseCompiler(), List.of("-17"), List.of(),
        model("  @NameScope(\"a\")", "  public void f() {}"), List.of(new Throwing()), null);
    assertFalse(r.success());
    assertFalse(r.crashes().isEmpty());
    assertTrue(r.crashes().get(0).contains("Internal compiler error: java.lang.Exception: "
        + "java.lang.IllegalStateException: boom"), r.crashes()::toString);
  }

  // ---------------------------------------------------------------------------------------------
  // The generated code, compiled by ECJ, at run time

  @Test
  @DisplayName("ScopedSiamese compiled by ECJ builds the same graph as compiled by javac; no manifest")
  void ecjCompiledCodeBuildsTheGraph() throws Exception {
    EclipseCompilations.Result ecj = EclipseCompilations.ecj(dir, List.of(), models());
    assertEquals(List.of(), ecj.crashes());
    assertTrue(ecj.success(), ecj.output());
    try (URLClassLoader loader = new URLClassLoader(new URL[] {ecj.classes().toUri().toURL()},
        EclipseCompilerTest.class.getClassLoader())) {
      Graph g = new Graph();
      Tensor d = distance(loader.loadClass("com.example.ScopedSiamese"), g);
      assertEquals("distance/Sum:0", d.name());
      assertEquals(List.of("tower/w:0", "tower/b:0"), g.globalVariables().stream().map(Tensor::name).toList());
      assertTrue(names(g).contains("distance/tower/MatMul:MatMul"), names(g)::toString);
      assertTrue(names(g).contains("distance/tower_1/MatMul:MatMul"), names(g)::toString);

      Compilation javac = Compilations.compile(Compilations.model("com/example/Siamese.java"));
      Graph byJavac = new Graph();
      distance(Compilations.classLoader(javac).loadClass("com.example.ScopedSiamese"), byJavac);
      assertEquals(names(byJavac), names(g));
      assertEquals(Optional.empty(), VariableManifest.load(loader.loadClass("com.example.Siamese")),
          "no variable manifest without the call-site analysis");
    }
  }

  /** {@code create(tf).distance(a, b)} of a generated Siamese class on {@code g}. */
  private static Tensor distance(Class<?> scoped, Graph g) throws Exception {
    Ops tf = Ops.on(g);
    Object model = scoped.getMethod("create", Ops.class).invoke(null, tf);
    Method distance = scoped.getMethod("distance", Tensor.class, Tensor.class);
    return (Tensor) distance.invoke(model, tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "a"),
        tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "b"));
  }

  private static List<String> names(Graph g) {
    return g.operations().stream().map(op -> op.name() + ":" + op.type()).toList();
  }
}
