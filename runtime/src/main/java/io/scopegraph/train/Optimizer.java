package io.scopegraph.train;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.IndexedSlices;
import io.scopegraph.Initializer;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.TensorLike;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * TF 1.15's {@code tf.compat.v1.train.Optimizer}: {@link #minimize} = {@link #computeGradients} then
 * {@link #applyGradients}, with TensorFlow's names for everything it creates. An optimizer is bound to no graph:
 * each call works in the graph of its loss (or variables), and its slots and non-slot variables are kept per
 * graph. Every call is atomic: one that fails leaves the graph, and this optimizer, as they were.
 *
 * <p>What {@code applyGradients} creates, in order (Adam on {@code tower/w} at the root):
 * <ol>
 *   <li>slots and non-slot variables, outside any control dependencies, in the current name scope and variable
 *       scope: {@code beta1_power}, {@code beta2_power} ({@code tf.Variable} naming: the name scope prefixes
 *       them), {@code tower/w/Adam}, {@code tower/w/Adam_1} (the variable scope prefixes them, see
 *       {@link Ops#createSlot});
 *   <li>name scope {@code Adam} (the call's {@code name}, else {@link #getName()}, uniquified per call):
 *       the hyper-parameter constants ({@code Adam/learning_rate}, …), one update op per variable
 *       ({@code Adam/update_tower/w/ApplyAdam}), the optimizer's finishing ops ({@code Adam/mul}, …);
 *   <li>the returned op: a {@code NoOp} named like the scope ({@code Adam}), or with a global step a
 *       {@code NoOp} {@code Adam/update}, the constant {@code Adam/value} and the {@code AssignAdd} {@code Adam}
 *       that increments the step. It joins collection {@link Training#TRAIN_OP}.
 * </ol>
 *
 * <p>Subclasses implement {@link #createSlots}, {@link #prepare}, {@link #applyDense} and may override
 * {@link #finish}, as TF's subclasses do.
 */
public abstract class Optimizer {
  /** {@code Optimizer.GATE_NONE}: no gating of gradients. */
  public static final int GATE_NONE = 0;
  /** {@code Optimizer.GATE_OP} (the default): each op's input gradients through {@code tuple/control_dependency}. */
  public static final int GATE_OP = 1;
  /** {@code Optimizer.GATE_GRAPH}: all gradients computed before any is used. */
  public static final int GATE_GRAPH = 2;

  private final String name;
  protected final boolean useLocking;
  // slot name -> variable op -> slot; TF's _slots (keyed by (graph, op name): an op is both)
  private Map<String, Map<Operation, Variable>> slots = new TreeMap<>();
  // TF's _non_slot_dict, keyed by (name, graph)
  private Map<Graph, Map<String, Variable>> nonSlot = new WeakHashMap<>();

  /**
   * @param useLocking the {@code use_locking} attribute of the update ops
   * @param name the default name scope of {@link #applyGradients} and the op name of the slots
   * @throws InvalidOptimizerArgumentException {@code Must specify the optimizer name} for a null or empty name
   */
  protected Optimizer(boolean useLocking, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidOptimizerArgumentException("Must specify the optimizer name");
    }
    this.useLocking = useLocking;
    this.name = name;
  }

  /** The optimizer's name ({@code Adam}, or the name given), unchanged by {@code minimize(..., name)}. */
  public String getName() {
    return name;
  }

  // ---------------------------------------------------------------------------------------------
  // minimize, computeGradients, applyGradients

  /** {@code minimize(loss)}: all trainable variables, no global step. */
  public Operation minimize(Tensor loss) {
    return minimize(loss, null, null, GATE_OP, null);
  }

  /** {@code minimize(loss, var_list=varList)}. */
  public Operation minimize(Tensor loss, List<? extends Variable> varList) {
    return minimize(loss, null, varList, GATE_OP, null);
  }

  /**
   * {@code minimize(loss, global_step, var_list, name=name)}; null arguments take TF's defaults (no global step,
   * the trainable variables, the optimizer's name as scope).
   */
  public Operation minimize(Tensor loss, Variable globalStep, List<? extends Variable> varList, String name) {
    return minimize(loss, globalStep, varList, GATE_OP, name);
  }

  /**
   * {@code minimize} with {@code gate_gradients} ({@link #GATE_NONE}, {@link #GATE_OP}, {@link #GATE_GRAPH}).
   *
   * @throws NoGradientsException {@code No gradients provided for any variable, check your graph for ops that do
   *     not support gradients, between variables [...] and loss ...}
   */
  public Operation minimize(Tensor loss, Variable globalStep, List<? extends Variable> varList, int gateGradients,
      String name) {
    return loss.graph().atomically(() -> {
      List<GradAndVar> gv = computeGradients(loss, varList, gateGradients);
      boolean any = false;
      for (GradAndVar p : gv) {
        any |= p.gradientOrSlices() != null;
      }
      if (!any) {
        throw new NoGradientsException("No gradients provided for any variable, check your graph for ops that do not "
            + "support gradients, between variables " + variablesText(gv) + " and loss " + loss + ".");
      }
      return applyGradients(gv, globalStep, name);
    });
  }

  /** {@code compute_gradients(loss)}: over the trainable variables. */
  public List<GradAndVar> computeGradients(Tensor loss) {
    return computeGradients(loss, null, GATE_OP);
  }

  /** {@code compute_gradients(loss, var_list)}; a null list means the trainable variables. */
  public List<GradAndVar> computeGradients(Tensor loss, List<? extends Variable> varList) {
    return computeGradients(loss, varList, GATE_OP);
  }

  /**
   * {@code compute_gradients(loss, var_list, gate_gradients)}: {@code Ops.gradients} of {@code loss} with respect
   * to each variable (scope {@code gradients}, …), gated as asked; pairs in the order of the variables, with a
   * null gradient where the loss does not depend on one.
   *
   * @throws InvalidOptimizerArgumentException for an unknown {@code gateGradients}
   * @throws InvalidLossTypeException for a loss that is not float16, bfloat16, float32 or float64
   * @throws NoVariablesException {@code No variables to optimize.}
   */
  public List<GradAndVar> computeGradients(Tensor loss, List<? extends Variable> varList, int gateGradients) {
    if (gateGradients != GATE_NONE && gateGradients != GATE_OP && gateGradients != GATE_GRAPH) {
      throw new InvalidOptimizerArgumentException("gate_gradients must be one of: Optimizer.GATE_NONE, "
          + "Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not " + gateGradients);
    }
    assertValidDTypes(List.of(loss));
    Ops tf = Ops.on(loss.graph());
    List<Variable> vars = varList == null ? loss.graph().trainableVariables() : new ArrayList<>(varList);
    if (vars.isEmpty()) {
      throw new NoVariablesException("No variables to optimize.");
    }
    List<TensorLike> grads = Gradients.of(tf, loss, vars, gateGradients);
    List<GradAndVar> out = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      out.add(new GradAndVar(grads.get(i), vars.get(i)));
    }
    List<Tensor> withGrad = new ArrayList<>();
    for (GradAndVar p : out) {
      if (p.gradientOrSlices() != null) {
        withGrad.add(p.variable());
      }
    }
    assertValidDTypes(withGrad);
    return out;
  }

  /** {@code apply_gradients(grads_and_vars)}. */
  public Operation applyGradients(List<GradAndVar> gradsAndVars) {
    return applyGradients(gradsAndVars, null, null);
  }

  /**
   * {@code apply_gradients(grads_and_vars, global_step, name)}: the update ops of every variable with a
   * gradient, as the class comment describes; null {@code globalStep} and {@code name} take TF's defaults.
   *
   * @throws NoVariablesException {@code No variables provided.} for an empty list
   * @throws NoGradientsException {@code No gradients provided for any variable: [...].} when all are null
   */
  public Operation applyGradients(List<GradAndVar> gradsAndVars, Variable globalStep, String name) {
    if (gradsAndVars.isEmpty()) {
      throw new NoVariablesException("No variables provided.");
    }
    List<Variable> varList = new ArrayList<>();
    for (GradAndVar p : gradsAndVars) {
      if (p.gradientOrSlices() != null) {
        varList.add(p.variable());
      }
    }
    if (varList.isEmpty()) {
      throw new NoGradientsException("No gradients provided for any variable: " + variablesText(gradsAndVars) + ".");
    }
    Graph graph = varList.get(0).graph();
    Ops tf = Ops.on(graph);
    return graph.atomically(() -> {
      Map<String, Map<Operation, Variable>> savedSlots = copySlots();
      Map<Graph, Map<String, Variable>> savedNonSlot = copyNonSlot();
      try {
        synchronized (this) { // prepare() keeps the hyper-parameter tensors of this call in fields, as TF does
          return apply(tf, gradsAndVars, varList, globalStep, name);
        }
      } catch (RuntimeException | Error e) {
        slots = savedSlots;
        nonSlot = savedNonSlot;
        throw e;
      }
    });
  }

  private Operation apply(Ops tf, List<GradAndVar> gradsAndVars, List<Variable> varList, Variable globalStep,
      String callName) {
    Graph graph = tf.graph();
    tf.controlDependencies(null, () -> {
      createSlots(tf, varList);
      return null;
    });
    try (NameScopeHandle ns = tf.nameScope(callName, name)) {
      String scope = ns.name();
      prepare(tf);
      List<Operation> updateOps = new ArrayList<>();
      for (GradAndVar p : gradsAndVars) {
        TensorLike grad = p.gradientOrSlices();
        if (grad == null) {
          continue;
        }
        Variable var = p.variable();
        if (var.graph() != graph || grad.graph() != graph) {
          throw new io.scopegraph.GraphMismatchException(grad + " must be from the same graph as " + var
              + ".");
        }
        try (NameScopeHandle us = tf.nameScope("update_" + var.op().name())) {
          updateOps.add(tf.colocateWith(var.op(), () -> updateOp(tf, grad, var)));
        }
      }
      Operation applyUpdates;
      if (globalStep == null) {
        applyUpdates = finish(tf, updateOps, scope);
      } else {
        Operation finished = finish(tf, updateOps, "update");
        applyUpdates = tf.controlDependencies(List.of(finished),
            () -> tf.colocateWith(globalStep.op(), () -> tf.assignAdd(globalStep, 1, scope).op()));
      }
      if (!graph.collection(Training.TRAIN_OP).contains(applyUpdates)) {
        graph.addToCollection(Training.TRAIN_OP, applyUpdates);
      }
      return applyUpdates;
    }
  }

  /**
   * {@code _RefVariableProcessor.update_op}: the dense update, then the variable's constraint if it has one; a
   * sparse gradient goes to {@link #applySparseDuplicateIndices} (and a constrained variable cannot take one).
   */
  private Operation updateOp(Ops tf, TensorLike gradient, Variable var) {
    if (gradient instanceof IndexedSlices slices) {
      if (var.constraint() != null) {
        throw new IllegalStateException("Cannot use a constraint function on a sparse variable.");
      }
      return applySparseDuplicateIndices(tf, slices, var);
    }
    Tensor grad = (Tensor) gradient;
    Operation update = applyDense(tf, grad, var);
    if (var.constraint() == null) {
      return update;
    }
    return tf.controlDependencies(List.of(update),
        () -> tf.assign(var, var.constraint().apply(var), false, null).op());
  }

  // ---------------------------------------------------------------------------------------------
  // What subclasses implement

  /** {@code _create_slots}: the slots (and non-slot variables) of the variables about to be updated. */
  protected void createSlots(Ops tf, List<Variable> varList) {}

  /** {@code _prepare}: the hyper-parameter tensors, in the optimizer's name scope. */
  protected void prepare(Ops tf) {}

  /** {@code _apply_dense}: the update op of one variable, in its {@code update_<var op name>} scope. */
  protected abstract Operation applyDense(Ops tf, Tensor grad, Variable var);

  /**
   * {@code _apply_sparse_duplicate_indices}: sums the rows of repeated indices ({@code Unique}, {@code Shape},
   * {@code strided_slice/…}, {@code UnsortedSegmentSum}), then {@link #applySparse}. {@code GradientDescent}
   * overrides it (its {@code ScatterSub} adds repeated rows anyway).
   */
  protected Operation applySparseDuplicateIndices(Ops tf, IndexedSlices grad, Variable var) {
    List<Tensor> unique = tf.unique(grad.indices());
    Tensor rows = tf.getItem(tf.shape(unique.get(0)), 0);
    Tensor summed = tf.unsortedSegmentSum(grad.values(), unique.get(1), rows);
    return applySparse(tf, new IndexedSlices(summed, unique.get(0), grad.denseShape()), var);
  }

  /**
   * {@code _apply_sparse}: the update of the rows {@code grad.indices()} (no index repeated) of one variable, in
   * its {@code update_<var op name>} scope.
   *
   * @throws UnsupportedOperationException when the optimizer has no sparse update (TF's NotImplementedError)
   */
  protected Operation applySparse(Ops tf, IndexedSlices grad, Variable var) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sparse update (_apply_sparse)");
  }

  /**
   * {@code _finish}: the final op grouping the updates, named {@code nameScope} ({@code "Adam/"}, exact; or
   * {@code "update"}, in the current scope).
   */
  protected Operation finish(Ops tf, List<Operation> updateOps, String nameScope) {
    return tf.group(updateOps, nameScope);
  }

  // ---------------------------------------------------------------------------------------------
  // Slots and non-slot variables

  /** {@code get_slot(var, name)}: the slot {@code name} of {@code var}, or null. */
  public Variable getSlot(Variable var, String slotName) {
    synchronized (this) {
      Map<Operation, Variable> named = slots.get(slotName);
      return named == null ? null : named.get(var.op());
    }
  }

  /** {@code get_slot_names()}: the names of the slots this optimizer has created, sorted ({@code [m, v]}). */
  public List<String> getSlotNames() {
    synchronized (this) {
      return List.copyOf(slots.keySet());
    }
  }

  /**
   * {@code variables()}: the slots and non-slot variables this optimizer created, sorted by name (all graphs it
   * was used in).
   */
  public List<Variable> variables() {
    List<Variable> out = new ArrayList<>();
    synchronized (this) {
      for (Map<String, Variable> m : nonSlot.values()) {
        out.addAll(m.values());
      }
      for (Map<Operation, Variable> m : slots.values()) {
        out.addAll(m.values());
      }
    }
    out.sort(Comparator.comparing(Variable::name));
    return out;
  }

  /** {@link #variables()} of one graph. */
  public List<Variable> variables(Graph graph) {
    List<Variable> out = new ArrayList<>();
    for (Variable v : variables()) {
      if (v.graph() == graph) {
        out.add(v);
      }
    }
    return out;
  }

  /** {@code _zeros_slot(var, slot_name, op_name)}: the slot, made of zeros on first use. */
  protected Variable zerosSlot(Ops tf, Variable var, String slotName, String opName) {
    Variable slot = getSlot(var, slotName);
    if (slot == null) {
      slot = tf.createZerosSlot(var, opName, null);
      putSlot(slotName, var, slot);
    }
    return slot;
  }

  /** {@code _get_or_make_slot_with_initializer(var, initializer, shape, dtype, slot_name, op_name)}. */
  protected Variable getOrMakeSlotWithInitializer(Ops tf, Variable var, Initializer initializer, Shape shape,
      DType dtype, String slotName, String opName) {
    Variable slot = getSlot(var, slotName);
    if (slot == null) {
      slot = tf.createSlotWithInitializer(var, initializer, shape, dtype, opName);
      putSlot(slotName, var, slot);
    }
    return slot;
  }

  private synchronized void putSlot(String slotName, Variable var, Variable slot) {
    slots.computeIfAbsent(slotName, k -> new LinkedHashMap<>()).put(var.op(), slot);
  }

  /**
   * {@code _create_non_slot_variable(initial_value, name, colocate_with)}: once per graph, a non-trainable
   * {@code tf.Variable} named {@code name} in the current name scope, colocated with {@code colocateWith}.
   */
  protected Variable createNonSlotVariable(Ops tf, Object initialValue, String varName, Variable colocateWith) {
    Variable v = getNonSlotVariable(varName, colocateWith.graph());
    if (v == null) {
      v = tf.colocateWith(colocateWith.op(), () -> tf.variable(initialValue, varName, null, false));
      Variable created = v;
      synchronized (this) {
        nonSlot.computeIfAbsent(colocateWith.graph(), g -> new LinkedHashMap<>()).put(varName, created);
      }
    }
    return v;
  }

  /** {@code _get_non_slot_variable(name, graph)}, or null. */
  protected synchronized Variable getNonSlotVariable(String varName, Graph graph) {
    Map<String, Variable> m = nonSlot.get(graph);
    return m == null ? null : m.get(varName);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers for subclasses

  /**
   * {@code ops.convert_to_tensor(value, name=name)} of a hyper-parameter: a {@link Tensor} as it is (no op), a
   * Java number as a float32 {@code Const} named {@code name} in the current name scope.
   */
  protected static Tensor hyperParameter(Ops tf, Object value, String name) {
    if (value instanceof Tensor t) {
      return readOf(t);
    }
    return tf.constant(((Number) value).floatValue(), name);
  }

  /** {@code math_ops.cast(t, dtype)}: {@code t} (a variable's snapshot) when of that dtype, else a {@code Cast}. */
  protected static Tensor cast(Ops tf, Tensor t, DType dtype) {
    Tensor value = readOf(t);
    return value.dtype() == dtype ? value : tf.cast(value, dtype);
  }

  /** A variable's {@code read} snapshot (what ops that use it read), other tensors themselves. */
  protected static Tensor readOf(Tensor t) {
    return t instanceof Variable v && v.read() != null ? v.read() : t;
  }

  /** The update op of {@code type} in the current scope: its inputs as given, attributes {@code T}, … */
  protected Operation applyOp(Ops tf, String type, List<Tensor> inputs, Object... attrs) {
    var b = tf.graph().opBuilder(type, null);
    for (Tensor t : inputs) {
      b.addInput(t);
    }
    b.setAttr("T", inputs.get(0).dtype());
    for (int i = 0; i < attrs.length; i += 2) {
      b.setAttr((String) attrs[i], attrs[i + 1]);
    }
    b.setAttr("use_locking", useLocking);
    return b.build();
  }

  /**
   * A {@code Scatter*} op ({@code ScatterSub}, {@code ScatterAdd}) named after its type in the current scope, on
   * {@code var} itself (its reference), with this optimizer's {@code use_locking}.
   */
  protected Operation scatterOp(Ops tf, String type, Variable var, Tensor indices, Tensor updates) {
    return tf.graph().opBuilder(type, null).addInput(var).addInput(indices).addInput(updates)
        .setAttr("T", var.dtype()).setAttr("Tindices", indices.dtype()).setAttr("use_locking", useLocking).build();
  }

  private static void assertValidDTypes(List<? extends Tensor> tensors) {
    for (Tensor t : tensors) {
      DType d = t.dtype();
      if (d != DType.FLOAT32 && d != DType.FLOAT64) {
        throw new InvalidLossTypeException("Invalid type " + d + " for " + t.name() + ", expected: [float16, "
            + "bfloat16, float32, float64].");
      }
    }
  }

  /** Python's {@code [str(v) for v in ...]} as printed in TF's messages. */
  private static String variablesText(List<GradAndVar> gv) {
    List<String> parts = new ArrayList<>();
    for (GradAndVar p : gv) {
      parts.add("\"" + p.variable() + "\"");
    }
    return "[" + String.join(", ", parts) + "]";
  }

  private synchronized Map<String, Map<Operation, Variable>> copySlots() {
    Map<String, Map<Operation, Variable>> copy = new TreeMap<>();
    slots.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
    return copy;
  }

  private synchronized Map<Graph, Map<String, Variable>> copyNonSlot() {
    Map<Graph, Map<String, Variable>> copy = new WeakHashMap<>();
    nonSlot.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
    return copy;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ")";
  }
}
