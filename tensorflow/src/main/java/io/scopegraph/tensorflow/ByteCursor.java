package io.scopegraph.tensorflow;

/**
 * Reads LevelDB's integer encodings from a range of a byte array. Every read is checked against the end of
 * the range, so a corrupt length or count fails with a {@link CorruptCheckpointException} naming
 * {@code source} instead of reading (or allocating) past the data.
 */
final class ByteCursor {
  private final byte[] data;
  private final int limit;
  private final String source;
  private int pos;

  ByteCursor(byte[] data, int from, int to, String source) {
    this.data = data;
    this.pos = from;
    this.limit = to;
    this.source = source;
  }

  int remaining() {
    return limit - pos;
  }

  boolean hasRemaining() {
    return pos < limit;
  }

  /** An unsigned varint of at most 64 bits. */
  long varint64() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw corrupt("truncated varint");
      }
      int b = data[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw corrupt("malformed varint");
  }

  /** A varint that must fit in 32 bits and, being a length or count within this data, in an int. */
  int varint32() {
    long v = varint64();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw corrupt("varint " + Long.toUnsignedString(v) + " out of range");
    }
    return (int) v;
  }

  int fixed32() {
    need(4);
    int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
        | (data[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  /** Skips {@code n} bytes, returning where they start. */
  int skip(int n) {
    need(n);
    int start = pos;
    pos += n;
    return start;
  }

  private void need(int n) {
    if (n < 0 || n > limit - pos) {
      throw corrupt("needs " + n + " bytes at offset " + pos + " but only " + (limit - pos) + " remain");
    }
  }

  private CorruptCheckpointException corrupt(String detail) {
    return new CorruptCheckpointException(source + ": " + detail);
  }
}
