package io.scopegraph;

/**
 * A projection an optimizer applies to a variable after each update ({@code constraint=} of
 * {@code get_variable} and {@code variable_scope}), e.g. a norm clip. The runtime records it on the variable
 * ({@link Variable#constraint()}) and never calls it itself: it has no optimizers. A scope's constraint holds
 * only in that scope: sub-scopes entered by name do not inherit it, and re-entering a captured scope does not
 * bring it back (pass it again), as in TF.
 */
@FunctionalInterface
public interface Constraint {
  /** The projected value of {@code x}, of the same shape. */
  Tensor apply(Tensor x);
}
