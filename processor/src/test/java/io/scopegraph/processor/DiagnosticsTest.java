package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One failing (or warning) compilation per diagnostic, pinned to its line; nothing generated on error. */
class DiagnosticsTest {
  private static final String HEADER = String.join("\n",
      "package test;",
      "import io.scopegraph.*;",
      "import io.scopegraph.annotations.*;");

  /** A model class {@code test.M} with an Ops field and constructor, plus {@code members}. */
  private static JavaFileObject model(String... members) {
    List<String> lines = new ArrayList<>(List.of(HEADER.split("\n")));
    lines.add("@Model");
    lines.add("public abstract class M {");
    lines.add("  protected final Ops tf;");
    lines.add("  protected M(Ops tf) { this.tf = tf; }");
    lines.addAll(List.of(members));
    lines.add("}");
    return JavaFileObjects.forSourceLines("test.M", lines);
  }

  private static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(List.of(HEADER.split("\n")));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines(name, all);
  }

  private static Compilation assertError(JavaFileObject file, String id, String line) {
    Compilation c = Compilations.compile(file);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:" + id + "]").inFile(file).onLineContaining(line);
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(file),
        "nothing is generated for a model with an error");
    return c;
  }

  @Test
  @DisplayName("InvalidScopeName: TF's root pattern, on the annotation value")
  void invalidScopeName() {
    JavaFileObject m = model(
        "  @VariableScope(\"tower:0\")",
        "  public Tensor tower(Tensor x) { return x; }");
    Compilation c = assertError(m, "InvalidScopeName", "tower:0");
    assertThat(c).hadErrorContaining("'tower:0' is not a valid scope name: TensorFlow raises \"'tower:0' is not a "
        + "valid scope name\" (InvalidScopeNameException) when M.tower(Tensor) runs.");
    assertError(model("  @NameScope(defaultName = \"_x\")", "  public void f() {}"), "InvalidScopeName", "_x");
  }

  @Test
  @DisplayName("AbsoluteScopeName: a trailing slash is not allowed in annotations")
  void absoluteScopeName() {
    Compilation c = assertError(model("  @NameScope(\"outer/\")", "  public void f() {}"), "AbsoluteScopeName",
        "outer/");
    assertThat(c).hadErrorContaining("re-enters the absolute name scope 'outer' verbatim");
  }

  @Test
  @DisplayName("MissingScopeName: no value, no default name, no @ScopeName")
  void missingScopeName() {
    Compilation c = assertError(model("  @VariableScope(reuse = Reuse.FALSE)", "  public void f() {}"),
        "MissingScopeName", "@VariableScope");
    assertThat(c).hadErrorContaining("\"If default_name is None then name_or_scope is required\"");
    Compilation n = assertError(model("  @NameScope", "  public void g() {}"), "MissingScopeName", "@NameScope");
    assertThat(n).hadErrorContaining("\"At least one of name (None) and default_name (None) must be provided.\"");
  }

  @Test
  @DisplayName("ReuseWithoutName: reuse TRUE/AUTO with only a default name")
  void reuseWithoutName() {
    Compilation c = assertError(model(
        "  @VariableScope(defaultName = \"d\",",
        "      reuse = Reuse.AUTO)",
        "  public void f() {}"), "ReuseWithoutName", "reuse = Reuse.AUTO");
    assertThat(c).hadErrorContaining("\"reuse=True cannot be used without a name_or_scope\"");
  }

  @Test
  @DisplayName("MethodNotOverridable: private, static or final scoped methods")
  void methodNotOverridable() {
    assertError(model("  @NameScope(\"a\")", "  private void hidden() {}"), "MethodNotOverridable", "hidden");
    assertError(model("  @NameScope(\"a\")", "  public static void util() {}"), "MethodNotOverridable", "util");
    Compilation c = assertError(model("  @NameScope(\"a\")", "  public final void fixed() {}"),
        "MethodNotOverridable", "fixed");
    assertThat(c).hadErrorContaining("M.fixed() is final, so the generated ScopedM cannot override it");
  }

  @Test
  @DisplayName("AbstractScopedMethod")
  void abstractScopedMethod() {
    assertError(model("  @NameScope(\"a\")", "  public abstract Tensor f(Tensor x);"), "AbstractScopedMethod",
        "abstract Tensor f");
  }

  @Test
  @DisplayName("ConflictingScopes: two variable scopes on one method")
  @SuppressWarnings("deprecation")
  void conflictingScopes() {
    assertError(model(
        "  @VariableScope(\"a\")",
        "  @VariableOpScope(\"b\")",
        "  public void f() {}"), "ConflictingScopes", "@VariableOpScope");
  }

  @Test
  @DisplayName("ScopedMethodOutsideModel")
  void scopedMethodOutsideModel() {
    JavaFileObject f = source("test.Plain",
        "public class Plain {",
        "  @VariableScope(\"a\")",
        "  public void f() {}",
        "}");
    Compilation c = Compilations.compile(f);
    assertThat(c).hadErrorContaining("[scopegraph:ScopedMethodOutsideModel] Plain.f() has @VariableScope, but Plain "
        + "is not annotated @Model").inFile(f).onLineContaining("public void f()");
  }

  @Test
  @DisplayName("InvalidScopeNameParameter: not a String, twice, or without a scope")
  void invalidScopeNameParameter() {
    assertError(model("  @VariableScope(defaultName = \"d\")", "  public void f(@ScopeName int n) {}"),
        "InvalidScopeNameParameter", "@ScopeName int n");
    assertError(model("  @VariableScope(defaultName = \"d\")",
        "  public void f(@ScopeName String a,", "      @ScopeName String b) {}"),
        "InvalidScopeNameParameter", "@ScopeName String b");
    assertError(model("  public void f(@ScopeName String a) {}"), "InvalidScopeNameParameter", "@ScopeName String a");
  }

  @Test
  @DisplayName("ScopeNameConflict: both value and @ScopeName")
  void scopeNameConflict() {
    assertError(model("  @VariableScope(\"fixed\")", "  public void f(@ScopeName String name) {}"),
        "ScopeNameConflict", "@VariableScope(\"fixed\")");
  }

  @Test
  @DisplayName("InvalidInitializer: not instantiable")
  void invalidInitializer() {
    JavaFileObject init = source("test.Abstract",
        "public abstract class Abstract implements Initializer {}");
    JavaFileObject m = model("  @VariableScope(value = \"a\", initializer = Abstract.class)", "  public void f() {}");
    Compilation c = Compilations.compile(init, m);
    assertThat(c).hadErrorContaining("[scopegraph:InvalidInitializer] test.Abstract cannot be the scope's "
        + "initializer: it is abstract").inFile(m).onLineContaining("Abstract.class");
  }

  @Test
  @DisplayName("InvalidRegularizer: abstract, an interface, an enum, no no-argument constructor, one that throws")
  void invalidRegularizer() {
    JavaFileObject abstractClass = source("test.Reg", "public abstract class Reg implements Regularizer {}");
    JavaFileObject m = model(
        "  @VariableScope(value = \"a\",",
        "      regularizer = Reg.class)",
        "  public void f() {}");
    Compilation c = Compilations.compile(abstractClass, m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:InvalidRegularizer] regularizer = Reg.class cannot be the scope's "
        + "regularizer: it is abstract, but the generated ScopedM creates it with new Reg() on every entry of the "
        + "scope. Use a class implementing io.scopegraph.Regularizer with a public no-argument constructor")
        .inFile(m).onLineContaining("regularizer = Reg.class");
    assertThat(c).hadErrorContaining("or Regularizers.None.class for no regularizer.");
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(abstractClass, m));

    assertOptionError("public interface Reg extends Regularizer {}", "regularizer", "InvalidRegularizer",
        "it is an interface");
    assertOptionError("public enum Reg implements Regularizer { L2; public Tensor apply(Tensor w) { return w; } }",
        "regularizer", "InvalidRegularizer", "it is an enum, whose constants cannot be created with new");
    assertOptionError("public class Reg implements Regularizer { public Reg(double scale) {} "
        + "public Tensor apply(Tensor w) { return w; } }", "regularizer", "InvalidRegularizer",
        "it has no no-argument constructor");
    assertOptionError("public class Reg implements Regularizer { public Reg() throws Exception {} "
        + "public Tensor apply(Tensor w) { return w; } }", "regularizer", "InvalidRegularizer",
        "its no-argument constructor throws the checked exception java.lang.Exception");
  }

  /** A class {@code test.Reg} with {@code declaration} given as {@code member = Reg.class}: error {@code id}. */
  private static void assertOptionError(String declaration, String member, String id, String problem) {
    JavaFileObject cls = source("test.Reg", declaration);
    JavaFileObject m = model(
        "  @VariableScope(value = \"a\",",
        "      " + member + " = Reg.class)",
        "  public void f() {}");
    Compilation c = Compilations.compile(cls, m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:" + id + "] " + member + " = Reg.class cannot be the scope's ")
        .inFile(m).onLineContaining(member + " = Reg.class");
    assertThat(c).hadErrorContaining(": " + problem + ", but the generated ScopedM creates it with new Reg()");
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(cls, m));
  }

  @Test
  @DisplayName("InvalidPartitioner: no public no-argument constructor reachable from the model's package")
  void invalidPartitioner() {
    JavaFileObject shards = JavaFileObjects.forSourceLines("other.Shards",
        "package other;",
        "import io.scopegraph.*;",
        "public class Shards implements Partitioner {",
        "  Shards() {}",
        "  public int[] partitions(Shape shape, DType dtype) { return Partitioners.fixedSize(4).partitions(shape, dtype); }",
        "}");
    JavaFileObject m = model(
        "  @VariableScope(value = \"emb\",",
        "      partitioner = other.Shards.class)",
        "  public void f() {}");
    Compilation c = Compilations.compile(shards, m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:InvalidPartitioner] partitioner = Shards.class cannot be the "
        + "scope's partitioner: its no-argument constructor is not public, in another package than M, but the "
        + "generated ScopedM creates it with new Shards() on every entry of the scope. Use a class implementing "
        + "io.scopegraph.Partitioner with a public no-argument constructor")
        .inFile(m).onLineContaining("partitioner = other.Shards.class");
    assertOptionError("public class Reg implements Partitioner { private Reg() {} "
        + "public int[] partitions(Shape s, DType d) { return new int[] {1}; } }", "partitioner",
        "InvalidPartitioner", "its no-argument constructor is private");
  }

  @Test
  @DisplayName("InvalidCustomGetter: an inner (non-static) class needs an instance the generated code does not have")
  void invalidCustomGetter() {
    JavaFileObject m = model(
        "  public class Getter implements CustomGetter {",
        "    public Tensor get(VariableGetter getter, VariableRequest request) { return getter.get(request); }",
        "  }",
        "  @VariableScope(value = \"a\",",
        "      customGetter = Getter.class)",
        "  public void f() {}");
    Compilation c = assertError(m, "InvalidCustomGetter", "customGetter = Getter.class");
    assertThat(c).hadErrorContaining("customGetter = M.Getter.class cannot be the scope's custom getter: it is an "
        + "inner (non-static) class, which needs an instance of M, but the generated ScopedM creates it with new "
        + "M.Getter() on every entry of the scope.");
  }

  @Test
  @DisplayName("InvalidConstraint: a private nested class, or one nested in a class another package cannot see")
  void invalidConstraint() {
    JavaFileObject m = model(
        "  private static final class Clip implements Constraint {",
        "    public Tensor apply(Tensor x) { return x; }",
        "  }",
        "  @VariableScope(value = \"a\",",
        "      constraint = Clip.class)",
        "  public void f() {}");
    Compilation c = assertError(m, "InvalidConstraint", "constraint = Clip.class");
    assertThat(c).hadErrorContaining("constraint = M.Clip.class cannot be the scope's constraint: it is private, but "
        + "the generated ScopedM creates it with new M.Clip() on every entry of the scope. Use a class implementing "
        + "io.scopegraph.Constraint with a public no-argument constructor");
    JavaFileObject nested = model(
        "  private static final class Hidden {",
        "    public static final class Clip implements Constraint { public Tensor apply(Tensor x) { return x; } }",
        "  }",
        "  @VariableScope(value = \"a\", constraint = Hidden.Clip.class)",
        "  public void f() {}");
    Compilation c2 = assertError(nested, "InvalidConstraint", "constraint = Hidden.Clip.class");
    assertThat(c2).hadErrorContaining("it is nested in Hidden, which is private");
    // a class the model's own source cannot name is javac's error, before the processor looks
    JavaFileObject holder = JavaFileObjects.forSourceLines("other.Holder",
        "package other;",
        "import io.scopegraph.*;",
        "class Holder {",
        "  public static class Clip implements Constraint { public Tensor apply(Tensor x) { return x; } }",
        "}");
    JavaFileObject m3 = model("  @VariableScope(value = \"a\", constraint = other.Holder.Clip.class)",
        "  public void f() {}");
    Compilation c3 = Compilations.compile(holder, m3);
    assertThat(c3).failed();
    assertThat(c3).hadErrorContaining("is defined in an inaccessible class or interface").inFile(m3)
        .onLineContaining("constraint = ");
  }

  @Test
  @DisplayName("the Class<? extends X> bound: javac rejects a class of the wrong kind before the processor runs")
  void wrongKindOfClassIsAJavacError() {
    JavaFileObject m = model(
        "  @VariableScope(value = \"a\",",
        "      regularizer = Initializers.Zeros.class)",
        "  public void f() {}");
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("incompatible types: java.lang.Class<io.scopegraph.Initializers.Zeros> cannot "
        + "be converted to java.lang.Class<? extends io.scopegraph.Regularizer>")
        .inFile(m).onLineContaining("regularizer = Initializers.Zeros.class");
    assertEquals(List.of(), c.errors().stream().map(d -> d.getMessage(null)).filter(s -> s.contains("[scopegraph:"))
        .toList(), "no scopegraph error on top of javac's");
  }

  @Test
  @DisplayName("DefaultOptionClass: the interface written out means 'inherit', not 'none'; a warning, suppressible")
  void defaultOptionClass() {
    JavaFileObject m = model(
        "  @VariableScope(value = \"a\",",
        "      regularizer = Regularizer.class)",
        "  public void f() {}");
    Compilation c = Compilations.compile(m);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[scopegraph:DefaultOptionClass] regularizer = Regularizer.class on M.f() is "
        + "the default, written out: the scope inherits the enclosing scope's regularizer, it does not switch it "
        + "off. Remove it, or write regularizer = Regularizers.None.class for no regularizer (TF's "
        + "tf.no_regularizer).").inFile(m).onLineContaining("regularizer = Regularizer.class");
    assertThat(c).generatedSourceFile("test.ScopedM");
    Compilation constraint = Compilations.compile(model("  @VariableScope(value = \"a\", constraint = Constraint.class)",
        "  public void f() {}"));
    assertThat(constraint).hadWarningContaining("constraint = Constraint.class on M.f() is the default, written out: "
        + "the scope's variables get no constraint (constraints are never inherited). Remove it.");
    JavaFileObject silenced = model("  @SuppressWarnings(\"scopegraph:DefaultOptionClass\")",
        "  @VariableScope(value = \"a\", customGetter = CustomGetter.class, partitioner = Partitioner.class)",
        "  public void f() {}");
    assertThat(Compilations.compile(silenced)).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("option classes that work: package-private in the model's package, records, generic classes")
  void acceptedOptionClasses() {
    JavaFileObject local = source("test.Local",
        "class Local implements Regularizer { public Tensor apply(Tensor w) { return null; } }");
    JavaFileObject generic = source("test.Generic",
        "public class Generic<T> implements Partitioner {",
        "  public int[] partitions(Shape shape, DType dtype) { return Partitioners.fixedSize(2).partitions(shape, dtype); }",
        "}");
    JavaFileObject record = source("test.Clip",
        "public record Clip() implements Constraint { public Tensor apply(Tensor x) { return x; } }");
    JavaFileObject m = model("  @VariableScope(value = \"a\", regularizer = Local.class, partitioner = Generic.class,",
        "      constraint = Clip.class)",
        "  public void f() {}");
    Compilation c = Compilations.compile(local, generic, record, m);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ScopedM").contentsAsUtf8String()
        .contains(".regularizer(new Local())\n            .partitioner(new Generic<>())\n"
            + "            .constraint(new Clip())");
  }

  @Test
  @DisplayName("InvalidDType: more than one dtype")
  void invalidDType() {
    assertError(model("  @VariableScope(value = \"a\", dtype = {DType.INT32, DType.INT64})", "  public void f() {}"),
        "InvalidDType", "dtype = {");
  }

  @Test
  @DisplayName("ModelNotSubclassable: final, inner, private nested, interface")
  void modelNotSubclassable() {
    JavaFileObject fin = source("test.F",
        "@Model", "public final class F {", "  protected final Ops tf;", "  F(Ops tf) { this.tf = tf; }", "}");
    Compilation c = assertError(fin, "ModelNotSubclassable", "public final class F");
    assertThat(c).hadErrorContaining("@Model F is final, but the generated ScopedF must subclass it. Remove final.");
    JavaFileObject inner = source("test.O",
        "public class O {", "  @Model", "  public class I {", "    protected Ops tf;", "    I(Ops tf) {}", "  }", "}");
    assertError(inner, "ModelNotSubclassable", "public class I");
    JavaFileObject priv = source("test.P",
        "public class P {", "  @Model", "  private static class I {", "    protected Ops tf;", "    I(Ops tf) {}",
        "  }", "}");
    assertError(priv, "ModelNotSubclassable", "private static class I");
    JavaFileObject iface = source("test.Q", "@Model", "public interface Q {}");
    assertError(iface, "ModelNotSubclassable", "public interface Q");
  }

  @Test
  @DisplayName("NoModelConstructor: no non-private constructor taking Ops first")
  void noModelConstructor() {
    JavaFileObject f = source("test.N",
        "@Model", "public class N {", "  protected Ops tf;", "  public N(int x, Ops tf) {}", "}");
    Compilation c = assertError(f, "NoModelConstructor", "public class N");
    assertThat(c).hadErrorContaining("Add one, e.g. protected N(Ops tf).");
  }

  @Test
  @DisplayName("NoOpsAccess: the subclass cannot reach the model's Ops")
  void noOpsAccess() {
    JavaFileObject f = source("test.N",
        "@Model", "public class N {", "  private final Ops tf;", "  public N(Ops tf) { this.tf = tf; }", "}");
    assertError(f, "NoOpsAccess", "public class N");
  }

  @Test
  @DisplayName("UnimplementedMethod: an abstract unscoped method the final generated class cannot implement")
  void unimplementedMethod() {
    Compilation c = assertError(model("  public abstract Tensor encode(Tensor x);"), "UnimplementedMethod",
        "abstract Tensor encode");
    assertThat(c).hadErrorContaining("@Model M leaves M.encode(Tensor) abstract, but the generated ScopedM is final");
  }

  @Test
  @DisplayName("DeprecatedScope: a warning naming the replacement; the model is still generated")
  @SuppressWarnings("deprecation")
  void deprecatedScope() {
    JavaFileObject m = model("  @OpScope(defaultName = \"mysum\")", "  public Tensor mysum(Tensor a) { return a; }");
    Compilation c = Compilations.compile(m);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[scopegraph:DeprecatedScope] @OpScope is deprecated, as TensorFlow deprecated "
        + "tf.op_scope in r0.11: use @NameScope instead (same scopes, same names).")
        .inFile(m).onLineContaining("@OpScope");
    assertThat(c).generatedSourceFile("test.ScopedM");
  }

  @Test
  @DisplayName("IgnoredDefaultName: a warning, silenced by @SuppressWarnings(\"scopegraph:IgnoredDefaultName\")")
  void ignoredDefaultNameAndSuppression() {
    JavaFileObject m = model("  @VariableScope(value = \"a\", defaultName = \"b\")", "  public void f() {}");
    Compilation c = Compilations.compile(m);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[scopegraph:IgnoredDefaultName] defaultName 'b' on M.f() is never used")
        .inFile(m).onLineContaining("defaultName = \"b\"");
    JavaFileObject silenced = model("  @SuppressWarnings(\"scopegraph:IgnoredDefaultName\")",
        "  @VariableScope(value = \"a\", defaultName = \"b\")", "  public void f() {}");
    assertThat(Compilations.compile(silenced)).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("a clean model compiles with no note and no warning")
  void cleanModelIsSilent() {
    Compilation c = Compilations.compile(Compilations.model("com/example/Siamese.java"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(List.of(), c.notes());
  }

  @Test
  @DisplayName("a model with an error does not stop the others")
  void otherModelsKeepBeingProcessed() {
    JavaFileObject bad = model("  @NameScope(\"bad name\")", "  public void f() {}");
    Compilation c = Compilations.compile(bad, Compilations.model("com/example/Siamese.java"));
    assertThat(c).hadErrorContaining("[scopegraph:InvalidScopeName]");
    assertEquals(List.of("com/example/ScopedSiamese.java"),
        Compilations.generatedSourcesDespiteErrors(bad, Compilations.model("com/example/Siamese.java")));
  }
}
