package io.scopegraph.train;

import io.scopegraph.ScopeGraphException;

/** A loss (or variable) of a dtype optimizers cannot differentiate: {@code Invalid type int32 for Sum:0, expected: [float16, bfloat16, float32, float64].} (TF's {@code ValueError}). */
public class InvalidLossTypeException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidLossTypeException(String message) {
    super(message);
  }
}
