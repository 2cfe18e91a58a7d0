package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.UninitializedVariableException;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.SaverDef;

/** {@link Saver} on the built-in executor: TF 1.15's ops and names, files, state file, restores and their errors. */
class SaverTest {
  private static final String MISSING = "Restoring from checkpoint failed. This is most likely due to a Variable "
      + "name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the "
      + "graph expected based on the checkpoint. Original error:\n\n";
  private static final String MISMATCH = "Restoring from checkpoint failed. This is most likely due to a mismatch "
      + "between the current graph and the graph from the checkpoint. Please ensure that you have not altered the "
      + "graph expected based on the checkpoint. Original error:\n\n";

  @TempDir
  Path dir;

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> opsAfter(int size) {
    return g.operations().subList(size, g.size()).stream().map(o -> o.name() + " " + o.type()).toList();
  }

  private static List<String> inputs(Operation op) {
    List<String> names = new ArrayList<>(op.inputs().stream().map(Tensor::name).toList());
    op.controlInputs().forEach(c -> names.add("^" + c.name()));
    return names;
  }

  @Test
  @DisplayName("T40: the saver's ops in TF 1.15's order and names, their inputs, and the SaverDef")
  void t40_saverOpsAndSaverDef() throws Exception {
    tf.variable(10.0f, "v0");
    tf.variable(20.0f, "v1");
    int before = g.size();
    Saver saver = new Saver(g);
    assertEquals(List.of("save/filename/input Const", "save/filename PlaceholderWithDefault",
        "save/Const PlaceholderWithDefault", "save/SaveV2/tensor_names Const", "save/SaveV2/shape_and_slices Const",
        "save/SaveV2 SaveV2", "save/control_dependency Identity", "save/RestoreV2/tensor_names Const",
        "save/RestoreV2/shape_and_slices Const", "save/RestoreV2 RestoreV2", "save/Assign Assign",
        "save/Assign_1 Assign", "save/restore_all NoOp"), opsAfter(before));
    assertEquals(NdArray.scalar("model"), g.operation("save/filename/input").attr("value"));
    assertEquals(List.of("save/filename:0"), inputs(g.operation("save/Const")));
    assertEquals(List.of("save/Const:0", "save/SaveV2/tensor_names:0", "save/SaveV2/shape_and_slices:0", "v0:0",
        "v1:0"), inputs(g.operation("save/SaveV2")));
    assertEquals(NdArray.of("v0", "v1"), g.operation("save/SaveV2/tensor_names").attr("value"));
    assertEquals(NdArray.of("", ""), g.operation("save/SaveV2/shape_and_slices").attr("value"));
    assertEquals(List.of(DType.FLOAT32, DType.FLOAT32), g.operation("save/SaveV2").attr("dtypes"));
    assertEquals(List.of("save/Const:0", "^save/SaveV2"), inputs(g.operation("save/control_dependency")));
    Operation restore = g.operation("save/RestoreV2");
    assertEquals("/device:CPU:0", restore.device());
    assertEquals(List.of(DType.FLOAT32, DType.FLOAT32), restore.attr("dtypes"));
    assertEquals(List.of("v0:0", "save/RestoreV2:0"), inputs(g.operation("save/Assign")));
    assertEquals(List.of("v1:0", "save/RestoreV2:1"), inputs(g.operation("save/Assign_1")));
    assertEquals(true, g.operation("save/Assign").attr("validate_shape"));
    assertEquals(List.of("^save/Assign", "^save/Assign_1"), inputs(g.operation("save/restore_all")));
    assertEquals(TextFormat.parse("""
        filename_tensor_name: "save/Const:0" save_tensor_name: "save/control_dependency:0"
        restore_op_name: "save/restore_all" max_to_keep: 5 keep_checkpoint_every_n_hours: 10000.0
        version: V2""", SaverDef.class), saver.saverDef());
    assertEquals(List.of("v0", "v1"), saver.keys());

    // A second saver gets the next scope; the filename option changes only the default prefix.
    Saver second = Saver.builder(g).filename("somerandomfilename").maxToKeep(2).build();
    assertEquals("save_1/Const:0", second.saverDef().getFilenameTensorName());
    assertEquals(2, second.saverDef().getMaxToKeep());
    assertEquals(NdArray.scalar("somerandomfilename"), g.operation("save_1/filename/input").attr("value"));
  }

