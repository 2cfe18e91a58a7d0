package io.scopegraph.layers;

import io.scopegraph.ScopeGraphException;

/**
 * TF's {@code ValueError} for an input a layer cannot take: the wrong rank, a width other than the one it was built
 * for, or an undefined dimension its variables need. The message names the layer by its object name.
 */
public class IncompatibleInputException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public IncompatibleInputException(String message) {
    super(message);
  }
}
