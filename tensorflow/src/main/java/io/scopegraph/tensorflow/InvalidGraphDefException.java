package io.scopegraph.tensorflow;

/**
 * A GraphDef that does not import: bytes that are not a GraphDef, a node whose op type the runtime lacks, an
 * input naming a missing node or output, a duplicate name, a cycle, an attr of the wrong kind or a tensor whose
 * values do not fit its shape, inputs the op does not take. The message names the file (when read from one) and
 * the node. An {@link IllegalArgumentException}, as the import's errors always were.
 */
public class InvalidGraphDefException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidGraphDefException(String message) {
    super(message);
  }

  public InvalidGraphDefException(String message, Throwable cause) {
    super(message, cause);
  }
}
