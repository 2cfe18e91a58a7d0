package io.scopegraph;

/** A device string TensorFlow cannot parse: {@code Unknown attribute: 'gpu0' in '/gpu0'}; {@code Cannot specify multiple device types: /cpu:0/gpu:0}. */
public class InvalidDeviceException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidDeviceException(String message) {
    super(message);
  }
}
