package io.scopegraph.tensorflow;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.VersionDef;

/** Writes a {@link Graph} as a {@link GraphDef}: one {@link NodeDef} per op, in creation order. */
final class GraphDefExporter {
  private GraphDefExporter() {}

  static GraphDef export(Graph graph) {
    GraphDef.Builder def = GraphDef.newBuilder();
    for (Operation op : graph.operations()) {
      def.addNode(nodeDef(op));
    }
    return def.setVersions(VersionDef.newBuilder()
        .setProducer(GraphDefs.PRODUCER)
        .setMinConsumer(GraphDefs.MIN_CONSUMER))
        .build();
  }

  /**
   * The node of one op: data inputs as {@code op} / {@code op:i}, then control inputs as {@code ^op}; its device
   * ({@code NodeDef.device}) when it has one.
   */
  static NodeDef nodeDef(Operation op) {
    NodeDef.Builder node = NodeDef.newBuilder().setName(op.name()).setOp(op.type());
    if (!op.device().isEmpty()) {
      node.setDevice(op.device());
    }
    for (Tensor input : op.inputs()) {
      node.addInput(inputName(input));
    }
    for (Operation control : op.controlInputs()) {
      node.addInput("^" + control.name());
    }
    // Sorted keys: the serialized bytes do not depend on the order the op was given its attrs.
    List<String> keys = new ArrayList<>(op.attrNames());
    Collections.sort(keys);
    for (String key : keys) {
      node.putAttr(key, AttrValues.toProto(attrValue(op, key), "Attr '" + key + "' of op '" + op.name() + "'"));
    }
    return node.build();
  }

  static String inputName(Tensor t) {
    return t.index() == 0 ? t.op().name() : t.op().name() + ":" + t.index();
  }

  /** A {@code Const} built with {@code OpBuilder} may hold a plain Java value, which the kernel converts too. */
  private static Object attrValue(Operation op, String key) {
    Object value = op.attr(key);
    if (op.type().equals("Const") && key.equals("value") && !(value instanceof NdArray)) {
      return NdArray.of(value);
    }
    return value;
  }
}
