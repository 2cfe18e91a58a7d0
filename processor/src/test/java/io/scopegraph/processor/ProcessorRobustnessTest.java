package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Regressions for what {@link MutationTest}'s mutants found: each source made the processor crash or hang, and
 * now gets exactly these diagnostics.
 */
class ProcessorRobustnessTest {

  private static final String DENSE =
      "  @VariableScope(defaultName = \"dense\") public Tensor dense(Tensor x) { return tf.matMul(x, "
          + "tf.getVariable(\"kernel\", Shape.of(4, 4))); }";

  @Test
  @DisplayName("@SuppressWarnings whose value javac cannot attribute suppresses nothing, and throws nothing")
  void unattributedSuppressWarnings() {
    // Mutant 4591 of corpus/DeprecatedScopes.java (seed 20261205): @SuppressWarnings(tf) on the model class made
    // Reporter read SuppressWarnings.value(), which threw AnnotationTypeMismatchException out of javac. A value
    // javac cannot attribute makes the whole array unreadable: the warning is printed, javac's error says why.
    for (String suppress : List.of("@SuppressWarnings(tf)", "@SuppressWarnings({\"scopegraph:IgnoredDefaultName\", "
        + "unknown1})")) {
      JavaFileObject m = Compilations.modelAnnotatedWith(suppress,
          "  @VariableScope(value = \"v\", defaultName = \"d\") public Tensor f(Tensor x) { return x; }");
      Compilation c = Compilations.compile(m);
      assertThat(c).failed();
      assertEquals(1, c.errors().size(), c.errors().toString());
      assertThat(c).hadErrorContaining("cannot find symbol").inFile(m).onLine(4);
      assertEquals(1, c.warnings().size(), c.warnings().toString());
      assertThat(c).hadWarningContaining("[scopegraph:IgnoredDefaultName] defaultName 'd' on M.f(Tensor) is never "
          + "used: the value 'v' always names the scope (TensorFlow ignores default_name when a name is given). Remove "
          + "defaultName.").inFile(m).onLine(8);
    }
  }

  @Test
  @DisplayName("auxiliaryNameScope that javac cannot attribute: javac's error only, no ClassCastException")
  void unattributedAuxiliaryNameScope() {
    // Found by hand next to the mutant above: (Boolean) getValue() met javac's error value, a String.
    JavaFileObject m = Compilations.modelWith(
        "  @VariableScope(value = \"v\", auxiliaryNameScope = unknown1) public Tensor f(Tensor x) { return x; }");
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertEquals(1, c.diagnostics().size(), c.diagnostics().toString());
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(m).onLine(8);
    assertEquals("symbol:   variable unknown1", c.errors().get(0).getMessage(null).lines().skip(1).findFirst()
        .orElseThrow().trim());
  }

  @Test
  @DisplayName("a scope name javac cannot attribute: javac's error only, no InvalidScopeName '<error>'")
  void unattributedScopeName() {
    for (String annotation : List.of("@VariableScope(value = unknown1)", "@NameScope(unknown1)",
        "@VariableScope({unknown1})")) {
      JavaFileObject m = Compilations.modelWith("  " + annotation + " public Tensor f(Tensor x) { return x; }");
      Compilation c = Compilations.compile(m);
      assertThat(c).failed();
      assertEquals(List.of(), c.diagnostics().stream().map(d -> d.getMessage(null))
          .filter(text -> text.contains("[scopegraph:")).toList(), annotation);
      assertThat(c).hadErrorContaining("cannot find symbol").inFile(m).onLine(8);
    }
    // a literal "<error>" is a name like any other: TF rejects it, so does the processor
    JavaFileObject literal = Compilations.modelWith(
        "  @VariableScope(\"<error>\") public Tensor f(Tensor x) { return x; }");
    assertThat(Compilations.compile(literal)).hadErrorContaining("[scopegraph:InvalidScopeName] '<error>' is not a "
        + "valid scope name").inFile(literal).onLine(8);
  }

  @Test
  @DisplayName("a native scoped method: the generated override is not native (it has a body)")
  void nativeScopedMethod() throws IOException {
    // Mutant 791 of corpus/CallsAnotherRoot.java (seed 1): JavaPoet copied 'native' and wrote the body after the
    // parameter list without braces, so the generated source did not parse.
    Compilation c = Compilations.compile(Compilations.modelWith(
        "  @VariableScope(\"v\") public native Tensor f(Tensor x);"));
    assertThat(c).succeededWithoutWarnings();
    String generated = c.generatedSourceFile("test.ScopedM").orElseThrow().getCharContent(false).toString();
    assertTrue(generated.contains("  @Override\n  public Tensor f(Tensor x) {\n"), generated);
  }

  @Test
  @DisplayName("a type parameter bound javac cannot resolve: the model waits, javac's error only, nothing generated")
  void unresolvedTypeParameterBound() {
    // Mutant 1003 of corpus-errors/HelperAtRootTwice.java (seed 1): <T extends Tensor> without the import; the
    // generated subclass repeated the bound, and javac reported it there as well.
    for (String source : List.of("@Model public abstract class M<T extends Unknown1> {|"
        + "  @VariableScope(\"v\") public T f(T x) { return x; }", "@Model public abstract class M {|"
        + "  @VariableScope(\"v\") public <T extends Unknown1> T f(T x) { return x; }")) {
      String[] lines = source.split("\\|");
      JavaFileObject m = JavaFileObjects.forSourceLines("test.M", "package test;", "import io.scopegraph.*;",
          "import io.scopegraph.annotations.*;", lines[0], "  protected final Ops tf;",
          "  protected M(Ops tf) { this.tf = tf; }", lines[1], "}");
      Compilation c = Compilations.compile(m);
      assertThat(c).failed();
      assertEquals(1, c.diagnostics().size(), c.diagnostics().toString());
      assertThat(c).hadErrorContaining("cannot find symbol").inFile(m).onLine(lines[0].contains("<T") ? 4 : 7);
      assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(m));
    }
  }

  @Test
  @DisplayName("a literal loop of Integer.MAX_VALUE runs is not replayed run by run: its default names stay unknown")
  void hugeLiteralLoopIsNotReplayed() throws IOException {
    // Mutant 97 of corpus/LocalVariables.java (seed 20261205): replaying 10^12 runs never ended.
    Compilation c = Compilations.compile(Compilations.modelWith(
        DENSE,
        "  public Tensor net(Tensor h) {",
        "    for (int i = 0; i < 2147483647; i++) {",
        "      h = dense(h);",
        "    }",
        "    return h;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdense(Tensor)\tcomplete",
        "var\tdense/kernel\t[4,4]\tfloat32",
        "root\tnet(Tensor)\tincomplete") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("nested literal loops of a million runs each: the clash is still reported, once")
  void nestedHugeLoopsStillClash() {
    Compilation c = Compilations.compile(Compilations.modelWith(
        "  public void atRoot() {",
        "    for (int q = 0; q < 1000000; q++) for (int p = 0; p < 1000000; p++) { tf.getVariable(\"step\", "
            + "Shape.scalar()); }",
        "  }"));
    assertThat(c).failed();
    assertEquals(1, c.errors().size(), c.errors().toString());
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Variable step is created again here without reuse "
        + "(in a loop that runs it 1000000000000 times): TensorFlow raises \"Variable step already exists, disallowed. "
        + "Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\" (VariableAlreadyExistsException) when "
        + "M.atRoot() runs. Set reuse = Reuse.AUTO on the scope to share the variable, or give each use its own scope "
        + "name.").inFile(c.sourceFiles().get(0)).onLine(9);
  }
}
