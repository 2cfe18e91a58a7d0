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
}
