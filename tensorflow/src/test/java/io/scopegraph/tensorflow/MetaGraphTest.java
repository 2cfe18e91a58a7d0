package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.TextFormat;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.VariableDef;

/** {@code .meta} files: what is exported (graph, saver_def, VariableDefs), and importing with a working saver. */
class MetaGraphTest {
  @TempDir
  Path dir;

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private static VariableDef variableDef(String text) throws TextFormat.ParseException {
    return TextFormat.parse(text, VariableDef.class);
  }

  private static List<VariableDef> variableDefs(MetaGraphDef meta, String key) throws Exception {
    CollectionDef def = meta.getCollectionDefOrThrow(key);
    List<VariableDef> out = new java.util.ArrayList<>();
    for (var bytes : def.getBytesList().getValueList()) {
      out.add(VariableDef.parseFrom(bytes));
    }
    return out;
  }

  @Test
  @DisplayName("the exported MetaGraphDef: graph, saver_def and VariableDefs as TF's RefVariable.to_proto writes them")
  void export() throws Exception {
    tf.variable(1.0f, "v");
    tf.getLocalVariable("counter", Shape.scalar());
    PartitionedVariable p = tf.getVariableBuilder("p").shape(Shape.of(4)).trainable(false)
        .partitioner((shape, dtype) -> new int[] {2}).getPartitioned();
    g.addToCollection("losses_names", "l2");
    Saver saver = new Saver(g);
    MetaGraphDef meta = MetaGraphs.export(g, saver);
    assertEquals(GraphDefs.export(g), meta.getGraphDef());
    assertEquals(saver.saverDef(), meta.getSaverDef());
    assertEquals(List.of(variableDef("""
        variable_name: "v:0" initial_value_name: "v/initial_value:0" initializer_name: "v/Assign"
        snapshot_name: "v/read:0" trainable: true"""), variableDef("""
        variable_name: "p/part_0:0" initial_value_name: "p/part_0/Initializer/random_uniform:0"
        initializer_name: "p/part_0/Assign" snapshot_name: "p/part_0/read:0"
        save_slice_info_def { full_name: "p" full_shape: 4 var_offset: 0 var_shape: 2 }"""), variableDef("""
        variable_name: "p/part_1:0" initial_value_name: "p/part_1/Initializer/random_uniform:0"
        initializer_name: "p/part_1/Assign" snapshot_name: "p/part_1/read:0"
        save_slice_info_def { full_name: "p" full_shape: 4 var_offset: 2 var_shape: 2 }""")),
        variableDefs(meta, "variables"));
    assertEquals(List.of("v:0"), variableDefs(meta, "trainable_variables").stream()
        .map(VariableDef::getVariableName).toList());
    assertEquals(List.of("counter:0"), variableDefs(meta, "local_variables").stream()
        .map(VariableDef::getVariableName).toList());
    assertEquals(List.of("l2"), meta.getCollectionDefOrThrow("losses_names").getBytesList().getValueList().stream()
        .map(b -> b.toStringUtf8()).toList());
    assertEquals(2, p.shards().size());
  }

  @Test
  @DisplayName("save writes <prefix>.meta; importing it gives the same ops, bound variables and a saver that restores")
  void importAndRestore() {
    Variable w;
    PartitionedVariable emb;
    try (VarScope s = tf.variableScope("tower")) {
      w = tf.getVariable("w", Shape.of(2, 3));
      emb = tf.getVariableBuilder("emb").shape(Shape.of(6, 2)).partitioner((shape, dtype) -> new int[] {3, 1})
          .getPartitioned();
    }
    Variable step = tf.getVariableBuilder("global_step").shape(Shape.scalar()).dtype(io.scopegraph.DType.INT64)
        .initializer(io.scopegraph.Initializers.zeros()).trainable(false).get();
    Saver saver = new Saver(g);
    String path;
    NdArray wValue;
    NdArray embValue;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      wValue = s.run(w);
      embValue = s.run(emb.asTensor());
      path = saver.save(s, dir.resolve("model.ckpt").toString(), 5);
    }
    MetaGraphs.MetaGraph imported = MetaGraphs.importMetaGraph(path + ".meta");
    Graph g2 = imported.graph();
    assertEquals(g.operations().stream().map(Operation::name).toList(),
        g2.operations().stream().map(Operation::name).toList());
    assertEquals(List.of("tower/w:0", "tower/emb/part_0:0", "tower/emb/part_1:0", "tower/emb/part_2:0",
        "global_step:0"), g2.globalVariables().stream().map(Variable::name).toList());
    assertEquals(4, g2.trainableVariables().size());
    Variable w2 = g2.globalVariables().get(0);
    assertSame(g2.operation("tower/w/Assign"), w2.initializer());
    assertEquals("6 2 2,2:0,2", g2.globalVariables().get(2).saveSliceInfo().spec());
    assertEquals(saver.keys(), imported.saver().keys());
    try (Session s = new Session(g2)) {
      s.run(Ops.on(g2).globalVariablesInitializer()); // the imported initializers run too
      imported.saver().restore(s, path);
      assertEquals(wValue, s.run(w2));
      assertEquals(embValue, s.run(Ops.on(g2).concat(g2.globalVariables().subList(1, 4), 0)));
      assertEquals(NdArray.scalar(0L), s.run(g2.globalVariables().get(4)));
      // The imported saver saves again, and what it writes restores in the original graph.
      String again = imported.saver().save(s, dir.resolve("again").toString());
      try (Session s1 = new Session(g)) {
        saver.restore(s1, again);
        assertEquals(wValue, s1.run(w));
      }
    }
  }

  @Test
  @DisplayName("a MetaGraphDef without saver_def imports without a saver; a VariableDef naming a missing node fails")
  void withoutSaverAndBrokenDefs() throws Exception {
    tf.variable(1.0f, "v");
    MetaGraphDef meta = MetaGraphs.export(g, null);
    assertNull(MetaGraphs.importMetaGraph(meta).saver());
    MetaGraphDef broken = meta.toBuilder().removeCollectionDef("trainable_variables").putCollectionDef("variables", CollectionDef.newBuilder()
        .setBytesList(CollectionDef.BytesList.newBuilder().addValue(variableDef("""
            variable_name: "v:0" initializer_name: "nope" snapshot_name: "v/read:0\"""").toByteString())).build())
        .build();
    assertEquals("VariableDef of v:0 names initializer nope, which the graph lacks",
        assertThrows(IllegalArgumentException.class, () -> MetaGraphs.importMetaGraph(broken)).getMessage());
  }
}
