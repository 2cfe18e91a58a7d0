package io.scopegraph;

/**
 * A run fetched or targeted an op that only exists inside a branch of a v1 {@code cond} (TF's
 * {@code ValueError}): {@code Operation 'cond/switch_t' has been marked as not fetchable.}
 */
public class NotFetchableException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public NotFetchableException(String message) {
    super(message);
  }
}
