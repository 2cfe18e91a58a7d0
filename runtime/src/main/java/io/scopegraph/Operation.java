package io.scopegraph;

import java.util.Arrays;
import java.util.List;

/**
 * A node of a {@link Graph}: a name unique in its graph, a TF op type ({@code MatMul}, {@code VariableV2}, …),
 * input tensors, control inputs, attributes and outputs. Operations are immutable once added. Kept small on
 * purpose (no per-op maps): attributes are a flat key/value array, as few as the op type needs.
 */
public final class Operation {
  private static final Tensor[] NO_TENSORS = {};
  private static final Operation[] NO_OPS = {};

  private final Graph graph;
  private final int id;
  private final String name;
  private final String type;
  private final Tensor[] inputs;
  private final Operation[] controlInputs;
  private final Object[] attrs; // key, value, key, value…; null when none
  final Tensor[] outputs;
  private String device; // set while the op is created, before it joins the graph; null when none

  Operation(Graph graph, int id, String name, String type, Tensor[] inputs, Operation[] controlInputs,
      Object[] attrs, int numOutputs) {
    this.graph = graph;
    this.id = id;
    this.name = name;
    this.type = type;
    this.inputs = inputs.length == 0 ? NO_TENSORS : inputs;
    this.controlInputs = controlInputs.length == 0 ? NO_OPS : controlInputs;
    this.attrs = attrs == null || attrs.length == 0 ? null : attrs;
    this.outputs = numOutputs == 0 ? NO_TENSORS : new Tensor[numOutputs];
  }

  public Graph graph() {
    return graph;
  }

  /** Position of this op in its graph's creation order (0-based). */
  public int id() {
    return id;
  }

  /** The full name, e.g. {@code "scope_vars/res/res"}. */
  public String name() {
    return name;
  }

  /** The TF op type, e.g. {@code "AddV2"}. */
  public String type() {
    return type;
  }

  /**
   * The device the op is placed on ({@code op.device} of TF), as its device scopes made it, e.g.
   * {@code /job:ps/device:CPU:0}; {@code ""} when none. The executor ignores it; GraphDef export keeps it.
   */
  public String device() {
    return device == null ? "" : device;
  }

  void setDevice(String device) {
    this.device = device == null || device.isEmpty() ? null : device;
  }

  public int numInputs() {
    return inputs.length;
  }

  public Tensor input(int i) {
    return inputs[i];
  }

  public List<Tensor> inputs() {
    return List.of(inputs);
  }

  public List<Operation> controlInputs() {
    return List.of(controlInputs);
  }

  public int numOutputs() {
    return outputs.length;
  }

  public Tensor output(int i) {
    return outputs[i];
  }

  public List<Tensor> outputs() {
    return List.of(outputs);
  }

  /** The attribute {@code key}, or null when the op has none of that name. */
  public Object attr(String key) {
    if (attrs != null) {
      for (int i = 0; i < attrs.length; i += 2) {
        if (attrs[i].equals(key)) {
          return attrs[i + 1];
        }
      }
    }
    return null;
  }

  /** Names of the attributes set on this op, in the order they were given. */
  public List<String> attrNames() {
    if (attrs == null) {
      return List.of();
    }
    String[] keys = new String[attrs.length / 2];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (String) attrs[2 * i];
    }
    return Arrays.asList(keys);
  }

  @Override
  public String toString() {
    return "<Operation '" + name + "' type=" + type + ">";
  }
}
