package io.scopegraph.samples.siamese;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.samples.tower.Tower;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model composed across two Maven modules, built as a user builds them: {@link Tower} compiled in
 * {@code scopegraph-samples-tower}, {@link Siamese} here against that module's artifact. The analysis of this
 * module followed the calls into the tower (its manifest lists the tower's variables, and equals what the runtime
 * creates), and a caller forgetting the reuse fails javac at its line.
 */
class SiameseAcrossModulesTest {

  @Test
  @DisplayName("the two models come from two modules; the tower's summary travels in its artifact")
  void twoModules() throws IOException {
    URI tower = location(Tower.class);
    assertNotEquals(tower, location(Siamese.class), "Tower is on the class path from the other module");
    try (InputStream in = Tower.class.getResourceAsStream("Tower.scopegraph-summary")) {
      assertNotNull(in, "the tower's compilation wrote its summary beside Tower.class");
      String summary = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("scopegraph-summary 1", summary.lines().findFirst().orElseThrow());
    }
  }

  @Test
  @DisplayName("this module's manifest predicts the tower's variables across the module boundary, as the runtime makes")
  void manifestEqualsRuntime() throws IOException {
    List<String> manifest;
    try (InputStream in = Siamese.class.getResourceAsStream(
        "/META-INF/scopegraph/io.scopegraph.samples.siamese.Siamese.variables")) {
      manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
    }
    assertEquals(List.of(
        "root\tdistance(Tensor, Tensor)\tcomplete",
        "var\ttower/dense/kernel\t[?,8]\t?",
        "var\ttower/dense/bias\t[8]\t?",
        "var\ttower/dense_1/kernel\t[8,2]\t?",
        "var\ttower/dense_1/bias\t[2]\t?"), manifest);
    SiameseExample.Model m = SiameseExample.Model.build();
    List<String> created = new ArrayList<>(m.graph().variableStore().keySet());
    List<String> predicted = manifest.stream().filter(l -> l.startsWith("var\t")).map(l -> l.split("\t")[1]).toList();
    assertEquals(predicted, created);
    assertEquals("siamese/tower/dense/MatMul", m.graph().operation("siamese/tower/dense/MatMul").name());
    assertEquals("siamese/tower_1/dense/MatMul", m.graph().operation("siamese/tower_1/dense/MatMul").name());
  }

  @Test
  @DisplayName("a caller forgetting reuse on the second tower call fails javac at that line, against the tower's jar")
  void forgottenReuseFailsJavac(@TempDir Path out) {
    String source = String.join("\n",
        "package user;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "import io.scopegraph.samples.tower.*;",
        "@Model",
        "public abstract class Broken {",
        "  protected final Ops tf;",
        "  private final Tower tower;",
        "  protected Broken(Ops tf) { this.tf = tf; this.tower = ScopedTower.create(tf); }",
        "  public Tensor distance(Tensor left, Tensor right) {",
        "    Tensor a = tower.embed(left, false);",
        "    Tensor b = tower.embed(right, false);",
        "    return tf.sub(a, b);",
        "  }",
        "}");
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///user/Broken.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok = javac.getTask(null, null, diagnostics, List.of("-classpath", System.getProperty("java.class.path"),
        "-processor", "io.scopegraph.processor.ScopeGraphProcessor", "-d", out.toString(), "-s", out.toString()),
        null, List.of(file)).call();
    assertEquals(false, ok);
    List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(12, errors.get(0).getLineNumber());
    assertTrue(errors.get(0).getMessage(null).startsWith("[scopegraph:DuplicateVariable] Layer variable "
        + "tower/dense/kernel is created again here without reuse (first created at line 11)"),
        errors.get(0).getMessage(null));
    assertTrue(Files.notExists(out.resolve("user/ScopedBroken.java")), "nothing generated for the broken model");
  }

  @Test
  @DisplayName("the example trains: same-cluster pairs end up close, different-cluster pairs at least the margin apart")
  void trains() {
    SiameseExample.Result r = SiameseExample.run();
    assertTrue(r.same() < 0.5, r.lines().toString());
    assertTrue(r.different() > SiameseExample.MARGIN * 0.8, r.lines().toString());
    assertEquals(List.of("    tower/dense/kernel (2, 8)", "    tower/dense/bias (8,)", "    tower/dense_1/kernel (8, 2)",
        "    tower/dense_1/bias (2,)"), r.lines().subList(r.lines().size() - 4, r.lines().size()));
  }

  private static URI location(Class<?> c) {
    try {
      return c.getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
