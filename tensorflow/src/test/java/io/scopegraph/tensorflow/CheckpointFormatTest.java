package io.scopegraph.tensorflow;

import static io.scopegraph.tensorflow.CheckpointTestFiles.flipByte;
import static io.scopegraph.tensorflow.CheckpointTestFiles.hex;
import static io.scopegraph.tensorflow.CheckpointTestFiles.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** The V2 format byte for byte: TensorFlow-written vectors of the spec (§4, T57–T59). */
class CheckpointFormatTest {
  /** TD-H2's index (spec §4.9), written by TensorFlow. */
  static final byte[] T57_INDEX = hex("""
      00 00 06 08 01 1a 02 08 01
      00 01 0b 61 08 01 12 00 28 04 35 06 38 27 1f
      00 01 0d 62 08 01 12 00 20 04 28 04 35 10 fd 78 4f
      00 01 0d 63 08 01 12 00 20 08 28 04 35 ef d6 82 c3
      00 00 00 00 01 00 00 00
      00 e4 15 b6 bc
      00 00 00 00 01 00 00 00 00 c0 f2 a1 b0
      00 01 02 64 00 42 00 00 00 00 01 00 00 00 00 58 b2 e9 f7
      47 08 54 0e 000000000000000000000000000000000000000000000000000000000000000000000000
      57 fb 80 8b 24 75 47 db""");
  static final byte[] T57_DATA = hex("00 00 00 3f 00 00 00 40 00 00 40 40");

  @TempDir
  Path dir;

