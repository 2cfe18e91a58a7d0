package io.scopegraph;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A computation graph with TensorFlow 1.x naming: operations, the case-insensitive registry of used names
 * (shared by ops and name scopes), the variable store of {@code getVariable} and the collections.
 *
 * <p>Creation is thread-safe. Each public call that adds something is atomic: if it fails, the graph is
 * exactly as before (no op, no used name, no store entry). TensorFlow instead keeps the name a failed op
 * asked for; this is a deliberate deviation. The name stack and the variable-scope stack are per thread, as
 * in TensorFlow: each thread starts at the root. So are the device scopes.
 *
 * <p>Model code normally goes through {@link Ops#on(Graph)}; the scope methods here are the same.
 */
public final class Graph {
  /** Collection of all global variables ({@code tf.GraphKeys.GLOBAL_VARIABLES}). */
  public static final String GLOBAL_VARIABLES = "variables";
  /** Collection of trainable variables ({@code tf.GraphKeys.TRAINABLE_VARIABLES}). */
  public static final String TRAINABLE_VARIABLES = "trainable_variables";
  /** Collection of local variables ({@code tf.GraphKeys.LOCAL_VARIABLES}). */
  public static final String LOCAL_VARIABLES = "local_variables";
  /** Collection of the losses regularizers made ({@code tf.GraphKeys.REGULARIZATION_LOSSES}). */
  public static final String REGULARIZATION_LOSSES = "regularization_losses";
  /** Collection of the ops a training step must also run, e.g. batch normalization's moving averages
   * ({@code tf.GraphKeys.UPDATE_OPS}). */
  public static final String UPDATE_OPS = "update_ops";

  private static final Operation[] NO_OPS = {};

  private final Object lock = new Object();
  private final ArrayList<Operation> ops = new ArrayList<>();
  private final NameRegistry names = new NameRegistry(ops);
  private final LinkedHashMap<String, Variable> variableStore = new LinkedHashMap<>();
  private final LinkedHashMap<String, PartitionedVariable> partitionedStore = new LinkedHashMap<>();
  private final LinkedHashMap<String, ArrayList<Object>> collections = new LinkedHashMap<>();
  private final ThreadLocal<ScopeState> scopeState;
  private final CondRegistry conds = new CondRegistry(this);
  private volatile Long seed;

  // The undo log of the outermost atomic call in progress (guarded by lock; the name registry keeps its own).
  private final ArrayList<Runnable> undo = new ArrayList<>();
  private boolean inAtomicCall;
  private boolean scopeCountsSaved; // this atomic call already registered the restore of the var-scope counters
  private int opsMark;

  public Graph() {
    WeakReference<Graph> self = new WeakReference<>(this); // thread-local state must not pin the graph
    scopeState = ThreadLocal.withInitial(() -> new ScopeState(self));
  }

  // ---------------------------------------------------------------------------------------------
  // Default graph

  /** Makes this graph the thread's default graph until the handle closes ({@code with g.as_default()}). */
  public DefaultGraphHandle asDefault() {
    return new DefaultGraphHandle(this);
  }

  /** The thread's default graph: the innermost {@link #asDefault()}, else a process-wide graph. */
  public static Graph getDefault() {
    return DefaultGraphHandle.current();
  }

  // ---------------------------------------------------------------------------------------------
  // Seeds

  /** Sets the graph-level random seed ({@code tf.set_random_seed}); seeded graphs give the same values every run. */
  public void setSeed(long seed) {
    this.seed = seed;
  }

  /** The graph-level seed, or null. */
  public Long seed() {
    return seed;
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  /**
   * TF's {@code Graph.unique_name(name)}: prefixes the current name scope, then returns the name or, when it
   * is taken (case-insensitively), {@code name_1}, {@code name_2}, … and marks the result as used.
   */
  public String uniqueName(String name) {
    return uniqueName(name, true);
  }

  /** {@link #uniqueName(String)}; with {@code markAsUsed == false} the name is only computed. */
  public String uniqueName(String name, boolean markAsUsed) {
    String scope = state().nameStack;
    if (!markAsUsed) {
      synchronized (lock) {
        return names.uniqueName(scope, name, false);
      }
    }
    return atomically(() -> names.uniqueName(scope, name, true));
  }

  /**
   * The name of an op created directly ({@code Graph.create_op}): the op type when no name is given, a name
   * ending in {@code /} verbatim without the slash, else the name prefixed and uniquified. Under the lock.
   */
  String createOpName(String name, String type) {
    String n = name == null ? type : name;
    if (n.endsWith("/")) {
      return n.substring(0, n.length() - 1);
    }
    return names.uniqueName(state().nameStack, n, true);
  }

  /** {@code ops.get_name_scope()}: the current name scope without trailing slash, {@code ""} at the root. */
  public String currentNameScope() {
    return state().nameStack;
  }

  // ---------------------------------------------------------------------------------------------
  // Name scopes

  /**
   * TF's {@code Graph.name_scope(name)}: {@code null} or {@code ""} resets to the root; a name ending in
   * {@code /} re-enters that absolute scope verbatim; otherwise the name is prefixed and uniquified. The
   * handle's {@link NameScopeHandle#name()} is what Python's {@code as scope} yields.
   */
  public NameScopeHandle nameScope(String name) {
    return atomically(() -> {
      ScopeState s = state();
      String saved = s.nameStack;
      s.nameStack = resolveNameScope(s, name);
      return new NameScopeHandle(s.nameStack, name == null || name.isEmpty(), ScopeEntry.nameScope(s, saved, null));
    });
  }

  /**
   * TF 1.x's module-level {@code tf.name_scope(name, default_name, values)}: the name, else the default
   * name ({@code ""} still resets to the root); with values given (even empty) one of the two is required.
   * The values must all come from this graph, which is the default graph inside the block.
   */
  public NameScopeHandle nameScope(String name, String defaultName, Iterable<? extends Tensor> values) {
    String effective = name == null ? defaultName : name;
    if (effective == null && values != null) {
      throw new MissingScopeNameException(
          "At least one of name (" + name + ") and default_name (" + defaultName + ") must be provided.");
    }
    boolean hasValues = checkValuesFromThisGraph(values);
    return atomically(() -> {
      ScopeState s = state();
      String saved = s.nameStack;
      s.nameStack = resolveNameScope(s, effective);
      DefaultGraphHandle dflt = hasValues ? asDefault() : null;
      return new NameScopeHandle(s.nameStack, effective == null || effective.isEmpty(),
          ScopeEntry.nameScope(s, saved, dflt));
    });
  }

  /** {@code name_scope(name, default_name)} without values: no name at all simply resets to the root. */
  public NameScopeHandle nameScope(String name, String defaultName) {
    return nameScope(name, defaultName, null);
  }

  /**
   * Deprecated TF 0.x/1.x {@code tf.op_scope(values, name, default_name)}: {@code name_scope(name,
   * default_name, values)} with the arguments permuted.
   *
   * @deprecated use {@link #nameScope(String, String, Iterable)}
   */
  @Deprecated
  public NameScopeHandle opScope(Iterable<? extends Tensor> values, String name, String defaultName) {
    return nameScope(name, defaultName, values);
  }

  /**
   * TF 2's {@code tf.name_scope(name)} ({@code name_scope_v2}): an object entered with {@code enter()}, as often
   * as wanted, each time as {@link #nameScope(String)}. A null name fails at once
   * ({@code name for name_scope must be a string.}).
   */
  public NameScopeV2 nameScopeV2(String name) {
    return new NameScopeV2(this, name);
  }

  /** The new name stack for {@code name_scope(name)}; validates, then marks the name as used. Under the lock. */
  String resolveNameScope(ScopeState s, String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    Names.checkScopeName(name, s.nameStack.isEmpty());
    if (name.endsWith("/")) {
      return name.substring(0, name.length() - 1);
    }
    return names.uniqueName(s.nameStack, name, true);
  }

  /** {@link #checkValuesFromThisGraph(Iterable)} for one value, or two ({@code y} may be null). */
  void checkValuesFromThisGraph(Tensor x, Tensor y) {
    if (y != null && y.graph() != x.graph()) {
      throw new GraphMismatchException(y + " must be from the same graph as " + x + ".");
    }
    if (x.graph() != this) {
      throw new GraphMismatchException(x + " is not from the passed-in graph.");
    }
  }

  /**
   * TF's {@code _get_graph_from_inputs}: all values from one graph ({@code x must be from the same graph as
   * y.}), and that graph must be this one. Returns whether any value was given.
   */
  boolean checkValuesFromThisGraph(Iterable<? extends Tensor> values) {
    if (values == null) {
      return false;
    }
    Tensor first = null;
    for (Tensor t : values) {
      if (t == null) {
        continue;
      }
      if (first == null) {
        first = t;
      } else if (t.graph() != first.graph()) {
        throw new GraphMismatchException(t + " must be from the same graph as " + first + ".");
      }
    }
    if (first != null && first.graph() != this) {
      throw new GraphMismatchException(first + " is not from the passed-in graph.");
    }
    return first != null;
  }

  // ---------------------------------------------------------------------------------------------
  // Variable scopes

  /** The thread's current variable scope ({@code tf.get_variable_scope()}); the root scope has name {@code ""}. */
  public VarScope getVariableScope() {
    return state().varScope;
  }

  /** Enters the variable scope {@code name} under the current one ({@code with tf.variable_scope(name)}). */
  public VarScope variableScope(String name) {
    return variableScopeBuilder(name).enter();
  }

  /** Re-enters a captured variable scope ({@code with tf.variable_scope(scope)}). */
  public VarScope variableScope(VarScope scope) {
    return variableScopeBuilder(scope).enter();
  }

  /** Options for entering variable scope {@code name} (null: give a default name), ending in {@code enter()}. */
  public VarScopeBuilder variableScopeBuilder(String name) {
    return new VarScopeBuilder(this, name, null);
  }

  /**
   * Options for a variable scope without a name ({@code variable_scope(None, default_name)}): give
   * {@code defaultName(...)}, which is uniquified ({@code mysum}, {@code mysum_1}, …).
   */
  public VarScopeBuilder variableScopeBuilder() {
    return new VarScopeBuilder(this, null, null);
  }

  /** Options for re-entering a captured variable scope, ending in {@code enter()}. */
  public VarScopeBuilder variableScopeBuilder(VarScope scope) {
    if (scope == null) {
      throw new NullPointerException("scope");
    }
    return new VarScopeBuilder(this, null, scope);
  }

  /**
   * Deprecated {@code tf.variable_op_scope(values, name_or_scope, default_name)}: {@code
   * variable_scope(name, default_name, values)} with the arguments permuted.
   *
   * @deprecated use {@link #variableScopeBuilder(String)} with {@code defaultName(...)} and {@code values(...)}
   */
  @Deprecated
  public VarScope variableOpScope(Iterable<? extends Tensor> values, String name, String defaultName) {
    return variableScopeBuilder(name).defaultName(defaultName).values(values).enter();
  }

  // ---------------------------------------------------------------------------------------------
  // Devices

  /**
   * {@code with g.device(device)}: ops created on this thread until the handle closes are placed on
   * {@code device}. Device strings are TF's ({@code /job:ps/task:0/device:GPU:1}, {@code /cpu:0}); nested
   * scopes merge, the inner one winning field by field ({@code /job:ps} around {@code /cpu:0} gives
   * {@code /job:ps/device:CPU:0}); {@code null} ignores the enclosing scopes (write {@code device((String)
   * null)}); {@code ""} changes nothing. A malformed string fails here ({@link InvalidDeviceException}).
   */
  public DeviceScopeHandle device(String device) {
    ScopeState s = state();
    DeviceStack saved = s.devices;
    s.devices = saved.push(device);
    return new DeviceScopeHandle(ScopeEntry.device(s, saved));
  }

  /**
   * {@code with g.device(function)}: the function picks the device of every op created on this thread until
   * the handle closes. It sees the complete op (name, type, attrs, inputs) and its device so far, which the
   * device scopes inside this one set; it returns the device string ({@code null} or {@code ""}: none).
   */
  public DeviceScopeHandle device(Function<Operation, String> deviceFunction) {
    if (deviceFunction == null) {
      throw new NullPointerException("deviceFunction (to reset the device, use device((String) null))");
    }
    ScopeState s = state();
    DeviceStack saved = s.devices;
    s.devices = saved.push(deviceFunction);
    return new DeviceScopeHandle(ScopeEntry.device(s, saved));
  }

  /** Runs {@code body} in a device scope that ends with it ({@code null}: no device). Under the lock. */
  <T> T inDevice(String device, Supplier<T> body) {
    ScopeState s = state();
    DeviceStack saved = s.devices;
    s.devices = saved.push(device);
    try {
      return body.get();
    } finally {
      s.devices = saved;
    }
  }

  /**
   * TF's {@code ops.colocate_with(op)}: ops {@code body} creates go on {@code op}'s device, and the device
   * scopes are not consulted for them. Under the lock.
   */
  <T> T colocatedWith(Operation op, Supplier<T> body) {
    ScopeState s = state();
    DeviceStack savedDevices = s.devices;
    Operation savedColocation = s.colocation;
    s.devices = DeviceStack.EMPTY;
    s.colocation = op;
    try {
      return body.get();
    } finally {
      s.devices = savedDevices;
      s.colocation = savedColocation;
    }
  }

  /** Whether ops created now on this thread get a device: a device scope or a colocation is open. */
  private boolean isPlacing() {
    ScopeState s = state();
    return s.devices != DeviceStack.EMPTY || s.colocation != null;
  }

  /** Places a new op: its requested device, merged through the device scopes, else its colocation's device. */
  private void place(Operation op, String requestedDevice) {
    op.setDevice(requestedDevice);
    ScopeState s = state();
    s.devices.apply(op);
    if (s.colocation != null && op.device().isEmpty()) {
      op.setDevice(s.colocation.device());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  /** Builds an op of any type, named like TF's {@code create_op} (see {@link OpBuilder}). */
  public OpBuilder opBuilder(String type, String name) {
    return new OpBuilder(this, type, name);
  }

  /** All operations in creation order (a snapshot). */
  public List<Operation> operations() {
    synchronized (lock) {
      return List.copyOf(ops);
    }
  }

  /** Number of operations. */
  public int size() {
    synchronized (lock) {
      return ops.size();
    }
  }

  /** The operation named exactly {@code name}, or null. */
  public Operation operation(String name) {
    synchronized (lock) {
      return names.op(name);
    }
  }

  /** The tensor named {@code "op:index"}, or null. */
  public Tensor tensor(String name) {
    int colon = name.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("A tensor name has the form op_name:index, got '" + name + "'");
    }
    Operation op = operation(name.substring(0, colon));
    int index;
    try {
      index = Integer.parseInt(name.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("A tensor name has the form op_name:index, got '" + name + "'");
    }
    return op == null || index < 0 || index >= op.numOutputs() ? null : op.output(index);
  }

  /**
   * The graph as Graphviz DOT text, grouped like TensorBoard: a nested {@code cluster} per name scope, one
   * box per variable (its {@code read}, {@code Assign} and initial-value ops folded in, so a shared variable
   * appears once with an edge to every op reading it), data edges from producer to consumer and dashed
   * control edges. Deterministic (creation order). Render with {@code dot -Tsvg graph.dot -o graph.svg}.
   */
  public String toDot() {
    return DotWriter.write(this);
  }

  /**
   * Adds an operation named exactly {@code name} (already scoped and uniquified by the caller), checking
   * the node-name pattern and duplicates as TF's C API does. Must run inside {@link #atomically}.
   */
  Operation addOp(String type, String name, Tensor[] inputs, Operation[] controlInputs, Object[] attrs,
      DType[] outTypes, Shape[] outShapes) {
    return addOp(type, name, inputs, controlInputs, attrs, outTypes, outShapes, null);
  }

  /** {@link #addOp} with a requested device, which the device scopes then merge into. */
  Operation addOp(String type, String name, Tensor[] inputs, Operation[] controlInputs, Object[] attrs,
      DType[] outTypes, Shape[] outShapes, String requestedDevice) {
    checkName(name);
    boolean placed = requestedDevice != null || isPlacing();
    ScopeState s = state();
    ControlDependencies deps = s.controlDeps;
    Operation[] controls = deps == null ? controlInputs : withAmbientControls(deps, inputs, controlInputs);
    CondContext cond = s.condContext;
    if (cond != null && inputs.length == 0) {
      controls = cond.withPivot(controls);
    }
    Operation op =
        Operation.create(this, ops.size(), name, type, inputs, controls, attrs, outTypes, outShapes, placed);
    if (placed) {
      place(op, requestedDevice);
    }
    register(op);
    if (deps != null) {
      ControlDependencies.record(deps, op);
    }
    if (cond != null) {
      cond.addOp(op);
    }
    return op;
  }

  /** The control inputs of the open {@code control_dependencies} blocks, then the op's own, without repeats. */
  private static Operation[] withAmbientControls(ControlDependencies deps, Tensor[] inputs, Operation[] own) {
    List<Operation> all = new ArrayList<>(ControlDependencies.forInputs(deps, inputs));
    for (Operation c : own) {
      if (!all.contains(c)) {
        all.add(c);
      }
    }
    return all.toArray(NO_OPS);
  }

  /**
   * {@code with g.control_dependencies(controls)} around {@code body}: ops it creates get {@code controls} as
   * control inputs (TF's rules: not when an input was created inside the block, nor for ops already in force);
   * {@code null} ({@code control_dependencies(None)}) clears the enclosing blocks. Under the lock.
   */
  <T> T withControlDependencies(List<Operation> controls, Supplier<T> body) {
    ScopeState s = state();
    ControlDependencies saved = s.controlDeps;
    CondContext savedCond = s.condContext;
    s.controlDeps = controls == null ? null : ControlDependencies.push(saved, controls);
    if (controls == null) {
      s.condContext = null; // as TF: control_dependencies(None) also leaves the cond branch being built
    }
    try {
      return body.get();
    } finally {
      s.controlDeps = saved;
      s.condContext = savedCond;
    }
  }

  /** Runs {@code body} with {@code context} as the thread's current cond branch. Under the lock. */
  <T> T inCondContext(CondContext context, Supplier<T> body) {
    ScopeState s = state();
    CondContext saved = s.condContext;
    s.condContext = context;
    try {
      return body.get();
    } finally {
      s.condContext = saved;
    }
  }

  /** The thread's current cond branch, or null. */
  CondContext condContext() {
    return state().condContext;
  }

  /** The v1 conds' record of this graph. Under the lock. */
  CondRegistry conds() {
    return conds;
  }

  /**
   * Whether a session may fetch {@code op} (TF's {@code Graph.is_fetchable}): not the ops inside a branch of a
   * v1 {@code cond}, nor its {@code Switch}, pivots and {@code pred_id}.
   */
  public boolean isFetchable(Operation op) {
    synchronized (lock) {
      return conds.isFetchable(op);
    }
  }

  /**
   * Adds a node of a registered op type named exactly {@code name}, its outputs as the type's
   * {@link ShapeFunction} declares them (which also rejects inputs that cannot fit). Must run inside
   * {@link #atomically}.
   */
  Operation addNode(String type, String name, Tensor[] inputs, Operation[] controlInputs, Object[] attrs) {
    return addNode(type, name, inputs, controlInputs, attrs, null);
  }

  /** {@link #addNode} with a requested device. */
  Operation addNode(String type, String name, Tensor[] inputs, Operation[] controlInputs, Object[] attrs,
      String requestedDevice) {
    return addOp(type, name, inputs, controlInputs, attrs,
        OpRegistry.outputs(type, name, Arrays.asList(inputs), attrs), requestedDevice);
  }

  /** {@link #addOp} with the outputs as a shape function gives them. Must run inside {@link #atomically}. */
  Operation addOp(String type, String name, Tensor[] inputs, Operation[] controlInputs, Object[] attrs,
      List<OutputSpec> outputs, String requestedDevice) {
    if (outputs.size() == 1 && controlInputs.length == 0 && requestedDevice == null) {
      OutputSpec out = outputs.get(0);
      return addOp(type, name, inputs, attrs, out.dtype(), out.shape()).op();
    }
    DType[] types = new DType[outputs.size()];
    Shape[] shapes = new Shape[outputs.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = outputs.get(i).dtype();
      shapes[i] = outputs.get(i).shape();
    }
    return addOp(type, name, inputs, controlInputs, attrs, types, shapes, requestedDevice);
  }

  // Gradient bookkeeping: the per-graph caches of math_grad.py and each gradient op's forward op.
  private final java.util.HashMap<Object, Object> gradientCache = new java.util.HashMap<>();
  private final java.util.IdentityHashMap<Operation, Operation> originalOps = new java.util.IdentityHashMap<>();

  /** A per-graph cache entry ({@code _bcast_grad_args_cache}, {@code _reduced_shape_cache}), or null. Under the lock. */
  Object gradientCacheGet(Object key) {
    return gradientCache.get(key);
  }

  /** Stores a per-graph cache entry, removed again if the atomic call fails. Under the lock. */
  void gradientCachePut(Object key, Object value) {
    if (gradientCache.put(key, value) == null) {
      onUndo(() -> gradientCache.remove(key));
    }
  }

  /** Records {@code original} as the forward op of {@code op} (TF's {@code _original_op}). Under the lock. */
  void setOriginalOp(Operation op, Operation original) {
    originalOps.put(op, original);
    onUndo(() -> originalOps.remove(op));
  }

  /** The forward op whose gradient created {@code op}, or null. */
  Operation originalOp(Operation op) {
    synchronized (lock) {
      return originalOps.get(op);
    }
  }

  /** Ops with ids {@code from} (inclusive) on, in creation order. Under the lock. */
  List<Operation> opsFrom(int from) {
    return new ArrayList<>(ops.subList(from, ops.size()));
  }

  /** {@link #addNode} of a single-output op without control inputs: its output. */
  Tensor addNode(String type, String name, Tensor[] inputs, Object[] attrs) {
    return addNode(type, name, inputs, NO_OPS, attrs).output(0);
  }

  /** Single-output {@link #addOp}, the common case (no per-op output arrays). */
  Tensor addOp(String type, String name, Tensor[] inputs, Object[] attrs, DType dtype, Shape shape) {
    ScopeState s = state();
    if (s.controlDeps != null || s.condContext != null || isPlacing()) {
      return addOp(type, name, inputs, NO_OPS, attrs, new DType[] {dtype}, new Shape[] {shape}, null).output(0);
    }
    checkName(name);
    return register(new Operation(this, ops.size(), name, type, inputs, attrs, dtype, shape)).output(0);
  }

  private static void checkName(String name) {
    if (!Names.isValidOpName(name)) {
      throw new InvalidOpNameException("'" + name + "' is not a valid node name");
    }
  }

  /** Checks uniqueness and inputs as TF's C API does, then adds {@code op}; a failure is rolled back. */
  private Operation register(Operation op) {
    ops.add(op); // first: the registry finds ops by id in this list
    if (!names.addOp(op)) {
      ops.remove(ops.size() - 1);
      throw new DuplicateOpNameException("Duplicate node name in graph: '" + op.name() + "'");
    }
    for (int i = 0; i < op.numInputs(); i++) {
      if (op.input(i).graph() != this) {
        throw new GraphMismatchException(
            op.input(i) + " must be from the same graph as the op '" + op.name() + "' it feeds.");
      }
    }
    return op;
  }

  // ---------------------------------------------------------------------------------------------
  // Variables and collections

  /** Variables created by {@code getVariable}, by full name, in creation order. */
  public Map<String, Variable> variableStore() {
    synchronized (lock) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(variableStore));
    }
  }

  Variable storedVariable(String fullName) {
    return variableStore.get(fullName);
  }

  void storeVariable(String fullName, Variable v) {
    variableStore.put(fullName, v);
    undo.add(() -> variableStore.remove(fullName));
  }

  /** Partitioned variables created by {@code getVariable}, by full name, in creation order. */
  public Map<String, PartitionedVariable> partitionedVariableStore() {
    synchronized (lock) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(partitionedStore));
    }
  }

  PartitionedVariable storedPartitioned(String fullName) {
    return partitionedStore.get(fullName);
  }

  void storePartitioned(String fullName, PartitionedVariable v) {
    partitionedStore.put(fullName, v);
    undo.add(() -> partitionedStore.remove(fullName));
  }

  /** The global variables, in creation order ({@code tf.global_variables()}). */
  public List<Variable> globalVariables() {
    return variables(GLOBAL_VARIABLES);
  }

  /** The trainable variables ({@code tf.trainable_variables()}). */
  public List<Variable> trainableVariables() {
    return variables(TRAINABLE_VARIABLES);
  }

  /** The local variables ({@code tf.local_variables()}). */
  public List<Variable> localVariables() {
    return variables(LOCAL_VARIABLES);
  }

  /** The losses regularizers added ({@code tf.losses.get_regularization_losses()}), in creation order. */
  public List<Tensor> regularizationLosses() {
    return regularizationLosses(null);
  }

  /** The regularization losses whose names start with {@code scope} ({@code get_regularization_losses(scope)}). */
  public List<Tensor> regularizationLosses(String scope) {
    return only(Tensor.class, collection(REGULARIZATION_LOSSES, scope));
  }

  private List<Variable> variables(String key) {
    return only(Variable.class, collection(key));
  }

  /** The items of a collection that are of {@code type}, in order. */
  static <T> List<T> only(Class<T> type, List<Object> items) {
    List<T> out = new ArrayList<>();
    for (Object o : items) {
      if (type.isInstance(o)) {
        out.add(type.cast(o));
      }
    }
    return out;
  }

  /** The names of the collections that have items, in the order they were first added to ({@code get_all_collection_keys}). */
  public List<String> collectionKeys() {
    synchronized (lock) {
      return List.copyOf(collections.keySet());
    }
  }

  /** The items of a collection in insertion order ({@code tf.get_collection(key)}); empty if none. */
  public List<Object> collection(String key) {
    synchronized (lock) {
      ArrayList<Object> items = collections.get(key);
      return items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * {@code tf.get_collection(key, scope)}: the items whose name starts with {@code scope} (a plain prefix;
   * TF uses it as a regular expression, which only differs for names containing {@code .}).
   */
  public List<Object> collection(String key, String scope) {
    List<Object> out = new ArrayList<>();
    for (Object o : collection(key)) {
      String name = o instanceof Tensor t ? t.name() : o instanceof Operation op ? op.name() : null;
      if (scope == null || scope.isEmpty() || (name != null && name.startsWith(scope))) {
        out.add(o);
      }
    }
    return out;
  }

  /** Adds to a collection ({@code tf.add_to_collection}). */
  public void addToCollection(String key, Object item) {
    atomically(() -> {
      addToCollectionLocked(key, item);
      return null;
    });
  }

  void addToCollectionLocked(String key, Object item) {
    ArrayList<Object> items = collections.computeIfAbsent(key, k -> new ArrayList<>());
    items.add(item);
    boolean created = items.size() == 1;
    undo.add(() -> {
      items.remove(items.size() - 1);
      if (created) {
        collections.remove(key);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Per-thread state and atomicity

  ScopeState state() {
    return scopeState.get();
  }

  /**
   * Runs {@code body} under the graph lock as one atomic change: if it throws, every op, used name, store
   * entry and collection item it added is removed again. Nested calls join the outermost one. For code that
   * builds several ops in one call (a checkpoint {@code Saver}'s ops) and must not leave half of them behind.
   */
  public <T> T atomically(Supplier<T> body) {
    synchronized (lock) {
      boolean outermost = beginAtomic();
      try {
        T result = body.get();
        endAtomic(outermost);
        return result;
      } catch (RuntimeException | Error e) {
        abortAtomic(outermost);
        throw e;
      }
    }
  }

  /** Registers how to undo a change made inside {@link #atomically}, should the call fail. Under the lock. */
  void onUndo(Runnable undoAction) {
    if (inAtomicCall) {
      undo.add(undoAction);
    }
  }

  /**
   * Before an atomic call first changes the variable-scope default-name counters of {@code s}: registers their
   * restore, so a failed call (a layer whose variable clashes) does not use up {@code dense} for the next one.
   */
  void saveScopeCountsForUndo(ScopeState s) {
    if (inAtomicCall && !scopeCountsSaved) {
      scopeCountsSaved = true;
      HashMap<String, Integer> copy = new HashMap<>(s.varScopeCounts);
      undo.add(() -> s.varScopeCounts = copy);
    }
  }

  /** The lock {@link #atomically} holds, for callers that open an atomic change themselves. */
  Object lock() {
    return lock;
  }

  /**
   * Opens an atomic change, as {@link #atomically} does; the caller holds {@link #lock()} and ends it with
   * {@link #endAtomic} or, when it throws, {@link #abortAtomic}. Returns whether this call is the outermost.
   */
  boolean beginAtomic() {
    if (inAtomicCall) {
      return false;
    }
    inAtomicCall = true;
    scopeCountsSaved = false;
    opsMark = ops.size();
    names.beginJournal();
    return true;
  }

  void endAtomic(boolean outermost) {
    if (outermost) {
      inAtomicCall = false;
      undo.clear();
      names.commitJournal();
    }
  }

  void abortAtomic(boolean outermost) {
    if (outermost) {
      rollback();
    }
  }

  private void rollback() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
    names.rollbackJournal(); // also forgets the ops below
    ops.subList(opsMark, ops.size()).clear();
    inAtomicCall = false;
  }

  /** Op id TF's {@code get_seed} uses when only the graph seed is set ({@code graph._last_id}). */
  int lastId() {
    return ops.size();
  }
}