  @Test
  @DisplayName("a saver inside a name scope: saver1/save/…; keys are variable op names, sorted by code point")
  void saverInNameScope() {
    tf.variable(1.0f, "b");
    try (var s = tf.variableScope("tower")) {
      tf.getVariable("w", Shape.of(2));
    }
    tf.variable(1.0f, "Zed");
    Saver saver;
    try (var ns = tf.nameScope("saver1")) {
      saver = new Saver(g);
    }
    assertEquals("saver1/save/Const:0", saver.saverDef().getFilenameTensorName());
    assertEquals("saver1/save/restore_all", saver.saverDef().getRestoreOpName());
    assertEquals(List.of("Zed", "b", "tower/w"), saver.keys());
  }

  @Test
  @DisplayName("every dtype round-trips through a checkpoint into a fresh graph built by the same code")
  void roundTripIntoFreshGraph() {
    String path;
    try (Session s = new Session(g)) {
      Map<String, NdArray> values = buildModel(tf);
      s.run(tf.globalVariablesInitializer());
      path = new Saver(g).save(s, dir.resolve("model.ckpt").toString());
      assertEquals(dir.resolve("model.ckpt").toString(), path);
    }
    Graph fresh = new Graph();
    Ops tf2 = Ops.on(fresh);
    Map<String, NdArray> expected = buildModel(tf2);
    Saver saver = new Saver(fresh);
    try (Session s = new Session(fresh)) {
      saver.restore(s, path);
      for (Variable v : fresh.globalVariables()) {
        assertEquals(expected.get(v.op().name()), s.run(v), v.name());
      }
    }
  }

  /** Variables of every dtype in nested scopes; returns their initial values by name. */
  private static Map<String, NdArray> buildModel(Ops tf) {
    Map<String, NdArray> values = new LinkedHashMap<>();
    try (VarScope outer = tf.variableScope("net"); VarScope inner = tf.variableScope("layer_1")) {
      values.put("net/layer_1/w", NdArray.of(new float[][] {{1.5f, -2}, {3, 4.25f}}));
      values.put("net/layer_1/d", NdArray.of(Math.PI, -1e300));
      values.put("net/layer_1/i", NdArray.of(7, -8, Integer.MAX_VALUE));
      values.put("net/layer_1/l", NdArray.scalar(Long.MIN_VALUE));
      values.put("net/layer_1/flags", NdArray.of(true, false, true));
      values.put("net/layer_1/names", NdArray.of("ab", "", "ü"));
      for (Map.Entry<String, NdArray> e : values.entrySet()) {
        tf.getVariable(e.getKey().substring("net/layer_1/".length()), e.getValue());
      }
    }
    return values;
  }

