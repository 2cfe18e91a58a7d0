package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfRecordTest {
  private static byte[] write(byte[]... records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TfRecordWriter writer = new TfRecordWriter(bytes)) {
      for (byte[] r : records) {
        writer.write(r);
      }
    }
    return bytes.toByteArray();
  }

  private static List<byte[]> read(byte[] file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(file))) {
      for (byte[] r = reader.read(); r != null; r = reader.read()) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void framingIsLengthCrcDataCrc() throws IOException {
    byte[] file = write("hello".getBytes(StandardCharsets.US_ASCII));
    byte[] expected = {
        5, 0, 0, 0, 0, 0, 0, 0,                            // uint64 length, little-endian
        (byte) 0xea, (byte) 0xb2, 0x04, 0x3e,              // masked CRC32C of the 8 length bytes: 0x3e04b2ea
        'h', 'e', 'l', 'l', 'o',
        (byte) 0xbb, 0x1f, 0x1c, 0x19};                    // masked CRC32C of "hello": 0x191c1fbb
    assertArrayEquals(expected, file);
  }

  @Test
  void readsBackEveryRecord() throws IOException {
    byte[] big = new byte[100_000];
    Arrays.fill(big, (byte) 7);
    List<byte[]> records = read(write(new byte[0], "a".getBytes(StandardCharsets.US_ASCII), big));
    assertEquals(3, records.size());
    assertArrayEquals(new byte[0], records.get(0));
    assertArrayEquals("a".getBytes(StandardCharsets.US_ASCII), records.get(1));
    assertArrayEquals(big, records.get(2));
  }

  @Test
  void emptyInputHasNoRecords() throws IOException {
    try (TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(new byte[0]))) {
      assertNull(reader.read());
    }
  }

  @Test
  void corruptedDataIsRejected() throws IOException {
    byte[] file = write("first".getBytes(StandardCharsets.US_ASCII), "second".getBytes(StandardCharsets.US_ASCII));
    int secondRecord = 12 + 5 + 4;
    file[secondRecord + 12 + 2] ^= 0x01; // one bit of "second"
    IOException e = assertThrows(IOException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith("Corrupted TFRecord at offset " + secondRecord + ": the masked CRC32C of "
        + "its data"), e.getMessage());
  }

  @Test
  void corruptedLengthIsRejected() throws IOException {
    byte[] file = write("record".getBytes(StandardCharsets.US_ASCII));
    file[0] = 4; // claims 4 bytes instead of 6
    IOException e = assertThrows(IOException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith("Corrupted TFRecord at offset 0: the masked CRC32C of its length"),
        e.getMessage());
  }

  @Test
  void corruptedDataCrcIsRejected() throws IOException {
    byte[] file = write("record".getBytes(StandardCharsets.US_ASCII));
    file[file.length - 1] ^= (byte) 0x80;
    IOException e = assertThrows(IOException.class, () -> read(file));
    assertTrue(e.getMessage().contains("of its data"), e.getMessage());
  }

  @Test
  void truncatedFileIsRejected() throws IOException {
    byte[] file = write("record".getBytes(StandardCharsets.US_ASCII));
    for (int cut : new int[] {3, 12, 15, file.length - 1}) {
      byte[] truncated = Arrays.copyOf(file, cut);
      IOException e = assertThrows(IOException.class, () -> read(truncated), "cut at " + cut);
      assertTrue(e.getMessage().startsWith("Truncated TFRecord at offset 0"), e.getMessage());
    }
  }
}
