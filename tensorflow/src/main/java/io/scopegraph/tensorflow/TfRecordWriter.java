package io.scopegraph.tensorflow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes TFRecords, the framing of TensorFlow's event and record files. Each record is: the data length as
 * a little-endian uint64, the masked CRC32C of those 8 bytes, the data, the masked CRC32C of the data (both
 * CRCs little-endian uint32). Not thread-safe.
 */
public final class TfRecordWriter implements AutoCloseable {
  private final OutputStream out;

  /** Writes to {@code out}, which the writer closes; buffer it, as each record is a few small writes. */
  public TfRecordWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Appends one record holding {@code data}. */
  public void write(byte[] data) throws IOException {
    byte[] header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    out.write(header);
    out.write(littleEndian(MaskedCrc32c.of(header, 0, header.length)));
    out.write(data);
    out.write(littleEndian(MaskedCrc32c.of(data, 0, data.length)));
  }

  private static byte[] littleEndian(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
