package io.scopegraph.train;

import io.scopegraph.ScopeGraphException;

/** No variable got a gradient: {@code No gradients provided for any variable, ...} (TF's {@code ValueError}). */
public class NoGradientsException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public NoGradientsException(String message) {
    super(message);
  }
}
