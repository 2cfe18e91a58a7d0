package io.scopegraph.train;

import io.scopegraph.ScopeGraphException;

/** An optimizer argument TensorFlow rejects: {@code Must specify the optimizer name}, {@code initial_accumulator_value must be positive: 0.0}, {@code gate_gradients must be one of: ...} (TF's {@code ValueError}). */
public class InvalidOptimizerArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidOptimizerArgumentException(String message) {
    super(message);
  }
}