  private String writeT57() {
    String prefix = dir.resolve("variables").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("c", NdArray.scalar(3.0f)).add("a", NdArray.scalar(0.5f)).add("b", NdArray.scalar(2.0f));
      w.finish();
    }
    return prefix;
  }

  @Test
  @DisplayName("T57: three float scalars give TensorFlow's 151-byte index and 12-byte data file")
  void t57Bytes() {
    // TensorFlow packs data in add order (SaveV2 gets the keys sorted by the Saver): a, b, c
    String prefix = dir.resolve("variables").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("a", NdArray.scalar(0.5f)).add("b", NdArray.scalar(2.0f)).add("c", NdArray.scalar(3.0f));
      w.finish();
    }
    assertEquals(151, T57_INDEX.length);
    assertEquals(hex(T57_INDEX), hex(read(Path.of(prefix + ".index"))));
    assertEquals(hex(T57_DATA), hex(read(Path.of(prefix + ".data-00000-of-00001"))));
  }

  @Test
  @DisplayName("T57: the reader returns TensorFlow's values and rejects a flipped data byte")
  void t57Read() {
    String prefix = dir.resolve("variables").toString();
    CheckpointTestFiles.write(Path.of(prefix + ".index"), T57_INDEX);
    CheckpointTestFiles.write(Path.of(prefix + ".data-00000-of-00001"), T57_DATA);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(List.of("a", "b", "c"), r.keys());
      assertEquals(NdArray.scalar(0.5f), r.read("a"));
      assertEquals(NdArray.scalar(2.0f), r.read("b"));
      assertEquals(NdArray.scalar(3.0f), r.read("c"));
      assertEquals(Shape.scalar(), r.shape("b"));
      assertEquals("float32", r.dtypeName("c"));
    }
    flipByte(Path.of(prefix + ".data-00000-of-00001"), 5);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(NdArray.scalar(0.5f), r.read("a"));
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> r.read("b"));
      assertTrue(e.getMessage().contains("Checksum does not match: stored 152852091 vs. calculated on the "
          + "restored bytes 2551807443"), e.getMessage());
      assertTrue(e.getMessage().contains(prefix + ".data-00000-of-00001"), e.getMessage());
    }
  }

  @Test
  @DisplayName("T57: add order does not change the index, only where the bytes go")
  void t57AnyOrder() {
    String prefix = writeT57();
    byte[] index = read(Path.of(prefix + ".index"));
    assertEquals(151, index.length);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(List.of("a", "b", "c"), r.keys());
      assertEquals(NdArray.scalar(3.0f), r.read("c"));
    }
  }

  @Test
  @DisplayName("T59: one float vector gives the 121-byte index")
  void t59Bytes() {
    String prefix = dir.resolve("model").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("v", NdArray.of(1.0f, 2.0f));
      w.finish();
    }
    byte[] expected = hex("""
        00 00 06 08 01 1a 02 08 01 00 01 0f 76 08 01 12 04 12 02 08 02 28 08 35 59 3c e5 35
        00 00 00 00 01 00 00 00 | 00 30 55 93 58 | 00 00 00 00 01 00 00 00 00 c0 f2 a1 b0 |
        00 01 02 77 00 24 00 00 00 00 01 00 00 00 | 00 94 60 b2 cd |
        29 08 36 0e 000000000000000000000000000000000000000000000000000000000000000000000000
        57 fb 80 8b 24 75 47 db""");
    assertEquals(121, expected.length);
    assertEquals(hex(expected), hex(read(Path.of(prefix + ".index"))));
    assertEquals("00 00 80 3f 00 00 00 40", hex(read(Path.of(prefix + ".data-00000-of-00001"))));
    assertEquals("08 01 12 04 12 02 08 02 28 08 35 59 3c e5 35",
        hex(CheckpointTestFiles.entryBytes(Path.of(prefix + ".index"), "v")));
  }

  @Test
  @DisplayName("T58: string tensors: varint lengths, masked length CRC, bytes; the entry CRC as TensorFlow's")
  void t58Strings() {
    String prefix = dir.resolve("foo").toString();
    String[] strs = {"abcde", "", "xyz", "x".repeat(1024)};
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("string_tensor", NdArray.of(new String[] {""}))
          .add("scalar", NdArray.of(new String[] {"hello"}))
          .add("strs", NdArray.of(strs))
          .add("floats", NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
      w.finish();
    }
    byte[] data = read(Path.of(prefix + ".data-00000-of-00001"));
    assertEquals("00 a6 7b 11 3a 05 d9 c6 9c 43 68 65 6c 6c 6f 05 00 03 80 08", hex(java.util.Arrays.copyOf(data, 20)));
    assertEquals("08 07 12 04 12 02 08 01 20 05 28 0a 35 ec e0 c0 29",
        hex(CheckpointTestFiles.entryBytes(Path.of(prefix + ".index"), "scalar")));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(List.of("floats", "scalar", "string_tensor", "strs"), r.keys());
      assertEquals(NdArray.of(new String[] {"hello"}), r.read("scalar"));
      assertEquals(NdArray.of(new String[] {""}), r.read("string_tensor"));
      assertEquals(NdArray.of(strs), r.read("strs"));
      assertEquals("string", r.dtypeName("strs"));
      assertEquals(NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}), r.read("floats"));
    }
  }

  @Test
  @DisplayName("T58: the spec's scalar \"ab\" is 02 | d8 d8 10 73 | 61 62")
  void t58ScalarString() {
    String prefix = dir.resolve("s").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("s", NdArray.scalar("ab"));
      w.finish();
    }
    assertEquals("02 d8 d8 10 73 61 62", hex(read(Path.of(prefix + ".data-00000-of-00001"))));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(NdArray.scalar("ab"), r.read("s"));
    }
  }

  @Test
  @DisplayName("T58: a Snappy-compressed index block (TensorFlow <= 1.1) is read: CRC over compressed bytes + type")
  void t58SnappyIndex() throws Exception {
    String prefix = dir.resolve("model.ckpt-46900").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      for (int i = 0; i < 27; i++) { // 28 entries with the header: two restart points, as TD-TRT's
        w.add(String.format("conv2d/bias/Adam_%02d", i), NdArray.of(new float[] {i, i + 0.5f}));
      }
      w.finish();
    }
    Path indexFile = Path.of(prefix + ".index");
    List<TableReader.Entry> entries = TableReader.readAll(indexFile);
    BlockBuilder block = new BlockBuilder(16);
    entries.forEach(e -> block.add(e.key(), e.value()));
    byte[] raw = block.finish();
    byte[] compressed = Snappy.compress(raw);
    assertTrue(compressed.length < raw.length);

    CheckpointTestFiles.writeTable(indexFile, compressed, TableFormat.SNAPPY_COMPRESSION,
        entries.get(entries.size() - 1).key());
    assertEquals(1, read(indexFile)[compressed.length], "type byte 1: Snappy");

    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(27, r.keys().size());
      assertEquals(NdArray.of(new float[] {26, 26.5f}), r.read("conv2d/bias/Adam_26"));
    }
    flipByte(indexFile, 3);
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> CheckpointReader.open(prefix));
    assertTrue(e.getMessage().contains("block checksum mismatch"), e.getMessage());
  }

  @Test
  @DisplayName("T58: TD-TRT's checkpoint state file is parsed")
  void t58StateFile() {
    CheckpointState s = CheckpointState.parse("model_checkpoint_path: \"model.ckpt-46900\"\n"
        + "all_model_checkpoint_paths: \"model.ckpt-0\"\nall_model_checkpoint_paths: \"model.ckpt-46900\"\n");
    assertEquals(new CheckpointState("model.ckpt-46900", List.of("model.ckpt-0", "model.ckpt-46900")), s);
  }

  @Test
  @DisplayName("index with many entries: several data blocks, shortest separators, read back whole")
  void manyBlocks() {
    String prefix = dir.resolve("many").toString();
    int n = 6000; // about 60 bytes an entry: two 256 KiB blocks
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      for (int i = 0; i < n; i++) {
        w.add(String.format("layer_%05d/some/long/scope/name/to/fill/blocks/kernel", i), NdArray.scalar(i));
      }
      w.finish();
    }
    byte[] index = read(Path.of(prefix + ".index"));
    assertTrue(index.length > TableFormat.BLOCK_SIZE, "more than one block: " + index.length);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(n, r.keys().size());
      assertEquals(NdArray.scalar(4321), r.read(String.format("layer_%05d/some/long/scope/name/to/fill/blocks/kernel", 4321)));
    }
  }

  @Test
  @DisplayName("TensorFlow's pre-flush: an entry of 2 x block size or more starts a new block")
  void preFlush() throws Exception {
    Path file = dir.resolve("t.index");
    byte[] big = new byte[2 * TableFormat.BLOCK_SIZE];
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      TableWriter t = new TableWriter(out);
      t.add(new byte[] {'a'}, new byte[] {1});
      t.add(new byte[] {'b'}, big);
      t.add(new byte[] {'c'}, new byte[] {3});
      t.finish();
    }
    // block 1: "a" alone (flushed before "b"); block 2: "b" (flushed after, being over the block size); block 3: "c"
    byte[] bytes = read(file);
    assertEquals(0, bytes[13], "type byte after the first block: entry 00 01 01 61 01, restart 0, count 1");
    assertEquals("00 01 80 80 20 62", hex(java.util.Arrays.copyOfRange(bytes, 18, 24)),
        "the second block starts after the first's trailer with entry b, its value 2^19 bytes");
    List<TableReader.Entry> entries = TableReader.readAll(file);
    assertEquals(3, entries.size());
    assertArrayEquals(big, entries.get(1).value());
  }

  @Test
  @DisplayName("separators and successors as LevelDB's bytewise comparator")
  void separators() {
    assertArrayEquals(CheckpointTestFiles.utf8("d"), TableWriter.shortSuccessor(CheckpointTestFiles.utf8("c")));
    assertArrayEquals(CheckpointTestFiles.utf8("t"), TableWriter.shortSuccessor(CheckpointTestFiles.utf8("strs")));
    assertArrayEquals(CheckpointTestFiles.utf8("T"), TableWriter.shortSuccessor(CheckpointTestFiles.utf8("ScalarW")));
    assertArrayEquals(hex("ff ff"), TableWriter.shortSuccessor(hex("ff ff")));
    assertArrayEquals(CheckpointTestFiles.utf8("the r"), TableWriter.shortestSeparator(
        CheckpointTestFiles.utf8("the quick brown fox"), CheckpointTestFiles.utf8("the who")));
    assertArrayEquals(CheckpointTestFiles.utf8("abc"),
        TableWriter.shortestSeparator(CheckpointTestFiles.utf8("abc"), CheckpointTestFiles.utf8("abcd")));
    assertArrayEquals(CheckpointTestFiles.utf8("abc"),
        TableWriter.shortestSeparator(CheckpointTestFiles.utf8("abc"), CheckpointTestFiles.utf8("abd")));
  }

  @Test
  @DisplayName("a big-endian bundle (header endianness BIG): numbers and string lengths byte-swapped")
  void bigEndian() {
    String prefix = dir.resolve("be").toString();
    byte[] data = CheckpointTestFiles.concat(hex("3f 00 00 00 40 00 00 00"), hex("02"));
    java.nio.ByteBuffer lengths = java.nio.ByteBuffer.allocate(4).putInt(0, 2); // big-endian uint32
    int lengthsCrc = MaskedCrc32c.mask(MaskedCrc32c.crc32c(lengths.array(), 0, 4));
    byte[] maskedBe = java.nio.ByteBuffer.allocate(4).putInt(lengthsCrc).array();
    data = CheckpointTestFiles.concat(data, maskedBe, hex("61 62"));
    CheckpointTestFiles.write(Path.of(prefix + ".data-00000-of-00001"), data);
    byte[] stringCrcInput = CheckpointTestFiles.concat(lengths.array(), maskedBe, hex("61 62"));
    org.tensorflow.proto.BundleEntryProto f = org.tensorflow.proto.BundleEntryProto.newBuilder()
        .setDtype(org.tensorflow.proto.DataType.DT_FLOAT).setShape(TensorShapes.toProto(Shape.of(2))).setSize(8)
        .setCrc32C(MaskedCrc32c.of(data, 0, 8)).build();
    org.tensorflow.proto.BundleEntryProto s = org.tensorflow.proto.BundleEntryProto.newBuilder()
        .setDtype(org.tensorflow.proto.DataType.DT_STRING).setShape(TensorShapes.toProto(Shape.scalar()))
        .setOffset(8).setSize(7).setCrc32C(MaskedCrc32c.of(stringCrcInput, 0, stringCrcInput.length)).build();
    CheckpointTestFiles.writeIndex(Path.of(prefix + ".index"), CheckpointTestFiles.header(1).toBuilder()
            .setEndianness(org.tensorflow.proto.BundleHeaderProto.Endianness.BIG).build(),
        List.of(new CheckpointTestFiles.IndexEntry("f", f), new CheckpointTestFiles.IndexEntry("s", s)));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(NdArray.of(0.5f, 2.0f), r.read("f"));
      assertEquals(NdArray.scalar("ab"), r.read("s"));
    }
  }

  @Test
  @DisplayName("the writer creates the prefix's directory, one level, as TensorFlow's kernel does")
  void parentDirectory() {
    String nested = dir.resolve("run/model.ckpt-1").toString();
    try (CheckpointWriter w = CheckpointWriter.create(nested)) {
      w.add("v", NdArray.scalar(1f));
      w.finish();
    }
    assertEquals(NdArray.scalar(1f), Checkpoints.loadVariable(nested, "v"));
    String tooDeep = dir.resolve("a/b/model").toString();
    assertEquals("Parent directory of " + tooDeep + " doesn't exist, can't save.",
        assertThrows(CheckpointException.class, () -> CheckpointWriter.create(tooDeep)).getMessage());
  }
}
