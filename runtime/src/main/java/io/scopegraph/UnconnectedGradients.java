package io.scopegraph;

/** {@code tf.UnconnectedGradients}: what {@link Ops#gradients} returns for an {@code x} the {@code ys} do not depend on. */
public enum UnconnectedGradients {
  /** {@code null}. */
  NONE,
  /** {@code zeros_like(x)}, created in the caller's name scope. */
  ZERO
}
