package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Checkpoints.initFromCheckpoint}: TF's mapping rules (T52, T53, T56), the ops it adds and its errors. */
class InitFromCheckpointTest {
  @TempDir
  Path dir;

  private String ckpt;
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** T51's checkpoint: var1 [1, 10], var2 [10, 10], var3 [100, 100], useful_scope/var4 [9, 9], saved at step 0. */
  @BeforeEach
  void writeT51Checkpoint() {
    Graph src = new Graph();
    Ops t = Ops.on(src);
    t.getVariable("var1", Shape.of(1, 10));
    t.getVariable("var2", Shape.of(10, 10));
    t.getVariable("var3", Shape.of(100, 100));
    try (VarScope s = t.variableScope("useful_scope")) {
      t.getVariable("var4", Shape.of(9, 9));
    }
    try (Session s = new Session(src)) {
      s.run(t.globalVariablesInitializer());
      new Saver(src).save(s, dir.resolve("model").toString(), 0);
    }
    ckpt = dir.toString();
  }

  private NdArray saved(String name) {
    return Checkpoints.loadVariable(ckpt, name);
  }

  private void initialize(Graph graph, Runnable check) {
    try (Session s = new Session(graph)) {
      s.run(Ops.on(graph).globalVariablesInitializer());
      session = s;
      check.run();
    }
  }

  private Session session;

  @Test
  @DisplayName("T52: name and scope mappings; the values load when the initializers run, not into the graph")
  void t52_nameAndScopeMappings() {
    Variable my1;
    Variable my2;
    Variable my4;
    try (VarScope a = tf.variableScope("some_scope")) {
      my1 = tf.getVariable("my1", Shape.of(1, 10));
      try (VarScope b = tf.variableScope("some_other_scope")) {
        my2 = tf.getVariable("my2", Shape.of(10, 10));
        try (VarScope c = tf.variableScope("other_useful_scope")) {
          my4 = tf.getVariable("var4", Shape.of(9, 9));
        }
      }
    }
    Variable my3 = tf.getVariable("my3", Shape.of(100, 100));
    Tensor before = my1.initialValue();
    Checkpoints.initFromCheckpoint(g, ckpt, Map.of("var1", "some_scope/my1",
        "useful_scope/", "some_scope/some_other_scope/other_useful_scope/"));
    Checkpoints.initFromCheckpoint(g, ckpt, Map.of("var2", "some_scope/some_other_scope/my2", "var3", my3));
    assertNotEquals(before, my1.initialValue());
    assertEquals("RestoreV2", my1.initialValue().op().type());
    assertTrue(GraphDefs.export(g).getSerializedSize() < 20_000, "checkpoint values are not embedded in the graph");
    initialize(g, () -> {
      assertEquals(saved("var1"), session.run(my1));
      assertEquals(saved("var2"), session.run(my2));
      assertEquals(saved("var3"), session.run(my3));
      assertEquals(saved("useful_scope/var4"), session.run(my4));
    });
  }

  @Test
  @DisplayName("T56 (names): checkpoint_initializer/prefix, tensor_names, shape_and_slices, the RestoreV2 on the CPU, Assign")
  void t56_opNames() {
    Variable v = tf.getVariable("v", Shape.of(1, 10));
    int size = g.size();
    try (var s = tf.nameScope("init_from_checkpoint")) {
      Checkpoints.initFromCheckpoint(g, ckpt, Map.of("var1", v));
    }
    List<String> added = g.operations().subList(size, g.size()).stream().map(o -> o.name() + " " + o.type()).toList();
    assertEquals(List.of("init_from_checkpoint/checkpoint_initializer/prefix Const",
        "init_from_checkpoint/checkpoint_initializer/tensor_names Const",
        "init_from_checkpoint/checkpoint_initializer/shape_and_slices Const",
        "init_from_checkpoint/checkpoint_initializer RestoreV2", "init_from_checkpoint/Assign Assign"), added);
    Operation restore = g.operation("init_from_checkpoint/checkpoint_initializer");
    assertEquals("/device:CPU:0", restore.device());
    assertEquals(NdArray.scalar(dir.resolve("model-0").toString()),
        g.operation("init_from_checkpoint/checkpoint_initializer/prefix").attr("value"));
    assertSame(g.operation("init_from_checkpoint/Assign"), v.initializer());
    assertEquals(Shape.of(1, 10), v.initialValue().shape());
  }

