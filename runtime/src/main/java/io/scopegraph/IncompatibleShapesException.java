package io.scopegraph;

/** An op's input shapes do not fit, detected when the op is created: {@code Dimensions must be equal, but are 3 and 4 for 'add' (op: 'AddV2') with input shapes: [3], [4].} */
public class IncompatibleShapesException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public IncompatibleShapesException(String message) {
    super(message);
  }
}
