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
 * data or a file cut inside a record is a {@link CorruptRecordException} naming the file and the record's offset,
 * never a wrong record. A record's length is checked against what the file still holds before it is read.
 * Not thread-safe.
 *
 * <pre>{@code
 * for (byte[] record : TfRecordReader.readAll(eventFile)) {
 *   Event event = Event.parseFrom(record);
 * }
 * }</pre>
 */
public final class TfRecordReader implements AutoCloseable {
  private final InputStream in;
  /** The file's name and a colon, for messages; empty for a stream. */
  private final String source;
  /** The file's size, or -1 for a stream. */
  private final long size;
  private long offset;

  /** Reads from {@code in}, which the reader closes. */
  public TfRecordReader(InputStream in) {
    this(in, "", -1);
  }

  /**
   * Reads the file {@code path}; {@link #read} names it in its errors.
   *
   * @throws IOException when the file cannot be opened
   */
  public TfRecordReader(Path path) throws IOException {
    this(new BufferedInputStream(Files.newInputStream(path)), path + ": ", Files.size(path));
  }

  private TfRecordReader(InputStream in, String source, long size) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = source;
    this.size = size;
  }

  /**
   * Every record of the file, in order.
   *
   * @throws CorruptRecordException when the file is damaged (cut inside a record, a checksum or length that does
   *     not match), naming it and the record's offset
   * @throws IOException when the file cannot be read
   */
  public static List<byte[]> readAll(Path path) throws IOException {
    try (TfRecordReader reader = new TfRecordReader(path)) {
      List<byte[]> records = new ArrayList<>();
      for (byte[] r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
      return records;
    }
  }

  /**
   * The next record's data, or null at the end of the input (which must fall between records).
   *
   * @throws CorruptRecordException when the record is damaged or cut off, naming the file and its offset
   * @throws IOException when the input cannot be read
   */
  public byte[] read() throws IOException {
    long start = offset;
    byte[] header = in.readNBytes(12);
    if (header.length == 0) {
      return null;
    }
    offset += header.length;
    if (header.length < 12) {
      throw corrupt("Truncated TFRecord at offset " + start + ": " + header.length
          + " bytes of the 12-byte length header");
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long length = h.getLong(0);
    checkCrc(h.getInt(8), MaskedCrc32c.of(header, 0, 8), "length", start);
    if (size >= 0 && Long.compareUnsigned(length, size - offset) > 0) {
      throw corrupt("Truncated TFRecord at offset " + start + ": its length is " + Long.toUnsignedString(length)
          + " bytes, but only " + (size - offset) + " bytes follow its header");
    }
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw corrupt("TFRecord at offset " + start + " has length " + Long.toUnsignedString(length)
          + ", more than this reader holds in memory");
    }
    byte[] data = in.readNBytes((int) length); // reads what there is: memory follows the input, not the length
    byte[] footer = in.readNBytes(4);
    offset += data.length + footer.length;
    if (data.length < length || footer.length < 4) {
      throw corrupt("Truncated TFRecord at offset " + start + ": the input ends inside its "
          + (data.length < length ? "data" : "data CRC"));
    }
    checkCrc(ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt(), MaskedCrc32c.of(data, 0, data.length),
        "data", start);
    return data;
  }

  private void checkCrc(int stored, int computed, String part, long start) throws CorruptRecordException {
    if (stored != computed) {
      throw corrupt(String.format("Corrupted TFRecord at offset %d: the masked CRC32C of its %s is "
          + "0x%08x, but the record stores 0x%08x", start, part, computed, stored));
    }
  }

  private CorruptRecordException corrupt(String detail) {
    return new CorruptRecordException(source + detail);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