  @Test
  @DisplayName("T53: {'/': 'some_scope/'} and {'/': '/'} load every variable; 'useful_scope/' does not capture useful_scope_1")
  void t53_rootMappingsAndSuffixes() {
    Graph a = new Graph();
    Ops ta = Ops.on(a);
    try (VarScope s = ta.variableScope("some_scope")) {
      declareT51Variables(ta);
    }
    Checkpoints.initFromCheckpoint(a, ckpt, Map.of("/", "some_scope/"));
    initialize(a, () -> {
      assertEquals(saved("var3"), session.run(a.tensor("some_scope/var3:0")));
      assertEquals(saved("useful_scope/var4"), session.run(a.tensor("some_scope/useful_scope/var4:0")));
    });

    Graph b = new Graph();
    Ops tb = Ops.on(b);
    declareT51Variables(tb);
    Checkpoints.initFromCheckpoint(b, ckpt, Map.of("/", "/"));
    initialize(b, () -> {
      assertEquals(saved("var1"), session.run(b.tensor("var1:0")));
      assertEquals(saved("useful_scope/var4"), session.run(b.tensor("useful_scope/var4:0")));
    });

    Graph c = new Graph();
    Ops tc = Ops.on(c);
    Variable var4;
    Variable var5;
    try (VarScope s = tc.variableScope("useful_scope")) {
      var4 = tc.getVariable("var4", Shape.of(9, 9));
    }
    try (VarScope s = tc.variableScope("useful_scope_1")) {
      var5 = tc.getVariable("var5", new float[][] {{1, 2}, {3, 4}});
    }
    Checkpoints.initFromCheckpoint(c, ckpt, Map.of("useful_scope/", "useful_scope/"));
    initialize(c, () -> {
      assertEquals(saved("useful_scope/var4"), session.run(var4));
      assertEquals(NdArray.of(new float[][] {{1, 2}, {3, 4}}), session.run(var5));
    });
  }

  private static void declareT51Variables(Ops t) {
    t.getVariable("var1", Shape.of(1, 10));
    t.getVariable("var2", Shape.of(10, 10));
    t.getVariable("var3", Shape.of(100, 100));
    try (VarScope s = t.variableScope("useful_scope")) {
      t.getVariable("var4", Shape.of(9, 9));
    }
  }

