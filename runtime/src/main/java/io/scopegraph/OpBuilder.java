package io.scopegraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds an op of any type ({@code Graph.create_op}): for op types {@link Ops} has no method for, and for
 * import. Named like TF's {@code create_op}: no name → the op type; a name ending in {@code /} is used
 * verbatim without the slash (not uniquified, duplicates rejected); otherwise the name is prefixed with the
 * current name scope and uniquified. Op types the {@link OpRegistry} knows get their outputs from its shape
 * function; others need their outputs declared, and the executor cannot run them.
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

  /**
   * Declares the next output: required for op types the {@link OpRegistry} does not know; for registered types
   * the outputs come from the type's shape function, and declared ones must agree with it.
   */
  public OpBuilder addOutput(DType dtype, Shape shape) {
    outTypes.add(dtype);
    outShapes.add(shape);
    return this;
  }

  /** Adds the op; atomic. */
  public Operation build() {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(inputs);
      String opName = graph.createOpName(name, type);
      Tensor[] in = inputs.toArray(new Tensor[0]);
      Operation[] controls = controlInputs.toArray(new Operation[0]);
      Object[] attrArray = attrs.toArray();
      OpDef def = OpRegistry.find(type);
      if (def == null) {
        return graph.addOp(type, opName, in, controls, attrArray, outTypes.toArray(new DType[0]),
            outShapes.toArray(new Shape[0]), device);
      }
      int arity = def.numInputs(attrMap());
      if (arity >= 0 && arity != in.length) {
        throw new IllegalArgumentException("Op '" + opName + "' of type " + type + " has " + in.length
            + " data input(s); " + type + " takes " + arity);
      }
      List<OutputSpec> specs = def.outputs(new OpContext(opName, type, List.of(in), attrArray));
      if (!outTypes.isEmpty()) {
        specs = mergeDeclared(opName, specs);
      }
      return graph.addOp(type, opName, in, controls, attrArray, specs, device);
    });
  }

  /** The attributes set so far, by key. */
  Map<String, Object> attrMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < attrs.size(); i += 2) {
      map.put((String) attrs.get(i), attrs.get(i + 1));
    }
    return map;
  }

  /**
   * Declared outputs of a registered type must agree with its shape function; a more specific declared shape
   * wins, as TF's {@code set_shape} (e.g. a {@code RestoreV2} output given its variable's shape).
   */
  private List<OutputSpec> mergeDeclared(String opName, List<OutputSpec> specs) {
    boolean agree = outTypes.size() == specs.size();
    for (int i = 0; agree && i < specs.size(); i++) {
      agree = outTypes.get(i) == specs.get(i).dtype() && outShapes.get(i).isCompatibleWith(specs.get(i).shape());
    }
    if (!agree) {
      throw new IllegalArgumentException("Declared outputs " + describe() + " of op '" + opName + "' disagree with "
          + "what " + type + "'s shape function gives: " + specs);
    }
    List<OutputSpec> merged = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      merged.add(new OutputSpec(specs.get(i).dtype(), specs.get(i).shape().mergeWith(outShapes.get(i))));
    }
    return merged;
  }

  private String describe() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < outTypes.size(); i++) {
      out.add(outTypes.get(i) + " " + outShapes.get(i));
    }
    return out.toString();
  }
}
