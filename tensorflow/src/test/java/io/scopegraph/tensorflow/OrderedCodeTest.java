package io.scopegraph.tensorflow;

import static io.scopegraph.tensorflow.CheckpointTestFiles.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Known encodings from TensorFlow's {@code ordered_code_test.cc} ({@code EncodingIsExpected}). */
class OrderedCodeTest {
  private static String unsigned(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OrderedCode.writeNumIncreasing(out, v);
    return hex(out.toByteArray());
  }

  private static byte[] signedBytes(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OrderedCode.writeSignedNumIncreasing(out, v);
    return out.toByteArray();
  }

  private static String signed(long v) {
    return hex(signedBytes(v));
  }

  private static String string(byte[] s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OrderedCode.writeString(out, s);
    return hex(out.toByteArray());
  }

  @Test
  @DisplayName("WriteNumIncreasing: a length byte, then big-endian without leading zeros")
  void unsignedNumbers() {
    assertEquals("00", unsigned(0));
    assertEquals("01 01", unsigned(1));
    assertEquals("01 02", unsigned(2));
    assertEquals("01 ff", unsigned(0xff));
    assertEquals("02 01 00", unsigned(0x100));
    assertEquals("02 ff ff", unsigned(0xffff));
    assertEquals("03 01 00 00", unsigned(0x10000));
    assertEquals("04 ff ff ff ff", unsigned(0xffffffffL));
    assertEquals("05 01 00 00 00 00", unsigned(0x100000000L));
    assertEquals("07 ff ff ff ff ff ff ff", unsigned(0xffffffffffffffL));
    assertEquals("08 7f ff ff ff ff ff ff ff", unsigned(Long.MAX_VALUE));
    assertEquals("08 80 00 00 00 00 00 00 00", unsigned(0x8000000000000000L), "2^63 as uint64");
    assertEquals("08 80 00 00 00 00 00 00 01", unsigned(0x8000000000000001L));
  }

  @Test
  @DisplayName("WriteSignedNumIncreasing: non-negative values")
  void signedPositive() {
    assertEquals("80", signed(0));
    assertEquals("81", signed(1));
    assertEquals("82", signed(2));
    assertEquals("bf", signed(63));
    assertEquals("c0 40", signed(64));
    assertEquals("c0 ff", signed(255));
    assertEquals("c1 00", signed(256));
    assertEquals("df ff", signed(8191));
    assertEquals("e0 20 00", signed(8192));
    assertEquals("ef ff ff", signed(1048575));
    assertEquals("f0 10 00 00", signed(1048576));
    assertEquals("f7 ff ff ff", signed(134217727));
    assertEquals("f8 08 00 00 00", signed(134217728));
    assertEquals("f8 7f ff ff ff", signed(2147483647));
    assertEquals("fb ff ff ff ff", signed(17179869183L));
    assertEquals("fc 04 00 00 00 00", signed(17179869184L));
    assertEquals("fe 02 00 00 00 00 00", signed(2199023255552L));
    assertEquals("ff 01 00 00 00 00 00 00", signed(281474976710656L));
    assertEquals("ff 7f ff ff ff ff ff ff", signed(36028797018963967L));
    assertEquals("ff 80 80 00 00 00 00 00 00", signed(36028797018963968L));
    assertEquals("ff bf ff ff ff ff ff ff ff", signed(4611686018427387903L));
    assertEquals("ff c0 40 00 00 00 00 00 00 00", signed(4611686018427387904L));
    assertEquals("ff c0 7f ff ff ff ff ff ff ff", signed(Long.MAX_VALUE));
  }

  @Test
  @DisplayName("WriteSignedNumIncreasing: negative values (-1 is the full-dimension length of slice keys)")
  void signedNegative() {
    assertEquals("7f", signed(-1));
    assertEquals("7e", signed(-2));
    assertEquals("40", signed(-64));
    assertEquals("3f bf", signed(-65));
    assertEquals("3f 00", signed(-256));
    assertEquals("3e ff", signed(-257));
    assertEquals("20 00", signed(-8192));
    assertEquals("1f df ff", signed(-8193));
    assertEquals("10 00 00", signed(-1048576));
    assertEquals("0f ef ff ff", signed(-1048577));
    assertEquals("07 80 00 00 00", signed(-2147483648L));
    assertEquals("03 fb ff ff ff ff", signed(-17179869185L));
    assertEquals("00 fe ff ff ff ff ff ff", signed(-281474976710657L));
    assertEquals("00 c0 00 00 00 00 00 01", signed(-18014398509481983L));
    assertEquals("00 3f 80 00 00 00 00 00 00 01", signed(-9223372036854775807L));
    assertEquals("00 3f 80 00 00 00 00 00 00 00", signed(Long.MIN_VALUE));
  }

  @Test
  @DisplayName("WriteSignedNumIncreasing keeps the order of random numbers of every magnitude")
  void signedOrder() {
    Random random = new Random(301);
    for (int i = 0; i < 20000; i++) {
      long a = random.nextLong() >> random.nextInt(64);
      long b = random.nextLong() >> random.nextInt(64);
      int expected = Long.compare(a, b);
      int actual = Arrays.compareUnsigned(signedBytes(a), signedBytes(b));
      assertEquals(Integer.signum(expected), Integer.signum(actual), a + " vs " + b);
    }
  }

  @Test
  @DisplayName("WriteString escapes 00 and ff and ends with 00 01")
  void strings() {
    assertEquals("00 01", string(new byte[0]));
    assertEquals("66 6f 6f 00 01", string(CheckpointTestFiles.utf8("foo")));
    assertEquals("68 65 6c 6c 6f 00 01", string(CheckpointTestFiles.utf8("hello")));
    assertEquals("00 ff 01 ff 00 00 01", string(hex("00 01 ff")));
  }

  @Test
  @DisplayName("T50: slice keys of v's two partitions, which sort before every tensor key")
  void t50SliceKeys() {
    assertEquals("00 76 00 01 01 02 80 82 80 82", hex(TensorSlice.parse("0,2:0,2").checkpointKey("v")));
    assertEquals("00 76 00 01 01 02 82 82 80 82", hex(TensorSlice.parse("2,2:0,2").checkpointKey("v")));
    assertEquals("00 76 00 01 01 02 82 82 80 7f", hex(TensorSlice.parse("2,2:-").checkpointKey("v")));
    assertTrue(Arrays.compareUnsigned(TensorSlice.parse("0,2:0,2").checkpointKey("v"), new byte[] {0x01}) < 0);
  }
}
