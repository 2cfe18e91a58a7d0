package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;

/**
 * The writing half of TensorFlow's {@code OrderedCode} ({@code core/lib/strings/ordered_code.cc}): encodings
 * whose unsigned bytewise order is the order of the values, used for the keys of checkpoint slices.
 */
final class OrderedCode {
  private OrderedCode() {}

  /** One length byte, then the value big-endian without leading zero bytes ({@code 0} is {@code 00}). */
  static void writeNumIncreasing(ByteArrayOutputStream out, long value) {
    int len = 8 - Long.numberOfLeadingZeros(value) / 8;
    out.write(len);
    for (int i = len - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  /** The bytes with {@code 00} escaped as {@code 00 ff} and {@code ff} as {@code ff 00}, then {@code 00 01}. */
  static void writeString(ByteArrayOutputStream out, byte[] s) {
    for (byte b : s) {
      out.write(b);
      if (b == 0) {
        out.write(0xff);
      } else if (b == (byte) 0xff) {
        out.write(0);
      }
    }
    out.write(0);
    out.write(1);
  }

  /**
   * A signed number in 1 to 10 bytes: the first bit is the sign (1 for {@code >= 0}), then as many bits equal
   * to it as there are bytes after the first, one opposite bit, and the value in two's complement. Numbers in
   * {@code [-64, 64)} take one byte, {@code [-2^13, 2^13)} two, and so on, 7 bits more per byte.
   */
  static void writeSignedNumIncreasing(ByteArrayOutputStream out, long value) {
    long x = value < 0 ? ~value : value;
    int bits = 64 - Long.numberOfLeadingZeros(x); // significant bits of the magnitude
    int len = bits / 7 + 1; // one sign bit and one length bit per byte leave 7 value bits a byte
    if (len == 1) {
      out.write((int) (0x80 ^ value) & 0xff);
      return;
    }
    // The value sign-extended to 10 bytes, big-endian; its last len bytes get the header bits xor-ed in.
    byte[] buf = new byte[10];
    byte sign = (byte) (value < 0 ? 0xff : 0);
    buf[0] = sign;
    buf[1] = sign;
    for (int i = 0; i < 8; i++) {
      buf[2 + i] = (byte) (value >>> (56 - 8 * i));
    }
    int begin = 10 - len;
    // The header is len one-bits from the top (sign of a non-negative number and len - 1 length bits), then
    // a zero; xor-ing flips them to zeros-then-one for a negative number, whose sign-extension bytes are ones.
    buf[begin] ^= (byte) (len >= 8 ? 0xff : 0xff << (8 - len));
    if (len > 8) {
      buf[begin + 1] ^= (byte) (0xff << (16 - len));
    }
    out.write(buf, begin, len);
  }
}
