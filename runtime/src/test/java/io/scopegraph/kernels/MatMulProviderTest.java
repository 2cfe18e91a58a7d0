package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Which {@link MatMulProvider} runs. The build runs this class twice, telling each run what to expect through
 * {@code -Dscopegraph.expectedMatMulProvider}: {@code plain} by default, {@code vector} in the run with
 * {@code --add-modules jdk.incubator.vector} (runtime/pom.xml).
 */
class MatMulProviderTest {
  private static boolean vectorModule() {
    return ModuleLayer.boot().findModule(MatMulProviders.VECTOR_MODULE).isPresent();
  }

  @Test
  void theProviderThisBuildExpectsIsActive() {
    String expected = System.getProperty("scopegraph.expectedMatMulProvider");
    assumeTrue(expected != null, "run by the build, which says which provider to expect");
    assertEquals(expected, MatMulProviders.get().name());
    assertEquals(expected.equals("vector"), vectorModule());
  }

  @Test
  void withoutTheVectorModuleLoopsArePlain() {
    assertEquals("plain", MatMulProviders.choose(null, false).name());
    assertEquals("plain", MatMulProviders.choose("true", false).name());
  }

  @Test
  void thePropertyTurnsTheVectorApiOff() {
    assertEquals("plain", MatMulProviders.choose("false", true).name());
    assertEquals("plain", MatMulProviders.choose("FALSE", vectorModule()).name());
  }

  @Test
  void withTheVectorModuleTheVectorApiIsUsed() {
    assumeTrue(vectorModule(), "needs --add-modules jdk.incubator.vector");
    assertEquals("vector", MatMulProviders.choose(null, true).name());
    assertEquals("vector", MatMulProviders.choose("true", true).name());
  }
}
