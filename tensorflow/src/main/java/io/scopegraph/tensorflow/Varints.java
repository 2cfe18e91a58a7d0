package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;

/** Appends LevelDB's integer encodings (little-endian fixed32, base-128 varints) to a byte buffer. */
final class Varints {
  private Varints() {}

  /** A varint of the unsigned value {@code v}: 7 bits a byte, low bits first, high bit set on all but the last. */
  static void putVarint64(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  static void putFixed32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
