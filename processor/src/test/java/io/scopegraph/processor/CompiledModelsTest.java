package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models made of models across compilations (issue 15, item 2): the held model is compiled first, on its own (as
 * another Maven module or a jar), and the caller is compiled later against its class files. The caller's analysis
 * reads the summary resource the first compilation wrote, so the forgotten reuse is still an error at the caller's
 * line; where no summary of this version can be read the call is unresolved (silent, the root incomplete).
 */
class CompiledModelsTest {
  @TempDir
  Path tmp;

  /** {@code lib.D}: the discriminator, {@code def d(x, reuse=False): with tf.variable_scope("disc", reuse=reuse)}. */
  private static final JavaFileObject DISC = source("lib.D",
      "@Model",
      "public abstract class D {",
      "  protected final Ops tf;",
      "  protected D(Ops tf) { this.tf = tf; }",
      "  @VariableScope(\"disc\")",
      "  public Tensor probability(Tensor x, @ScopeReuse boolean reuse) {",
      "    Tensor h = tf.layers().dense(x, 16);",
      "    return tf.sigmoid(tf.layers().dense(h, 1));",
      "  }",
      "}");

  /** {@code lib.Gen}: the generator, {@code w} in variable scope {@code gen}. */
  private static final JavaFileObject GEN = source("lib.Gen",
      "@Model",
      "public abstract class Gen {",
      "  protected final Ops tf;",
      "  protected Gen(Ops tf) { this.tf = tf; }",
      "  @VariableScope(\"gen\")",
      "  public Tensor generate(Tensor z) {",
      "    return tf.matMul(z, tf.getVariable(\"w\", Shape.of(4, 1)));",
      "  }",
      "  public static int width() { return 4; }",
      "}");

