package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.TextFormat;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

class GraphDefImportTest {
  private static GraphDef graphDef(String text) {
    try {
      return TextFormat.parse(text, GraphDef.class);
    } catch (TextFormat.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertSameGraphDef(GraphDef expected, GraphDef actual) {
    assertEquals(TextFormat.printer().printToString(expected), TextFormat.printer().printToString(actual));
    assertEquals(expected, actual);
    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
  }

  @Test
  void seedScopingRoundTrips() {
    Graph original = SeedGraphs.scoping();
    GraphDef exported = GraphDefs.export(original);
    Graph imported = GraphDefs.importGraphDef(exported);
    assertSameGraphDef(exported, GraphDefs.export(imported));

    List<NdArray> expected = runScoping(original);
    assertEquals("[5, 5]", expected.toString());
    assertEquals(expected, runScoping(imported));
  }

  private static List<NdArray> runScoping(Graph graph) {
    try (Session session = new Session(graph)) {
      session.run(graph.operation("init"));
      return session.run(List.of(graph.tensor("scope_vars/res/res:0"), graph.tensor("scope_name/res/res:0")));
    }
  }

  @Test
  void everyOpTypeRoundTripsWithTheSameValuesShapesAndDtypes() {
    Graph original = SeedGraphs.everyOpType();
    TreeSet<String> types = new TreeSet<>();
    original.operations().forEach(op -> types.add(op.type()));
    assertTrue(io.scopegraph.OpRegistry.types().containsAll(types), "every op type of the graph is registered");

    GraphDef exported = GraphDefs.export(original);
    Graph imported = GraphDefs.importGraphDef(exported);
    assertSameGraphDef(exported, GraphDefs.export(imported));

    assertEquals(original.size(), imported.size());
    for (Operation op : original.operations()) {
      Operation copy = imported.operation(op.name());
      assertEquals(op.id(), copy.id(), op.name());
      assertEquals(op.numOutputs(), copy.numOutputs(), op.name());
      for (int i = 0; i < op.numOutputs(); i++) {
        assertEquals(op.output(i).dtype(), copy.output(i).dtype(), op.output(i).name());
        assertEquals(op.output(i).shape(), copy.output(i).shape(), op.output(i).name());
      }
    }
    assertInstanceOf(Variable.class, imported.tensor("layer/w:0"));
    assertEquals(runAll(original), runAll(imported));
  }

  /** Every output of every op but the placeholder, after init, in one run, with {@code x} fed. */
  private static List<NdArray> runAll(Graph graph) {
    List<Tensor> fetches = new ArrayList<>();
    for (Operation op : graph.operations()) {
      if (!op.type().equals("Placeholder")) {
        fetches.addAll(op.outputs());
      }
    }
    try (Session session = new Session(graph)) {
      session.run(graph.operation("init"));
      NdArray x = NdArray.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}});
      return session.run(fetches, Map.of(graph.tensor("x:0"), x));
    }
  }

  @Test
  void nodesOutOfOrderAreAddedInputsFirst() {
    GraphDef exported = GraphDefs.export(SeedGraphs.scoping());
    List<NodeDef> reversed = new ArrayList<>(exported.getNodeList());
    Collections.reverse(reversed);
    Graph imported = GraphDefs.importGraphDef(exported.toBuilder().clearNode().addAllNode(reversed).build());
    assertEquals("[5, 5]", runScoping(imported).toString());
  }

  @Test
  void importedNamesAreTakenForNewOps() {
    Graph graph = GraphDefs.importGraphDef(GraphDefs.export(SeedGraphs.scoping()));
    Ops tf = Ops.on(graph);
    assertEquals("init_1", tf.noOp("init").name());
    assertEquals("scope_vars/c_1", tf.constant(1f, "scope_vars/c").op().name());
  }

  @Test
  void shapesComeFromConstantInputs() {
    Graph graph = GraphDefs.importGraphDef(graphDef("""
        node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: -1 } dim { size: 6 } } } } }
        node { name: "s" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
               attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 3 } }
                                                    int_val: -1 int_val: 2 int_val: 3 } } } }
        node { name: "r" op: "Reshape" input: "x" input: "s" attr { key: "T" value { type: DT_FLOAT } } }
        node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
        node { name: "u" op: "Sum" input: "x" input: "p" attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "keep_dims" value { b: true } } }
        """));
    assertEquals(Shape.of(-1, 2, 3), graph.tensor("r:0").shape());
    assertEquals(Shape.of(-1, -1), graph.tensor("u:0").shape()); // axes unknown, rank kept
    assertEquals(Shape.unknown(), graph.tensor("p:0").shape());  // no shape attr
  }

  /**
   * In the form TF 1.15's Python writes {@code v = tf.Variable(tf.zeros([2])); y = v + 1.5}: a broadcast
   * constant, colocation attrs, a device (kept).
   */
  @Test
  void graphDefWrittenByTensorFlowRuns() {
    GraphDef def = graphDef("""
        node { name: "zeros" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
                                                    float_val: 0.0 } } } }
        node { name: "v" op: "VariableV2" attr { key: "container" value { s: "" } }
               attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: 2 } } } }
               attr { key: "shared_name" value { s: "" } } }
        node { name: "v/Assign" op: "Assign" input: "v" input: "zeros"
               attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "_class" value { list { s: "loc:@v" } } }
               attr { key: "use_locking" value { b: true } }
               attr { key: "validate_shape" value { b: true } } }
        node { name: "v/read" op: "Identity" input: "v" attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "_class" value { list { s: "loc:@v" } } } }
        node { name: "add/y" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1.5 } } } }
        node { name: "add" op: "AddV2" input: "v/read" input: "add/y" device: "/device:CPU:0"
               attr { key: "T" value { type: DT_FLOAT } } }
        versions { producer: 134 }
        """);
    Graph graph = GraphDefs.importGraphDef(def);
    assertEquals(List.of("loc:@v"), graph.operation("v/read").attr("_class"));
    assertEquals(Shape.of(2), graph.tensor("add:0").shape());
    try (Session session = new Session(graph)) {
      session.run(graph.operation("v/Assign"));
      assertEquals(NdArray.of(1.5f, 1.5f), session.run(graph.tensor("add:0")));
    }
    NodeDef read = GraphDefs.export(graph).getNode(3);
    assertEquals(def.getNode(3), read); // the colocation attr survives
    assertEquals("/device:CPU:0", graph.operation("add").device());
    assertEquals(def.getNode(5), GraphDefs.export(graph).getNode(5)); // so does the device
  }

  @Test
  void devicesRoundTrip() {
    Graph original = new Graph();
    Ops tf = Ops.on(original);
    try (io.scopegraph.DeviceScopeHandle ps = tf.device("/job:ps/task:0");
        io.scopegraph.DeviceScopeHandle cpu = tf.device("/cpu:0")) {
      tf.getVariable("w", Shape.of(2));
    }
    try (io.scopegraph.DeviceScopeHandle fn = tf.device(op -> op.type().equals("Const") ? "/gpu:1" : "")) {
      tf.constant(1f, "c");
      tf.identity(tf.constant(2f, "d"), "i");
    }
    GraphDef exported = GraphDefs.export(original);
    Graph imported = GraphDefs.importGraphDef(exported);
    assertSameGraphDef(exported, GraphDefs.export(imported));
    for (Operation op : original.operations()) {
      assertEquals(op.device(), imported.operation(op.name()).device(), op.name());
    }
    assertEquals("/job:ps/task:0/device:CPU:0", imported.operation("w").device());
    assertEquals("/job:ps/task:0/device:CPU:0", imported.operation("w/read").device());
    assertEquals("", imported.operation("w/Initializer/random_uniform").device());
    assertEquals("/gpu:1", imported.operation("c").device());
    assertEquals("", imported.operation("i").device());
  }

  @Test
  void concatNeedsItsCount() {
    assertImportFails("Node 'y' (op 'ConcatV2') lacks attr 'N'", "node { name: \"c\" op: \"Const\" attr { key: "
        + "\"value\" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } } "
        + "node { name: \"y\" op: \"ConcatV2\" input: \"c\" input: \"c\" }");
  }

  @Test
  void unknownOpTypeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphDefs.importGraphDef(
        graphDef("node { name: \"conv\" op: \"Conv3D\" }")));
    assertEquals("Node 'conv' has op type 'Conv3D', which the op registry does not know (register it with OpRegistry.register)", e.getMessage());
  }

  @Test
  void inputFromAnUnknownNodeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphDefs.importGraphDef(
        graphDef("node { name: \"y\" op: \"Identity\" input: \"missing:0\" }")));
    assertEquals("Node 'y' has input 'missing:0', but the GraphDef has no node 'missing'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GraphDefs.importGraphDef(
        graphDef("node { name: \"y\" op: \"NoOp\" input: \"^gone\" }")));
    assertEquals("Node 'y' has input '^gone', but the GraphDef has no node 'gone'", e.getMessage());
  }

  @Test
  void malformedGraphsAreRejected() {
    String c = "node { name: \"c\" op: \"Const\" attr { key: \"value\" value { tensor { dtype: DT_FLOAT "
        + "tensor_shape {} float_val: 1 } } } } ";
    assertImportFails("Duplicate node name in GraphDef: 'c'", c + c);
    assertImportFails("Node 'y' has input 'c:1', but node 'c' has 1 output(s)",
        c + "node { name: \"y\" op: \"Identity\" input: \"c:1\" }");
    assertImportFails("Node 'y' (op 'Add') has 1 data input(s); Add takes 2",
        c + "node { name: \"y\" op: \"Add\" input: \"c\" }");
    assertImportFails("Node 'y': Control dependencies must come after regular dependencies (input 'c')",
        c + "node { name: \"n\" op: \"NoOp\" } node { name: \"y\" op: \"Identity\" input: \"^n\" input: \"c\" }");
    assertImportFails("GraphDef has a cycle: nodes 'a', 'b' wait on each other",
        "node { name: \"a\" op: \"Identity\" input: \"b\" } node { name: \"b\" op: \"Identity\" input: \"a\" }");
    assertImportFails("Node 'y' (op 'Cast') lacks attr 'DstT'", c + "node { name: \"y\" op: \"Cast\" input: \"c\" }");
    assertImportFails("Input 'y' of 'Mul' Op has type int32 that does not match type float32 of argument 'x'.",
        c + "node { name: \"i\" op: \"Const\" attr { key: \"value\" value { tensor { dtype: "
        + "DT_INT32 tensor_shape {} int_val: 1 } } } } node { name: \"y\" op: \"Mul\" input: \"c\" input: \"i\" }");
    assertImportFails("Attr 'dtype' of node 'p' has data type DT_HALF, which the scopegraph runtime does not "
        + "support (float32, float64, int32, int64, bool, string)",
        "node { name: \"p\" op: \"Placeholder\" attr { key: \"dtype\" value { type: DT_HALF } } }");
    assertImportFails("GraphDef min consumer version 100000 above this importer's version " + GraphDefs.PRODUCER
        + ". Please upgrade scopegraph.", "versions { producer: 100000 min_consumer: 100000 }");
  }

  private static void assertImportFails(String message, String graphDefText) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GraphDefs.importGraphDef(graphDef(graphDefText)));
    assertEquals(message, e.getMessage());
  }

  @Test
  void emptyGraphDef() {
    assertEquals(0, GraphDefs.importGraphDef(GraphDef.getDefaultInstance()).size());
    GraphDef def = GraphDefs.export(new Graph());
    assertEquals(0, def.getNodeCount());
    assertEquals(DType.FLOAT32, DataTypes.fromProto(DataTypes.toProto(DType.FLOAT32), "x"));
  }
}
