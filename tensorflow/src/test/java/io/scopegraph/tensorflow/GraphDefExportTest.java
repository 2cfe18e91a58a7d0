package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.TextFormat;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** The exact {@code NodeDef}s of small graphs, written as TF 1.15's Python writes them. */
class GraphDefExportTest {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.on(graph);

  private static NodeDef node(String text) {
    try {
      return TextFormat.parse(text, NodeDef.class);
    } catch (TextFormat.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private NodeDef exported(String name) {
    for (NodeDef n : GraphDefs.export(graph).getNodeList()) {
      if (n.getName().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name);
  }

  @Test
  void scalarConstantUsesTheTypedField() {
    tf.constant(1.5f, "c");
    assertEquals(node("""
        name: "c" op: "Const"
        attr { key: "dtype" value { type: DT_FLOAT } }
        attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1.5 } } }
        """), exported("c"));
  }

  @Test
  void deviceIsNodeDefField4AndOnlyWhenSet() {
    try (io.scopegraph.DeviceScopeHandle d = tf.device("/job:ps/cpu:0")) {
      tf.constant(1.5f, "c");
    }
    tf.constant(2.5f, "e");
    assertEquals(node("""
        name: "c" op: "Const" device: "/job:ps/device:CPU:0"
        attr { key: "dtype" value { type: DT_FLOAT } }
        attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1.5 } } }
        """), exported("c"));
    assertEquals("/job:ps/device:CPU:0", exported("c").getDevice());
    assertEquals(false, exported("e").toString().contains("device"));
  }

  @Test
  void concatSliceAndL2LossCarryTheirAttrs() {
    Tensor a = tf.constant(new float[] {1, 2}, "a");
    tf.concat(List.of(a, a), 0, "cat");
    tf.slice(a, new int[] {1}, new int[] {-1}, "sl");
    tf.l2Loss(a, "l2");
    assertEquals(node("""
        name: "cat" op: "ConcatV2" input: "a" input: "a" input: "cat/axis"
        attr { key: "N" value { i: 2 } }
        attr { key: "T" value { type: DT_FLOAT } }
        attr { key: "Tidx" value { type: DT_INT32 } }
        """), exported("cat"));
    assertEquals(node("""
        name: "sl" op: "Slice" input: "a" input: "sl/begin" input: "sl/size"
        attr { key: "Index" value { type: DT_INT32 } }
        attr { key: "T" value { type: DT_FLOAT } }
        """), exported("sl"));
    assertEquals(node("""
        name: "l2" op: "L2Loss" input: "a"
        attr { key: "T" value { type: DT_FLOAT } }
        """), exported("l2"));
  }

  @Test
  void vectorConstantUsesLittleEndianTensorContent() {
    tf.constant(new int[] {1, 2, 3}, "v");
    tf.constant(new double[][] {{0.5}, {-2}}, "d");
    tf.constant(new boolean[] {true, false}, "b");
    tf.constant(7L, "l");
    assertEquals(node("""
        name: "v" op: "Const"
        attr { key: "dtype" value { type: DT_INT32 } }
        attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 3 } }
            tensor_content: "\\001\\000\\000\\000\\002\\000\\000\\000\\003\\000\\000\\000" } } }
        """), exported("v"));
    assertEquals(node("""
        name: "d" op: "Const"
        attr { key: "dtype" value { type: DT_DOUBLE } }
        attr { key: "value" value { tensor { dtype: DT_DOUBLE tensor_shape { dim { size: 2 } dim { size: 1 } }
            tensor_content: "\\000\\000\\000\\000\\000\\000\\340?\\000\\000\\000\\000\\000\\000\\000\\300" } } }
        """), exported("d"));
    // TF writes bools in bool_val even when there are several
    assertEquals(node("""
        name: "b" op: "Const"
        attr { key: "dtype" value { type: DT_BOOL } }
        attr { key: "value" value { tensor { dtype: DT_BOOL tensor_shape { dim { size: 2 } }
            bool_val: true bool_val: false } } }
        """), exported("b"));
    assertEquals(node("""
        name: "l" op: "Const"
        attr { key: "dtype" value { type: DT_INT64 } }
        attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: 7 } } }
        """), exported("l"));
  }

  @Test
  void placeholderWithUnknownDimension() {
    tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    tf.placeholder(DType.INT64, Shape.unknown(), "any");
    assertEquals(node("""
        name: "x" op: "Placeholder"
        attr { key: "dtype" value { type: DT_FLOAT } }
        attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } }
        """), exported("x"));
    assertEquals(node("""
        name: "any" op: "Placeholder"
        attr { key: "dtype" value { type: DT_INT64 } }
        attr { key: "shape" value { shape { unknown_rank: true } } }
        """), exported("any"));
  }

  @Test
  void controlInputsFollowDataInputs() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    Operation before = tf.noOp("before");
    graph.opBuilder("AddV2", "add").addInput(a).addInput(b).addControlInput(before)
        .setAttr("T", DType.FLOAT32).addOutput(DType.FLOAT32, Shape.scalar()).build();
    assertEquals(node("""
        name: "add" op: "AddV2" input: "a" input: "b" input: "^before"
        attr { key: "T" value { type: DT_FLOAT } }
        """), exported("add"));
    assertEquals(node("name: \"before\" op: \"NoOp\""), exported("before"));
  }

  @Test
  void outputsBeyondTheFirstAreNumbered() {
    Operation two = graph.opBuilder("Two", "two").addOutput(DType.FLOAT32, Shape.scalar())
        .addOutput(DType.FLOAT32, Shape.scalar()).build();
    tf.identity(two.output(1), "second");
    tf.identity(two.output(0), "first");
    assertEquals(List.of("two:1"), exported("second").getInputList());
    assertEquals(List.of("two"), exported("first").getInputList());
  }

  @Test
  void variableWithAssignAndRead() {
    tf.variable(new float[] {1f, 2f}, "v");
    assertEquals(node("""
        name: "v/initial_value" op: "Const"
        attr { key: "dtype" value { type: DT_FLOAT } }
        attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
            tensor_content: "\\000\\000\\200?\\000\\000\\000@" } } }
        """), exported("v/initial_value"));
    assertEquals(node("""
        name: "v" op: "VariableV2"
        attr { key: "container" value { s: "" } }
        attr { key: "dtype" value { type: DT_FLOAT } }
        attr { key: "shape" value { shape { dim { size: 2 } } } }
        attr { key: "shared_name" value { s: "" } }
        """), exported("v"));
    assertEquals(node("""
        name: "v/Assign" op: "Assign" input: "v" input: "v/initial_value"
        attr { key: "T" value { type: DT_FLOAT } }
        attr { key: "use_locking" value { b: true } }
        attr { key: "validate_shape" value { b: true } }
        """), exported("v/Assign"));
    assertEquals(node("""
        name: "v/read" op: "Identity" input: "v"
        attr { key: "T" value { type: DT_FLOAT } }
        """), exported("v/read"));
  }

  @Test
  void attrsOfTheOtherOps() {
    Tensor m = tf.placeholder(DType.FLOAT32, Shape.of(2, 3), "m");
    tf.matMul(m, m, true, false, "mm");
    tf.sum(m, new int[] {1}, true, "s");
    tf.reshape(m, Shape.of(-1), "r");
    tf.fill(Shape.of(2), 0.5f, "f");
    tf.cast(m, DType.INT64, "c");
    graph.setSeed(42);
    tf.randomUniform(Shape.of(2), DType.FLOAT32, 0, 1, 7L, "u");
    assertEquals(node("""
        name: "mm" op: "MatMul" input: "m" input: "m"
        attr { key: "T" value { type: DT_FLOAT } }
        attr { key: "transpose_a" value { b: true } }
        attr { key: "transpose_b" value { b: false } }
        """), exported("mm"));
    assertEquals(node("""
        name: "s" op: "Sum" input: "m" input: "s/reduction_indices"
        attr { key: "T" value { type: DT_FLOAT } }
        attr { key: "Tidx" value { type: DT_INT32 } }
        attr { key: "keep_dims" value { b: true } }
        """), exported("s"));
    assertEquals(node("""
        name: "r" op: "Reshape" input: "m" input: "r/shape"
        attr { key: "T" value { type: DT_FLOAT } }
        attr { key: "Tshape" value { type: DT_INT32 } }
        """), exported("r"));
    assertEquals(node("""
        name: "f" op: "Fill" input: "f/dims" input: "f/value"
        attr { key: "T" value { type: DT_FLOAT } }
        attr { key: "index_type" value { type: DT_INT32 } }
        """), exported("f"));
    assertEquals(node("""
        name: "c" op: "Cast" input: "m"
        attr { key: "DstT" value { type: DT_INT64 } }
        attr { key: "SrcT" value { type: DT_FLOAT } }
        attr { key: "Truncate" value { b: false } }
        """), exported("c"));
    assertEquals(node("""
        name: "u/RandomUniform" op: "RandomUniform" input: "u/shape"
        attr { key: "T" value { type: DT_INT32 } }
        attr { key: "dtype" value { type: DT_FLOAT } }
        attr { key: "seed" value { i: 42 } }
        attr { key: "seed2" value { i: 7 } }
        """), exported("u/RandomUniform"));
  }

  @Test
  void nodesInCreationOrderWithVersions() {
    tf.constant(1f, "b");
    tf.constant(1f, "a");
    GraphDef def = GraphDefs.export(graph);
    assertEquals(List.of("b", "a"), def.getNodeList().stream().map(NodeDef::getName).toList());
    assertEquals(GraphDefs.PRODUCER, def.getVersions().getProducer());
    assertEquals(0, def.getVersions().getMinConsumer());
  }

  @Test
  void constantWithAJavaValueFromOpBuilder() {
    graph.opBuilder("Const", "k").setAttr("value", 3).setAttr("dtype", DType.INT32)
        .addOutput(DType.INT32, Shape.scalar()).build();
    assertEquals(node("""
        name: "k" op: "Const"
        attr { key: "dtype" value { type: DT_INT32 } }
        attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 3 } } }
        """), exported("k"));
  }

  @Test
  void attrWithoutProtoFormIsRejected() {
    graph.opBuilder("Custom", "odd").setAttr("when", new Object()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphDefs.export(graph));
    assertEquals("Attr 'when' of op 'odd' has a value of type java.lang.Object, which has no AttrValue form (use "
        + "DType, Shape, NdArray, Boolean, a number, String or a List of one of these)", e.getMessage());
  }
}
