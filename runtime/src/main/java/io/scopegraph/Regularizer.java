package io.scopegraph;

/**
 * Builds the regularization loss of a new variable ({@code regularizer=} of {@code get_variable} and
 * {@code variable_scope}). {@code getVariable} calls it once, when it creates the variable (never on reuse),
 * in the absolute name scope {@code <variable>/Regularizer/}, and adds a non-null result to
 * {@link Graph#REGULARIZATION_LOSSES}. {@link Regularizers} has TF's {@code l1}, {@code l2} and
 * {@code no_regularizer}.
 *
 * <pre>{@code
 * Regularizer meanPlus = w -> Ops.on(w.graph()).mean(w).add(0.1f);   // reduce_mean(w) + 0.1
 * }</pre>
 */
@FunctionalInterface
public interface Regularizer {
  /**
   * The loss for {@code weights} (the variable; ops read its {@code read} snapshot), or null for none.
   */
  Tensor apply(Tensor weights);
}
