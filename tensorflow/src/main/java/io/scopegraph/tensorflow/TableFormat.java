package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32C;

/**
 * The fixed parts of the LevelDB table format that a checkpoint's {@code .index} file uses (TensorFlow's
 * {@code core/lib/io/format.h}): the 5-byte block trailer and the 48-byte footer.
 */
final class TableFormat {
  /** TensorFlow's {@code table_options.h} defaults, which the bundle writer keeps. */
  static final int BLOCK_SIZE = 262144;
  static final int BLOCK_RESTART_INTERVAL = 16;

  static final byte NO_COMPRESSION = 0;
  static final byte SNAPPY_COMPRESSION = 1;
  /** Type byte and masked CRC32C after every block. */
  static final int TRAILER_LENGTH = 5;

  static final long MAGIC = 0xdb4775248b80fb57L;
  /** Two block handles of at most 10 + 10 bytes each, zero-padded to 40, then the magic number. */
  static final int FOOTER_LENGTH = 48;
  private static final int HANDLES_LENGTH = 40;

  private TableFormat() {}

  /** The trailer's checksum: the masked CRC32C of the stored (possibly compressed) contents and the type byte. */
  static int trailerCrc(byte[] contents, int off, int len, byte type) {
    CRC32C crc = new CRC32C();
    crc.update(contents, off, len);
    crc.update(type);
    return MaskedCrc32c.mask((int) crc.getValue());
  }

  static void putHandle(ByteArrayOutputStream out, BlockHandle handle) {
    Varints.putVarint64(out, handle.offset());
    Varints.putVarint64(out, handle.size());
  }

  static BlockHandle readHandle(ByteCursor in) {
    return new BlockHandle(in.varint64(), in.varint64());
  }

  static byte[] footer(BlockHandle metaindex, BlockHandle index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(FOOTER_LENGTH);
    putHandle(out, metaindex);
    putHandle(out, index);
    out.writeBytes(new byte[HANDLES_LENGTH - out.size()]);
    Varints.putFixed32(out, (int) MAGIC);
    Varints.putFixed32(out, (int) (MAGIC >>> 32));
    return out.toByteArray();
  }

  /** A block's place in the file: its offset and the length of its contents (trailer excluded). */
  record BlockHandle(long offset, long size) {}
}
