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
 * Default names inside {@code for} loops of literal bound are replayed run by run (issue 15 item 4): TF leaves the
 * scopes entered in one run before the next, so a scope entered again counts its default names afresh.
 */
class DefaultNamesInLoopsTest {

  private static final String DENSE =
      "  @VariableScope(defaultName = \"dense\") public Tensor dense(Tensor x) { return tf.matMul(x, "
          + "tf.getVariable(\"kernel\", Shape.of(4, 4))); }";

  private static void assertOnlyError(JavaFileObject m, String line, String message) {
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining(message).inFile(m).onLineContaining(line);
    assertEquals(1, c.errors().size(), c.errors().toString());
  }

  @Test
  @DisplayName("a literal loop over a non-reusing scope: its default names start over each run, so they clash")
  void defaultNamesClashAcrossRuns() {
    assertOnlyError(Compilations.modelWith(
        DENSE,
        "  @VariableScope(\"block\") public Tensor block(Tensor h) { return dense(dense(h)); }",
        "  public Tensor net(Tensor h) {",
        "    for (int i = 0; i < 2; i++) {",
        "      h = block(h); // in loop",
        "    }",
        "    return h;",
        "  }"), "// in loop", "[scopegraph:DuplicateVariable] Variable block/dense/kernel is created again here "
            + "without reuse (in a loop that runs it 2 times): TensorFlow raises \"Variable block/dense/kernel "
            + "already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\" "
            + "(VariableAlreadyExistsException) when M.net(Tensor) runs.");
  }

