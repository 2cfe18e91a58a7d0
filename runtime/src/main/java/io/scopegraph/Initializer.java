package io.scopegraph;

/**
 * Builds the ops that compute a variable's initial value, in the current name scope
 * ({@code v/Initializer/} when {@code getVariable} calls it). See {@link Initializers} for TF's
 * initializers.
 */
@FunctionalInterface
public interface Initializer {
  /**
   * Creates the initial value.
   *
   * @param tf ops of the variable's graph
   * @param shape a fully defined shape
   * @param dtype the variable's dtype
   */
  Tensor create(Ops tf, Shape shape, DType dtype);

  /**
   * Creates the initial value of one shard of a partitioned variable of shape {@code fullShape} (TF passes
   * {@code partition_info}). By default the shard is initialized like a variable of its own shape; the
   * variance-scaling initializers ({@link Initializers#glorotUniform()}) take their scale from the full shape,
   * as TF's do.
   */
  default Tensor createShard(Ops tf, Shape shardShape, DType dtype, Shape fullShape) {
    return create(tf, shardShape, dtype);
  }
}
