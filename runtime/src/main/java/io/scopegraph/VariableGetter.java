package io.scopegraph;

/**
 * The getter a {@link CustomGetter} receives: the next getter of the chain, which ends in {@code getVariable}'s
 * own store logic (TF's {@code _true_getter}). Pass it the request, changed or not.
 */
@FunctionalInterface
public interface VariableGetter {
  /** Gets or creates the (single) variable the request names; a custom getter further in may return any tensor. */
  Tensor get(VariableRequest request);

  /**
   * Gets or creates the partitioned variable the request names (its partitioner is set). Getters made by the
   * runtime support it; a lambda does not.
   */
  default PartitionedVariable getPartitioned(VariableRequest request) {
    throw new UnsupportedOperationException("This VariableGetter cannot get partitioned variables ("
        + request.name() + ")");
  }
}
