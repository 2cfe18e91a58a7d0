package io.scopegraph.layers;

/** Asking a layer for what only its first call decides (its scope name) before that call. */
public class LayerNotBuiltException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public LayerNotBuiltException(String message) {
    super(message);
  }
}
