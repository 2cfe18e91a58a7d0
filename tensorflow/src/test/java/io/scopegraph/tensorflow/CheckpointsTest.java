package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list_variables}, {@code load_variable}, the state file and key suggestions (T42, T44, T51). */
class CheckpointsTest {
  @TempDir
  Path dir;

  private static NdArray ramp(long... dims) {
    Shape shape = Shape.of(dims);
    float[] values = new float[(int) shape.numElements()];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f;
    }
    return NdArray.create(DType.FLOAT32, shape, values);
  }

  /** T51's checkpoint, saved at global step 0 with its state file. */
  private String writeT51() {
    String prefix = dir.resolve("model.ckpt-0").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("useful_scope/var4", ramp(9, 9)).add("var1", ramp(1, 10)).add("var2", ramp(10, 10))
          .add("var3", ramp(100, 100));
      w.finish();
    }
    CheckpointState.write(dir, prefix, List.of(), CheckpointState.DEFAULT_FILENAME);
    return prefix;
  }

  @Test
  @DisplayName("T51: list_variables of a directory: every key with its shape, in key order")
  void t51List() {
    writeT51();
    Map<String, Shape> vars = Checkpoints.listVariables(dir.toString());
    assertEquals(List.of("useful_scope/var4", "var1", "var2", "var3"), List.copyOf(vars.keySet()));
    assertEquals(List.of(Shape.of(9, 9), Shape.of(1, 10), Shape.of(10, 10), Shape.of(100, 100)),
        List.copyOf(vars.values()));
  }

  @Test
  @DisplayName("T51: load_variable by name or with ':0'; a missing key and missing files fail as TensorFlow")
  void t51Load() {
    String prefix = writeT51();
    assertEquals(ramp(9, 9), Checkpoints.loadVariable(dir.toString(), "useful_scope/var4"));
    assertEquals(ramp(1, 10), Checkpoints.loadVariable(dir.toString(), "var1:0"));
    assertEquals(ramp(1, 10), Checkpoints.loadVariable(prefix, "var1"));
    assertEquals("Key var5 not found in checkpoint", assertThrows(CheckpointNotFoundException.class,
        () -> Checkpoints.loadVariable(dir.toString(), "var5")).getMessage());
    String missing = dir.resolve("no_such_dir").toString();
    assertEquals("Unsuccessful TensorSliceReader constructor: Failed to find any matching files for " + missing,
        assertThrows(CheckpointNotFoundException.class, () -> Checkpoints.listVariables(missing)).getMessage());
  }

  @Test
  @DisplayName("T51: a directory without a state file names no checkpoint")
  void t51EmptyDirectory() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertEquals("Couldn't find 'checkpoint' file or checkpoints in given directory " + empty,
        assertThrows(CheckpointNotFoundException.class, () -> CheckpointReader.open(empty)).getMessage());
    assertNull(Checkpoints.latestCheckpoint(empty.toString()));
    assertNull(Checkpoints.checkpointState(empty.toString()));
  }

  @Test
  @DisplayName("T42: the state file's exact text for absolute paths; latest_checkpoint needs the .index")
  void t42StateFile() throws IOException {
    String p3 = dir.resolve("model.ckpt-3").toString();
    String p7 = dir.resolve("model.ckpt-7").toString();
    CheckpointState.write(dir, p7, List.of(p3), "checkpoint");
    assertEquals("model_checkpoint_path: \"" + p7 + "\"\nall_model_checkpoint_paths: \"" + p3 + "\"\n"
        + "all_model_checkpoint_paths: \"" + p7 + "\"\n", Files.readString(dir.resolve("checkpoint")));
    assertEquals(new CheckpointState(p7, List.of(p3, p7)), Checkpoints.checkpointState(dir.toString()));
    assertNull(Checkpoints.latestCheckpoint(dir.toString()), "no model.ckpt-7.index yet");
    try (CheckpointWriter w = CheckpointWriter.create(p7)) {
      w.add("v", NdArray.scalar(1f));
      w.finish();
    }
    assertEquals(p7, Checkpoints.latestCheckpoint(dir.toString()));
    assertEquals(p7, CheckpointReader.open(dir).prefix());
  }

  @Test
  @DisplayName("T42: a relative save directory stores relative paths; latest_checkpoint joins them again")
  void t42Relative() throws IOException {
    Path run = Files.createDirectory(dir.resolve("run"));
    String relRun = Path.of("").toAbsolutePath().relativize(run).toString();
    String p7 = relRun + "/model.ckpt-7";
    CheckpointState.write(Path.of(relRun), p7, List.of(relRun + "/model.ckpt-3"), "checkpoint");
    assertEquals("model_checkpoint_path: \"model.ckpt-7\"\nall_model_checkpoint_paths: \"model.ckpt-3\"\n"
        + "all_model_checkpoint_paths: \"model.ckpt-7\"\n", Files.readString(run.resolve("checkpoint")));
    try (CheckpointWriter w = CheckpointWriter.create(p7)) {
      w.add("v", NdArray.scalar(7f));
      w.finish();
    }
    assertEquals(p7, Checkpoints.latestCheckpoint(relRun));
    assertEquals(NdArray.scalar(7f), Checkpoints.loadVariable(relRun, "v"));
  }

  @Test
  @DisplayName("T44: generate_checkpoint_state_proto(\"train\", \"train/model-0\") is relative to train")
  void t44RelPath() {
    assertEquals(new CheckpointState("model-0", List.of("model-0")),
        CheckpointState.generate("train", "train/model-0", List.of()));
    assertEquals(new CheckpointState("/abs/train/model-0", List.of("/abs/train/model-0")),
        CheckpointState.generate("/abs/train", "/abs/train/model-0", List.of()), "absolute paths stay");
    assertEquals(new CheckpointState("model-1", List.of("model-0", "model-1")),
        CheckpointState.generate("train", "train/model-1", List.of("train/model-0")));
  }

  @Test
  @DisplayName("T44: relative paths in the state file are joined onto the directory (./model → dir/./model)")
  void t44CompletesRelativePaths() throws IOException {
    Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"./model.ckpt-687529\"\n"
        + "all_model_checkpoint_paths: \"./model.ckpt-687500\"\n"
        + "all_model_checkpoint_paths: \"./model.ckpt-687529\"\n");
    CheckpointState s = CheckpointState.read(dir);
    assertEquals(dir + "/./model.ckpt-687529", s.modelCheckpointPath());
    assertEquals(List.of(dir + "/./model.ckpt-687500", dir + "/./model.ckpt-687529"), s.allModelCheckpointPaths());
  }

  @Test
  @DisplayName("T44: an empty state file is an invalid state")
  void t44Empty() throws IOException {
    Files.writeString(dir.resolve("checkpoint"), "");
    assertEquals("Invalid checkpoint state loaded from " + dir,
        assertThrows(CheckpointException.class, () -> CheckpointState.read(dir)).getMessage());
  }

  @Test
  @DisplayName("T44: save_relative_paths writes model-2 for an absolute path; reading joins the directory")
  void t44SaveRelativePaths() throws IOException {
    String p2 = dir.resolve("model-2").toString();
    CheckpointState.write(dir, p2, List.of(dir.resolve("model-1").toString()), "checkpoint", true);
    assertEquals("model_checkpoint_path: \"model-2\"\nall_model_checkpoint_paths: \"model-1\"\n"
        + "all_model_checkpoint_paths: \"model-2\"\n", Files.readString(dir.resolve("checkpoint")));
    assertEquals(p2, CheckpointState.read(dir).modelCheckpointPath());
  }

  @Test
  @DisplayName("state file text: timestamps and unknown fields accepted, garbage ignored, C escapes round-trip")
  void stateText() throws IOException {
    CheckpointState s = CheckpointState.parse("# comment\nmodel_checkpoint_path: \"a\" 'b'\n"
        + "all_model_checkpoint_paths: \"ab\"\nall_model_checkpoint_timestamps: 1.5e9\n"
        + "last_preserved_timestamp: 1234.5\nfuture_field: 7\nfuture_message { x: \"y\" }\n");
    assertEquals(new CheckpointState("ab", List.of("ab")), s);

    CheckpointState odd = new CheckpointState("dir/é \"q\" \\ 'x'\n", List.of());
    String text = odd.toText();
    assertEquals("model_checkpoint_path: \"dir/\\303\\251 \\\"q\\\" \\\\ \\'x\\'\\n\"\n", text);
    assertEquals(odd, CheckpointState.parse(text));
    assertEquals(new CheckpointState("\u00e9A", List.of()), CheckpointState.parse("model_checkpoint_path: \"\\xc3\\xa9\\101\""));

    Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"unterminated\n");
    assertNull(CheckpointState.read(dir), "TensorFlow logs a parse error and returns None");
    Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: 12\n");
    assertNull(CheckpointState.read(dir));
    assertThrows(IllegalArgumentException.class, () -> CheckpointState.write(dir, "x", List.of(), "a/b"));
  }

  @Test
  @DisplayName("closestKey: the same leaf in another scope, else a small typo, else nothing")
  void closestKey() {
    String prefix = dir.resolve("k").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      for (String k : List.of("global_step", "tower_1/b", "tower_1/w", "tower_2/w", "dense/kernel")) {
        w.add(k, NdArray.scalar(1f));
      }
      w.finish();
    }
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals("tower_1/w", r.closestKey("tower/w"), "same leaf; tower_1 and tower_2 tie, first wins");
      assertEquals("tower_2/w", r.closestKey("tower_2x/w"));
      assertEquals("global_step", r.closestKey("global_stpe"));
      assertEquals("dense/kernel", r.closestKey("dense/kernal"));
      assertNull(r.closestKey("completely_unrelated"));
      assertNull(r.closestKey("xy"));
      assertFalse(r.contains("tower/w"));
    }
    assertEquals(3, KeySuggestions.levenshtein("kitten", "sitting"));
  }
}
