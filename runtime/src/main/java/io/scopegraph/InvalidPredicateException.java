package io.scopegraph;

/**
 * The predicate of {@code smartCond} is neither a tensor, a boolean nor 1 or 0 (TF's {@code TypeError}):
 * {@code `pred` must be a Tensor, or a Java boolean, or 1 or 0. Found instead: java.lang.String}.
 */
public class InvalidPredicateException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public InvalidPredicateException(String message) {
    super(message);
  }
}