  @Test
  @DisplayName("T42: file names, the returned path, and the checkpoint state file (absolute save dir)")
  void t42_filesAndStateFile() throws IOException {
    tf.variable(1.0f, "v");
    Saver saver = new Saver(g);
    String prefix = dir.resolve("run/model.ckpt").toString();
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Files.createDirectories(dir.resolve("run"));
      String p = saver.save(s, prefix, 3);
      String q = saver.save(s, prefix, 7);
      assertEquals(prefix + "-3", p);
      assertEquals(prefix + "-7", q);
      for (String file : List.of("-3.index", "-3.data-00000-of-00001", "-3.meta", "-7.index")) {
        assertTrue(Files.exists(Path.of(prefix + file)), file);
      }
      assertEquals("model_checkpoint_path: \"" + q + "\"\nall_model_checkpoint_paths: \"" + p
          + "\"\nall_model_checkpoint_paths: \"" + q + "\"\n", Files.readString(dir.resolve("run/checkpoint")));
      assertEquals(List.of(p, q), saver.lastCheckpoints());
      assertEquals(q, Checkpoints.latestCheckpoint(dir.resolve("run").toString()));
      Saver padded = Saver.builder(g).padStepNumber(true).build();
      assertEquals(prefix + "-00000007", padded.save(s, prefix, 7));
      Tensor step = tf.constant(12L);
      assertEquals(prefix + "-12", saver.save(s, prefix, step));
    }
  }

  @Test
  @DisplayName("T42: a relative save dir writes paths relative to it; latestCheckpoint joins them back")
  void t42_relativePaths() throws IOException {
    Path rel = Path.of("target", "t42-" + System.nanoTime());
    tf.variable(1.0f, "v");
    Saver saver = new Saver(g);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      saver.save(s, rel.resolve("model.ckpt").toString(), 3);
      saver.save(s, rel.resolve("model.ckpt").toString(), 7);
    }
    assertEquals("model_checkpoint_path: \"model.ckpt-7\"\nall_model_checkpoint_paths: \"model.ckpt-3\"\n"
        + "all_model_checkpoint_paths: \"model.ckpt-7\"\n", Files.readString(rel.resolve("checkpoint")));
    assertEquals(rel.resolve("model.ckpt-7").toString(), Checkpoints.latestCheckpoint(rel.toString()));
  }

  @Test
  @DisplayName("save_relative_paths writes paths relative to the save dir even for an absolute one")
  void saveRelativePaths() throws IOException {
    tf.variable(1.0f, "v");
    Saver saver = Saver.builder(g).saveRelativePaths(true).build();
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      saver.save(s, dir.resolve("model").toString(), 2);
    }
    assertEquals("model_checkpoint_path: \"model-2\"\nall_model_checkpoint_paths: \"model-2\"\n",
        Files.readString(dir.resolve("checkpoint")));
    assertEquals(dir.resolve("model-2").toString(), Checkpoints.latestCheckpoint(dir.toString()));
  }

  @Test
  @DisplayName("T43: maxToKeep deletes the oldest checkpoint's files; re-saving a path moves it to the end")
  void t43_maxToKeep() throws IOException {
    Variable v = tf.variable(10.0f, "v");
    Saver save = Saver.builder(g).nameMap(Map.of("v", v)).maxToKeep(2).build();
    String s1 = dir.resolve("s1").toString();
    String s2 = dir.resolve("s2").toString();
    String s3 = dir.resolve("s3").toString();
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      save.save(s, s1);
      save.save(s, s2);
      save.save(s, s3);
      assertEquals(List.of(s2, s3), save.lastCheckpoints());
      for (String suffix : List.of(".index", ".data-00000-of-00001", ".meta")) {
        assertFalse(Files.exists(Path.of(s1 + suffix)), "s1" + suffix + " deleted");
        assertTrue(Files.exists(Path.of(s2 + suffix)), "s2" + suffix + " kept");
      }
      save.save(s, s2);
      assertEquals(List.of(s3, s2), save.lastCheckpoints());
      save.save(s, s1);
      assertEquals(List.of(s2, s1), save.lastCheckpoints());
      assertFalse(Files.exists(Path.of(s3 + ".index")));
      CheckpointState state = Checkpoints.checkpointState(dir.toString());
      assertEquals(s1, state.modelCheckpointPath());
      assertEquals(List.of(s2, s1), state.allModelCheckpointPaths());
    }
  }

  @Test
  @DisplayName("T46: every missing key is reported (TF reports the first), each with the closest checkpoint key")
  void t46_missingKeys() {
    Variable a = tf.variable(1.0f, "a");
    Variable b = tf.variable(1.0f, "b");
    Saver aSaver = new Saver(g, List.of(a));
    Saver bSaver = new Saver(g, List.of(b));
    assertEquals("save_1/restore_all", bSaver.saverDef().getRestoreOpName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      String path = aSaver.save(s, dir.resolve("ab").toString());
      CheckpointNotFoundException e = assertThrows(CheckpointNotFoundException.class, () -> bSaver.restore(s, path));
      assertEquals(MISSING + "Key b not found in checkpoint (closest key in the checkpoint: a)", e.getMessage());

      // Keys saved under a prefix: restoring by the plain names lists both missing keys with their scoped twins.
      Saver prefixed = new Saver(g, Map.of("save_prefix/v0", a, "save_prefix/v1", b));
      String p2 = prefixed.save(s, dir.resolve("prefixed").toString());
      Saver plain = new Saver(g, Map.of("v0", a, "v1", b));
      e = assertThrows(CheckpointNotFoundException.class, () -> plain.restore(s, p2));
      assertEquals(MISSING + "Key v0 not found in checkpoint (closest key in the checkpoint: save_prefix/v0)\n"
          + "Key v1 not found in checkpoint (closest key in the checkpoint: save_prefix/v1)", e.getMessage());
    }
  }

  @Test
  @DisplayName("a renamed scope: each missing variable names the same leaf under the checkpoint's scope")
  void renamedScope() {
    String path = saveTower("tower");
    Graph renamed = new Graph();
    Ops tf2 = Ops.on(renamed);
    try (VarScope s = tf2.variableScope("tower_1")) {
      tf2.getVariable("w", Shape.of(2, 2));
      tf2.getVariable("b", Shape.of(2));
    }
    Saver saver = new Saver(renamed);
    try (Session s = new Session(renamed)) {
      CheckpointNotFoundException e = assertThrows(CheckpointNotFoundException.class, () -> saver.restore(s, path));
      assertEquals(MISSING + "Key tower_1/b not found in checkpoint (closest key in the checkpoint: tower/b)\n"
          + "Key tower_1/w not found in checkpoint (closest key in the checkpoint: tower/w)", e.getMessage());
    }
  }

  private String saveTower(String scope) {
    try (VarScope s = tf.variableScope(scope)) {
      tf.getVariable("w", Shape.of(2, 2));
      tf.getVariable("b", Shape.of(2));
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      return new Saver(g).save(s, dir.resolve("tower.ckpt").toString());
    }
  }

  @Test
  @DisplayName("T47: another shape or dtype is InvalidArgument with TF's texts, every mismatch listed")
  void t47_shapeAndDTypeMismatch() {
    tf.variable(1.0f, "a");
    tf.variable(2.0f, "c");
    String path;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      path = new Saver(g).save(s, dir.resolve("a").toString());
    }
    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    tf2.variable(new float[] {1f}, "a");
    tf2.variable(1, "c");
    try (Session s = new Session(g2)) {
      Saver saver = new Saver(g2);
      CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> saver.restore(s, path));
      assertEquals(MISMATCH + "Assign requires shapes of both tensors to match. lhs shape= [1] rhs shape= [] "
          + "(variable a)\ntensor_name = c; expected dtype int32 does not equal original dtype float", e.getMessage());
    }
  }

  @Test
  @DisplayName("a restore that fails changes no variable, even those the checkpoint could fill")
  void failedRestoreChangesNothing() throws IOException {
    Variable a = tf.variable(1.0f, "a");
    Variable b = tf.variable(new float[] {1f, 2f}, "b");
    String path;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      path = new Saver(g).save(s, dir.resolve("ab").toString());
    }
    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    Variable a2 = tf2.variable(5.0f, "a");
    tf2.variable(new float[] {5f, 6f, 7f}, "b");
    Saver saver = new Saver(g2);
    try (Session s = new Session(g2)) {
      s.run(tf2.globalVariablesInitializer());
      assertThrows(CheckpointMismatchException.class, () -> saver.restore(s, path));
      assertEquals(NdArray.scalar(5.0f), s.run(a2));
    }
    // A damaged data file is found while reading, before any assignment.
    Path data = Path.of(path + ".data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[0] ^= 1;
    Files.write(data, bytes);
    Saver same = new Saver(g);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(tf.assign(a, tf.constant(9.0f)).op());
      CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () -> same.restore(s, path));
      assertTrue(e.getMessage().contains(data.toString()), e.getMessage());
      assertEquals(NdArray.scalar(9.0f), s.run(a));
      assertEquals(NdArray.of(1f, 2f), s.run(b));
      Files.delete(data);
      e = assertThrows(CorruptCheckpointException.class, () -> same.restore(s, path));
      assertTrue(e.getMessage().contains(data.toString()), e.getMessage());
      assertEquals(NdArray.scalar(9.0f), s.run(a));
    }
  }

  @Test
  @DisplayName("T50: a partitioned variable is one key of slices; it restores into another partitioning")
  void t50_partitionedVariable() {
    PartitionedVariable v = tf.getVariableBuilder("v").shape(Shape.of(4, 2))
        .partitioner((shape, dtype) -> new int[] {2, 1}).getPartitioned();
    Saver saver = new Saver(g);
    assertEquals(NdArray.of("v", "v"), g.operation("save/SaveV2/tensor_names").attr("value"));
    assertEquals(NdArray.of("4 2 0,2:0,2", "4 2 2,2:0,2"), g.operation("save/SaveV2/shape_and_slices").attr("value"));
    assertEquals(List.of("v", "v"), saver.keys());
    String path;
    NdArray whole;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      whole = s.run(v.asTensor());
      path = saver.save(s, dir.resolve("part").toString());
    }
    assertEquals(Map.of("v", Shape.of(4, 2)), Checkpoints.listVariables(path));
    assertEquals(whole, Checkpoints.loadVariable(path, "v"));

    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    PartitionedVariable four = tf2.getVariableBuilder("v").shape(Shape.of(4, 2))
        .partitioner((shape, dtype) -> new int[] {4, 1}).getPartitioned();
    Saver other = new Saver(g2);
    try (Session s = new Session(g2)) {
      other.restore(s, path);
      assertEquals(whole, s.run(four.asTensor()));
    }
  }

  @Test
  @DisplayName("TF's argument errors: nothing to save, duplicates, mixed slices, one saveable under two keys")
  void argumentErrors() {
    assertEquals("No variables to save",
        assertThrows(CheckpointArgumentException.class, () -> new Saver(g)).getMessage());
    Variable v = tf.variable(1.0f, "v");
    assertEquals("At least two variables have the same name: v",
        assertThrows(CheckpointArgumentException.class, () -> new Saver(g, List.of(v, v))).getMessage());
    assertEquals("The same saveable will be restored with two names: v",
        assertThrows(CheckpointArgumentException.class, () -> new Saver(g, Map.of("x", v, "y", v))).getMessage());
    Graph g2 = new Graph();
    Ops tf2 = Ops.on(g2);
    PartitionedVariable p = tf2.getVariableBuilder("w").shape(Shape.of(4))
        .partitioner((shape, dtype) -> new int[] {2}).getPartitioned();
    Variable w = tf2.variable(1.0f, "w");
    assertEquals("Mixing slices and non-slices with the same name: w",
        assertThrows(CheckpointArgumentException.class, () -> new Saver(g2, List.of(p, w))).getMessage());
    int size = g.size();
    assertThrows(CheckpointArgumentException.class, () -> new Saver(g, List.of(v, v)));
    assertEquals(size, g.size(), "a saver that fails adds no op");
  }

  @Test
  @DisplayName("save and restore errors: the state file's name, null and missing prefixes, uninitialised variables")
  void saveAndRestoreErrors() {
    tf.variable(1.0f, "v");
    Saver saver = new Saver(g);
    try (Session s = new Session(g)) {
      String statePath = dir.resolve("checkpoint").toString();
      assertEquals("Attempting to use uninitialized value v",
          assertThrows(UninitializedVariableException.class, () -> saver.save(s, dir.resolve("m").toString()))
              .getMessage());
      assertFalse(Files.exists(dir.resolve("m.index")));
      s.run(tf.globalVariablesInitializer());
      assertEquals("'latest_filename' collides with 'save_path': 'checkpoint' and '" + statePath + "'",
          assertThrows(CheckpointArgumentException.class, () -> saver.save(s, statePath)).getMessage());
      assertEquals("Can't load save_path when it is null.",
          assertThrows(CheckpointArgumentException.class, () -> saver.restore(s, null)).getMessage());
      String missing = dir.resolve("nothing").toString();
      assertEquals("The passed save_path is not a valid checkpoint: " + missing,
          assertThrows(CheckpointArgumentException.class, () -> saver.restore(s, missing)).getMessage());
      assertNull(Checkpoints.latestCheckpoint(dir.toString()));
    }
  }

  @Test
  @DisplayName("a saver built before more variables exist saves only those it knew (TF's build-time var list)")
  void varListIsFixedAtBuildTime() {
    tf.variable(1.0f, "early");
    Saver saver = new Saver(g);
    tf.variable(2.0f, "late");
    assertEquals(List.of("early"), saver.keys());
    assertArrayEquals(new String[] {"early"}, ((NdArray) g.operation("save/SaveV2/tensor_names").attr("value"))
        .toStringArray());
  }
}
