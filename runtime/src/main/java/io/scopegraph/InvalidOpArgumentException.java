package io.scopegraph;

/**
 * An op argument that TF's Python wrapper or its op-def library rejects with a {@code ValueError}: {@code Attr
 * 'padding' of 'Conv2D' Op passed string 'same' not in: "SAME", "VALID", "EXPLICIT".}
 */
public class InvalidOpArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidOpArgumentException(String message) {
    super(message);
  }
}
