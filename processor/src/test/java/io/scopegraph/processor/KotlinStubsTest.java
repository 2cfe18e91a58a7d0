package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Models as kapt shows Kotlin classes to the processor: Java stubs marked {@code @kotlin.Metadata}, whose bodies are
 * placeholders. Declarations are checked as usual (with a Kotlin hint where Kotlin's defaults are the cause); the
 * bodies are not read: every root is incomplete, nothing is reported from them. (samples-kotlin runs real kapt.)
 */
class KotlinStubsTest {
  /** Stands in for the Kotlin standard library's annotation, which these tests do not have on their class path. */
  private static final JavaFileObject METADATA = JavaFileObjects.forSourceLines("kotlin.Metadata",
      "package kotlin;",
      "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)",
      "public @interface Metadata {}");

  /** Creates tower/w twice without reuse: a DuplicateVariable in Java. */
  private static JavaFileObject tower(boolean kotlin, String modifiers) {
    return JavaFileObjects.forSourceLines("test.Tower",
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        kotlin ? "@kotlin.Metadata" : "",
        "@Model",
        "public abstract class Tower {",
        "  private final Ops tf = null;",
        "  protected Tower(Ops tf) { super(); }",
        "  protected final Ops getTf() { return tf; }",
        "  @VariableScope(\"tower\")",
        "  public " + modifiers + "Tensor embed(Tensor x) {",
        "    getTf().getVariable(\"w\", Shape.of(1));",
        "    getTf().getVariable(\"w\", Shape.of(1));",
        "    return null;",
        "  }",
        "}");
  }

  @Test
  @DisplayName("a Java body's error is found; the same body in a Kotlin stub is not read: no error, roots incomplete")
  void stubBodiesAreNotRead() throws IOException {
    assertThat(Compilations.compile(METADATA, tower(false, ""))).hadErrorContaining(
        "[scopegraph:DuplicateVariable] Variable tower/w is created again here without reuse");
    Compilation c = Compilations.compile(METADATA, tower(true, ""));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ScopedTower");
    String manifest = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/scopegraph/test.Tower.variables")
        .orElseThrow().getCharContent(false).toString();
    assertEquals(List.of("root\tgetTf()\tincomplete", "root\tembed(Tensor)\tincomplete"),
        manifest.lines().skip(1).toList());
  }

  @Test
  @DisplayName("a final function of a Kotlin model: MethodNotOverridable says to declare it open")
  void finalKotlinFunction() {
    assertThat(Compilations.compile(METADATA, tower(true, "final "))).hadErrorContaining(
        "Make it non-private, non-static and non-final. In Kotlin a function is final unless declared open: write "
            + "open fun embed.");
    Compilation java = Compilations.compile(METADATA, tower(false, "final "));
    assertThat(java).hadErrorContaining("Make it non-private, non-static and non-final.");
    assertEquals(0, java.errors().stream().filter(e -> e.getMessage(null).contains("Kotlin")).count());
  }

  @Test
  @DisplayName("a Kotlin model with a private val tf (no getter in the stub): NoOpsAccess says protected val")
  void privateValOps() {
    JavaFileObject stub = JavaFileObjects.forSourceLines("test.Hidden",
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "@kotlin.Metadata",
        "@Model",
        "public abstract class Hidden {",
        "  private final Ops tf = null;",
        "  protected Hidden(Ops tf) { super(); }",
        "}");
    assertThat(Compilations.compile(METADATA, stub)).hadErrorContaining("[scopegraph:NoOpsAccess] @Model Hidden gives "
        + "its subclass no access to its Ops, which the generated code enters the scopes with. Add a non-private field "
        + "(e.g. protected final Ops tf) or a non-private no-argument method returning Ops. In Kotlin: protected val "
        + "tf: Ops (the subclass calls its getter, getTf()).");
  }

  @Test
  @DisplayName("a Java model holding a Kotlin one does not follow calls into it: unresolved, no error")
  void javaModelHoldingKotlinModel() throws IOException {
    JavaFileObject siamese = JavaFileObjects.forSourceLines("test.Siamese",
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "@Model",
        "public abstract class Siamese {",
        "  protected final Ops tf;",
        "  private final Tower tower;",
        "  protected Siamese(Ops tf) { this.tf = tf; this.tower = ScopedTower.create(tf); }",
        "  public Tensor distance(Tensor a, Tensor b) {",
        "    return tf.sub(tower.embed(a), tower.embed(b));",
        "  }",
        "}");
    Compilation c = Compilations.compile(METADATA, tower(true, ""), siamese);
    assertThat(c).succeededWithoutWarnings();
    String manifest = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/scopegraph/test.Siamese.variables")
        .orElseThrow().getCharContent(false).toString();
    assertEquals(List.of("root\tdistance(Tensor, Tensor)\tincomplete"), manifest.lines().skip(1).toList());
  }
}
