package io.scopegraph.layers;

import io.scopegraph.Graph;
import io.scopegraph.Operation;
import java.util.ArrayList;
import java.util.List;

/** The names of the ops a test's snippet added: everything after a given op, in creation order. */
final class GraphNames {
  private GraphNames() {}

  static List<String> opsAfter(Graph graph, String name) {
    List<String> names = new ArrayList<>();
    boolean after = false;
    for (Operation op : graph.operations()) {
      if (after) {
        names.add(op.name());
      }
      after |= op.name().equals(name);
    }
    return names;
  }
}
