package io.scopegraph;

/**
 * An entered name scope; closing it restores the previous name scope. Use with try-with-resources on the
 * thread that opened it; closing out of order throws {@link ScopeNestingException}.
 */
public final class NameScopeHandle implements AutoCloseable {
  private final String name;
  private final ScopeEntry entry;

  /** {@code reset}: the scope was entered with no name ({@code null} or {@code ""}), which yields {@code ""}. */
  NameScopeHandle(String stack, boolean reset, ScopeEntry entry) {
    this.name = reset ? "" : stack + "/";
    this.entry = entry;
  }

  /**
   * The scope as Python's {@code with tf.name_scope(...) as scope} yields it: {@code "foo/bar/"}; {@code ""} for a
   * reset to the root ({@code null} or {@code ""}); an absolute name as given ({@code "foo5//"}, and {@code "/"},
   * whose ops are named at the root). Passing it back as a name re-enters this scope, or names an op exactly.
   */
  public String name() {
    return name;
  }

  @Override
  public void close() {
    entry.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
