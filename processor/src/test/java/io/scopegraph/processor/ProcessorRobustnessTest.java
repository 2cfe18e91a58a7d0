package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.StandardLocation;
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

  private static String manifest(Compilation c) throws IOException {
    return c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/scopegraph/test.M.variables").orElseThrow()
        .getCharContent(false).toString().lines().skip(1).map(l -> l + "\n").reduce("", String::concat);
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
        "root\tnet(Tensor)\tincomplete") + "\n", manifest(c));
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
