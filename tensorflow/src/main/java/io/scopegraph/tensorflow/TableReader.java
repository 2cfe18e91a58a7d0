package io.scopegraph.tensorflow;

import io.scopegraph.tensorflow.TableFormat.BlockHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every entry of a LevelDB-format table (a checkpoint's {@code .index}), as TensorFlow's
 * {@code table.cc} / {@code format.cc} would: footer and magic number, then the index block, then each data
 * block it names, verifying every block's checksum. Snappy-compressed blocks (written by TensorFlow 1.1 and
 * older) are decompressed. Any handle, count or length read from the file is checked against the file's real
 * size before it is used, so a corrupt file fails with a {@link CorruptCheckpointException} naming it.
 */
final class TableReader {
  /** One key-value pair, in the table's order. */
  record Entry(byte[] key, byte[] value) {}

  private final byte[] file;
  private final String source;

  private TableReader(byte[] file, String source) {
    this.file = file;
    this.source = source;
  }

  static List<Entry> readAll(Path path) throws IOException {
    // An index holds one small entry per tensor: reading it whole is both simplest and bounded by its size.
    return new TableReader(Files.readAllBytes(path), path.toString()).entries();
  }

  private List<Entry> entries() {
    if (file.length < TableFormat.FOOTER_LENGTH) {
      throw corrupt("file is too short to be an sstable");
    }
    int footer = file.length - TableFormat.FOOTER_LENGTH;
    ByteCursor in = new ByteCursor(file, footer, file.length, source);
    in.skip(TableFormat.FOOTER_LENGTH - 8);
    long magic = (in.fixed32() & 0xffffffffL) | (long) in.fixed32() << 32;
    if (magic != TableFormat.MAGIC) {
      throw corrupt("not an sstable (bad magic number)");
    }
    in = new ByteCursor(file, footer, file.length - 8, source);
    TableFormat.readHandle(in); // the metaindex block: TensorFlow writes it empty and never reads it
    BlockHandle indexHandle = TableFormat.readHandle(in);
    List<Entry> entries = new ArrayList<>();
    for (Entry index : blockEntries(indexHandle, "index block")) {
      ByteCursor value = new ByteCursor(index.value(), 0, index.value().length, source + " (index block)");
      entries.addAll(blockEntries(TableFormat.readHandle(value), "data block"));
    }
    return entries;
  }

  private List<Entry> blockEntries(BlockHandle handle, String what) {
    byte[] block = readBlock(handle, what);
    String where = source + " (" + what + " at offset " + handle.offset() + ")";
    if (block.length < 4) {
      throw new CorruptCheckpointException(where + ": bad block contents");
    }
    ByteCursor tail = new ByteCursor(block, block.length - 4, block.length, where);
    long restarts = tail.fixed32() & 0xffffffffL;
    if (restarts > (block.length - 4) / 4) {
      throw new CorruptCheckpointException(where + ": bad block contents");
    }
    int entriesEnd = block.length - 4 - (int) restarts * 4;
    ByteCursor restartArray = new ByteCursor(block, entriesEnd, block.length - 4, where);
    for (long i = 0; i < restarts; i++) {
      int restart = restartArray.fixed32();
      if (restart < 0 || restart > entriesEnd) {
        throw new CorruptCheckpointException(where + ": bad block contents");
      }
    }
    List<Entry> entries = new ArrayList<>();
    ByteCursor in = new ByteCursor(block, 0, entriesEnd, where);
    byte[] key = new byte[0];
    while (in.hasRemaining()) {
      int shared = in.varint32();
      int nonShared = in.varint32();
      int valueLength = in.varint32();
      if (shared > key.length || (long) nonShared + valueLength > in.remaining()) {
        throw new CorruptCheckpointException(where + ": bad entry in block");
      }
      byte[] next = Arrays.copyOf(key, shared + nonShared);
      System.arraycopy(block, in.skip(nonShared), next, shared, nonShared);
      int valueStart = in.skip(valueLength);
      key = next;
      entries.add(new Entry(key, Arrays.copyOfRange(block, valueStart, valueStart + valueLength)));
    }
    return entries;
  }

  /** A block's contents, checksum verified and decompressed. */
  private byte[] readBlock(BlockHandle handle, String what) {
    long end = handle.offset() + handle.size() + TableFormat.TRAILER_LENGTH;
    if (handle.offset() < 0 || handle.size() < 0 || end < 0 || end > file.length) {
      throw corrupt("truncated block read (" + what + " at offset " + Long.toUnsignedString(handle.offset())
          + " of " + Long.toUnsignedString(handle.size()) + " bytes, file of " + file.length + " bytes)");
    }
    int off = (int) handle.offset();
    int size = (int) handle.size();
    byte type = file[off + size];
    int stored = new ByteCursor(file, off + size + 1, off + size + TableFormat.TRAILER_LENGTH, source).fixed32();
    if (stored != TableFormat.trailerCrc(file, off, size, type)) {
      throw corrupt("block checksum mismatch (" + what + " at offset " + off + ", " + size + " bytes)");
    }
    return switch (type) {
      case TableFormat.NO_COMPRESSION -> Arrays.copyOfRange(file, off, off + size);
      case TableFormat.SNAPPY_COMPRESSION -> SnappyBlocks.uncompress(file, off, size, source);
      default -> throw corrupt("bad block type " + type + " (" + what + " at offset " + off + ")");
    };
  }

  private CorruptCheckpointException corrupt(String detail) {
    return new CorruptCheckpointException(source + ": " + detail);
  }
}
