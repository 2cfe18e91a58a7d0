package io.scopegraph.tensorflow;

import static io.scopegraph.tensorflow.CheckpointTestFiles.flipByte;
import static io.scopegraph.tensorflow.CheckpointTestFiles.hex;
import static io.scopegraph.tensorflow.CheckpointTestFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.VersionDef;

/** Damaged checkpoints fail fast with a {@link CorruptCheckpointException} naming the file; shards are read. */
class CheckpointCorruptionTest {
  @TempDir
  Path dir;

  private String prefix;
  private Path index;
  private Path data;

  /** T57's checkpoint (TensorFlow's bytes). */
  private void writeT57() {
    prefix = dir.resolve("variables").toString();
    index = Path.of(prefix + ".index");
    data = Path.of(prefix + ".data-00000-of-00001");
    CheckpointTestFiles.write(index, CheckpointFormatTest.T57_INDEX);
    CheckpointTestFiles.write(data, CheckpointFormatTest.T57_DATA);
  }

  /** Opening and reading every tensor fails, fast, with a message naming {@code file} and saying {@code what}. */
  private void assertCorrupt(Path file, String what) {
    Executable readAll = () -> {
      try (CheckpointReader r = CheckpointReader.open(prefix)) {
        for (String k : r.keys()) {
          r.read(k);
        }
      }
    };
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> assertTimeoutPreemptively(Duration.ofSeconds(5), readAll));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  private static BundleEntryProto floatEntry(long offset, long size, long... dims) {
    return BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT).setShape(TensorShapes.toProto(Shape.of(dims)))
        .setOffset(offset).setSize(size).build();
  }

  @Test
  @DisplayName("T57 corrupted: a truncated index")
  void truncatedIndex() {
    writeT57();
    CheckpointTestFiles.write(index, Arrays.copyOf(CheckpointFormatTest.T57_INDEX, 100));
    assertCorrupt(index, "not an sstable (bad magic number)");
    CheckpointTestFiles.write(index, Arrays.copyOf(CheckpointFormatTest.T57_INDEX, 30));
    assertCorrupt(index, "file is too short to be an sstable");
  }

  @Test
  @DisplayName("T57 corrupted: a wrong magic number")
  void badMagic() {
    writeT57();
    flipByte(index, CheckpointFormatTest.T57_INDEX.length - 1);
    assertCorrupt(index, "not an sstable (bad magic number)");
  }

  @Test
  @DisplayName("T57 corrupted: a flipped byte in the data block, the metaindex and the index block")
  void flippedIndexByte() {
    for (int offset : new int[] {10, 70, 90}) {
      writeT57();
      flipByte(index, offset);
      assertCorrupt(index, "block checksum mismatch");
    }
  }

  @Test
  @DisplayName("T57 corrupted: a flipped data byte fails that tensor's checksum")
  void flippedDataByte() {
    writeT57();
    flipByte(data, 9);
    assertCorrupt(data, "Checksum does not match: stored");
  }

  @Test
  @DisplayName("T57 corrupted: the index handle points past the end of the file")
  void handlePastEnd() {
    writeT57();
    byte[] bytes = read(index);
    byte[] hugeHandle = hex("54 ff ff ff ff 0f"); // offset 84, size 2^32 - 1
    System.arraycopy(hugeHandle, 0, bytes, 105, hugeHandle.length);
    CheckpointTestFiles.write(index, bytes);
    assertCorrupt(index, "truncated block read");
  }

  @Test
  @DisplayName("an entry claiming 1 GiB past a 12-byte data file fails before allocating")
  void entryPastEnd() {
    writeT57();
    CheckpointTestFiles.writeIndex(index, CheckpointTestFiles.header(1),
        List.of(new CheckpointTestFiles.IndexEntry("big", floatEntry(0, 1L << 30, 1L << 28))));
    assertCorrupt(data, "entry big spans bytes [0, 1073741824) but the file has 12 bytes");
  }

  @Test
  @DisplayName("an entry whose size is not its shape's: TensorFlow's 'Invalid size in bundle entry'")
  void wrongEntrySize() {
    writeT57();
    CheckpointTestFiles.writeIndex(index, CheckpointTestFiles.header(1),
        List.of(new CheckpointTestFiles.IndexEntry("a", floatEntry(0, 8))));
    assertCorrupt(data, "Invalid size in bundle entry: key a; stored size 8; expected size 4");
  }

  @Test
  @DisplayName("a string length varint of 2^40 in a 15-byte entry fails before allocating")
  void hugeStringLength() {
    writeT57();
    CheckpointTestFiles.write(data, hex("80 80 80 80 80 20 00 00 00 00 68 65 6c 6c 6f"));
    BundleEntryProto s = BundleEntryProto.newBuilder().setDtype(DataType.DT_STRING)
        .setShape(TensorShapes.toProto(Shape.of(1))).setSize(15).build();
    CheckpointTestFiles.writeIndex(index, CheckpointTestFiles.header(1),
        List.of(new CheckpointTestFiles.IndexEntry("s", s)));
    assertCorrupt(data, "String lengths longer than expected offset 15");
  }

  @Test
  @DisplayName("a Snappy block claiming 1 GiB uncompressed from 8 bytes fails before allocating")
  void hugeSnappyLength() {
    writeT57();
    CheckpointTestFiles.writeTable(index, hex("80 80 80 80 04 00 00 00"), TableFormat.SNAPPY_COMPRESSION,
        new byte[] {'a'});
    assertCorrupt(index, "corrupted compressed block contents");
  }

  @Test
  @DisplayName("a missing data shard is named")
  void missingShard() throws IOException {
    writeT57();
    Files.delete(data);
    assertCorrupt(data, "is missing");
  }

  @Test
  @DisplayName("an unparseable entry, a header from a newer format, an invalid shape")
  void badEntries() {
    writeT57();
    BundleHeaderProto newer = CheckpointTestFiles.header(1).toBuilder()
        .setVersion(VersionDef.newBuilder().setProducer(2).setMinConsumer(2)).build();
    CheckpointTestFiles.writeIndex(index, newer, List.of());
    assertCorrupt(index, "Checkpoint min consumer version 2 above current version 1");

    CheckpointTestFiles.writeIndex(index, CheckpointTestFiles.header(1),
        List.of(new CheckpointTestFiles.IndexEntry("a", floatEntry(0, 4, -1))));
    assertCorrupt(index, "Invalid tensor shape: a");

    try (var out = Files.newOutputStream(index)) {
      TableWriter t = new TableWriter(out);
      t.add(new byte[0], CheckpointTestFiles.header(1).toByteArray());
      t.add(new byte[] {'a'}, hex("0a ff"));
      t.finish();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertCorrupt(index, "Entry for key a not parseable.");
  }

  @Test
  @DisplayName("sharded bundle (as MergeV2Checkpoints writes): two data files, a partitioned tensor across them")
  void twoShards() throws IOException {
    String p0 = dir.resolve("part-0").toString();
    String p1 = dir.resolve("part-1").toString();
    try (CheckpointWriter w = CheckpointWriter.create(p0)) {
      w.add("a", NdArray.of(1.0, 2.0)).add("v", "4 2 0,2:-", NdArray.of(new float[][] {{0, 1}, {2, 3}}));
      w.finish();
    }
    try (CheckpointWriter w = CheckpointWriter.create(p1)) {
      w.add("b", NdArray.of(new long[] {7, 8, 9})).add("v", "4 2 2,2:-", NdArray.of(new float[][] {{4, 5}, {6, 7}}));
      w.finish();
    }
    prefix = dir.resolve("model.ckpt-5").toString();
    Files.move(Path.of(p0 + ".data-00000-of-00001"), Path.of(prefix + ".data-00000-of-00002"));
    Files.move(Path.of(p1 + ".data-00000-of-00001"), Path.of(prefix + ".data-00001-of-00002"));
    List<CheckpointTestFiles.IndexEntry> e0 = CheckpointTestFiles.readIndex(Path.of(p0 + ".index"));
    List<CheckpointTestFiles.IndexEntry> e1 = CheckpointTestFiles.readIndex(Path.of(p1 + ".index"));
    // keys: slice of v in shard 0, slice of v in shard 1, a, b, v (slices merged)
    BundleEntryProto v = e0.get(2).entry().toBuilder().addAllSlices(e1.get(2).entry().getSlicesList()).build();
    List<CheckpointTestFiles.IndexEntry> merged = List.of(e0.get(0), shard1(e1.get(0)), e0.get(1), shard1(e1.get(1)),
        new CheckpointTestFiles.IndexEntry("v", v));
    CheckpointTestFiles.writeIndex(Path.of(prefix + ".index"), CheckpointTestFiles.header(2), merged);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(List.of("a", "b", "v"), r.keys());
      assertEquals(NdArray.of(1.0, 2.0), r.read("a"));
      assertEquals(NdArray.of(new long[] {7, 8, 9}), r.read("b"));
      assertEquals(NdArray.of(new float[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}}), r.read("v"));
      assertEquals(NdArray.of(new float[][] {{2, 3}, {4, 5}}), r.read("v", "4 2 1,2:-"));
    }
    Files.delete(Path.of(prefix + ".data-00001-of-00002"));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(NdArray.of(1.0, 2.0), r.read("a"));
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> r.read("b"));
      assertTrue(e.getMessage().contains(prefix + ".data-00001-of-00002"), e.getMessage());
    }
  }

  private static CheckpointTestFiles.IndexEntry shard1(CheckpointTestFiles.IndexEntry e) {
    return new CheckpointTestFiles.IndexEntry(e.key(), e.entry().toBuilder().setShardId(1).build());
  }
}
