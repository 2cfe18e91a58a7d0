package io.scopegraph.layers;

import io.scopegraph.Graph;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The object names of layers ({@code layer.name}): TF's {@code to_snake_case} of the class name and Keras' per-graph,
 * per-base-name, one-based counter ({@code dense_1}, {@code dense_2}). Independent of every scope counter.
 */
final class LayerNames {
  private static final Pattern WORD = Pattern.compile("(.)([A-Z][a-z0-9]+)");
  private static final Pattern HUMP = Pattern.compile("([a-z])([A-Z])");
  private static final Map<Graph, Map<String, Integer>> COUNTERS = new WeakHashMap<>();

  private LayerNames() {}

  /** {@code Dense} → {@code dense}, {@code MaxPooling2D} → {@code max_pooling2d}, {@code Conv2D} → {@code conv2d}. */
  static String snakeCase(String className) {
    String words = WORD.matcher(className).replaceAll("$1_$2");
    return HUMP.matcher(words).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** The next object name for {@code base} in {@code graph}: {@code base_1} first. */
  static String unique(Graph graph, String base) {
    synchronized (COUNTERS) {
      Map<String, Integer> counts = COUNTERS.computeIfAbsent(graph, g -> new HashMap<>());
      int n = counts.merge(base, 1, Integer::sum);
      return base + "_" + n;
    }
  }
}
