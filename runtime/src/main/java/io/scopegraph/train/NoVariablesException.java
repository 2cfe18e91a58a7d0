package io.scopegraph.train;

import io.scopegraph.ScopeGraphException;

/** No variables to optimize or provided: {@code No variables to optimize.}, {@code No variables provided.} (TF's {@code ValueError}). */
public class NoVariablesException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public NoVariablesException(String message) {
    super(message);
  }
}
