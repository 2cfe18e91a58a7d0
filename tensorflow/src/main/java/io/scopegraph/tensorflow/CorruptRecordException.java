package io.scopegraph.tensorflow;

import java.io.IOException;

/**
 * A TFRecord file (an event file, a {@code .tfrecord}) that is damaged: cut inside a record, a length or data
 * checksum that does not match, a length longer than the rest of the file. TensorFlow's {@code DataLossError}
 * for records. The message names the file (when read from one), the record's offset and what is wrong.
 */
public class CorruptRecordException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(message);
  }
}
