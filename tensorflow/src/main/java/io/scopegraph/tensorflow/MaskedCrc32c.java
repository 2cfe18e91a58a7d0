package io.scopegraph.tensorflow;

import java.util.zip.CRC32C;

/**
 * The checksum of TFRecord files: CRC32C (Castagnoli), masked as TF's {@code crc32c::Mask} does, because a
 * CRC of data that itself contains CRCs is weak: rotate right by 15 bits, add {@code 0xa282ead8}, modulo 2^32.
 */
final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  /** The plain CRC32C of {@code len} bytes, as an unsigned 32-bit value in an int. */
  static int crc32c(byte[] data, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(data, off, len);
    return (int) crc.getValue();
  }

  static int mask(int crc) {
    return Integer.rotateRight(crc, 15) + MASK_DELTA;
  }

  static int unmask(int masked) {
    return Integer.rotateLeft(masked - MASK_DELTA, 15);
  }

  /** {@code mask(crc32c(data))}: what a TFRecord stores after the length and after the data. */
  static int of(byte[] data, int off, int len) {
    return mask(crc32c(data, off, len));
  }
}
