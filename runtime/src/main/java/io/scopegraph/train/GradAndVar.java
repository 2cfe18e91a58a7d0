package io.scopegraph.train;

import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.Objects;

/**
 * One pair of {@code compute_gradients}' result and {@code apply_gradients}' argument: the gradient of the loss
 * with respect to {@code variable}, or null when the loss does not depend on it.
 */
public record GradAndVar(Tensor gradient, Variable variable) {
  public GradAndVar {
    Objects.requireNonNull(variable, "variable");
  }
}
