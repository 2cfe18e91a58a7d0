package io.scopegraph.benchmarks;

import io.scopegraph.Graph;
import io.scopegraph.tensorflow.GraphDefs;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Shared set-up for the TensorFlow Java peers: where JavaCPP unpacks TensorFlow's native library
 * ({@code benchmarks/target/javacpp}, next to the benchmarks jar, unless {@code -Dorg.bytedeco.javacpp.cachedir}
 * is given) and the session configuration with TensorFlow's graph optimisers turned off.
 */
final class TensorFlowSupport {
  private TensorFlowSupport() {}

  /** Call before the first use of an {@code org.tensorflow} class. */
  static synchronized void init() {
    if (System.getProperty("org.bytedeco.javacpp.cachedir") != null) {
      return;
    }
    try {
      Path jar = Path.of(TensorFlowSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      System.setProperty("org.bytedeco.javacpp.cachedir", jar.getParent().resolve("javacpp").toString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A session configuration with the classic optimiser at L0 and Grappler's meta-optimiser disabled. */
  static ConfigProto optimizerOff() {
    return ConfigProto.newBuilder()
        .setGraphOptions(GraphOptions.newBuilder()
            .setOptimizerOptions(OptimizerOptions.newBuilder()
                .setOptLevel(OptimizerOptions.Level.L0)
                .setDoConstantFolding(false)
                .setDoCommonSubexpressionElimination(false)
                .setDoFunctionInlining(false))
            .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
        .build();
  }

  /** The same graph in TensorFlow: exported with {@link GraphDefs#export} and imported, names unchanged. */
  static org.tensorflow.Graph toTensorFlow(Graph graph) {
    init();
    org.tensorflow.Graph tf = new org.tensorflow.Graph();
    tf.importGraphDef(GraphDefs.export(graph));
    return tf;
  }
}
