package io.scopegraph.tensorflow;

import io.scopegraph.NdArray;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends tensors to a checkpoint data file as TensorFlow's {@code BundleWriter} does: densely packed,
 * numbers little-endian, strings as varint lengths, a masked CRC of the lengths and the bytes. Numbers go
 * from the tensor's own storage (a read-only view, no copy) through one direct buffer in bulk (view-buffer
 * puts, CRC32C over the buffer, one write per buffer); only the buffer, not the tensors, is held.
 */
final class DataFileWriter implements Closeable {
  /**
   * Small enough to stay in a core's L2 cache from the put through the CRC to the write: with 8 MB, each
   * of the three passes went to memory, and saving took about a quarter more CPU time.
   */
  private static final int BUFFER_SIZE = 256 << 10;

  /** Where a tensor went: its offset and length in the file and the masked CRC32C that its entry stores. */
  record Written(long offset, long size, int maskedCrc) {}

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long size;

  DataFileWriter(Path path) throws IOException {
    channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  Written write(NdArray value) throws IOException {
    long offset = size;
    crc.reset();
    if (value.dtype().isString()) {
      writeStrings(value);
    } else {
      putElements(ElementCodec.of(value.dtype()), value);
    }
    return new Written(offset, size - offset, MaskedCrc32c.mask((int) crc.getValue()));
  }

  private void putElements(ElementCodec codec, NdArray value) throws IOException {
    Object source = codec.source(value);
    int count = value.size();
    for (int done = 0; done < count; ) {
      if (buffer.remaining() < codec.width) {
        flushBuffer();
      }
      int n = Math.min(count - done, buffer.remaining() / codec.width);
      ByteBuffer at = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
      codec.put(at, source, done, n);
      crc.update(at.limit(n * codec.width));
      buffer.position(buffer.position() + n * codec.width);
      size += (long) n * codec.width;
      done += n;
    }
  }

  /**
   * Varint lengths, the masked CRC32C of the lengths (each as a little-endian uint32: TensorFlow's uint64 form
   * for lengths past 2^32 - 1 never occurs in Java), then the bytes. The entry's CRC covers the lengths in that
   * fixed-width form, the masked CRC and the bytes, but not the varints.
   */
  private void writeStrings(NdArray value) throws IOException {
    int n = value.size();
    byte[][] strings = new byte[n][];
    ByteArrayOutputStream lengths = new ByteArrayOutputStream(n);
    ByteBuffer fixed = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      strings[i] = value.getBytes(i);
      Varints.putVarint64(lengths, strings[i].length);
      crc.update(fixed.clear().putInt(0, strings[i].length).limit(4));
    }
    int lengthsCrc = MaskedCrc32c.mask((int) crc.getValue());
    byte[] masked = fixed.clear().putInt(0, lengthsCrc).array();
    crc.update(masked, 0, 4);
    putRaw(lengths.toByteArray(), 0, lengths.size());
    putRaw(masked, 0, 4);
    for (byte[] s : strings) {
      crc.update(s);
      putRaw(s, 0, s.length);
    }
  }

  private void putRaw(byte[] bytes, int off, int len) throws IOException {
    if (len > buffer.remaining()) {
      flushBuffer();
      if (len > buffer.capacity()) {
        writeFully(ByteBuffer.wrap(bytes, off, len));
        size += len;
        return;
      }
    }
    buffer.put(bytes, off, len);
    size += len;
  }

  private void flushBuffer() throws IOException {
    writeFully(buffer.flip());
    buffer.clear();
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Writes what is buffered and closes the file. */
  @Override
  public void close() throws IOException {
    try (channel) {
      if (channel.isOpen() && buffer.position() > 0) {
        flushBuffer();
      }
    }
  }
}
