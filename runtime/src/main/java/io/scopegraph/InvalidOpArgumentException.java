package io.scopegraph;

/**
 * An op argument that TF's Python op function or its op-def library rejects with a {@code ValueError}: {@code Attr
 * 'padding' of 'Conv2D' Op passed string 'same' not in: "SAME", "VALID", "EXPLICIT".}, {@code tf.nn.dropout}'s
 * {@code You must provide a rate to dropout.} Thrown before anything is added.
 */
public class InvalidOpArgumentException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidOpArgumentException(String message) {
    super(message);
  }
}