  @Test
  @DisplayName("the same loop over an AUTO scope shares block/dense and block/dense_1: clean, and a complete manifest")
  void autoScopeSharesEachRun() throws IOException {
    Compilation c = Compilations.compile(Compilations.modelWith(
        DENSE,
        "  @VariableScope(value = \"block\", reuse = Reuse.AUTO)",
        "  public Tensor block(Tensor h) { return dense(dense(h)); }",
        "  public Tensor net(Tensor h) {",
        "    for (int i = 0; i < 2; i++) {",
        "      h = block(h);",
        "    }",
        "    return h;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdense(Tensor)\tcomplete",
        "var\tdense/kernel\t[4,4]\tfloat32",
        "root\tblock(Tensor)\tcomplete",
        "var\tblock/dense/kernel\t[4,4]\tfloat32",
        "var\tblock/dense_1/kernel\t[4,4]\tfloat32",
        "root\tnet(Tensor)\tcomplete",
        "var\tblock/dense/kernel\t[4,4]\tfloat32",
        "var\tblock/dense_1/kernel\t[4,4]\tfloat32") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("a literal loop at the root: the root scope never exits, so each run takes the next default name")
  void defaultNamesAtTheRootGoOn() throws IOException {
    Compilation c = Compilations.compile(Compilations.modelWith(
        DENSE,
        "  public Tensor net(Tensor h) {",
        "    for (int i = 0; i < 3; i++) {",
        "      h = dense(h);",
        "    }",
        "    return h;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdense(Tensor)\tcomplete",
        "var\tdense/kernel\t[4,4]\tfloat32",
        "root\tnet(Tensor)\tcomplete",
        "var\tdense/kernel\t[4,4]\tfloat32",
        "var\tdense_1/kernel\t[4,4]\tfloat32",
        "var\tdense_2/kernel\t[4,4]\tfloat32") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("a loop whose bound is not a literal keeps the default names unknown: silent, incomplete")
  void nonLiteralBoundStaysUnknown() throws IOException {
    Compilation c = Compilations.compile(Compilations.modelWith(
        DENSE,
        "  @VariableScope(\"block\") public Tensor block(Tensor h) { return dense(dense(h)); }",
        "  public Tensor net(Tensor h, int n) {",
        "    for (int i = 0; i < n; i++) {",
        "      h = block(h);",
        "    }",
        "    return h;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdense(Tensor)\tcomplete",
        "var\tdense/kernel\t[4,4]\tfloat32",
        "root\tblock(Tensor)\tcomplete",
        "var\tblock/dense/kernel\t[4,4]\tfloat32",
        "var\tblock/dense_1/kernel\t[4,4]\tfloat32",
        "root\tnet(Tensor, int)\tincomplete") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("unnamed layers in a scoped method called in a literal loop: the same clash, and AUTO shares them")
  void unnamedLayersInALoop() throws IOException {
    assertOnlyError(Compilations.layerModelWith(
        "  @VariableScope(\"block\")",
        "  public Tensor block(Tensor h) { return tf.layers().dense(tf.layers().dense(h, 4), 4); }",
        "  public Tensor net(Tensor h) {",
        "    for (int i = 0; i < 2; i++) {",
        "      h = block(h); // in loop",
        "    }",
        "    return h;",
        "  }"), "// in loop", "[scopegraph:DuplicateVariable] Layer variable block/dense/kernel is created again "
            + "here without reuse (in a loop that runs it 2 times)");
    Compilation c = Compilations.compile(Compilations.layerModelWith(
        "  @VariableScope(value = \"block\", reuse = Reuse.AUTO)",
        "  public Tensor block(Tensor h) { return tf.layers().dense(tf.layers().dense(h, 4), 4); }",
        "  public Tensor net(Tensor h) {",
        "    for (int i = 0; i < 2; i++) {",
        "      h = block(h);",
        "    }",
        "    return h;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tblock(Tensor)\tcomplete",
        "var\tblock/dense/kernel\t[?,4]\t?",
        "var\tblock/dense/bias\t[4]\t?",
        "var\tblock/dense_1/kernel\t[4,4]\t?",
        "var\tblock/dense_1/bias\t[4]\t?",
        "root\tnet(Tensor)\tcomplete",
        "var\tblock/dense/kernel\t[?,4]\t?",
        "var\tblock/dense/bias\t[4]\t?",
        "var\tblock/dense_1/kernel\t[4,4]\t?",
        "var\tblock/dense_1/bias\t[4]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("one loop reached through two calls is two loops, each replayed in its own scope")
  void sameLoopThroughTwoCalls() throws IOException {
    Compilation c = Compilations.compile(Compilations.modelWith(
        DENSE,
        "  public Tensor twice(Tensor h) {",
        "    for (int i = 0; i < 2; i++) {",
        "      h = dense(h);",
        "    }",
        "    return h;",
        "  }",
        "  @VariableScope(\"a\") public Tensor a(Tensor h) { return twice(h); }",
        "  @VariableScope(\"b\") public Tensor b(Tensor h) { return twice(h); }",
        "  public Tensor both(Tensor h) { return b(a(h)); }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tboth(Tensor)\tcomplete",
        "var\ta/dense/kernel\t[4,4]\tfloat32",
        "var\ta/dense_1/kernel\t[4,4]\tfloat32",
        "var\tb/dense/kernel\t[4,4]\tfloat32",
        "var\tb/dense_1/kernel\t[4,4]\tfloat32"), Compilations.manifest(c).lines()
            .dropWhile(l -> !l.startsWith("root\tboth")).reduce((x, y) -> x + "\n" + y).orElseThrow());
  }

  // Branches: each arm is replayed from the counts before the branch

  @Test
  @DisplayName("a default name in an if arm is known (as if the arm ran): its clash is a warning, as a fixed name's")
  void defaultNameInAnArm() {
    JavaFileObject m = Compilations.modelWith(
        DENSE,
        "  @VariableScope(\"block\") public Tensor block(Tensor h, boolean deep) {",
        "    h = dense(h);",
        "    if (deep) {",
        "      h = dense(h);",
        "    }",
        "    return h;",
        "  }",
        "  public Tensor net(Tensor h, boolean deep) {",
        "    h = block(h, deep);",
        "    return block(h, deep); // again",
        "  }");
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:DuplicateVariable] Variable block/dense/kernel is created again "
        + "here without reuse").inFile(m).onLineContaining("// again");
    assertThat(c).hadWarningContaining("[scopegraph:MaybeDuplicateVariable] Variable block/dense_1/kernel may be "
        + "created again here without reuse").inFile(m).onLineContaining("// again");
    assertEquals(1, c.errors().size(), c.errors().toString());
    assertEquals(1, c.warnings().size(), c.warnings().toString());
  }

  @Test
  @DisplayName("both arms take the same default name: never both, so no clash; after the branch the count is unsure")
  void armsStartFromTheSameCounts() throws IOException {
    Compilation c = Compilations.compile(Compilations.modelWith(
        DENSE,
        "  @VariableScope(value = \"block\", reuse = Reuse.AUTO)",
        "  public Tensor block(Tensor h, boolean wide) {",
        "    if (wide) {",
        "      h = dense(h);",
        "    } else {",
        "      h = tf.relu(dense(h));",
        "    }",
        "    return dense(h);",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tdense(Tensor)\tcomplete",
        "var\tdense/kernel\t[4,4]\tfloat32",
        "root\tblock(Tensor, boolean)\tincomplete") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("the same method's branch reached through two calls is two branches: both arms may run")
  void oneBranchThroughTwoCalls() {
    JavaFileObject m = Compilations.modelWith(
        "  public Tensor pick(Tensor h, boolean left) {",
        "    if (left) {",
        "      return tf.matMul(h, tf.getVariable(\"w\", Shape.of(4, 4)));",
        "    } else {",
        "      return tf.matMul(h, tf.getVariable(\"w\", Shape.of(4, 4)));",
        "    }",
        "  }",
        "  public Tensor both(Tensor h) {",
        "    return pick(pick(h, true), false); // twice",
        "  }");
    Compilation c = Compilations.compile(m);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[scopegraph:MaybeDuplicateVariable] Variable w may be created again here "
        + "without reuse").inFile(m).onLineContaining("// twice");
  }
}
