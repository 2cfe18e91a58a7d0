package io.scopegraph.tensorflow;

import java.io.IOException;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Decompresses the Snappy blocks that TensorFlow 1.1 and older wrote into checkpoint indexes. A class of its
 * own so that snappy-java (and its native library) is loaded only when such a block is met.
 */
final class SnappyBlocks {
  /** Snappy's densest element, a 3-byte copy of 64 bytes, bounds how far valid data can expand. */
  private static final int MAX_EXPANSION = 22;

  private SnappyBlocks() {}

  static byte[] uncompress(byte[] data, int off, int len, String source) {
    try {
      long length = new ByteCursor(data, off, off + len, source).varint64();
      if (length < 0 || length > (long) MAX_EXPANSION * len) {
        throw new CorruptCheckpointException(source + ": corrupted compressed block contents (uncompressed "
            + "length " + Long.toUnsignedString(length) + " from " + len + " compressed bytes)");
      }
      byte[] out = new byte[(int) length];
      int n = Snappy.uncompress(data, off, len, out, 0);
      if (n != length) {
        throw new CorruptCheckpointException(source + ": corrupted compressed block contents");
      }
      return out;
    } catch (IOException e) {
      throw new CorruptCheckpointException(source + ": corrupted compressed block contents (" + e.getMessage()
          + ")", e);
    } catch (SnappyError | UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new CheckpointException(source + " has a Snappy-compressed block (written by TensorFlow 1.1 or "
          + "older), and snappy-java could not be loaded to read it: " + e, e);
    }
  }
}
