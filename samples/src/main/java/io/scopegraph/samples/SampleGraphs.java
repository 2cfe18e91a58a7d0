package io.scopegraph.samples;

import io.scopegraph.Graph;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the seed examples get their graphs: a new graph each, which a caller can also collect (the tests run
 * every example's graph on TensorFlow too).
 */
final class SampleGraphs {
  private static final ThreadLocal<List<Graph>> RECORDING = new ThreadLocal<>();

  private SampleGraphs() {}

  static Graph newGraph() {
    Graph graph = new Graph();
    List<Graph> recording = RECORDING.get();
    if (recording != null) {
      recording.add(graph);
    }
    return graph;
  }

  /** Runs {@code example} and returns the graphs it built, in order. */
  static List<Graph> builtBy(Runnable example) {
    List<Graph> graphs = new ArrayList<>();
    RECORDING.set(graphs);
    try {
      example.run();
    } finally {
      RECORDING.remove();
    }
    return graphs;
  }
}
