package io.scopegraph;

/**
 * A variable scope's sharing mode, as {@code reuse=} of {@code tf.variable_scope}.
 *
 * <ul>
 *   <li>{@link #FALSE}: inherit the parent's mode (TF's {@code None}/{@code False}); at the root,
 *       {@code getVariable} creates and refuses an existing variable.
 *   <li>{@link #TRUE}: {@code getVariable} returns an existing variable and refuses a missing one; inherited
 *       by sub-scopes and cannot be undone below.
 *   <li>{@link #AUTO}: get or create ({@code tf.AUTO_REUSE}).
 * </ul>
 */
public enum Reuse {
  FALSE,
  TRUE,
  AUTO;

  /** Python truthiness: {@code TRUE} and {@code AUTO} are true. */
  boolean isSet() {
    return this != FALSE;
  }

  /** Python's {@code reuse or parent_reuse}. */
  Reuse or(Reuse parent) {
    return isSet() ? this : parent;
  }
}
