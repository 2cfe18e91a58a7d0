package io.scopegraph;

/**
 * Base of the errors TensorFlow raises as {@code ValueError} or {@code TypeError}; each subclass carries
 * TensorFlow's message text with Python spellings replaced by Java ones ({@code reuse=Reuse.TRUE} for
 * {@code reuse=True}, {@code getVariable()} for {@code tf.get_variable()}, {@code null} for {@code None}).
 */
public class ScopeGraphException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ScopeGraphException(String message) {
    super(message);
  }
}
