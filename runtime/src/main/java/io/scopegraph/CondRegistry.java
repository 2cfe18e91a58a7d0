package io.scopegraph;

import java.util.IdentityHashMap;

/**
 * What a graph remembers of its v1 conds once they are built: the branch each op belongs to (TF's
 * {@code op._get_control_flow_context()}, read by the gradients of {@code Switch} and {@code Merge}) and the ops
 * a session may not fetch ({@code Graph.prevent_fetching}: everything inside a branch, and the cond's own
 * {@code Switch}, pivots and {@code pred_id}). Guarded by the graph lock; changes are undone with a failed call.
 */
final class CondRegistry {
  private final Graph graph;
  private final IdentityHashMap<Operation, CondContext> contexts = new IdentityHashMap<>();
  private final IdentityHashMap<Operation, Boolean> notFetchable = new IdentityHashMap<>();

  CondRegistry(Graph graph) {
    this.graph = graph;
  }

  /** The branch {@code op} was built in, or null (outside any cond). */
  CondContext contextOf(Operation op) {
    return contexts.isEmpty() ? null : contexts.get(op);
  }

  void setContext(Operation op, CondContext context) {
    CondContext before = contexts.put(op, context);
    graph.onUndo(() -> {
      if (before == null) {
        contexts.remove(op);
      } else {
        contexts.put(op, before);
      }
    });
  }

  /** {@code op} belongs to {@code context}, and cannot be fetched. */
  void join(Operation op, CondContext context) {
    setContext(op, context);
    preventFetching(op);
  }

  void preventFetching(Operation op) {
    if (notFetchable.put(op, Boolean.TRUE) == null) {
      graph.onUndo(() -> notFetchable.remove(op));
    }
  }

  boolean isFetchable(Operation op) {
    return notFetchable.isEmpty() || !notFetchable.containsKey(op);
  }
}
