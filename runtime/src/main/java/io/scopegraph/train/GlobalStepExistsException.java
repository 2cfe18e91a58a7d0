package io.scopegraph.train;

import io.scopegraph.ScopeGraphException;

/** {@code createGlobalStep} when the graph has a global step: {@code "global_step" already exists.} (TF's {@code ValueError}). */
public class GlobalStepExistsException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public GlobalStepExistsException(String message) {
    super(message);
  }
}
