package io.scopegraph.tensorflow;

import io.scopegraph.tensorflow.TableFormat.BlockHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a LevelDB-format table as TensorFlow's {@code table_builder.cc} does with the options the checkpoint
 * writer uses (256 KiB blocks, restart interval 16, no compression), so that the bytes equal TensorFlow's.
 *
 * <p>Why our own code and not the iq80 LevelDB port ({@code org.iq80.leveldb:leveldb}): that port would write
 * the same bytes for realistic indexes, but it is unmaintained (last release 2019), brings Guava and two more
 * artifacts onto every user's class path, and lacks TensorFlow's one deviation from LevelDB (a block is flushed
 * before an entry of twice the block size or more). A checkpoint needs only the write-once, read-whole subset
 * of the format: a few hundred lines that we test byte for byte against files TensorFlow wrote.
 */
final class TableWriter {
  private final OutputStream out;
  private final BlockBuilder dataBlock = new BlockBuilder(TableFormat.BLOCK_RESTART_INTERVAL);
  private final BlockBuilder indexBlock = new BlockBuilder(1);
  private long offset;
  private byte[] lastKey;
  /** The handle of the last data block, whose index entry waits for the next key (for a shorter separator). */
  private BlockHandle pendingHandle;

  TableWriter(OutputStream out) {
    this.out = out;
  }

  /** Adds an entry; keys must be added in strictly increasing unsigned bytewise order. */
  void add(byte[] key, byte[] value) throws IOException {
    if (lastKey != null && Arrays.compareUnsigned(key, lastKey) <= 0) {
      throw new IllegalArgumentException("Table keys must be added in increasing order");
    }
    // TensorFlow's addition to LevelDB: an overly large entry starts a block of its own.
    if (lastKey != null && (long) key.length + value.length >= 2L * TableFormat.BLOCK_SIZE) {
      flush();
    }
    if (pendingHandle != null) {
      addIndexEntry(shortestSeparator(lastKey, key));
    }
    lastKey = key;
    dataBlock.add(key, value);
    if (dataBlock.sizeEstimate() >= TableFormat.BLOCK_SIZE) {
      flush();
    }
  }

  /** Writes the last data block, the empty metaindex block, the index block and the footer. */
  void finish() throws IOException {
    flush();
    BlockHandle metaindex = writeBlock(new BlockBuilder(TableFormat.BLOCK_RESTART_INTERVAL));
    if (pendingHandle != null) {
      addIndexEntry(shortSuccessor(lastKey));
    }
    BlockHandle index = writeBlock(indexBlock);
    out.write(TableFormat.footer(metaindex, index));
    offset += TableFormat.FOOTER_LENGTH;
  }

  private void flush() throws IOException {
    if (!dataBlock.isEmpty()) {
      pendingHandle = writeBlock(dataBlock);
    }
  }

  private void addIndexEntry(byte[] key) {
    ByteArrayOutputStream handle = new ByteArrayOutputStream(20);
    TableFormat.putHandle(handle, pendingHandle);
    indexBlock.add(key, handle.toByteArray());
    pendingHandle = null;
  }

  private BlockHandle writeBlock(BlockBuilder block) throws IOException {
    byte[] contents = block.finish();
    block.reset();
    BlockHandle handle = new BlockHandle(offset, contents.length);
    out.write(contents);
    out.write(TableFormat.NO_COMPRESSION);
    int crc = TableFormat.trailerCrc(contents, 0, contents.length, TableFormat.NO_COMPRESSION);
    out.write(new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)});
    offset += contents.length + TableFormat.TRAILER_LENGTH;
    return handle;
  }

  /**
   * A short key {@code >= start} and {@code < limit}: {@code start} cut after its first differing byte, which
   * is incremented, when that still sorts before {@code limit}; else {@code start} itself.
   */
  static byte[] shortestSeparator(byte[] start, byte[] limit) {
    int min = Math.min(start.length, limit.length);
    int diff = 0;
    while (diff < min && start[diff] == limit[diff]) {
      diff++;
    }
    if (diff < min) {
      int b = start[diff] & 0xff;
      if (b < 0xff && b + 1 < (limit[diff] & 0xff)) {
        byte[] sep = Arrays.copyOf(start, diff + 1);
        sep[diff]++;
        return sep;
      }
    }
    return start;
  }

  /** A short key {@code >= key}: its first byte that is not 0xff, incremented, and nothing after it. */
  static byte[] shortSuccessor(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if ((key[i] & 0xff) != 0xff) {
        byte[] succ = Arrays.copyOf(key, i + 1);
        succ[i]++;
        return succ;
      }
    }
    return key;
  }
}