  @Test
  @DisplayName("T56: a variable saved in 5 shards loads into 5 shards, into 2 shards, and from a list of shards")
  void t56_partitionedVariables() {
    Graph src = new Graph();
    Ops ts = Ops.on(src);
    PartitionedVariable saved;
    try (VarScope s = ts.variableScope("scope")) {
      saved = ts.getVariableBuilder("var1").shape(Shape.of(100, 100))
          .partitioner((shape, dtype) -> new int[] {5, 1}).getPartitioned();
    }
    String path;
    NdArray whole;
    try (Session s = new Session(src)) {
      s.run(ts.globalVariablesInitializer());
      whole = s.run(saved.asTensor());
      path = new Saver(src).save(s, dir.resolve("parts").toString());
    }
    PartitionedVariable my1;
    PartitionedVariable two;
    PartitionedVariable listed;
    try (VarScope s = tf.variableScope("some_scope")) {
      my1 = tf.getVariableBuilder("my1").shape(Shape.of(100, 100))
          .partitioner((shape, dtype) -> new int[] {5, 1}).getPartitioned();
    }
    try (VarScope s = tf.variableScope("some_other_scope")) {
      two = tf.getVariableBuilder("var1").shape(Shape.of(100, 100))
          .partitioner((shape, dtype) -> new int[] {2, 1}).getPartitioned();
    }
    listed = tf.getVariableBuilder("listed").shape(Shape.of(100, 100))
        .partitioner((shape, dtype) -> new int[] {4, 1}).getPartitioned();
    Checkpoints.initFromCheckpoint(g, path, Map.of("scope/var1", "some_scope/my1", "scope/", "some_other_scope/"));
    Checkpoints.initFromCheckpoint(g, path, Map.of("scope/var1", listed.shards()));
    // "scope/" sorts first: some_other_scope/var1's 2 shards, then my1's 5, then the listed 4 shards from 7 on.
    assertEquals(NdArray.of("100 100 0,25:0,100"),
        g.operation("checkpoint_initializer_7/shape_and_slices").attr("value"));
    initialize(g, () -> {
      assertEquals(whole, session.run(my1.asTensor()));
      assertEquals(whole, session.run(two.asTensor()));
      assertEquals(whole, session.run(listed.asTensor()));
    });
  }

  @Test
  @DisplayName("TF's errors: a missing tensor, another shape, a scope-only name, a scope tensor the checkpoint lacks")
  void errors() {
    Variable my1;
    try (VarScope s = tf.variableScope("some_scope")) {
      my1 = tf.getVariable("my1", Shape.of(10, 10));
    }
    Operation initializer = my1.initializer();
    int size = g.size();
    assertEquals("Tensor var5 is not found in " + ckpt + " checkpoint {'useful_scope/var4': [9, 9], 'var1': [1, 10], "
        + "'var2': [10, 10], 'var3': [100, 100]}", message(Map.of("var5", my1)));
    assertEquals("Shape of variable some_scope/my1:0 ((10, 10)) doesn't match with shape of tensor var1 ([1, 10]) "
        + "from checkpoint reader.", message(Map.of("var1", "some_scope/my1")));
    assertEquals("Assignment map with scope only name some_scope should map to scope only var3. Should be 'scope/': "
        + "'other_scope/'.", message(Map.of("var3", "some_scope/no_var")));
    assertEquals("Tensor useful_scope/my1 (my1 in useful_scope/) is not found in " + ckpt + " checkpoint",
        message(Map.of("useful_scope/", "some_scope/")));
    assertEquals(size, g.size(), "a failed call adds no op");
    Variable ints = tf.getVariable("ints", Shape.of(1, 10), io.scopegraph.DType.INT32);
    assertEquals("Variable ints:0 is int32 but tensor var1 in " + ckpt + " is float32 (TensorFlow's RestoreV2 would "
        + "fail with \"tensor_name = var1; expected dtype int32 does not equal original dtype float\")",
        message(Map.of("var1", ints)));
    assertEquals("Unsuccessful TensorSliceReader constructor: Failed to find any matching files for "
        + dir.resolve("none"), assertThrows(CheckpointNotFoundException.class,
            () -> Checkpoints.initFromCheckpoint(g, dir.resolve("none").toString(), Map.of("var1", my1)))
            .getMessage());
    // One bad entry fails the whole call: the good one ("var2" → my2) is not applied either.
    Variable my2 = tf.getVariable("my2", Shape.of(10, 10));
    Operation my2Initializer = my2.initializer();
    size = g.size();
    message(Map.of("var2", my2, "var5", my1));
    assertSame(my2Initializer, my2.initializer());
    assertSame(initializer, my1.initializer());
    assertEquals(size, g.size());
  }

  private String message(Map<String, ?> map) {
    return assertThrows(CheckpointArgumentException.class, () -> Checkpoints.initFromCheckpoint(g, ckpt, map))
        .getMessage();
  }
}
