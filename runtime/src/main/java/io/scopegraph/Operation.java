package io.scopegraph;

import java.util.Arrays;
import java.util.List;

/**
 * A node of a {@link Graph}: a name unique in its graph, a TF op type ({@code MatMul}, {@code VariableV2}, …),
 * input tensors, control inputs, attributes and outputs. Operations are immutable once added, except that a
 * {@code cond} branch rewires an input of an op it adds to the {@code Switch} it creates for that input right
 * after the op (TF's {@code _update_input}; see {@link CondContext}). Kept small on purpose (no per-op maps):
 * attributes are a flat key/value array, as few as the op type needs.
 */
public sealed class Operation {
  private static final Tensor[] NO_TENSORS = {};

  private final Graph graph;
  private final int id;
  private final String name;
  private final String type;
  private Tensor[] inputs; // replaced (copied), never written in place: see replaceInput
  private final Object[] attrs; // key, value, key, value…; null when none
  private final Object outputs; // the Tensor of a single-output op (most ops: no array), else a Tensor[]

  /**
   * An op of any number of outputs. Control inputs or a device to be placed on make it an {@link Extended}:
   * few ops have either, so the others do not carry the fields (an op is 40 bytes).
   */
  static Operation create(Graph graph, int id, String name, String type, Tensor[] inputs,
      Operation[] controlInputs, Object[] attrs, DType[] outTypes, Shape[] outShapes, boolean placed) {
    return controlInputs.length == 0 && !placed
        ? new Operation(graph, id, name, type, inputs, attrs, outTypes, outShapes)
        : new Extended(graph, id, name, type, inputs, controlInputs, attrs, outTypes, outShapes);
  }

  private Operation(Graph graph, int id, String name, String type, Tensor[] inputs, Object[] attrs,
      DType[] outTypes, Shape[] outShapes) {
    this(graph, id, name, type, inputs, attrs, null, null, outTypes, outShapes);
  }

  /** A single-output op without control inputs (no output arrays to allocate). */
  Operation(Graph graph, int id, String name, String type, Tensor[] inputs, Object[] attrs, DType dtype,
      Shape shape) {
    this(graph, id, name, type, inputs, attrs, dtype, shape, null, null);
  }

  /** The one output {@code dtype}, {@code shape}, or when {@code outTypes} is given, those outputs. */
  private Operation(Graph graph, int id, String name, String type, Tensor[] inputs, Object[] attrs, DType dtype,
      Shape shape, DType[] outTypes, Shape[] outShapes) {
    this.graph = graph;
    this.id = id;
    this.name = name;
    this.type = type;
    this.inputs = inputs.length == 0 ? NO_TENSORS : inputs;
    this.attrs = attrs == null || attrs.length == 0 ? null : attrs;
    if (outTypes == null) {
      this.outputs = newOutput(dtype, shape);
    } else if (outTypes.length == 1) {
      this.outputs = newOutput(outTypes[0], outShapes[0]);
    } else {
      Tensor[] out = outTypes.length == 0 ? NO_TENSORS : new Tensor[outTypes.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = newOutput(outTypes[i], outShapes[i]);
      }
      this.outputs = out;
    }
  }

  private Tensor newOutput(DType dtype, Shape shape) {
    return type.equals("VariableV2") ? new Variable(this, dtype, shape) : new Tensor(this, dtype, shape);
  }

  /** Position of {@code output} among this op's outputs. */
  int outputIndex(Tensor output) {
    if (outputs instanceof Tensor) {
      return 0;
    }
    Tensor[] all = (Tensor[]) outputs;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == output) {
        return i;
      }
    }
    throw new AssertionError("a tensor of op '" + name + "' is not among its outputs");
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
    return "";
  }

  /** Sets the device while the op is created, before it joins the graph; only ops created as placed have one. */
  void setDevice(String device) {
    throw new AssertionError("op '" + name + "' was not created to be placed on a device");
  }

  /**
   * TF's {@code op._original_op}: for an op a gradient function created, the forward op whose gradient it
   * computes; null otherwise.
   */
  public Operation originalOp() {
    return graph.originalOp(this);
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

  /** Rewires input {@code i} (same dtype and shape) while the op is being added; undone if that call fails. */
  void replaceInput(int i, Tensor input) {
    Tensor[] before = inputs;
    Tensor[] after = before.clone();
    after[i] = input;
    inputs = after;
    graph.onUndo(() -> inputs = before);
  }

  public List<Operation> controlInputs() {
    return List.of();
  }

  public int numOutputs() {
    return outputs instanceof Tensor ? 1 : ((Tensor[]) outputs).length;
  }

  public Tensor output(int i) {
    if (outputs instanceof Tensor t) {
      if (i != 0) {
        throw new IndexOutOfBoundsException("Index " + i + " out of bounds for '" + name + "' with 1 output");
      }
      return t;
    }
    return ((Tensor[]) outputs)[i];
  }

  public List<Tensor> outputs() {
    return outputs instanceof Tensor t ? List.of(t) : List.of((Tensor[]) outputs);
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

  /** An op with control inputs ({@code NoOp} of {@code group}, …) or created under a device scope. */
  private static final class Extended extends Operation {
    private final Operation[] controlInputs;
    private String device; // null when none

    Extended(Graph graph, int id, String name, String type, Tensor[] inputs, Operation[] controlInputs,
        Object[] attrs, DType[] outTypes, Shape[] outShapes) {
      super(graph, id, name, type, inputs, attrs, outTypes, outShapes);
      this.controlInputs = controlInputs;
    }

    @Override
    public List<Operation> controlInputs() {
      return List.of(controlInputs);
    }

    @Override
    public String device() {
      return device == null ? "" : device;
    }

    @Override
    void setDevice(String device) {
      this.device = device == null || device.isEmpty() ? null : device;
    }
  }
}
