package io.scopegraph.tensorflow;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads TFRecords (see {@link TfRecordWriter}), checking both CRCs of every record: a damaged length, damaged
 * data or a file cut inside a record is an {@link IOException} naming the record's offset, never a wrong
 * record. Not thread-safe.
 *
 * <pre>{@code
 * for (byte[] record : TfRecordReader.readAll(eventFile)) {
 *   Event event = Event.parseFrom(record);
 * }
 * }</pre>
 */
public final class TfRecordReader implements AutoCloseable {
  private final InputStream in;
  private long offset;

  /** Reads from {@code in}, which the reader closes. */
  public TfRecordReader(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** Reads the file {@code path}. */
  public TfRecordReader(Path path) throws IOException {
    this(new BufferedInputStream(Files.newInputStream(path)));
  }

  /** Every record of the file, in order. */
  public static List<byte[]> readAll(Path path) throws IOException {
    try (TfRecordReader reader = new TfRecordReader(path)) {
      List<byte[]> records = new ArrayList<>();
      for (byte[] r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
      return records;
    }
  }

  /** The next record's data, or null at the end of the input (which must fall between records). */
  public byte[] read() throws IOException {
    long start = offset;
    byte[] header = in.readNBytes(12);
    if (header.length == 0) {
      return null;
    }
    offset += header.length;
    if (header.length < 12) {
      throw new IOException("Truncated TFRecord at offset " + start + ": " + header.length
          + " bytes of the 12-byte length header");
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long length = h.getLong(0);
    checkCrc(h.getInt(8), MaskedCrc32c.of(header, 0, 8), "length", start);
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw new IOException("TFRecord at offset " + start + " has length " + Long.toUnsignedString(length)
          + ", more than this reader holds in memory");
    }
    byte[] data = in.readNBytes((int) length);
    byte[] footer = in.readNBytes(4);
    offset += data.length + footer.length;
    if (data.length < length || footer.length < 4) {
      throw new IOException("Truncated TFRecord at offset " + start + ": the input ends inside its "
          + (data.length < length ? "data" : "data CRC"));
    }
    checkCrc(ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt(), MaskedCrc32c.of(data, 0, data.length),
        "data", start);
    return data;
  }

  private static void checkCrc(int stored, int computed, String part, long start) throws IOException {
    if (stored != computed) {
      throw new IOException(String.format("Corrupted TFRecord at offset %d: the masked CRC32C of its %s is "
          + "0x%08x, but the record stores 0x%08x", start, part, computed, stored));
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
