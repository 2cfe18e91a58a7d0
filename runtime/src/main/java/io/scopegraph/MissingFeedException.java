package io.scopegraph;

/** A placeholder the run needs was not fed: {@code You must feed a value for placeholder tensor 'x' with dtype float and shape [?,3]} */
public class MissingFeedException extends ScopeGraphException {
  private static final long serialVersionUID = 1L;

  public MissingFeedException(String message) {
    super(message);
  }
}
