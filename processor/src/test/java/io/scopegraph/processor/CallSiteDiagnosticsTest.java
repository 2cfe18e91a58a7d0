package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The call-site checks over method bodies: one test per diagnostic, pinned to its line; the option. */
class CallSiteDiagnosticsTest {

  private static JavaFileObject model(String... members) {
    return Compilations.modelWith(members);
  }

  private static void assertError(JavaFileObject m, String id, String line, String... fragments) {
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:" + id + "]").inFile(m).onLineContaining(line);
    for (String f : fragments) {
      assertThat(c).hadErrorContaining(f);
    }
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(m), "nothing generated");
  }

  private static void assertWarning(JavaFileObject m, String id, String line, String... fragments) {
    Compilation c = Compilations.compile(m);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[scopegraph:" + id + "]").inFile(m).onLineContaining(line);
    for (String f : fragments) {
      assertThat(c).hadWarningContaining(f);
    }
  }

  @Test
  @DisplayName("DuplicateVariable: the same variable twice in one scope")
  void sameVariableTwice() {
    assertError(model(
        "  @VariableScope(\"foo\")",
        "  public void build() {",
        "    tf.getVariable(\"v\", Shape.of(1));",
        "    tf.getVariable(\"v\", Shape.of(1)); // second",
        "  }"), "DuplicateVariable", "// second",
        "Variable foo/v is created again here without reuse (first created at line 10): TensorFlow raises "
            + "\"Variable foo/v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE "
            + "in VarScope?\" (VariableAlreadyExistsException) when M.build() runs.");
  }

  @Test
  @DisplayName("DuplicateVariable: a non-reusing scoped method called twice, reported at the second call")
  void scopedMethodCalledTwice() {
    assertError(model(
        "  @VariableScope(\"tower\")",
        "  public Tensor tower(Tensor x) {",
        "    tf.getVariable(\"w\", Shape.of(4, 3));",
        "    return x;",
        "  }",
        "  public void forward(Tensor a, Tensor b) {",
        "    tower(a);",
        "    tower(b); // collides",
        "  }"), "DuplicateVariable", "// collides", "Variable tower/w is created again here without reuse "
            + "(first created at line 14)", "when M.forward(Tensor, Tensor) runs");
  }

  @Test
  @DisplayName("DuplicateVariable: a loop with literal bounds of three")
  void literalLoop() {
    assertError(model(
        "  @VariableScope(\"layer\")",
        "  public void layer() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  public void stack() {",
        "    for (int i = 0; i < 3; i++) {",
        "      layer(); // in loop",
        "    }",
        "  }"), "DuplicateVariable", "// in loop", "Variable layer/w is created again here without reuse (in a loop "
            + "that runs it 3 times)");
  }

  @Test
  @DisplayName("DuplicateVariable: only visible when composing two callees")
  void nestedCallees() {
    assertError(model(
        "  private void weights() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  @VariableScope(\"block\")",
        "  public void block() {",
        "    weights();",
        "    weights(); // nested",
        "  }"), "DuplicateVariable", "// nested", "Variable block/w");
  }

  @Test
  @DisplayName("AUTO and TRUE sharing are not duplicates; a loop over an AUTO scope is fine")
  void sharingIsSilent() {
    Compilation c = Compilations.compile(model(
        "  @VariableScope(value = \"cell\", reuse = Reuse.AUTO)",
        "  public void cell() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  @SuppressWarnings(\"try\")",
        "  public void unroll() {",
        "    for (int i = 0; i < 5; i++) {",
        "      cell();",
        "    }",
        "    try (VarScope s = tf.variableScope(\"cell\", Reuse.TRUE)) {",
        "      tf.getVariable(\"w\", Shape.of(2));",
        "    }",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("MaybeDuplicateVariable: under a branch, and in a loop of unknown bound")
  void maybeDuplicates() {
    assertWarning(model(
        "  @VariableScope(\"s\")",
        "  public void build(boolean twice) {",
        "    tf.getVariable(\"v\", Shape.of(1));",
        "    if (twice) {",
        "      tf.getVariable(\"v\", Shape.of(1)); // maybe",
        "    }",
        "  }"), "MaybeDuplicateVariable", "// maybe", "on some paths only");
    assertWarning(model(
        "  @VariableScope(\"layer\")",
        "  public void layer() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  public void stack(int n) {",
        "    for (int i = 0; i < n; i++) {",
        "      layer(); // unknown",
        "    }",
        "  }"), "MaybeDuplicateVariable", "// unknown", "in a loop whose number of runs is not known");
  }

  @Test
  @DisplayName("VariableShapeConflict and VariableDTypeConflict: two literal getVariables of one name")
  void conflicts() {
    assertError(model(
        "  @VariableScope(value = \"s\", reuse = Reuse.AUTO)",
        "  public void build() {",
        "    tf.getVariable(\"v\", Shape.of(1));",
        "    tf.getVariable(\"v\", Shape.of(2)); // shape",
        "  }"), "VariableShapeConflict", "// shape", "\"Trying to share variable s/v, but specified shape (2,) and "
            + "found shape (1,).\"");
    assertError(model(
        "  @VariableScope(value = \"s\", reuse = Reuse.AUTO)",
        "  public void build() {",
        "    tf.getVariable(\"v\", Shape.of(1));",
        "    tf.getVariable(\"v\", Shape.of(1), DType.INT32); // dtype",
        "  }"), "VariableDTypeConflict", "// dtype", "\"Trying to share variable s/v, but specified dtype int32 and "
            + "found dtype float32.\"");
  }

  @Test
  @DisplayName("InvalidVariableName and InvalidOpName: literal names TF rejects")
  void invalidNames() {
    assertError(model("  public void f() { tf.getVariable(\"w:0\", Shape.of(1)); }"), "InvalidVariableName", "w:0",
        "'w:0' is not a valid variable name");
    assertError(model("  public Tensor f(Tensor x) { return tf.relu(x, \"my relu\"); }"), "InvalidOpName", "my relu",
        "'my relu' is not a valid op name");
  }

  @Test
  @DisplayName("ReuseWithoutCreator: a warning, silent when some method creates the variable")
  void reuseWithoutCreator() {
    assertWarning(model(
        "  @VariableScope(value = \"enc\", reuse = Reuse.TRUE)",
        "  public void encode() {",
        "    tf.getVariable(\"w\", Shape.of(2)); // reused",
        "  }"), "ReuseWithoutCreator", "// reused", "no code of M creates it");
    assertThat(Compilations.compile(model(
        "  @VariableScope(value = \"enc\", reuse = Reuse.TRUE)",
        "  public void encode() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  @VariableScope(\"enc\")",
        "  public void build() { tf.getVariable(\"w\", Shape.of(2)); }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("custom getters and partitioners hide what getVariable creates: no error, no warning inside or about them")
  void customGettersAndPartitionersAreSilent() {
    String getter = "  public static final class G implements CustomGetter {\n"
        + "    public Tensor get(VariableGetter g, VariableRequest r) { return g.get(r.withName(r.name() + \"_1\")); }\n"
        + "  }";
    String shards = "  public static final class P implements Partitioner {\n"
        + "    public int[] partitions(Shape s, DType d) { return Partitioners.fixedSize(2).partitions(s, d); }\n"
        + "  }";
    // twice in one scope without reuse: TF raises only if the getter keeps the name; this one does not
    assertThat(Compilations.compile(model(getter,
        "  @VariableScope(value = \"g\", customGetter = G.class)",
        "  public void twice() { tf.getVariable(\"w\", Shape.of(2)); tf.getVariable(\"w\", Shape.of(3)); }")))
        .succeededWithoutWarnings();
    // a creator hidden behind a custom getter may be the one a Reuse.TRUE scope finds
    assertThat(Compilations.compile(model(getter,
        "  @VariableScope(value = \"enc\", customGetter = G.class)",
        "  public void build() { tf.getVariable(\"w\", Shape.of(2)); }",
        "  @VariableScope(value = \"enc\", reuse = Reuse.TRUE)",
        "  public void encode() { tf.getVariable(\"w_1\", Shape.of(2)); }"))).succeededWithoutWarnings();
    // a partitioned scope is not modelled (this scalar p/s would collide at run time, since scalars ignore the
    // partitioner): silent rather than a guess about what the partitioner makes
    assertThat(Compilations.compile(model(shards,
        "  @VariableScope(value = \"p\", partitioner = P.class)",
        "  public void part() { tf.getVariable(\"s\", Shape.scalar()); }",
        "  public void root() { part(); part(); }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("NameScopeOnlyVariable: getVariable reached through name scopes only says which name it gets")
  void nameScopeOnly() {
    assertWarning(model(
        "  @NameScope(\"layer\")",
        "  public void layer() {",
        "    tf.getVariable(\"w\", Shape.of(2)); // trap",
        "  }"), "NameScopeOnlyVariable", "// trap", "name scopes do not prefix getVariable, so the variable is named "
            + "'w', not 'layer/w'");
  }

  @Test
  @DisplayName("what the analysis cannot resolve is silent")
  void unresolvedIsSilent() {
    assertThat(Compilations.compile(model(
        "  @VariableScope(\"s\")",
        "  public void build(String name) {",
        "    tf.getVariable(name, Shape.of(1));",
        "    tf.getVariable(name, Shape.of(1));",
        "    Runnable r = () -> tf.getVariable(\"v\", Shape.of(1));",
        "    r.run();",
        "    r.run();",
        "  }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("the manifest lists each root's variables, stable and readable")
  void manifest() throws IOException {
    Compilation c = Compilations.compile(Compilations.model("com/example/Siamese.java"));
    assertThat(c).succeededWithoutWarnings();
    String text = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/scopegraph/com.example.Siamese.variables")
        .orElseThrow().getCharContent(false).toString();
    assertEquals(String.join("\n",
        "# scopegraph variable manifest of com.example.Siamese (predicted by scopegraph-processor)",
        "root\ttower(Tensor)\tcomplete",
        "var\ttower/w\t[4,3]\tfloat32",
        "var\ttower/b\t[3]\tfloat32",
        "root\tdistance(Tensor, Tensor)\tcomplete",
        "var\ttower/w\t[4,3]\tfloat32",
        "var\ttower/b\t[3]\tfloat32") + "\n", text);
  }

  @Test
  @DisplayName("-Ascopegraph.callSites=off: no checks, no manifest, the same generated source")
  void off() {
    JavaFileObject m = model("  @VariableScope(\"foo\")", "  public void build() {",
        "    tf.getVariable(\"v\", Shape.of(1));", "    tf.getVariable(\"v\", Shape.of(1));", "  }");
    Compilation c = javac().withOptions("-Ascopegraph.callSites=off").withProcessors(new ScopeGraphProcessor())
        .compile(m);
    assertThat(c).succeededWithoutWarnings();
    assertTrue(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/scopegraph/test.M.variables").isEmpty());
    assertThat(c).generatedSourceFile("test.ScopedM");
  }

  @Test
  @DisplayName("an invalid option value is an error")
  void invalidOption() {
    Compilation c = javac().withOptions("-Ascopegraph.callSites=maybe").withProcessors(new ScopeGraphProcessor())
        .compile(Compilations.model("com/example/Siamese.java"));
    assertThat(c).hadErrorContaining("[scopegraph:InvalidOption] -Ascopegraph.callSites=maybe is not one of auto, "
        + "off, require.");
  }

  /** Runs the processor with the environment wrapped by {@link #wrap}, as build tools do. */
  abstract static class WrappingProcessor extends AbstractProcessor {
    private final ScopeGraphProcessor inner = new ScopeGraphProcessor();

    abstract ProcessingEnvironment wrap(ProcessingEnvironment env);

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      inner.init(wrap(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return inner.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return inner.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return inner.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return inner.process(annotations, round);
    }
  }

  /** A proxy as IntelliJ makes: its handler keeps the environment in a field (unwrappable), or hides it. */
  static final class Wrapping extends WrappingProcessor {
    private final boolean unwrappable;

    Wrapping(boolean unwrappable) {
      this.unwrappable = unwrappable;
    }

    @Override
    ProcessingEnvironment wrap(ProcessingEnvironment env) {
      java.lang.reflect.InvocationHandler handler = unwrappable ? new FieldHandler(env) : opaque(env);
      return (ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class}, handler);
    }

    /** Like IntelliJ's handler: the environment in a field ({@code val$delegateTo} there). */
    private static final class FieldHandler implements java.lang.reflect.InvocationHandler {
      private final ProcessingEnvironment delegateTo;

      FieldHandler(ProcessingEnvironment delegateTo) {
        this.delegateTo = delegateTo;
      }

      @Override
      public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) throws Throwable {
        return m.invoke(delegateTo, args);
      }
    }

    /** A handler that keeps the environment where no field of its type can be found. */
    private static java.lang.reflect.InvocationHandler opaque(ProcessingEnvironment env) {
      Object[] box = {env};
      return (p, m, a) -> m.invoke(box[0], a);
    }
  }

  /** Gradle's incremental wrapper: a class keeping the real environment in a {@code delegate} field. */
  static final class DelegatingEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    DelegatingEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public javax.annotation.processing.Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public javax.annotation.processing.Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public javax.lang.model.util.Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public javax.lang.model.util.Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public java.util.Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** Runs the processor inside {@link DelegatingEnvironment}. */
  static final class GradleStyle extends WrappingProcessor {
    @Override
    ProcessingEnvironment wrap(ProcessingEnvironment env) {
      return new DelegatingEnvironment(env);
    }
  }

  private static final JavaFileObject DUPLICATE = model("  @VariableScope(\"foo\")", "  public void build() {",
      "    tf.getVariable(\"v\", Shape.of(1));", "    tf.getVariable(\"v\", Shape.of(1)); // second", "  }");

  @Test
  @DisplayName("auto unwraps a proxied environment by reflection and still finds the duplicate")
  void unwrapsWrappers() {
    Compilation c = javac().withProcessors(new Wrapping(true)).compile(DUPLICATE);
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable]").inFile(DUPLICATE).onLineContaining("// second");
  }

  @Test
  @DisplayName("auto unwraps a Gradle-style delegating environment too")
  void unwrapsDelegatingEnvironment() {
    Compilation c = javac().withProcessors(new GradleStyle()).compile(DUPLICATE);
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable]").inFile(DUPLICATE).onLineContaining("// second");
  }

  @Test
  @DisplayName("auto: without trees, one NOTE and the model is still generated; require: an error")
  void treesUnavailable() {
    Compilation auto = javac().withProcessors(new Wrapping(false)).compile(DUPLICATE);
    assertThat(auto).succeededWithoutWarnings();
    assertThat(auto).hadNoteContaining("[scopegraph:CallSitesUnavailable]");
    assertEquals(1, auto.notes().stream().filter(n -> n.getMessage(null).contains("CallSitesUnavailable")).count());
    assertThat(auto).generatedSourceFile("test.ScopedM");
    Compilation require = javac().withOptions("-Ascopegraph.callSites=require").withProcessors(new Wrapping(false))
        .compile(DUPLICATE);
    assertThat(require).hadErrorContaining("[scopegraph:CallSitesUnavailable]");
  }
}
