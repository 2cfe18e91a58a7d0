package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damaged copies of a valid file for the fuzz tests: every truncation (or an even sample of them), and seeded
 * random mutants (flipped bytes, lengths and counts replaced by huge varints or fixed-width integers, zeroed,
 * copied and repeated regions). The same seed gives the same mutants, so a failure can be replayed.
 */
final class Mutants {
  /** A damaged file and how it was made (for the failure message). */
  record Mutant(String how, byte[] bytes) {}

  /** Lengths and counts a hostile file would hold: the int and uint32 limits, 2^40, 2^62, the long limit, 2^64 - 1. */
  static final long[] HUGE = {0x7fffffffL, 0x80000000L, 0xffffffffL, 1L << 32, 1L << 40, 1L << 62, Long.MAX_VALUE,
      -1L};

  private Mutants() {}

  /** Every proper prefix of {@code file} if there are at most {@code max}, else {@code max} of them spread evenly. */
  static List<Mutant> truncations(byte[] file, int max) {
    List<Mutant> out = new ArrayList<>();
    int n = file.length;
    for (int i = 0; i < Math.min(n, max); i++) {
      int length = n <= max ? i : (int) ((long) i * n / max);
      out.add(new Mutant("truncated to " + length + " of " + n + " bytes", Arrays.copyOf(file, length)));
    }
    return out;
  }

  /** {@code count} random mutants of {@code file}. */
  static List<Mutant> random(byte[] file, long seed, int count) {
    Random random = new Random(seed);
    List<Mutant> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(one(file, random));
    }
    return out;
  }

  /** One random mutant; files too short for a kind get a flip. */
  static Mutant one(byte[] file, Random r) {
    byte[] b = file.clone();
    if (b.length == 0) {
      return new Mutant("empty", b);
    }
    int pos = r.nextInt(b.length);
    switch (r.nextInt(7)) {
      case 0 -> {
        int flips = 1 + r.nextInt(4);
        StringBuilder how = new StringBuilder("flipped");
        for (int i = 0; i < flips; i++) {
          int at = i == 0 ? pos : r.nextInt(b.length);
          int mask = 1 + r.nextInt(255);
          b[at] ^= (byte) mask;
          how.append(String.format(" %d^0x%02x", at, mask));
        }
        return new Mutant(how.toString(), b);
      }
      case 1 -> {
        long value = HUGE[r.nextInt(HUGE.length)];
        byte[] v = varint(value);
        System.arraycopy(v, 0, b, pos, Math.min(v.length, b.length - pos));
        return new Mutant("varint " + Long.toUnsignedString(value) + " written over offset " + pos, b);
      }
      case 2 -> {
        long value = HUGE[r.nextInt(HUGE.length)];
        int old = varintLength(b, pos);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, pos);
        out.writeBytes(varint(value));
        out.write(b, pos + old, b.length - pos - old);
        return new Mutant("varint at offset " + pos + " (" + old + " bytes) replaced by "
            + Long.toUnsignedString(value), out.toByteArray());
      }
      case 3 -> {
        long value = HUGE[r.nextInt(HUGE.length)];
        int width = r.nextBoolean() ? 4 : 8;
        for (int i = 0; i < width && pos + i < b.length; i++) {
          b[pos + i] = (byte) (value >>> (8 * i));
        }
        return new Mutant("little-endian " + width + "-byte " + Long.toUnsignedString(value) + " at offset " + pos, b);
      }
      case 4 -> {
        int len = Math.min(1 + r.nextInt(64), b.length - pos);
        Arrays.fill(b, pos, pos + len, (byte) 0);
        return new Mutant("zeroed " + len + " bytes at offset " + pos, b);
      }
      case 5 -> {
        int len = Math.min(1 + r.nextInt(64), b.length - pos);
        int to = r.nextInt(b.length - len + 1);
        System.arraycopy(file, pos, b, to, len);
        return new Mutant("copied " + len + " bytes from offset " + pos + " to " + to, b);
      }
      default -> {
        int len = Math.min(1 + r.nextInt(64), b.length - pos);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, pos + len);
        out.write(file, pos, b.length - pos);
        return new Mutant("repeated " + len + " bytes at offset " + pos, out.toByteArray());
      }
    }
  }

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varints.putVarint64(out, value);
    return out.toByteArray();
  }

  /** The length of the varint starting at {@code pos}: up to the first byte without the high bit, at most 10. */
  private static int varintLength(byte[] b, int pos) {
    int n = 1;
    while (n < 10 && pos + n <= b.length - 1 && b[pos + n - 1] < 0) {
      n++;
    }
    return n;
  }
}
