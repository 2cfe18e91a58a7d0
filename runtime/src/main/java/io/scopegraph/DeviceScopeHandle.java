package io.scopegraph;

/**
 * An entered device scope ({@code with tf.device(...)}); closing it restores the enclosing device scopes. Use
 * with try-with-resources on the thread that opened it; closing out of order throws
 * {@link ScopeNestingException} ({@code Exiting device scope without proper scope nesting.}).
 */
public final class DeviceScopeHandle implements AutoCloseable {
  private final ScopeEntry entry;

  DeviceScopeHandle(ScopeEntry entry) {
    this.entry = entry;
  }

  @Override
  public void close() {
    entry.close();
  }
}
