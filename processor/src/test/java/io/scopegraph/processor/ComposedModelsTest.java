package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Models made of models (issue 15, item 2), within one compilation: a {@code @Model} holding another one (a final
 * field or a local made by its generated {@code create(...)}, or a constructor parameter) and calling its methods;
 * the call-site analysis follows such calls into the other model's summary, so a sharing error is reported at the
 * caller's line. Where the held object is not certainly that model, the call is unresolved: silent, root incomplete.
 */
class ComposedModelsTest {

  /** {@code test.D}: the discriminator, {@code def d(x, reuse=False): with tf.variable_scope("disc", reuse=reuse)}. */
  private static final JavaFileObject DISC = source("test.D",
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

  /** {@code test.Gen}: the generator, in variable scope {@code gen}. */
  private static final JavaFileObject GEN = source("test.Gen",
      "@Model",
      "public abstract class Gen {",
      "  protected final Ops tf;",
      "  protected Gen(Ops tf) { this.tf = tf; }",
      "  @VariableScope(\"gen\")",
      "  public Tensor generate(Tensor z) {",
      "    return tf.matMul(z, tf.getVariable(\"w\", Shape.of(4, 1)));",
      "  }",
      "}");

  /** A source in package {@code test} importing the runtime, the annotations and the layers; line 5 is its first. */
  private static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(List.of(
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "import io.scopegraph.layers.*;"));
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines(name, all);
  }

  /** {@code test.G}, a model with an Ops field {@code tf}, holding what {@code members} declare. */
  private static JavaFileObject holder(String... members) {
    List<String> lines = new ArrayList<>(List.of(
        "@Model",
        "public abstract class G {",
        "  protected final Ops tf;"));
    lines.addAll(List.of(members));
    lines.add("}");
    return source("test.G", lines.toArray(new String[0]));
  }

  private static final String FIELDS_BY_CREATE = String.join("\n",
      "  private final Gen generator;",
      "  private final D discriminator;",
      "  protected G(Ops tf) {",
      "    this.tf = tf;",
      "    this.generator = ScopedGen.create(tf);",
      "    discriminator = ScopedD.create(tf);",
      "  }");

  @Test
  @DisplayName("the forgotten-reuse GAN across two models: DuplicateVariable at the caller's second call")
  void forgottenReuseAcrossModels() {
    JavaFileObject g = holder(FIELDS_BY_CREATE,
        "  public Tensor build(Tensor real, Tensor z) {",
        "    Tensor fake = generator.generate(z);",
        "    Tensor dReal = discriminator.probability(real, false);",
        "    Tensor dFake = discriminator.probability(fake, false); // forgot reuse",
        "    return tf.sub(dReal, dFake);",
        "  }");
    Compilation c = Compilations.compile(DISC, GEN, g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Layer variable disc/dense/kernel is created "
        + "again here without reuse (first created at line 17): the runtime raises \"Variable disc/dense/kernel "
        + "already exists, disallowed. Did you mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?\" "
        + "(VariableAlreadyExistsException) when G.build(Tensor, Tensor) runs, as TensorFlow does.")
        .inFile(g).onLineContaining("// forgot reuse");
    assertEquals(1, c.errors().size(), "one error, at the caller: " + c.errors());
    assertEquals(List.of("test/ScopedD.java", "test/ScopedGen.java"),
        Compilations.generatedSourcesDespiteErrors(DISC, GEN, g), "the held models are still generated, G is not");
  }

  @Test
  @DisplayName("the clash through a @ScopeReuse argument says to pass true there")
  void hintNamesTheScopeReuseArgument() {
    JavaFileObject g = holder(with(FIELDS_BY_CREATE, FORGOTTEN_WITH_GENERATOR));
    Compilation c = Compilations.compile(DISC, GEN, g);
    assertThat(c).hadErrorContaining("(VariableAlreadyExistsException) when G.build(Tensor, Tensor) runs, as "
        + "TensorFlow does. Pass true (or Reuse.TRUE) as the reuse argument of D.probability(Tensor, boolean) "
        + "here to share the layer's variables.").inFile(g).onLineContaining("// forgot reuse");
  }

  private static final String[] FORGOTTEN_WITH_GENERATOR = {
      "  public Tensor build(Tensor real, Tensor z) {",
      "    Tensor fake = generator.generate(z);",
      "    Tensor dReal = discriminator.probability(real, false);",
      "    Tensor dFake = discriminator.probability(fake, false); // forgot reuse",
      "    return tf.sub(dReal, dFake);",
      "  }"};

