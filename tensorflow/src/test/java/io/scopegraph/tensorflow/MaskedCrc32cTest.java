package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers of TF's {@code crc32c_test} (RFC 3720's test vectors) and the masking. */
class MaskedCrc32cTest {
  private static int crc(byte[] data) {
    return MaskedCrc32c.crc32c(data, 0, data.length);
  }

  @Test
  void standardResults() {
    byte[] buf = new byte[32];
    assertEquals(0x8a9136aa, crc(buf), "32 zero bytes");

    java.util.Arrays.fill(buf, (byte) 0xff);
    assertEquals(0x62a8ab43, crc(buf), "32 bytes 0xff");

    for (int i = 0; i < 32; i++) {
      buf[i] = (byte) i;
    }
    assertEquals(0x46dd794e, crc(buf), "bytes 0..31");

    for (int i = 0; i < 32; i++) {
      buf[i] = (byte) (31 - i);
    }
    assertEquals(0x113fdb5c, crc(buf), "bytes 31..0");

    int[] iscsiRead = {
        0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
        0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    byte[] data = new byte[iscsiRead.length];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) iscsiRead[i];
    }
    assertEquals(0xd9963a56, crc(data), "an iSCSI read command");
  }

  @Test
  void differentInputsDiffer() {
    assertNotEquals(crc("a".getBytes(StandardCharsets.US_ASCII)), crc("foo".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void maskRotatesAndAddsTheDelta() {
    int crc = crc("foo".getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(crc, MaskedCrc32c.mask(crc));
    assertNotEquals(crc, MaskedCrc32c.mask(MaskedCrc32c.mask(crc)));
    assertEquals(crc, MaskedCrc32c.unmask(MaskedCrc32c.mask(crc)));
    assertEquals(crc, MaskedCrc32c.unmask(MaskedCrc32c.unmask(MaskedCrc32c.mask(MaskedCrc32c.mask(crc)))));
    // ((0x8a9136aa >>> 15) | (0x8a9136aa << 17)) + 0xa282ead8, modulo 2^32, worked out by hand
    assertEquals(0x0fd7fffa, MaskedCrc32c.mask(0x8a9136aa));
    assertEquals(0x951f7892, MaskedCrc32c.of(bytesZeroTo31(), 0, 32));
  }

  private static byte[] bytesZeroTo31() {
    byte[] buf = new byte[32];
    for (int i = 0; i < 32; i++) {
      buf[i] = (byte) i;
    }
    return buf;
  }
}
