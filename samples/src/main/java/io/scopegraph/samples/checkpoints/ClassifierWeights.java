package io.scopegraph.samples.checkpoints;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.VarScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights in the shipped checkpoint {@code checkpoints/classifier/model.ckpt}, as if a TF 1.15 training run
 * had left them: the classifier scores class 1 when the first input is the largest. TensorFlow's own
 * {@code SaveV2} wrote the files from a graph {@link #graph()} builds (a test regenerates them on TensorFlow and
 * checks they are byte for byte the shipped ones).
 */
public final class ClassifierWeights {
  private ClassifierWeights() {}

  /** The values by checkpoint key, in key order. */
  public static Map<String, NdArray> values() {
    Map<String, NdArray> v = new LinkedHashMap<>();
    v.put("classifier/hidden/bias", NdArray.of(0f, 0f, 0.1f, 0f));
    v.put("classifier/hidden/kernel", NdArray.of(new float[][] {
        {1.0f, -1.0f, 0.5f, 0.0f}, {-1.0f, 1.0f, 0.0f, 0.5f}, {-1.0f, 0.0f, 1.0f, 0.5f}}));
    v.put("classifier/output/bias", NdArray.of(0.25f, -0.25f));
    v.put("classifier/output/kernel", NdArray.of(new float[][] {
        {-2.0f, 2.0f}, {1.0f, -1.0f}, {0.5f, -0.5f}, {0.5f, -0.5f}}));
    return v;
  }

  /** A graph holding exactly these variables (initialised to the values), for a saver to write. */
  public static Graph graph() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    for (Map.Entry<String, NdArray> e : values().entrySet()) {
      String[] parts = e.getKey().split("/");
      try (VarScope a = tf.variableScope(parts[0]); VarScope b = tf.variableScope(parts[1])) {
        tf.getVariable(parts[2], e.getValue());
      }
    }
    return g;
  }
}