  @Test
  @DisplayName("a method forwarding its own reuse parameter: resolved at its callers (plain and @ScopeReuse)")
  void forwardedReuse() throws IOException {
    JavaFileObject g = holder(FIELDS_BY_CREATE,
        "  private Tensor d(Tensor x, boolean reuse) {",
        "    return discriminator.probability(x, reuse);",
        "  }",
        "  @VariableScope(\"gan\")",
        "  public Tensor both(Tensor x, @ScopeReuse boolean reuse) {",
        "    return discriminator.probability(x, reuse);",
        "  }",
        "  public Tensor build(Tensor real, Tensor fake) {",
        "    Tensor dReal = d(real, false);",
        "    return tf.sub(dReal, d(fake, false)); // forgot reuse once",
        "  }",
        "  public Tensor nested(Tensor real, Tensor fake) {",
        "    Tensor dReal = both(real, false);",
        "    return tf.sub(dReal, both(fake, false)); // forgot reuse too",
        "  }");
    Compilation c = Compilations.compile(DISC, GEN, g);
    assertThat(c).hadErrorContaining("Layer variable disc/dense/kernel is created again here without reuse (first "
        + "created at line 23)").inFile(g).onLineContaining("// forgot reuse once");
    assertThat(c).hadErrorContaining("Layer variable gan/disc/dense/kernel is created again here without reuse "
        + "(first created at line 27)").inFile(g).onLineContaining("// forgot reuse too");
    assertEquals(2, c.errors().size(), c.errors().toString());

    Compilation ok = Compilations.compile(DISC, GEN, holder(FIELDS_BY_CREATE,
        "  private Tensor d(Tensor x, boolean reuse) {",
        "    return discriminator.probability(x, reuse);",
        "  }",
        "  private Tensor changed(Tensor x, boolean reuse) {",
        "    reuse = !reuse;",
        "    return discriminator.probability(x, reuse);",
        "  }",
        "  public Tensor build(Tensor real, Tensor fake) {",
        "    Tensor dReal = d(real, false);",
        "    return tf.sub(dReal, d(fake, true));",
        "  }",
        "  public Tensor twisted(Tensor real, Tensor fake) {",
        "    return tf.sub(changed(real, false), changed(fake, false));",
        "  }"));
    assertThat(ok).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, Tensor)\tcomplete",
        "var\tdisc/dense/kernel\t[?,16]\t?",
        "var\tdisc/dense/bias\t[16]\t?",
        "var\tdisc/dense_1/kernel\t[16,1]\t?",
        "var\tdisc/dense_1/bias\t[1]\t?",
        "root\ttwisted(Tensor, Tensor)\tcomplete", // an assigned parameter is not forwarded: reuse unknown
        "var\tdisc/dense/kernel\t[?,16]\t?",
        "var\tdisc/dense/bias\t[16]\t?",
        "var\tdisc/dense_1/kernel\t[16,1]\t?",
        "var\tdisc/dense_1/bias\t[1]\t?") + "\n", Compilations.manifest(ok, "test.G"));
  }

  @Test
  @DisplayName("the correct GAN across two models compiles clean; its manifest lists each variable once")
  void correctComposition() throws IOException {
    Compilation c = Compilations.compile(DISC, GEN, holder(FIELDS_BY_CREATE,
        "  public Tensor build(Tensor real, Tensor z) {",
        "    Tensor fake = generator.generate(z);",
        "    Tensor dReal = this.discriminator.probability(real, false);",
        "    return tf.sub(dReal, discriminator.probability(fake, true));",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, Tensor)\tcomplete",
        "var\tgen/w\t[4,1]\tfloat32",
        "var\tdisc/dense/kernel\t[?,16]\t?",
        "var\tdisc/dense/bias\t[16]\t?",
        "var\tdisc/dense_1/kernel\t[16,1]\t?",
        "var\tdisc/dense_1/bias\t[1]\t?") + "\n", Compilations.manifest(c, "test.G"));
  }

  private static final String[] FORGOTTEN = {
      "  public Tensor build(Tensor real, Tensor fake) {",
      "    Tensor dReal = discriminator.probability(real, false);",
      "    return tf.sub(dReal, discriminator.probability(fake, false)); // forgot reuse",
      "  }"};

  private static String[] with(String fields, String... members) {
    List<String> all = new ArrayList<>(List.of(fields));
    all.addAll(List.of(members));
    return all.toArray(new String[0]);
  }

  @Test
  @DisplayName("a generic model held as a field is followed like any other")
  void genericHeldModel() throws IOException {
    JavaFileObject enc = source("test.Enc",
        "@Model",
        "public abstract class Enc<T extends Number> {",
        "  protected final Ops tf;",
        "  protected Enc(Ops tf) { this.tf = tf; }",
        "  @VariableScope(\"enc\")",
        "  public Tensor encode(Tensor x, @ScopeReuse boolean reuse) {",
        "    return tf.matMul(x, tf.getVariable(\"w\", Shape.of(4, 4)));",
        "  }",
        "}");
    JavaFileObject g = holder(
        "  private final Enc<Float> enc;",
        "  protected G(Ops tf) { this.tf = tf; this.enc = ScopedEnc.create(tf); }",
        "  public Tensor build(Tensor a, Tensor b) {",
        "    return tf.sub(enc.encode(a, false), enc.encode(b, false)); // forgot reuse",
        "  }");
    Compilation c = Compilations.compile(enc, g);
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Variable enc/w is created again here without "
        + "reuse").inFile(g).onLineContaining("// forgot reuse");
    Compilation ok = Compilations.compile(enc, holder(
        "  private final Enc<Float> enc;",
        "  protected G(Ops tf) { this.tf = tf; this.enc = ScopedEnc.create(tf); }",
        "  public Tensor build(Tensor a, Tensor b) {",
        "    return tf.sub(enc.encode(a, false), enc.encode(b, true));",
        "  }"));
    assertThat(ok).succeededWithoutWarnings();
    assertEquals("root\tbuild(Tensor, Tensor)\tcomplete\nvar\tenc/w\t[4,4]\tfloat32\n", Compilations.manifest(ok, "test.G"));
  }

  @Test
  @DisplayName("a model given to the constructor is followed: the forgotten reuse is an error at the caller")
  void constructorParameter() {
    JavaFileObject g = holder(with(String.join("\n",
        "  private final D discriminator;",
        "  protected G(Ops tf, D discriminator) {",
        "    this.tf = tf;",
        "    this.discriminator = discriminator;",
        "  }"), FORGOTTEN));
    Compilation c = Compilations.compile(DISC, g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Layer variable disc/dense/kernel is created "
        + "again here without reuse (first created at line 14)").inFile(g).onLineContaining("// forgot reuse");
  }

  @Test
  @DisplayName("a local made by the model's create(...) is followed")
  void local() {
    JavaFileObject g = holder(
        "  protected G(Ops tf) { this.tf = tf; }",
        "  public Tensor build(Tensor real, Tensor fake) {",
        "    D discriminator = ScopedD.create(tf);",
        "    Tensor dReal = discriminator.probability(real, false);",
        "    return tf.sub(dReal, discriminator.probability(fake, false)); // forgot reuse",
        "  }");
    Compilation c = Compilations.compile(DISC, g);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Layer variable disc/dense/kernel is created "
        + "again here without reuse (first created at line 11)").inFile(g).onLineContaining("// forgot reuse");
  }

  @Test
  @DisplayName("a held model of unknown origin (a factory, a non-final field, an interface) is unresolved: silent")
  void unknownOrigin() throws IOException {
    JavaFileObject critic = source("test.Critic",
        "public interface Critic {",
        "  Tensor probability(Tensor x, boolean reuse);",
        "}");
    Compilation c = Compilations.compile(DISC, critic, holder(with(String.join("\n",
        "  private final D discriminator;",
        "  private D later;",
        "  private final Critic critic;",
        "  protected G(Ops tf, java.util.function.Supplier<D> make, Critic critic) {",
        "    this.tf = tf;",
        "    this.discriminator = make.get();",
        "    this.later = ScopedD.create(tf);",
        "    this.critic = critic;",
        "  }"), FORGOTTEN[0], FORGOTTEN[1], FORGOTTEN[2], FORGOTTEN[3],
        "  public Tensor later(Tensor real, Tensor fake) {",
        "    return tf.sub(later.probability(real, false), later.probability(fake, false));",
        "  }",
        "  public Tensor critic(Tensor real, Tensor fake) {",
        "    return tf.sub(critic.probability(real, false), critic.probability(fake, false));",
        "  }",
        "  public Tensor local(Tensor real, Tensor fake, D given) {",
        "    D d = given;",
        "    return tf.sub(d.probability(real, false), given.probability(fake, false));",
        "  }")));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, Tensor)\tincomplete",
        "root\tlater(Tensor, Tensor)\tincomplete",
        "root\tcritic(Tensor, Tensor)\tincomplete",
        "root\tlocal(Tensor, Tensor, D)\tincomplete") + "\n", Compilations.manifest(c, "test.G"));
  }

  // ---------------------------------------------------------------------------------------------
  // Inherited scoped methods

  /** {@code test.Base}: a scoped method in variable scope {@code disc}, in a base class ({@code header} on top). */
  private static JavaFileObject base(String header) {
    return source("test.Base",
        header,
        "public abstract class Base {",
        "  protected final Ops tf;",
        "  protected Base(Ops tf) { this.tf = tf; }",
        "  @VariableScope(\"disc\")",
        "  public Tensor probability(Tensor x, @ScopeReuse boolean reuse) {",
        "    return tf.matMul(x, tf.getVariable(\"w\", Shape.of(4, 1)));",
        "  }",
        "}");
  }

  private static JavaFileObject sub(String... members) {
    List<String> lines = new ArrayList<>(List.of(
        "@Model",
        "public abstract class Sub extends Base {",
        "  protected Sub(Ops tf) { super(tf); }"));
    lines.addAll(List.of(members));
    lines.add("}");
    return source("test.Sub", lines.toArray(new String[0]));
  }

  @Test
  @DisplayName("a @Model extending a @Model or an abstract base: calling an inherited scoped method twice is an error")
  void inheritedForgottenReuse() {
    for (String header : List.of("@Model", "")) {
      JavaFileObject sub = sub(
          "  public Tensor build(Tensor real, Tensor fake) {",
          "    Tensor dReal = probability(real, false);",
          "    return tf.sub(dReal, this.probability(fake, false)); // forgot reuse",
          "  }");
      Compilation c = Compilations.compile(base(header), sub);
      assertThat(c).failed();
      assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Variable disc/w is created again here "
          + "without reuse (first created at line 9): TensorFlow raises \"Variable disc/w already exists, "
          + "disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\" "
          + "(VariableAlreadyExistsException) when Sub.build(Tensor, Tensor) runs.")
          .inFile(sub).onLineContaining("// forgot reuse");
    }
  }

  @Test
  @DisplayName("the generated subclass enters the inherited method's scope; the manifest predicts it")
  void inheritedScopeEntered() throws Exception {
    for (String header : List.of("@Model", "")) {
      Compilation c = Compilations.compile(base(header), sub(
          "  public Tensor build(Tensor real, Tensor fake) {",
          "    return tf.sub(probability(real, false), probability(fake, true));",
          "  }"));
      assertThat(c).succeededWithoutWarnings();
      assertEquals(String.join("\n",
          "root\tbuild(Tensor, Tensor)\tcomplete",
          "var\tdisc/w\t[4,1]\tfloat32",
          "root\tprobability(Tensor, boolean)\tcomplete", // inherited: a root of Sub too
          "var\tdisc/w\t[4,1]\tfloat32") + "\n", Compilations.manifest(c, "test.Sub"));
      Graph graph = new Graph();
      Ops tf = Ops.on(graph);
      Object model = Compilations.classLoader(c).loadClass("test.ScopedSub").getMethod("create", Ops.class)
          .invoke(null, tf);
      Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
      model.getClass().getMethod("build", Tensor.class, Tensor.class).invoke(model, x, x);
      assertEquals(List.of("disc/w"), List.copyOf(graph.variableStore().keySet()), header);
    }
  }

  @Test
  @DisplayName("OverrideWithoutScope: an override without the scope annotations runs unscoped, and says so")
  void overrideWithoutScope() {
    for (String header : List.of("@Model", "")) {
      JavaFileObject sub = sub(
          "  @Override",
          "  public Tensor probability(Tensor x, boolean reuse) { // drops the scope",
          "    return x;",
          "  }");
      Compilation c = Compilations.compile(base(header), sub);
      assertThat(c).succeeded();
      assertThat(c).hadWarningContaining("[scopegraph:OverrideWithoutScope] Sub.probability(Tensor, boolean) "
          + "overrides Base.probability(Tensor, boolean), which is scoped (@VariableScope), but has no scope "
          + "annotation itself: Java does not inherit annotations of overridden methods, so the override runs "
          + "outside those scopes and its ops and variables lose their prefix. Repeat the annotations on the "
          + "override, or add @SuppressWarnings(\"scopegraph:OverrideWithoutScope\") if it is meant to run unscoped.")
          .inFile(sub).onLineContaining("// drops the scope");
      assertEquals(1, c.warnings().size(), c.warnings().toString());
    }
    assertThat(Compilations.compile(base("@Model"), sub(
        "  @Override",
        "  @SuppressWarnings(\"scopegraph:OverrideWithoutScope\")",
        "  public Tensor probability(Tensor x, boolean reuse) { return x; }"))).succeededWithoutWarnings();
    assertThat(Compilations.compile(base("@Model"), sub(
        "  @Override",
        "  @VariableScope(\"disc\")",
        "  public Tensor probability(Tensor x, @ScopeReuse boolean reuse) { return x; }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("a base class's problem is reported once, however many models extend it")
  void baseProblemsOnce() {
    for (String method : List.of(
        "  @VariableScope(\"a b\")\n  public Tensor badName(Tensor x) { return x; }",
        "  @VariableScope(\"disc\")\n  public Tensor twice(Tensor x) {\n    tf.getVariable(\"w\", Shape.of(4, 1));\n"
            + "    return tf.matMul(x, tf.getVariable(\"w\", Shape.of(4, 1)));\n  }")) {
      List<JavaFileObject> sources = new ArrayList<>(List.of(source("test.Base",
          "public abstract class Base {",
          "  protected final Ops tf;",
          "  protected Base(Ops tf) { this.tf = tf; }",
          method,
          "}")));
      for (String name : List.of("One", "Two")) {
        sources.add(source("test." + name,
            "@Model",
            "public abstract class " + name + " extends Base {",
            "  protected " + name + "(Ops tf) { super(tf); }",
            "}"));
      }
      Compilation c = Compilations.compile(sources.toArray(new JavaFileObject[0]));
      assertThat(c).failed();
      assertEquals(1, c.errors().size(), c.errors().toString());
      assertThat(c).hadErrorContaining(method.contains("a b") ? "[scopegraph:InvalidScopeName]"
          : "[scopegraph:DuplicateVariable] Variable disc/w is created again here");
    }
  }

  @Test
  @DisplayName("an optimizer made in the call (new AdamOptimizer(…).minimize(loss)) may create slots: incomplete")
  void optimizerInline() throws IOException {
    Compilation c = Compilations.compile(DISC, holder(FIELDS_BY_CREATE.replace("Gen generator", "D generator")
            .replace("ScopedGen", "ScopedD"),
        "  public Tensor train(Tensor real) {",
        "    Tensor loss = tf.mean(discriminator.probability(real, false));",
        "    new io.scopegraph.train.AdamOptimizer(0.01, 0.5, 0.999, 1e-8).minimize(loss);",
        "    return loss;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\ttrain(Tensor)\tincomplete",
        "var\tdisc/dense/kernel\t[?,16]\t?",
        "var\tdisc/dense/bias\t[16]\t?",
        "var\tdisc/dense_1/kernel\t[16,1]\t?",
        "var\tdisc/dense_1/bias\t[1]\t?") + "\n", Compilations.manifest(c, "test.G"));
  }

  @Test
  @DisplayName("a held model whose constructor does more than assign (here: creates a variable) is unresolved")
  void busyConstructor() throws IOException {
    JavaFileObject busy = source("test.D",
        "@Model",
        "public abstract class D {",
        "  protected final Ops tf;",
        "  protected D(Ops tf) { this.tf = tf; tf.getVariable(\"made\", Shape.of(1)); }",
        "  @VariableScope(\"disc\")",
        "  public Tensor probability(Tensor x, @ScopeReuse boolean reuse) {",
        "    return tf.matMul(x, tf.getVariable(\"w\", Shape.of(4, 1)));",
        "  }",
        "}");
    Compilation c = Compilations.compile(busy, holder(
        "  protected G(Ops tf) { this.tf = tf; }",
        "  public Tensor build(Tensor real, Tensor fake) {",
        "    D d = ScopedD.create(tf);",
        "    return tf.sub(d.probability(real, false), d.probability(fake, false));",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals("root\tbuild(Tensor, Tensor)\tincomplete\n", Compilations.manifest(c, "test.G"));
  }
}
