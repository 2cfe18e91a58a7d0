package io.scopegraph;

import java.util.ArrayDeque;

/** Keeps a graph the thread's default graph until closed ({@link Graph#asDefault()}). */
public final class DefaultGraphHandle implements AutoCloseable {
  private static final ThreadLocal<ArrayDeque<Graph>> STACK = new ThreadLocal<>();
  private static final Graph GLOBAL_DEFAULT = new Graph();

  private final Graph graph;
  private final Thread owner = Thread.currentThread();
  private final int depth;
  private boolean closed;

  DefaultGraphHandle(Graph graph) {
    this.graph = graph;
    ArrayDeque<Graph> stack = STACK.get();
    if (stack == null) {
      stack = new ArrayDeque<>();
      STACK.set(stack);
    }
    stack.push(graph);
    depth = stack.size();
  }

  /** The innermost graph made default on this thread, else the process-wide default graph. */
  static Graph current() {
    ArrayDeque<Graph> stack = STACK.get();
    return stack == null || stack.isEmpty() ? GLOBAL_DEFAULT : stack.peek();
  }

  public Graph graph() {
    return graph;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new ScopeNestingException("A default graph set on thread '" + owner.getName()
          + "' cannot be reset on thread '" + Thread.currentThread().getName() + "'.");
    }
    ArrayDeque<Graph> stack = STACK.get();
    if (stack == null || stack.size() != depth || stack.peek() != graph) {
      throw new ScopeNestingException("Improper nesting of Graph.asDefault().");
    }
    stack.pop();
    if (stack.isEmpty()) {
      STACK.remove(); // nothing of this graph stays behind on a pooled thread
    }
    closed = true;
  }
}
