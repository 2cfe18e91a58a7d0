package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.VariableDef;
import org.tensorflow.types.TString;

/**
 * Checkpoints against real TensorFlow (TensorFlow Java 1.1.0): TensorFlow's SaveV2 writes what {@link Saver}
 * restores, TensorFlow's RestoreV2 reads what scopegraph writes (byte for byte the same files), and a {@code .meta}
 * written here restores in TensorFlow by its {@code saver_def}.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class TensorFlowCheckpointsTest {
  @TempDir
  Path dir;

  /** Nested scopes, a partitioned variable, and non-float variables; random values where TF has initializers. */
  private static Graph model() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    try (VarScope a = tf.variableScope("encoder"); VarScope b = tf.variableScope("layer_0")) {
      tf.getVariable("kernel", Shape.of(3, 4));
      tf.getVariable("bias", Shape.of(4), io.scopegraph.Initializers.zeros());
    }
    try (VarScope e = tf.variableScopeBuilder("embedding").partitioner((shape, dtype) -> new int[] {3, 1}).enter()) {
      tf.getVariableBuilder("table").shape(Shape.of(7, 2)).getPartitioned();
    }
    tf.getVariable("counts", new long[] {3, -4, 5});
    tf.getVariable("mask", new boolean[] {true, false});
    tf.getVariable("steps", new int[][] {{1, 2}, {3, 4}});
    tf.getVariable("scale", new double[] {0.5, Math.E});
    return g;
  }

  private static Map<String, NdArray> values(List<Variable> vars, List<NdArray> values) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      out.put(vars.get(i).op().name(), values.get(i));
    }
    return out;
  }

  /** {@link #model()} initialised and saved by scopegraph: its saver, values by variable name, and the path. */
  private record Saved(Graph graph, Saver saver, Map<String, NdArray> values, String path) {}

  private Saved savedByScopegraph(String prefix) {
    Graph g = model();
    Saver saver = new Saver(g);
    List<Variable> vars = g.globalVariables();
    try (Session s = new Session(g)) {
      s.run(Ops.on(g).globalVariablesInitializer());
      Map<String, NdArray> values = values(vars, s.run(vars));
      return new Saved(g, saver, values, saver.save(s, dir.resolve(prefix).toString()));
    }
  }

  @Test
  @DisplayName("TensorFlow's SaveV2 writes; Saver.restore on the built-in executor loads identical values")
  void tensorFlowWritesScopegraphRestores() throws Exception {
    Graph g = model();
    Saver saver = new Saver(g);
    List<Variable> vars = g.globalVariables();
    String path;
    Map<String, NdArray> tfValues;
    try (TensorFlowSession tfs = new TensorFlowSession(g)) {
      tfs.initializeVariables();
      tfValues = values(vars, tfs.run(vars, Map.of()));
      path = saver.save(tfs, dir.resolve("tf/model.ckpt").toString(), 100);
    }
    assertEquals(dir.resolve("tf/model.ckpt-100").toString(), path);
    assertEquals(List.of("counts", "embedding/table", "encoder/layer_0/bias", "encoder/layer_0/kernel", "mask",
        "scale", "steps"), new ArrayList<>(Checkpoints.listVariables(path).keySet()));
    try (Session s = new Session(g)) {
      saver.restore(s, path);
      assertEquals(tfValues, values(vars, s.run(vars)));
      // Saved again by scopegraph, the same values give the same files as TensorFlow's, byte for byte.
      String ours = saver.save(s, dir.resolve("ours/model.ckpt").toString(), 100);
      assertArrayEquals(Files.readAllBytes(Path.of(path + ".index")), Files.readAllBytes(Path.of(ours + ".index")));
      assertArrayEquals(Files.readAllBytes(Path.of(path + ".data-00000-of-00001")),
          Files.readAllBytes(Path.of(ours + ".data-00000-of-00001")));
    }
  }

  @Test
  @DisplayName("scopegraph writes; TensorFlow's own RestoreV2 (save/restore_all fed directly) loads identical values")
  void scopegraphWritesTensorFlowRestores() {
    Saved saved = savedByScopegraph("model.ckpt");
    Graph g = saved.graph();
    try (TensorFlowSession tfs = new TensorFlowSession(g)) {
      tfs.run(Map.of(g.tensor(saved.saver().saverDef().getFilenameTensorName()), NdArray.scalar(saved.path())),
          saved.saver().restoreOp());
      assertEquals(saved.values(), values(g.globalVariables(), tfs.run(g.globalVariables(), Map.of())));
    }
  }

  @Test
  @DisplayName("a .meta and checkpoint written here: TensorFlow imports the graph and restores by saver_def names")
  void tensorFlowImportsMetaGraphAndRestores() throws Exception {
    Saved saved = savedByScopegraph("model.ckpt");
    String path = saved.path();
    Map<String, NdArray> ours = saved.values();
    MetaGraphDef meta = MetaGraphDef.parseFrom(Files.readAllBytes(Path.of(path + ".meta")));
    try (org.tensorflow.Graph tg = new org.tensorflow.Graph(); org.tensorflow.Session ts = new org.tensorflow.Session(tg);
        TString prefix = TString.scalarOf(path)) {
      tg.importGraphDef(meta.getGraphDef());
      String filename = meta.getSaverDef().getFilenameTensorName();
      ts.runner().feed(filename.substring(0, filename.indexOf(':')), prefix)
          .addTarget(meta.getSaverDef().getRestoreOpName()).run().close();
      CollectionDef variables = meta.getCollectionDefOrThrow("variables");
      Map<String, NdArray> restored = new LinkedHashMap<>();
      for (var bytes : variables.getBytesList().getValueList()) {
        String name = VariableDef.parseFrom(bytes).getVariableName();
        String op = name.substring(0, name.indexOf(':'));
        assertNotNull(tg.operation(op), op);
        try (Result r = ts.runner().fetch(op).run()) {
          restored.put(op, TfTensors.fromTensorFlow(r.get(0)));
        }
      }
      assertEquals(ours, restored);
    }
  }

  @Test
  @DisplayName("a SavedModel TensorFlow Java exported imports with a saver that restores its variables and runs")
  void tensorFlowExportedGraphImports() throws Exception {
    Path export = dir.resolve("saved");
    NdArray x = NdArray.of(new float[][] {{1, -1}});
    NdArray expected;
    try (org.tensorflow.Graph tg = new org.tensorflow.Graph(); org.tensorflow.Session ts = new org.tensorflow.Session(tg)) {
      org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(tg);
      var input = tf.withName("x").placeholder(org.tensorflow.types.TFloat32.class);
      var kernel = tf.withSubScope("dense").withName("kernel")
          .variable(tf.constant(new float[][] {{1, 2}, {3, 4}}));
      tf.withName("global_step").variable(tf.constant(7L));
      var y = tf.withName("y").linalg.matMul(input, kernel);
      org.tensorflow.SessionFunction f = org.tensorflow.SessionFunction.create(
          org.tensorflow.Signature.builder().input("x", input).output("y", y).build(), ts);
      ts.initialize();
      org.tensorflow.SavedModelBundle.exporter(export.toString()).withSession(ts).withFunction(f).export();
      try (org.tensorflow.Tensor in = TfTensors.toTensorFlow(x); Result r = ts.runner().feed("x", in).fetch("y").run()) {
        expected = TfTensors.fromTensorFlow(r.get(0));
      }
    }
    MetaGraphDef meta = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(export.resolve("saved_model.pb")))
        .getMetaGraphs(0);
    MetaGraphs.MetaGraph imported = MetaGraphs.importMetaGraph(meta);
    Graph g = imported.graph();
    String variables = export.resolve("variables/variables").toString();
    assertEquals(Map.of("dense/kernel", Shape.of(2, 2), "global_step", Shape.scalar()),
        Checkpoints.listVariables(variables));
    assertEquals(List.of("dense/kernel", "global_step"), imported.saver().keys());
    try (Session s = new Session(g)) {
      imported.saver().restore(s, variables);
      assertEquals(expected, s.run(List.of(g.tensor("y:0")), Map.of(g.tensor("x:0"), x)).get(0));
      assertEquals(NdArray.scalar(7L), s.run(g.tensor("global_step:0")));
      // Its own saver ops (names from a ZerosLike of the keys) save again on the built-in executor.
      String again = imported.saver().save(s, dir.resolve("again").toString());
      assertEquals(Checkpoints.loadVariable(variables, "dense/kernel"), Checkpoints.loadVariable(again, "dense/kernel"));
    }
  }

  @Test
  @DisplayName("TensorFlow restores into a graph with other shards of the same variable (slices read by spec)")
  void tensorFlowRestoresAcrossPartitionings() {
    Graph g = model();
    Saver saver = new Saver(g);
    String path;
    NdArray table;
    try (Session s = new Session(g)) {
      s.run(Ops.on(g).globalVariablesInitializer());
      table = s.run(g.partitionedVariableStore().get("embedding/table").asTensor());
      path = saver.save(s, dir.resolve("model.ckpt").toString());
    }
    Graph other = new Graph();
    Ops tf = Ops.on(other);
    io.scopegraph.PartitionedVariable seven;
    try (VarScope e = tf.variableScopeBuilder("embedding").partitioner((shape, dtype) -> new int[] {7, 1}).enter()) {
      seven = tf.getVariableBuilder("table").shape(Shape.of(7, 2)).getPartitioned();
    }
    Saver one = new Saver(other, Map.of("embedding/table", seven));
    io.scopegraph.Tensor whole = seven.asTensor();
    try (TensorFlowSession tfs = new TensorFlowSession(other)) {
      one.restore(tfs, path);
      assertEquals(table, tfs.run(whole));
    }
    assertEquals(DType.FLOAT32, table.dtype());
  }
}
