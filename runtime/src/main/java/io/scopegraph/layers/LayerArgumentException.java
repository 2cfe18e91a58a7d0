package io.scopegraph.layers;

import io.scopegraph.ScopeGraphException;

/** TF's {@code ValueError} for a layer argument that cannot work (a stride of three numbers, an unknown padding). */
public class LayerArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public LayerArgumentException(String message) {
    super(message);
  }
}
