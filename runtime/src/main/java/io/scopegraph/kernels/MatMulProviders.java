package io.scopegraph.kernels;

import java.lang.System.Logger.Level;

/**
 * Picks the {@link MatMulProvider} once, when this class initialises (as Lucene's {@code VectorizationProvider}
 * does): the Vector API one when the JVM was started with {@code --add-modules jdk.incubator.vector} and it
 * loads, plain loops otherwise. {@code -Dscopegraph.vector=false} forces plain loops.
 *
 * <p>{@code VectorMatMul} is named only as a string here: it links against {@code jdk.incubator.vector}, so
 * it must not even be loaded on a JVM without that module.
 */
final class MatMulProviders {
  /** The system property that turns the Vector API off ({@code false}); anything else leaves it on. */
  static final String PROPERTY = "scopegraph.vector";
  static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final MatMulProvider INSTANCE =
      choose(System.getProperty(PROPERTY), ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent());

  private MatMulProviders() {}

  static MatMulProvider get() {
    return INSTANCE;
  }

  static MatMulProvider choose(String property, boolean vectorModule) {
    if ("false".equalsIgnoreCase(property) || !vectorModule) {
      return PlainMatMul.INSTANCE;
    }
    try {
      return (MatMulProvider) Class.forName("io.scopegraph.kernels.VectorMatMul").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // The module is there but does not pay off here (no fast FMA, no C2, narrow vectors) or did not link.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.getLogger(MatMulProviders.class.getName()).log(Level.WARNING,
          "MatMul does not use the Vector API (" + cause + "); using plain Java loops");
      return PlainMatMul.INSTANCE;
    }
  }
}
