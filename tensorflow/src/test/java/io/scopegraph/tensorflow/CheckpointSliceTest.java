package io.scopegraph.tensorflow;

import static io.scopegraph.tensorflow.CheckpointTestFiles.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;

/** Partitioned tensors: slice entries, assembling, reading sub-slices (RestoreV2's semantics). */
class CheckpointSliceTest {
  @TempDir
  Path dir;

  private static final NdArray V = NdArray.of(new float[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}});

  private String writeV() {
    String prefix = dir.resolve("model.ckpt").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("v", "4 2 0,2:0,2", NdArray.of(new float[][] {{0, 1}, {2, 3}}));
      w.add("v", "4 2 2,2:0,2", NdArray.of(new float[][] {{4, 5}, {6, 7}}));
      w.add("w", NdArray.of(1f, 2f, 3f));
      w.finish();
    }
    return prefix;
  }

  @Test
  @DisplayName("T50: a full entry v (float [4, 2], two slices) and two slice entries sorted before it")
  void t50Entries() {
    String prefix = writeV();
    List<CheckpointTestFiles.IndexEntry> entries = CheckpointTestFiles.readIndex(Path.of(prefix + ".index"));
    assertEquals(List.of("00 76 00 01 01 02 80 82 80 82", "00 76 00 01 01 02 82 82 80 82", "76", "77"),
        entries.stream().map(e -> hex(e.key())).toList());
    BundleEntryProto full = entries.get(2).entry();
    // dtype float, shape [4, 2], slices {extent {length 2} extent {length 2}} and {extent {start 2 length 2} ...}
    assertEquals("08 01 12 08 12 02 08 04 12 02 08 02 3a 08 0a 02 10 02 0a 02 10 02 3a 0a 0a 04 08 02 10 02 0a 02 10 02",
        hex(full.toByteArray()));
    BundleEntryProto second = entries.get(1).entry();
    assertEquals(16, second.getOffset());
    assertEquals(16, second.getSize());
  }

  @Test
  @DisplayName("T50: list hides the slices, read assembles the partitioned tensor")
  void t50ListAndLoad() {
    String prefix = writeV();
    assertEquals(Map.of("v", Shape.of(4, 2), "w", Shape.of(3)), Checkpoints.listVariables(prefix));
    assertEquals(List.of("v", "w"), List.copyOf(Checkpoints.listVariables(prefix).keySet()));
    assertEquals(V, Checkpoints.loadVariable(prefix, "v"));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertTrue(r.isPartitioned("v"));
      assertFalse(r.isPartitioned("w"));
      assertEquals(DType.FLOAT32, r.dtype("v"));
    }
  }

  @Test
  @DisplayName("RestoreV2 slices: across stored slices, inside one, of a whole tensor; '-' for a whole dimension")
  void subSlices() {
    String prefix = writeV();
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(NdArray.of(new float[][] {{2, 3}, {4, 5}}), r.read("v", "4 2 1,2:-"));
      assertEquals(NdArray.of(new float[][] {{3}, {5}, {7}}), r.read("v", "4 2 1,3:1,1"));
      assertEquals(NdArray.of(new float[][] {{0, 1}, {2, 3}}), r.read("v", "4 2 0,2:0,2"));
      assertEquals(V, r.read("v", "4 2 -:-"));
      assertEquals(V, r.read("v", ""));
      assertEquals(NdArray.of(2f, 3f), r.read("w", "3 1,2"));
      CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> r.read("v", "4 3 0,2:-"));
      assertEquals("tensor_name = v; shape in shape_and_slice spec [4,3] does not match the shape stored in "
          + "checkpoint: [4,2]", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> r.read("v", "4 2 3,2:-"));
      assertThrows(IllegalArgumentException.class, () -> r.read("v", "4 2 x"));
    }
  }

  @Test
  @DisplayName("a slice spec covering the whole tensor saves a plain entry; mixed ranks and strings slice too")
  void wholeSliceAndStrings() {
    String prefix = dir.resolve("m").toString();
    NdArray s = NdArray.of(new String[][] {{"a", "b", "c"}, {"d", "e", "f"}});
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("whole", "2 0,2", NdArray.of(5, 6));
      w.add("s", "2 3 -:0,1", NdArray.of(new String[][] {{"a"}, {"d"}}));
      w.add("s", "2 3 -:1,2", NdArray.of(new String[][] {{"b", "c"}, {"e", "f"}}));
      w.finish();
    }
    List<CheckpointTestFiles.IndexEntry> entries = CheckpointTestFiles.readIndex(Path.of(prefix + ".index"));
    assertEquals(4, entries.size(), "two slice entries, s and whole");
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertFalse(r.isPartitioned("whole"));
      assertEquals(NdArray.of(5, 6), r.read("whole"));
      assertEquals(s, r.read("s"));
      assertEquals(NdArray.of(new String[][] {{"c"}, {"f"}}), r.read("s", "2 3 -:2,1"));
    }
  }

  @Test
  @DisplayName("missing slices: a partial partitioned tensor cannot be read whole")
  void insufficientSlices() {
    String prefix = dir.resolve("p").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("v", "4 2 0,2:-", NdArray.of(new float[][] {{0, 1}, {2, 3}}));
      w.finish();
    }
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(NdArray.of(new float[][] {{2, 3}}), r.read("v", "4 2 1,1:-"));
      CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> r.read("v"));
      assertEquals("Does not have sufficient slices for partitioned tensor v to restore in slice_spec: -:-",
          e.getMessage());
    }
  }

  @Test
  @DisplayName("writer argument errors: duplicate key, duplicate slice, shape and dtype mismatches")
  void writerErrors() throws java.io.IOException {
    String prefix = dir.resolve("e").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("a", NdArray.scalar(1f));
      assertEquals("Adding duplicate key: a",
          assertThrows(IllegalArgumentException.class, () -> w.add("a", NdArray.scalar(2f))).getMessage());
      w.add("v", "4 2 0,2:-", NdArray.of(new float[][] {{0, 1}, {2, 3}}));
      assertThrows(IllegalArgumentException.class, () -> w.add("v", "4 2 0,2:-", NdArray.of(new float[][] {{0, 1}, {2, 3}})));
      assertThrows(IllegalArgumentException.class, () -> w.add("v", NdArray.scalar(1f)));
      assertThrows(IllegalArgumentException.class, () -> w.add("v", "4 2 2,2:-", NdArray.of(new int[][] {{0, 1}, {2, 3}})));
      assertThrows(IllegalArgumentException.class, () -> w.add("v", "4 2 2,2:-", NdArray.of(1f, 2f)));
      assertThrows(IllegalArgumentException.class, () -> w.add("", NdArray.scalar(1f)));
    }
    try (var files = java.nio.file.Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "close() without finish() leaves no files");
    }
  }
}
