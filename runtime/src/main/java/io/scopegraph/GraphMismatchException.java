package io.scopegraph;

/** Tensors from different graphs were mixed: {@code x must be from the same graph as y.} */
public class GraphMismatchException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public GraphMismatchException(String message) {
    super(message);
  }
}
