package io.scopegraph;

/** {@code tf.AggregationMethod}: how {@link Ops#gradients} sums several gradients of one tensor. */
public enum AggregationMethod {
  /** One {@code AddN} per tensor in the {@code gradients/} scope (TF's default). */
  ADD_N,
  /** Pairwise {@code AddN}s in {@code gradients/<op>_gradient_sum/}. */
  EXPERIMENTAL_TREE,
  /** One {@code AccumulateNV2} for more than two gradients of a fully known shape, else as {@link #EXPERIMENTAL_TREE}. */
  EXPERIMENTAL_ACCUMULATE_N
}
