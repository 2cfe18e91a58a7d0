package io.scopegraph;

/**
 * TF 2's {@code tf.name_scope(name)} object ({@code name_scope_v2}): it holds a name and can be entered any
 * number of times, even inside itself; each {@link #enter()} is {@link Graph#nameScope(String)} with that name
 * in the current name scope ({@code foo/}, then {@code foo/foo/} inside it). In a graph, as in TF's graph mode,
 * an entry whose name is taken in the current scope is uniquified like any name scope ({@code foo_1/}).
 */
public final class NameScopeV2 {
  private final Graph graph;
  private final String name;

  NameScopeV2(Graph graph, String name) {
    if (name == null) {
      throw new MissingScopeNameException("name for name_scope must be a string.");
    }
    this.graph = graph;
    this.name = name;
  }

  /** The name given. */
  public String name() {
    return name;
  }

  /** Enters the scope once more; {@link NameScopeHandle#name()} is what Python's {@code as scope} yields. */
  public NameScopeHandle enter() {
    return graph.nameScope(name);
  }

  @Override
  public String toString() {
    return "NameScopeV2('" + name + "')";
  }
}
