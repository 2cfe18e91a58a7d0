package io.scopegraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.Graph;
import io.scopegraph.InvalidScopeNameException;
import io.scopegraph.Ops;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The processor's copy of TensorFlow's name patterns ({@link ScopeNames}, used at compile time without building a
 * graph) agrees with the runtime's own check on random names: a name the processor rejects is exactly one the
 * runtime raises {@code InvalidScopeNameException} for, at the root and inside a scope.
 */
class ScopeNamesAgreeTest {
  private static final String ALPHABET = "aZ09._-/ $\u00e9\u0000:";

  @Test
  @DisplayName("ScopeNames agrees with the runtime's name_scope check on 20,000 random names")
  void agreesWithRuntime() {
    Random random = new Random(15);
    for (int i = 0; i < 20_000; i++) {
      int length = 1 + random.nextInt(6);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < length; j++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String name = sb.toString();
      if (name.endsWith("/")) {
        continue; // an absolute name: its own diagnostic (AbsoluteScopeName), not a pattern
      }
      assertEquals(ScopeNames.isValid(name), runtimeAccepts(name, false), "at the root: '" + name + "'");
      assertEquals(ScopeNames.isValidNested(name), runtimeAccepts(name, true), "nested: '" + name + "'");
    }
  }

  private static boolean runtimeAccepts(String name, boolean nested) {
    Ops tf = Ops.on(new Graph());
    try (var outer = nested ? tf.nameScope("outer") : null; var scope = tf.nameScope(name)) {
      return true;
    } catch (InvalidScopeNameException e) {
      assertEquals("'" + name + "' is not a valid scope name", e.getMessage());
      return false;
    }
  }
}
