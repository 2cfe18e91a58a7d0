package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** A cond's nodes in a GraphDef: TF's op types, inputs and attrs; imported back, the graph runs the same. */
class CondGraphDefTest {

  @Test
  @DisplayName("Switch, RefSwitch and Merge export with TF's attrs and import back (Switches before their consumers)")
  void roundTrip() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor v = tf.variable(new float[] {1f, 1f}, "v");
    Tensor y = tf.cond(p, () -> tf.assignAdd((io.scopegraph.Variable) v, x), () -> x.mul(2f));
    GraphDef def = GraphDefs.export(g);
    NodeDef merge = node(def, "cond/Merge");
    assertEquals("Merge", merge.getOp());
    assertEquals(List.of("cond/mul", "cond/AssignAdd"), merge.getInputList());
    assertEquals(2, merge.getAttrOrThrow("N").getI());
    NodeDef refSwitch = node(def, "cond/AssignAdd/Switch");
    assertEquals("RefSwitch", refSwitch.getOp());
    assertEquals(List.of("v", "cond/pred_id"), refSwitch.getInputList());
    assertEquals(List.of("cond/AssignAdd/Switch:1", "cond/AssignAdd/Switch_1:1"),
        node(def, "cond/AssignAdd").getInputList());
    assertEquals("DT_FLOAT", node(def, "cond/AssignAdd/Switch_1").getAttrOrThrow("T").getType().name());
    assertEquals(List.of("^cond/switch_f"), node(def, "cond/mul/y").getInputList());

    Graph imported = GraphDefs.importGraphDef(def);
    try (Session s = new Session(imported)) {
      s.run(imported.operation("v/Assign")); // an imported GraphDef has no variable collections
      Map<Tensor, NdArray> feeds = Map.of(imported.tensor("x:0"), NdArray.of(new float[] {2f, 3f}),
          imported.tensor("p:0"), NdArray.scalar(true));
      assertEquals(NdArray.of(new float[] {3f, 4f}), s.run(List.of(imported.tensor("cond/Merge:0")), feeds).get(0));
      Map<Tensor, NdArray> other = Map.of(imported.tensor("x:0"), NdArray.of(new float[] {2f, 3f}),
          imported.tensor("p:0"), NdArray.scalar(false));
      assertEquals(NdArray.of(new float[] {4f, 6f}), s.run(List.of(imported.tensor("cond/Merge:0")), other).get(0));
      assertEquals(NdArray.of(new float[] {3f, 4f}), s.run(imported.tensor("v:0")));
    }
  }

  private static NodeDef node(GraphDef def, String name) {
    return def.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
  }
}
