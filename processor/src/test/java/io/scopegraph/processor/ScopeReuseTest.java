package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code @ScopeReuse}, TF's per-call {@code reuse} argument: its declaration diagnostics (one failing compilation
 * each, exact message) and how the call-site analysis reads each call's argument. The members of the test model
 * start on line 9.
 */
class ScopeReuseTest {

  private static JavaFileObject model(String... members) {
    return Compilations.layerModelWith(members);
  }

  private static Compilation assertError(JavaFileObject m, String id, String line, String message) {
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:" + id + "] " + message).inFile(m).onLineContaining(line);
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(m), "nothing is generated for an invalid model");
    return c;
  }

  /** The discriminator: {@code def disc(x, reuse=False): with tf.variable_scope("disc", reuse=reuse)}. */
  private static final String[] DISC = {
      "  @VariableScope(\"disc\")",
      "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse) {",
      "    return tf.matMul(x, tf.getVariable(\"w\", Shape.of(4, 1)));",
      "  }"};

  /** The discriminator over a {@code Reuse}, with a dense layer. */
  private static final String[] CRITIC = {
      "  @VariableScope(\"critic\")",
      "  public Tensor critic(Tensor x, @ScopeReuse Reuse reuse) {",
      "    return tf.layers().dense(x, 1);",
      "  }"};

  private static JavaFileObject with(String[] callee, String... members) {
    String[] all = new String[callee.length + members.length];
    System.arraycopy(callee, 0, all, 0, callee.length);
    System.arraycopy(members, 0, all, callee.length, members.length);
    return model(all);
  }

  // ---------------------------------------------------------------------------------------------
  // Declarations

  @Test
  @DisplayName("ScopeReuseType: a parameter neither Reuse nor boolean")
  void wrongType() {
    assertError(model(
        "  @VariableScope(\"disc\")",
        "  public Tensor disc(Tensor x, @ScopeReuse Boolean reuse) { return x; }"), "ScopeReuseType",
        "@ScopeReuse Boolean", "@ScopeReuse parameter 'reuse' of M.disc(Tensor, Boolean) is a Boolean, but it gives "
            + "the variable scope's reuse on each call (TF's reuse argument: True, False/None or tf.AUTO_REUSE). "
            + "Change its type to io.scopegraph.Reuse (TRUE, AUTO; FALSE or null inherit) or boolean (true = "
            + "Reuse.TRUE, false inherits).");
  }

  @Test
  @DisplayName("DuplicateScopeReuse: two @ScopeReuse parameters on one method")
  void twice() {
    assertError(model(
        "  @VariableScope(\"disc\")",
        "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse,",
        "      @ScopeReuse Reuse again) { return x; }"), "DuplicateScopeReuse", "Reuse again",
        "M.disc(Tensor, boolean, Reuse) has a second @ScopeReuse parameter 'again' after 'reuse', but its variable "
            + "scope takes one reuse per call. Remove one of them.");
  }

  @Test
  @DisplayName("ScopeReuseWithoutVariableScope: only a @NameScope, or no scope at all")
  void withoutVariableScope() {
    assertError(model(
        "  @NameScope(\"losses\")",
        "  public Tensor loss(Tensor x, @ScopeReuse boolean reuse) { return x; }"), "ScopeReuseWithoutVariableScope",
        "@ScopeReuse boolean", "@ScopeReuse on parameter 'reuse' of M.loss(Tensor, boolean) sets nothing: the method "
            + "has only @NameScope (a name scope has no reuse), and reuse belongs to a variable scope "
            + "(tf.variable_scope(name, reuse=...)). Add @VariableScope, or remove @ScopeReuse.");
    assertError(model(
        "  public Tensor plain(Tensor x, @ScopeReuse Reuse reuse) { return x; }"), "ScopeReuseWithoutVariableScope",
        "@ScopeReuse Reuse", "@ScopeReuse on parameter 'reuse' of M.plain(Tensor, Reuse) sets nothing: the method "
            + "has no @VariableScope, and reuse belongs to a variable scope");
  }

  @Test
  @DisplayName("ScopeReuseConflict: next to a fixed reuse in @VariableScope, on the reuse value")
  void conflict() {
    assertError(model(
        "  @VariableScope(value = \"disc\",",
        "      reuse = Reuse.AUTO)",
        "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse) { return x; }"), "ScopeReuseConflict",
        "reuse = Reuse.AUTO", "M.disc(Tensor, boolean) sets its variable scope's reuse twice: reuse = Reuse.AUTO in "
            + "@VariableScope and the @ScopeReuse parameter 'reuse'. Remove one of them (a per-call Reuse.AUTO is "
            + "passed as the argument).");
  }

  @Test
  @DisplayName("ScopeReuseWithoutName: a scope with only a default name cannot be reused")
  void withoutName() {
    assertError(model(
        "  @VariableScope(defaultName = \"disc\")",
        "  public Tensor disc(Tensor x, @ScopeReuse boolean reuse) { return x; }"), "ScopeReuseWithoutName",
        "@ScopeReuse boolean", "@ScopeReuse parameter 'reuse' of M.disc(Tensor, boolean), whose variable scope has "
            + "only a default name: a default name is made unique on every call, so nothing can be shared, and "
            + "TensorFlow raises \"reuse=True cannot be used without a name_or_scope\" whenever the argument is true "
            + "or AUTO. Give the scope a value or a @ScopeName parameter, or remove @ScopeReuse.");
    assertThat(Compilations.compile(model(
        "  @VariableScope(defaultName = \"disc\")",
        "  public Tensor disc(@ScopeName String name, Tensor x, @ScopeReuse Reuse reuse) {",
        "    tf.getVariable(\"w\", Shape.of(1));",
        "    return x;",
        "  }",
        "  public Tensor twice(Tensor x) { return tf.sub(disc(\"d\", x, null), disc(\"d\", x, Reuse.TRUE)); }")))
        .succeededWithoutWarnings();
  }

  @Test
  @DisplayName("a valid @ScopeReuse model compiles without a warning")
  void valid() {
    assertThat(Compilations.compile(Compilations.model("com/example/Gan.java"))).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------------------------------------
  // Call sites

  @Test
  @DisplayName("the forgotten-reuse GAN: disc(real, false) then disc(fake, false) fails at the second call")
  void forgottenReuse() {
    assertError(with(DISC,
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor dReal = disc(real, false);",
        "    Tensor dFake = disc(fake, false); // forgot reuse",
        "    return tf.sub(dReal, dFake);",
        "  }"), "DuplicateVariable", "// forgot reuse", "Variable disc/w is created again here without reuse "
            + "(first created at line 14): TensorFlow raises \"Variable disc/w already exists, disallowed. Did you mean "
            + "to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\" (VariableAlreadyExistsException) when "
            + "M.gan(Tensor, Tensor) runs.");
  }

  @Test
  @DisplayName("the forgotten-reuse GAN with a dense layer: the layer's clash at the second call")
  void forgottenReuseWithLayer() {
    assertError(with(CRITIC,
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor dReal = critic(real, null);",
        "    Tensor dFake = critic(fake, Reuse.FALSE); // forgot reuse",
        "    return tf.sub(dReal, dFake);",
        "  }"), "DuplicateVariable", "// forgot reuse", "Layer variable critic/dense/kernel is created again here "
            + "without reuse (first created at line 14)");
  }

  @Test
  @DisplayName("disc(real, false) then disc(fake, true) is clean, the manifest lists the shared variable once")
  void correctGan() throws IOException {
    Compilation c = Compilations.compile(with(DISC,
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    return tf.sub(disc(real, false), disc(fake, true));",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdisc(Tensor, boolean)\tcomplete",
        "var\tdisc/w\t[4,1]\tfloat32",
        "root\tgan(Tensor, Tensor)\tcomplete",
        "var\tdisc/w\t[4,1]\tfloat32") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("layers: critic(real, null) then critic(fake, Reuse.TRUE) or Reuse.AUTO share the dense variables")
  void layersShared() throws IOException {
    Compilation c = Compilations.compile(with(CRITIC,
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor a = critic(real, null);",
        "    Tensor b = critic(fake, Reuse.TRUE);",
        "    return tf.sub(a, critic(fake, Reuse.AUTO));",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tcritic(Tensor, Reuse)\tcomplete",
        "var\tcritic/dense/kernel\t[?,1]\t?",
        "var\tcritic/dense/bias\t[1]\t?",
        "root\tgan(Tensor, Tensor)\tcomplete",
        "var\tcritic/dense/kernel\t[?,1]\t?",
        "var\tcritic/dense/bias\t[1]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("Reuse.FALSE and null inherit: an error after a creating call, silent under an AUTO scope")
  void falseAndNullInherit() {
    assertError(with(CRITIC,
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor a = critic(real, Reuse.FALSE);",
        "    return tf.sub(a, critic(fake, null)); // second",
        "  }"), "DuplicateVariable", "// second", "Layer variable critic/dense/kernel is created again here");
    assertThat(Compilations.compile(with(DISC,
        "  @VariableScope(value = \"outer\", reuse = Reuse.AUTO)",
        "  public Tensor twice(Tensor x) {",
        "    return tf.sub(disc(x, false), disc(x, false));",
        "  }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("constants: a boolean constant and a final Reuse field give the call's reuse")
  void constants() {
    assertThat(Compilations.compile(with(DISC,
        "  static final boolean SHARE = true;",
        "  private static final Reuse SHARED = Reuse.TRUE;",
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor a = disc(real, false);",
        "    Tensor b = disc(fake, SHARE);",
        "    return tf.sub(a, b);",
        "  }",
        "  @VariableScope(\"c\")",
        "  public Tensor c(Tensor x, @ScopeReuse Reuse reuse) { tf.getVariable(\"v\", Shape.of(1)); return x; }",
        "  public Tensor cc(Tensor x) { return tf.sub(c(x, null), c(x, SHARED)); }"))).succeededWithoutWarnings();
    assertError(with(DISC,
        "  static final boolean FRESH = false;",
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor a = disc(real, FRESH);",
        "    return tf.sub(a, disc(fake, FRESH)); // second",
        "  }"), "DuplicateVariable", "// second", "Variable disc/w is created again here without reuse");
    assertError(with(CRITIC,
        "  static final Reuse FRESH = Reuse.FALSE;",
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor a = critic(real, FRESH);",
        "    return tf.sub(a, critic(fake, FRESH)); // second",
        "  }"), "DuplicateVariable", "// second", "Layer variable critic/dense/kernel is created again here");
  }

  @Test
  @DisplayName("a non-literal argument: that call's reuse is unknown, no error and no guess")
  void nonLiteral() throws IOException {
    Compilation c = Compilations.compile(with(DISC,
        "  public Tensor gan(Tensor real, Tensor fake, boolean share) {",
        "    Tensor a = disc(real, false);",
        "    return tf.sub(a, disc(fake, share));",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdisc(Tensor, boolean)\tcomplete",
        "var\tdisc/w\t[4,1]\tfloat32",
        "root\tgan(Tensor, Tensor, boolean)\tcomplete",
        "var\tdisc/w\t[4,1]\tfloat32") + "\n", Compilations.manifest(c));
  }
}
