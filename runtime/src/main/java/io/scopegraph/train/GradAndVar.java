package io.scopegraph.train;

import io.scopegraph.IndexedSlices;
import io.scopegraph.Tensor;
import io.scopegraph.TensorLike;
import io.scopegraph.Variable;
import java.util.Objects;

/**
 * One pair of {@code compute_gradients}' result and {@code apply_gradients}' argument: the gradient of the loss
 * with respect to {@code variable}, or null when the loss does not depend on it. As in TF, the gradient is a
 * dense {@link Tensor} or, for a variable read through an embedding lookup ({@code GatherV2}), an
 * {@link IndexedSlices}, which {@link Optimizer#applyGradients} applies to the named rows only
 * ({@code ScatterSub}, {@code SparseApply*}).
 */
public final class GradAndVar {
  private final TensorLike gradient;
  private final Variable variable;

  /** A dense (or absent) gradient. */
  public GradAndVar(Tensor gradient, Variable variable) {
    this((TensorLike) gradient, variable);
  }

  /** A dense or sparse gradient, or null. */
  public GradAndVar(TensorLike gradient, Variable variable) {
    this.gradient = gradient;
    this.variable = Objects.requireNonNull(variable, "variable");
  }

  /**
   * The dense gradient, or null.
   *
   * @throws IllegalStateException when the gradient is an {@link IndexedSlices} (see {@link #gradientOrSlices()})
   */
  public Tensor gradient() {
    if (gradient instanceof IndexedSlices s) {
      throw new IllegalStateException("The gradient of " + variable.name() + " is sparse (" + s
          + "); read it with gradientOrSlices() or indexedSlices()");
    }
    return (Tensor) gradient;
  }

  /** The gradient as TF holds it: a {@link Tensor}, an {@link IndexedSlices}, or null. */
  public TensorLike gradientOrSlices() {
    return gradient;
  }

  /** Whether the gradient is an {@link IndexedSlices}. */
  public boolean isSparse() {
    return gradient instanceof IndexedSlices;
  }

  /** The sparse gradient, or null when it is dense or absent. */
  public IndexedSlices indexedSlices() {
    return gradient instanceof IndexedSlices s ? s : null;
  }

  public Variable variable() {
    return variable;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GradAndVar p && Objects.equals(p.gradient, gradient) && p.variable.equals(variable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(gradient, variable);
  }

  @Override
  public String toString() {
    return "GradAndVar[gradient=" + gradient + ", variable=" + variable + "]";
  }
}