  /** A source importing the runtime, the annotations and the layers; line 5 is the first of {@code lines}. */
  private static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(List.of(
        "package " + name.substring(0, name.lastIndexOf('.')) + ";",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "import io.scopegraph.layers.*;"));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines(name, all);
  }

  /** {@code app.G}: holds the library's models, made by their generated {@code create(...)}; {@code imports} first. */
  private static JavaFileObject caller(String imports, String... members) {
    List<String> lines = new ArrayList<>(List.of(
        "package app;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        imports,
        "@Model",
        "public abstract class G {",
        "  protected final Ops tf;",
        "  private final lib.Gen generator;",
        "  private final lib.D discriminator;",
        "  protected G(Ops tf) {",
        "    this.tf = tf;",
        "    this.generator = lib.ScopedGen.create(tf);",
        "    discriminator = ScopedD.create(tf);",
        "  }"));
    lines.addAll(List.of(members));
    lines.add("}");
    return JavaFileObjects.forSourceLines("app.G", lines);
  }

  private static final String[] FORGOTTEN = {
      "  public Tensor build(Tensor real, Tensor z) {",
      "    Tensor fake = generator.generate(z);",
      "    Tensor dReal = discriminator.probability(real, false);",
      "    Tensor dFake = discriminator.probability(fake, false); // forgot reuse",
      "    return tf.sub(dReal, dFake);",
      "  }"};

  private static final String[] CORRECT = {
      "  public Tensor build(Tensor real, Tensor z) {",
      "    Tensor fake = generator.generate(z);",
      "    Tensor dReal = discriminator.probability(real, false);",
      "    return tf.sub(dReal, discriminator.probability(fake, lib.Gen.width() > 0));",
      "  }",
      "  public Tensor twice(Tensor real) {",
      "    Tensor a = discriminator.probability(real, false);",
      "    return tf.sub(a, discriminator.probability(real, true));",
      "  }"};

  /** The library compiled on its own into a class directory, as an upstream module's build would. */
  private Path library() {
    Path classes = tmp.resolve("lib-classes");
    List<javax.tools.Diagnostic<? extends JavaFileObject>> diagnostics =
        Compilations.compileToDisk(classes, List.of(), DISC, GEN);
    assertTrue(diagnostics.stream().noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR
        || d.getKind() == javax.tools.Diagnostic.Kind.WARNING), diagnostics.toString());
    return classes;
  }

  /** Compiles {@code sources} with the processor against the test's class path plus {@code extra}. */
  private static Compilation compileAgainst(Path extra, JavaFileObject... sources) {
    List<File> classpath = new ArrayList<>();
    classpath.add(extra.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return javac().withOptions("-Xlint:all,-processing").withClasspath(classpath)
        .withProcessors(new ScopeGraphProcessor()).compile(sources);
  }

  @Test
  @DisplayName("the forgotten-reuse GAN against a library compiled earlier: DuplicateVariable at the caller's line")
  void forgottenReuseAcrossCompilations() {
    JavaFileObject g = caller("import lib.ScopedD;", FORGOTTEN);
    Compilation c = compileAgainst(library(), g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Layer variable disc/dense/kernel is created "
        + "again here without reuse (first created at line 17): the runtime raises \"Variable disc/dense/kernel "
        + "already exists, disallowed. Did you mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?\" "
        + "(VariableAlreadyExistsException) when G.build(Tensor, Tensor) runs, as TensorFlow does.")
        .inFile(g).onLineContaining("// forgot reuse");
    assertEquals(1, c.errors().size(), "one error, at the caller: " + c.errors());
  }

  @Test
  @DisplayName("from a jar, with the generated class found through an on-demand import: the same error")
  void forgottenReuseFromJar() throws IOException {
    Path jar = jar(library(), tmp.resolve("lib.jar"));
    JavaFileObject g = caller("import lib.*;", FORGOTTEN);
    Compilation c = compileAgainst(jar, g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("Layer variable disc/dense/kernel is created again here without reuse")
        .inFile(g).onLineContaining("// forgot reuse");
  }

  @Test
  @DisplayName("the correct GAN compiles clean; the manifest predicts what the runtime creates, name for name")
  void correctCompositionRuns() throws Exception {
    Path lib = library();
    Compilation c = compileAgainst(lib, caller("import lib.ScopedD;", CORRECT));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, Tensor)\tcomplete", // a reuse computed at run time shares or fails: no new names
        "var\tgen/w\t[4,1]\tfloat32",
        "var\tdisc/dense/kernel\t[?,16]\t?",
        "var\tdisc/dense/bias\t[16]\t?",
        "var\tdisc/dense_1/kernel\t[16,1]\t?",
        "var\tdisc/dense_1/bias\t[1]\t?",
        "root\ttwice(Tensor)\tcomplete",
        "var\tdisc/dense/kernel\t[?,16]\t?",
        "var\tdisc/dense/bias\t[16]\t?",
        "var\tdisc/dense_1/kernel\t[16,1]\t?",
        "var\tdisc/dense_1/bias\t[1]\t?") + "\n", Compilations.manifest(c, "app.G"));
    try (URLClassLoader libLoader = new URLClassLoader(new URL[] {lib.toUri().toURL()},
        CompiledModelsTest.class.getClassLoader())) {
      Graph graph = new Graph();
      Ops tf = Ops.on(graph);
      Object model = Compilations.classLoader(c, libLoader).loadClass("app.ScopedG").getMethod("create", Ops.class).invoke(null, tf);
      Tensor real = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "real");
      Tensor z = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "z");
      model.getClass().getMethod("build", Tensor.class, Tensor.class).invoke(model, real, z);
      assertEquals(List.of("gen/w", "disc/dense/kernel", "disc/dense/bias", "disc/dense_1/kernel",
          "disc/dense_1/bias"), List.copyOf(graph.variableStore().keySet()));
    }
  }

  @Test
  @DisplayName("the summary resource the library's compilation writes, line for line")
  void summaryResource() throws IOException {
    Path written = library().resolve("lib/Gen.scopegraph-summary");
    assertEquals(String.join("\n",
        "scopegraph-summary 1",
        "model\t=lib.Gen\t=ScopedGen\t1",
        "method\t=generate(Tensor)\t=generate\t1\t0\t",
        "event\t=gen,-1,-,0\t-\t-\t-\t-\t0\t-\t1\t1\t0\t\t-\t0\t\t-",
        "event\t=gen,-1,-,0\t=w\t[4 1]\t-\t-\t0\t-\t1\t1\t0\t\t-\t0\t\t-",
        "method\t=width()\t=width\t0\t1\t",
        ""), Files.readString(written));
  }

  @Test
  @DisplayName("a library without a summary of this version (older, newer, truncated, none) is unresolved: silent")
  void unreadableSummaries() throws IOException {
    Path lib = library();
    Path summary = lib.resolve("lib/D.scopegraph-summary");
    String good = Files.readString(summary);
    List<String> variants = List.of(
        good.replace("scopegraph-summary 1", "scopegraph-summary 2"),
        good.replace("scopegraph-summary 1", "scopegraph-summary 0"),
        good.substring(0, good.indexOf("event") + 10),
        good.replace("\t=disc,", "\t=disc"),
        "");
    for (String variant : variants) {
      Files.writeString(summary, variant, StandardCharsets.UTF_8);
      Compilation c = compileAgainst(lib, caller("import lib.ScopedD;", FORGOTTEN));
      assertThat(c).succeededWithoutWarnings();
      assertEquals("root\tbuild(Tensor, Tensor)\tincomplete\nvar\tgen/w\t[4,1]\tfloat32\n", Compilations.manifest(c, "app.G"),
          variant);
    }
    Files.delete(summary);
    Compilation c = compileAgainst(lib, caller("import lib.ScopedD;", FORGOTTEN));
    assertThat(c).succeededWithoutWarnings();
    assertEquals("root\tbuild(Tensor, Tensor)\tincomplete\nvar\tgen/w\t[4,1]\tfloat32\n", Compilations.manifest(c, "app.G"));
  }

  @Test
  @DisplayName("a local made by create(...), through var and a fully qualified generated class, is followed")
  void localsOfCompiledModels() {
    JavaFileObject g = JavaFileObjects.forSourceLines("app.L",
        "package app;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "@Model",
        "public abstract class L {",
        "  protected final Ops tf;",
        "  protected L(Ops tf) { this.tf = tf; }",
        "  public Tensor build(Tensor real, Tensor fake) {",
        "    var d = lib.ScopedD.create(tf);",
        "    Tensor dReal = d.probability(real, false);",
        "    return tf.sub(dReal, d.probability(fake, false)); // forgot reuse",
        "  }",
        "}");
    Compilation c = compileAgainst(library(), g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("Layer variable disc/dense/kernel is created again here without reuse "
        + "(first created at line 10)").inFile(g).onLineContaining("// forgot reuse");
  }

  private static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(p));
        j.closeEntry();
      }
    }
    return jar;
  }
}
