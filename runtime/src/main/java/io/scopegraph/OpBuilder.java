package io.scopegraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds an op of any type ({@code Graph.create_op}): for op types {@link Ops} has no method for, and for
 * import. Named like TF's {@code create_op}: no name → the op type; a name ending in {@code /} is used
 * verbatim without the slash (not uniquified, duplicates rejected); otherwise the name is prefixed with the
 * current name scope and uniquified. The executor runs only the op types it has kernels for.
 */
public final class OpBuilder {
  private final Graph graph;
  private final String type;
  private final String name;
  private final List<Tensor> inputs = new ArrayList<>();
  private final List<Operation> controlInputs = new ArrayList<>();
  private final List<Object> attrs = new ArrayList<>();
  private final List<DType> outTypes = new ArrayList<>();
  private final List<Shape> outShapes = new ArrayList<>();
  private String device;

  OpBuilder(Graph graph, String type, String name) {
    this.graph = graph;
    this.type = type;
    this.name = name;
  }

  /** Adds a data input as given: a {@link Variable} is its reference (for {@code Assign}), not its {@code read}. */
  public OpBuilder addInput(Tensor input) {
    inputs.add(input);
    return this;
  }

  public OpBuilder addControlInput(Operation op) {
    controlInputs.add(op);
    return this;
  }

  public OpBuilder setAttr(String key, Object value) {
    attrs.add(key);
    attrs.add(value);
    return this;
  }

  /**
   * The op's requested device ({@code NodeDef.device}), e.g. {@code /job:ps/device:CPU:0}; the enclosing device
   * scopes fill in the fields it leaves unset, as for any op.
   */
  public OpBuilder setDevice(String device) {
    this.device = device;
    return this;
  }

  /** Declares the next output. */
  public OpBuilder addOutput(DType dtype, Shape shape) {
    outTypes.add(dtype);
    outShapes.add(shape);
    return this;
  }

  /** Adds the op; atomic. */
  public Operation build() {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(inputs);
      return graph.addOp(type, graph.createOpName(name, type), inputs.toArray(new Tensor[0]),
          controlInputs.toArray(new Operation[0]), attrs.toArray(), outTypes.toArray(new DType[0]),
          outShapes.toArray(new Shape[0]), device);
    });
  }
}
