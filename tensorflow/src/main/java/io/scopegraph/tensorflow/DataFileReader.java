package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads tensors from one checkpoint data file (TensorFlow's {@code BundleReader::GetValue}), verifying each
 * entry's size against its shape and the file's size before allocating, and its checksum after reading.
 * Numbers are read through a direct buffer per thread in bulk (CRC32C over the buffer, view-buffer gets).
 * Thread-safe: positional reads, and no state shared between reads, so tensors can be read in parallel.
 */
final class DataFileReader implements Closeable {
  /** Small enough to stay in a core's L2 cache from the read through the CRC to the copy out (as the writer's). */
  private static final int BUFFER_SIZE = 256 << 10;

  private final Path path;
  private final FileChannel channel;
  private final long fileSize;
  private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_SIZE));

  DataFileReader(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    this.fileSize = channel.size();
  }

  /**
   * Checks an entry against its tensor's shape and the file's size, so that reading it allocates no more than
   * the file holds; returns the number of elements.
   */
  int check(String key, DType dtype, long numElements, long offset, long size) {
    int width = dtype.isString() ? 1 : ElementCodec.of(dtype).width; // a string takes at least its length byte
    if (numElements > Long.MAX_VALUE / width) {
      throw corrupt("Invalid size in bundle entry: key " + key + "; " + numElements + " elements of " + width
          + " bytes");
    }
    long expected = numElements * width;
    if (dtype.isString() ? size < expected : size != expected) {
      throw corrupt("Invalid size in bundle entry: key " + key + "; stored size " + size + "; expected size "
          + (dtype.isString() ? "is at least " : "") + expected);
    }
    if (offset < 0 || size < 0 || offset > fileSize - size) {
      throw corrupt("entry " + key + " spans bytes [" + offset + ", " + (offset + size) + ") but the file has "
          + fileSize + " bytes");
    }
    if (numElements > Integer.MAX_VALUE - 8) { // a file of gigabytes, read whole: more than an array holds
      throw new CheckpointException(path + ": tensor " + key + " has " + numElements + " elements, more than a "
          + "Java array holds");
    }
    return (int) numElements;
  }

  /**
   * The flat elements of the tensor an entry describes ({@code float[]}, …, {@code byte[][]}), checked as by
   * {@link #check} and against the entry's checksum.
   *
   * @param order the byte order the checkpoint was written in
   */
  Object read(String key, DType dtype, long numElements, long offset, long size, int maskedCrc, ByteOrder order)
      throws IOException {
    int n = check(key, dtype, numElements, offset, size);
    CRC32C crc = new CRC32C();
    Object data;
    if (dtype.isString()) {
      data = readStrings(key, n, offset, size, order, crc);
    } else {
      data = ElementCodec.of(dtype).newArray(n);
      getElements(ElementCodec.of(dtype), data, offset, n, order, crc);
    }
    int stored = MaskedCrc32c.unmask(maskedCrc);
    int actual = (int) crc.getValue();
    if (stored != actual) {
      throw corrupt("key " + key + " (" + size + " bytes at offset " + offset + "): Checksum does not match: "
          + "stored " + String.format("%08d", Integer.toUnsignedLong(stored))
          + " vs. calculated on the restored bytes " + Integer.toUnsignedString(actual));
    }
    return data;
  }

  private void getElements(ElementCodec codec, Object array, long offset, int count, ByteOrder order, CRC32C crc)
      throws IOException {
    ByteBuffer buffer = BUFFER.get();
    long position = offset;
    for (int done = 0; done < count; ) {
      int n = Math.min(count - done, BUFFER_SIZE / codec.width);
      buffer.clear().limit(n * codec.width);
      readFully(buffer, position);
      buffer.flip();
      crc.update(buffer.duplicate());
      codec.get(buffer.order(order), array, done, n);
      position += (long) n * codec.width;
      done += n;
    }
  }

  /** Strings as {@link DataFileWriter} writes them, every length checked against the entry's size. */
  private byte[][] readStrings(String key, int n, long offset, long size, ByteOrder order, CRC32C crc)
      throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new CheckpointException("String tensor " + key + " has " + size + " bytes, more than this reader "
          + "holds in memory");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) size);
    readFully(bytes, offset);
    ByteCursor in = new ByteCursor(bytes.array(), 0, (int) size, path + " (key " + key + ")");
    long[] lengths = new long[n];
    long total = 0;
    ByteBuffer fixed = ByteBuffer.allocate(8).order(order);
    for (int i = 0; i < n; i++) {
      lengths[i] = in.varint64();
      total += lengths[i];
      if (lengths[i] < 0 || total < 0 || total > size) {
        throw corrupt("String lengths longer than expected offset " + (offset + size) + " (key " + key + ")");
      }
      fixed.clear();
      if (lengths[i] <= 0xffffffffL) {
        fixed.putInt((int) lengths[i]);
      } else {
        fixed.putLong(lengths[i]);
      }
      crc.update(fixed.flip());
    }
    int lengthsCrcAt = in.skip(4);
    int storedLengthsCrc = MaskedCrc32c.unmask(bytes.order(order).getInt(lengthsCrcAt));
    if (storedLengthsCrc != (int) crc.getValue()) {
      throw corrupt("key " + key + ": The length checksum does not match: expected "
          + String.format("%08d", Integer.toUnsignedLong(storedLengthsCrc)) + " but actual is "
          + String.format("%08d", crc.getValue()));
    }
    crc.update(bytes.array(), lengthsCrcAt, 4);
    byte[][] strings = new byte[n][];
    for (int i = 0; i < n; i++) {
      int from = in.skip((int) lengths[i]);
      strings[i] = java.util.Arrays.copyOfRange(bytes.array(), from, from + (int) lengths[i]);
      crc.update(strings[i]);
    }
    return strings;
  }

  private void readFully(ByteBuffer into, long position) throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into, position);
      if (n < 0) {
        throw corrupt("unexpected end of file at offset " + position);
      }
      position += n;
    }
  }

  private CorruptCheckpointException corrupt(String detail) {
    return new CorruptCheckpointException(path + ": " + detail);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
