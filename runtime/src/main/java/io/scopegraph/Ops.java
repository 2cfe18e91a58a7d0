package io.scopegraph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one facade model code calls, like Python's {@code tf.} module, bound to one {@link Graph}: scopes,
 * variables and ops. Op methods take tensors first and an optional trailing {@code name}; without a name an
 * op is named after its type ({@code Add}, {@code MatMul}, …), uniquified in the current name scope. A
 * failing call leaves the graph as it was.
 *
 * <pre>{@code
 * Ops tf = Ops.on(new Graph());
 * try (VarScope vs = tf.variableScope("foo"); NameScopeHandle ns = tf.nameScope("bar")) {
 *   Variable v = tf.getVariable("v", Shape.of(1));   // "foo/v:0"
 *   Tensor x = v.radd(1.0f);                          // op "foo/bar/add"
 * }
 * }</pre>
 */
public final class Ops {
  private final Graph graph;

  private Ops(Graph graph) {
    this.graph = graph;
  }

  /** Ops that build into {@code graph}. */
  public static Ops on(Graph graph) {
    if (graph == null) {
      throw new NullPointerException("graph");
    }
    return new Ops(graph);
  }

  public Graph graph() {
    return graph;
  }

  /** {@code tf.layers}: TF 1.15's layers ({@code dense}, {@code conv2d}, …) on this graph. */
  public io.scopegraph.layers.Layers layers() {
    return io.scopegraph.layers.Layers.on(this);
  }

  // =============================================================================================
  // Name scopes

  /** {@link Graph#nameScope(String)}. */
  public NameScopeHandle nameScope(String name) {
    return graph.nameScope(name);
  }

  /** {@link Graph#nameScope(String, String)}. */
  public NameScopeHandle nameScope(String name, String defaultName) {
    return graph.nameScope(name, defaultName);
  }

  /** {@link Graph#nameScope(String, String, Iterable)}. */
  public NameScopeHandle nameScope(String name, String defaultName, Iterable<? extends Tensor> values) {
    return graph.nameScope(name, defaultName, values);
  }

  /**
   * Deprecated {@code tf.op_scope(values, name, default_name)}.
   *
   * @deprecated use {@link #nameScope(String, String, Iterable)} (same semantics, arguments permuted)
   */
  @Deprecated
  public NameScopeHandle opScope(Iterable<? extends Tensor> values, String name, String defaultName) {
    return graph.opScope(values, name, defaultName);
  }

  /** The current name scope without trailing slash ({@code ""} at the root). */
  public String currentNameScope() {
    return graph.currentNameScope();
  }

  /** {@link Graph#nameScopeV2(String)}: TF 2's re-entrant {@code tf.name_scope(name)} object. */
  public NameScopeV2 nameScopeV2(String name) {
    return graph.nameScopeV2(name);
  }

  // =============================================================================================
  // Devices

  /** {@link Graph#device(String)}: {@code with tf.device("/cpu:0")}. */
  public DeviceScopeHandle device(String device) {
    return graph.device(device);
  }

  /** {@link Graph#device(Function)}: {@code with tf.device(device_function)}. */
  public DeviceScopeHandle device(Function<Operation, String> deviceFunction) {
    return graph.device(deviceFunction);
  }

  // =============================================================================================
  // Variable scopes

  /** The current variable scope ({@code tf.get_variable_scope()}). */
  public VarScope getVariableScope() {
    return graph.getVariableScope();
  }

  /** {@link Graph#variableScope(String)}. */
  public VarScope variableScope(String name) {
    return graph.variableScope(name);
  }

  /** Enters variable scope {@code name} with a reuse mode. */
  public VarScope variableScope(String name, Reuse reuse) {
    return graph.variableScopeBuilder(name).reuse(reuse).enter();
  }

  /** {@link Graph#variableScope(VarScope)}. */
  public VarScope variableScope(VarScope scope) {
    return graph.variableScope(scope);
  }

  /** Re-enters a captured scope with a reuse mode. */
  public VarScope variableScope(VarScope scope, Reuse reuse) {
    return graph.variableScopeBuilder(scope).reuse(reuse).enter();
  }

  /** {@link Graph#variableScopeBuilder(String)}. */
  public VarScopeBuilder variableScopeBuilder(String name) {
    return graph.variableScopeBuilder(name);
  }

  /** {@link Graph#variableScopeBuilder()}: no name, so give {@code defaultName(...)}. */
  public VarScopeBuilder variableScopeBuilder() {
    return graph.variableScopeBuilder();
  }

  /** {@link Graph#variableScopeBuilder(VarScope)}. */
  public VarScopeBuilder variableScopeBuilder(VarScope scope) {
    return graph.variableScopeBuilder(scope);
  }

  /**
   * Deprecated {@code tf.variable_op_scope(values, name_or_scope, default_name)}.
   *
   * @deprecated use {@link #variableScopeBuilder(String)} with {@code defaultName} and {@code values}
   */
  @Deprecated
  public VarScope variableOpScope(Iterable<? extends Tensor> values, String name, String defaultName) {
    return graph.variableOpScope(values, name, defaultName);
  }

  // =============================================================================================
  // Variables

  /** {@code tf.get_variable(name)}: an existing variable (any shape), or a new one needs a shape. */
  public Variable getVariable(String name) {
    return getVariableBuilder(name).get();
  }

  /**
   * {@code tf.get_variable(name, shape)}: the variable {@code <variable scope>/name}, created or shared as
   * the scope's reuse mode says; name scopes do not prefix it. New variables get the scope's initializer,
   * else Glorot-uniform (floats) or zeros.
   */
  public Variable getVariable(String name, Shape shape) {
    return getVariableBuilder(name).shape(shape).get();
  }

  public Variable getVariable(String name, Shape shape, DType dtype) {
    return getVariableBuilder(name).shape(shape).dtype(dtype).get();
  }

  public Variable getVariable(String name, Shape shape, Initializer initializer) {
    return getVariableBuilder(name).shape(shape).initializer(initializer).get();
  }

  public Variable getVariable(String name, Shape shape, DType dtype, Initializer initializer) {
    return getVariableBuilder(name).shape(shape).dtype(dtype).initializer(initializer).get();
  }

  /**
   * {@code tf.get_variable(name, initializer=value)} with a constant initial value: a {@link Tensor}, an
   * {@link NdArray} or a Java number or array. Its shape and dtype come from the value.
   */
  public Variable getVariable(String name, Object initialValue) {
    return getVariableBuilder(name).initialValue(initialValue).get();
  }

  /** A constant initial value with an explicit dtype, which must match the value's. */
  public Variable getVariable(String name, Object initialValue, DType dtype) {
    return getVariableBuilder(name).initialValue(initialValue).dtype(dtype).get();
  }

  /** {@code tf.get_variable(name, initializer=fn)} with a no-argument function computing the initial value. */
  public Variable getVariable(String name, Supplier<?> initialValue) {
    return getVariableBuilder(name).initialValue(initialValue).get();
  }

  /** {@code tf.get_local_variable(name, shape)}: not trainable, in the local-variables collection. */
  public Variable getLocalVariable(String name, Shape shape) {
    return getVariableBuilder(name).shape(shape).local().get();
  }

  /** All options of {@code get_variable}, ending in {@code get()}. */
  public GetVariableBuilder getVariableBuilder(String name) {
    return new GetVariableBuilder(this, name);
  }

  /**
   * {@code tf.Variable(initial_value)}: always a new variable named {@code Variable}, {@code Variable_1}, …
   * in the current name scope.
   */
  public Variable variable(Object initialValue) {
    return variable(initialValue, null, null);
  }

  /** {@code tf.Variable(initial_value, name=name)}: {@code ns/name}, uniquified ({@code v}, {@code v_1}). */
  public Variable variable(Object initialValue, String name) {
    return variable(initialValue, name, null);
  }

  /** {@code tf.Variable(initial_value, name=name, dtype=dtype)}; a null name means {@code Variable}. */
  public Variable variable(Object initialValue, String name, DType dtype) {
    return graph.atomically(() -> Variables.create(this, initialValue, name, dtype, true, null));
  }

  /** {@code tf.global_variables_initializer()}: a {@code NoOp} named {@code init} running every initializer. */
  public Operation globalVariablesInitializer() {
    return variablesInitializer(graph.globalVariables(), "init");
  }

  /** {@code tf.local_variables_initializer()}: a {@code NoOp} named {@code init} for the local variables. */
  public Operation localVariablesInitializer() {
    return variablesInitializer(graph.localVariables(), "init");
  }

  /** {@code tf.variables_initializer(vars, name)}. */
  public Operation variablesInitializer(List<Variable> variables, String name) {
    List<Operation> deps = new ArrayList<>();
    for (Variable v : variables) {
      if (v.initializer() == null) {
        throw new IllegalArgumentException("Variable " + v.name() + " has no initializer (it was imported or built "
            + "with opBuilder): run the op that assigns it instead.");
      }
      deps.add(v.initializer());
    }
    return group(deps, name);
  }

  /**
   * {@code tf.group(*ops, name=name)}: a {@code NoOp} (default name {@code group_deps}) depending on the ops, on
   * their device. Ops on several devices get one {@code NoOp} per device first ({@code <scope>/NoOp},
   * {@code NoOp_1}, … in device order), which the returned one depends on, as TF builds it.
   */
  public Operation group(List<Operation> ops, String name) {
    return inScope(name, "group_deps", scope -> {
      java.util.TreeMap<String, List<Operation>> byDevice = new java.util.TreeMap<>();
      for (Operation op : ops) {
        byDevice.computeIfAbsent(op.device(), d -> new ArrayList<>()).add(op);
      }
      if (byDevice.size() <= 1) {
        String device = byDevice.isEmpty() ? "" : byDevice.firstKey();
        return graph.addNode("NoOp", scope, new Tensor[0], ops.toArray(new Operation[0]), null,
            device.isEmpty() ? null : device);
      }
      List<Operation> perDevice = new ArrayList<>();
      for (java.util.Map.Entry<String, List<Operation>> e : byDevice.entrySet()) {
        perDevice.add(graph.addNode("NoOp", graph.createOpName(null, "NoOp"), new Tensor[0],
            e.getValue().toArray(new Operation[0]), null, e.getKey().isEmpty() ? null : e.getKey()));
      }
      return graph.addNode("NoOp", scope, new Tensor[0], perDevice.toArray(new Operation[0]), null);
    });
  }

  /** {@code tf.no_op()}. */
  public Operation noOp(String name) {
    return group(List.of(), name == null ? "NoOp" : name);
  }

  /** {@code tf.assign(ref, value)}: sets the variable when run; outputs the new value. */
  public Tensor assign(Variable ref, Tensor value) {
    return assign(ref, value, null);
  }

  public Tensor assign(Variable ref, Tensor value, String name) {
    return inScope(name, "Assign", List.of(ref, value), scope -> assignOp(ref, value.value(), scope));
  }

  Tensor assignOp(Variable ref, Tensor value, String opName) {
    if (value.dtype() != ref.dtype()) {
      throw new DTypeMismatchException("Input 'value' of 'Assign' Op has type " + value.dtype()
          + " that does not match type " + ref.dtype() + " of argument 'ref'.");
    }
    if (!value.shape().isCompatibleWith(ref.shape())) {
      throw new IncompatibleShapesException("Shapes must be equal rank, but are " + ref.shape().rank() + " and "
          + value.shape().rank() + " for '" + opName + "' (op: 'Assign') with input shapes: "
          + ref.shape().toDimsString() + ", " + value.shape().toDimsString() + ".");
    }
    return graph.addNode("Assign", opName, new Tensor[] {ref, value},
        new Object[] {"T", ref.dtype(), "validate_shape", true, "use_locking", true});
  }

  // =============================================================================================
  // Constants and placeholders

  /** {@code tf.constant(value)}: op {@code Const} (no name scope of its own: {@code Const}, {@code Const_1}). */
  public Tensor constant(Object value) {
    return constant(value, null, null);
  }

  public Tensor constant(Object value, String name) {
    return constant(value, null, name);
  }

  public Tensor constant(Object value, DType dtype) {
    return constant(value, dtype, null);
  }

  /** {@code tf.constant(value, dtype, name)}; the value is converted to {@code dtype} as TF allows. */
  public Tensor constant(Object value, DType dtype, String name) {
    NdArray array = NdArray.of(value);
    NdArray converted = dtype == null ? array : Conversions.toDType(array, dtype);
    return graph.atomically(() -> constOp(converted, name));
  }

  /** Creates a {@code Const} op directly in the current name scope (TF's {@code create_op} naming). */
  Tensor constOp(NdArray value, String name) {
    String opName = graph.createOpName(name, "Const");
    return graph.addNode("Const", opName, new Tensor[0], new Object[] {"value", value, "dtype", value.dtype()});
  }

  /** {@code convert_to_tensor(value, dtype, name)}: tensors pass (dtype checked), Java values become a {@code Const}. */
  Tensor toTensor(Object value, DType dtype, String name) {
    if (value instanceof Tensor t) {
      if (dtype != null && t.dtype() != dtype) {
        throw new DTypeMismatchException("Tensor conversion requested dtype " + dtype + " for Tensor with dtype "
            + t.dtype() + ": '" + t + "'");
      }
      return t.value();
    }
    NdArray array = NdArray.of(value);
    return constOp(dtype == null ? array : Conversions.toDType(array, dtype), name);
  }

  /** {@code tf.placeholder(dtype)} of unknown shape. */
  public Tensor placeholder(DType dtype) {
    return placeholder(dtype, Shape.unknown(), null);
  }

  /** {@code tf.placeholder(dtype, shape)}; {@code -1} dimensions (e.g. a batch) are fed at run time. */
  public Tensor placeholder(DType dtype, Shape shape) {
    return placeholder(dtype, shape, null);
  }

  public Tensor placeholder(DType dtype, Shape shape, String name) {
    return inScope(name, "Placeholder", scope ->
        graph.addNode("Placeholder", scope, new Tensor[0], new Object[] {"dtype", dtype, "shape", shape}));
  }

  /**
   * {@code tf.placeholder_with_default(input, shape, name)}: op {@code PlaceholderWithDefault} passing
   * {@code input} through unless a value is fed for it. A Java value becomes the Const {@code <name>/input};
   * {@code shape} (which {@code input} must fit) is the output's static shape.
   */
  public Tensor placeholderWithDefault(Object input, Shape shape, String name) {
    return inScope(name, "PlaceholderWithDefault", scope -> {
      Tensor in = toTensor(input, null, "input");
      graph.checkValuesFromThisGraph(in, null);
      if (!in.shape().isCompatibleWith(shape)) {
        throw new IncompatibleShapesException("Shapes " + in.shape() + " and " + shape + " are incompatible (input "
            + "of '" + scope + "', op PlaceholderWithDefault)");
      }
      return graph.addNode("PlaceholderWithDefault", scope, new Tensor[] {in},
          new Object[] {"dtype", in.dtype(), "shape", shape});
    });
  }

  // =============================================================================================
  // Element-wise ops

  public Tensor identity(Tensor x) {
    return identity(x, null);
  }

  /** {@code tf.identity}: op {@code Identity}. */
  public Tensor identity(Tensor x, String name) {
    return unary("Identity", x, name);
  }

  /** {@code tf.add}: op {@code Add} (the {@code +} operator, {@link Tensor#add}, makes {@code AddV2} named {@code add}). */
  public Tensor add(Tensor x, Tensor y) {
    return add(x, y, null);
  }

  public Tensor add(Tensor x, Tensor y, String name) {
    return binary("Add", x, y, name);
  }

  /** {@code tf.raw_ops.AddV2}. */
  public Tensor addV2(Tensor x, Tensor y, String name) {
    return binary("AddV2", x, y, name);
  }

  /** {@code tf.subtract}: op {@code Sub}. */
  public Tensor sub(Tensor x, Tensor y) {
    return sub(x, y, null);
  }

  public Tensor sub(Tensor x, Tensor y, String name) {
    return binary("Sub", x, y, name);
  }

  /** {@code tf.multiply}: op {@code Mul}. */
  public Tensor mul(Tensor x, Tensor y) {
    return mul(x, y, null);
  }

  public Tensor mul(Tensor x, Tensor y, String name) {
    return binary("Mul", x, y, name);
  }

  /** {@code tf.realdiv}: op {@code RealDiv}. */
  public Tensor realDiv(Tensor x, Tensor y) {
    return realDiv(x, y, null);
  }

  public Tensor realDiv(Tensor x, Tensor y, String name) {
    return binary("RealDiv", x, y, name);
  }

  /** {@code tf.pow}: op {@code Pow}. */
  public Tensor pow(Tensor x, Tensor y) {
    return pow(x, y, null);
  }

  public Tensor pow(Tensor x, Tensor y, String name) {
    return binary("Pow", x, y, name);
  }

  public Tensor maximum(Tensor x, Tensor y) {
    return binary("Maximum", x, y, null);
  }

  public Tensor maximum(Tensor x, Tensor y, String name) {
    return binary("Maximum", x, y, name);
  }

  public Tensor minimum(Tensor x, Tensor y) {
    return binary("Minimum", x, y, null);
  }

  public Tensor minimum(Tensor x, Tensor y, String name) {
    return binary("Minimum", x, y, name);
  }

  public Tensor squaredDifference(Tensor x, Tensor y) {
    return binary("SquaredDifference", x, y, null);
  }

  public Tensor squaredDifference(Tensor x, Tensor y, String name) {
    return binary("SquaredDifference", x, y, name);
  }

  public Tensor neg(Tensor x) {
    return unary("Neg", x, null);
  }

  /** {@code tf.negative}: op {@code Neg}. */
  public Tensor neg(Tensor x, String name) {
    return unary("Neg", x, name);
  }

  public Tensor square(Tensor x) {
    return unary("Square", x, null);
  }

  public Tensor square(Tensor x, String name) {
    return unary("Square", x, name);
  }

  public Tensor relu(Tensor x) {
    return unary("Relu", x, null);
  }

  public Tensor relu(Tensor x, String name) {
    return unary("Relu", x, name);
  }

  public Tensor sigmoid(Tensor x) {
    return unary("Sigmoid", x, null);
  }

  public Tensor sigmoid(Tensor x, String name) {
    return unary("Sigmoid", x, name);
  }

  public Tensor tanh(Tensor x) {
    return unary("Tanh", x, null);
  }

  public Tensor tanh(Tensor x, String name) {
    return unary("Tanh", x, name);
  }

  public Tensor exp(Tensor x) {
    return unary("Exp", x, null);
  }

  public Tensor exp(Tensor x, String name) {
    return unary("Exp", x, name);
  }

  public Tensor log(Tensor x) {
    return unary("Log", x, null);
  }

  public Tensor log(Tensor x, String name) {
    return unary("Log", x, name);
  }

  public Tensor sqrt(Tensor x) {
    return unary("Sqrt", x, null);
  }

  public Tensor sqrt(Tensor x, String name) {
    return unary("Sqrt", x, name);
  }

  public Tensor abs(Tensor x) {
    return unary("Abs", x, null);
  }

  public Tensor abs(Tensor x, String name) {
    return unary("Abs", x, name);
  }

  /** {@code tf.nn.l2_loss(t)}: op {@code L2Loss}, {@code sum(t ** 2) / 2} as a scalar; floating {@code t} only. */
  public Tensor l2Loss(Tensor t) {
    return l2Loss(t, null);
  }

  public Tensor l2Loss(Tensor t, String name) {
    return inScope(name, "L2Loss", List.of(t), scope -> {
      Tensor input = t.value();
      checkFloating("L2Loss", input, "t");
      return graph.addNode("L2Loss", scope, new Tensor[] {input}, input.dtype().typeAttr());
    });
  }

  /** {@code tf.nn.softmax} over the last axis: op {@code Softmax}. */
  public Tensor softmax(Tensor logits) {
    return unary("Softmax", logits, null);
  }

  public Tensor softmax(Tensor logits, String name) {
    return unary("Softmax", logits, name);
  }

  /** {@code tf.cast}: op {@code Cast}; casting to the tensor's own dtype returns it unchanged (no op). */
  public Tensor cast(Tensor x, DType dtype) {
    return cast(x, dtype, null);
  }

  public Tensor cast(Tensor x, DType dtype, String name) {
    if (x.dtype() == dtype) {
      return x;
    }
    return inScope(name, "Cast", List.of(x), scope -> castOp(x.value(), dtype, scope));
  }

  private Tensor castOp(Tensor x, DType dtype, String opName) {
    return graph.addNode("Cast", opName, new Tensor[] {x},
        new Object[] {"SrcT", x.dtype(), "DstT", dtype, "Truncate", false});
  }

  // =============================================================================================
  // Linear algebra, reductions, shapes

  /** {@code tf.matmul(a, b)}: op {@code MatMul}. */
  public Tensor matMul(Tensor a, Tensor b) {
    return matMul(a, b, false, false, null);
  }

  public Tensor matMul(Tensor a, Tensor b, String name) {
    return matMul(a, b, false, false, name);
  }

  public Tensor matMul(Tensor a, Tensor b, boolean transposeA, boolean transposeB, String name) {
    return inScope(name, "MatMul", List.of(a, b), scope -> {
      Tensor x = a.value();
      Tensor y = b.value();
      checkSameDType("MatMul", x, y, "a", "b");
      checkNumeric("MatMul", x, "a");
      return graph.addNode("MatMul", scope, new Tensor[] {x, y},
          new Object[] {"T", x.dtype(), "transpose_a", transposeA, "transpose_b", transposeB});
    });
  }

  /** {@code tf.reduce_sum(x)}: sums every element; creates {@code Const} (all axes) then {@code Sum}. */
  public Tensor sum(Tensor x) {
    return reduce("Sum", x, null, false, null);
  }

  public Tensor sum(Tensor x, String name) {
    return reduce("Sum", x, null, false, name);
  }

  /** {@code tf.reduce_sum(x, axis=axes, keepdims=keepDims)}: creates {@code Sum/reduction_indices} and {@code Sum}. */
  public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
    return reduce("Sum", x, axes, keepDims, null);
  }

  public Tensor sum(Tensor x, int[] axes, boolean keepDims, String name) {
    return reduce("Sum", x, axes, keepDims, name);
  }

  /** {@code tf.reduce_mean(x)}: the mean of every element ({@code Const}, {@code Mean}). */
  public Tensor mean(Tensor x) {
    return reduce("Mean", x, null, false, null);
  }

  public Tensor mean(Tensor x, String name) {
    return reduce("Mean", x, null, false, name);
  }

  public Tensor mean(Tensor x, int[] axes, boolean keepDims) {
    return reduce("Mean", x, axes, keepDims, null);
  }

  public Tensor mean(Tensor x, int[] axes, boolean keepDims, String name) {
    return reduce("Mean", x, axes, keepDims, name);
  }

  private Tensor reduce(String type, Tensor x, int[] axes, boolean keepDims, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(x, null);
      Tensor input = x.value();
      // Without axes TF builds the "all axes" constant before entering the op's scope, so it is named
      // "Const" in the current scope; explicit axes are converted inside it ("Sum/reduction_indices").
      Tensor allAxes = null;
      int[] reduced = axes;
      if (axes == null) {
        if (!input.shape().hasKnownRank()) {
          throw new IncompatibleShapesException("Cannot reduce '" + input.name()
              + "' over all axes: its rank is unknown; pass the axes.");
        }
        reduced = new int[input.shape().rank()];
        for (int i = 0; i < reduced.length; i++) {
          reduced[i] = i;
        }
        // A variable is not a Tensor to TF's _ReductionDims, whose static-rank shortcut misses it: rank and range.
        allAxes = x instanceof Variable
            ? rangeOp(0, constOp(NdArray.scalar(reduced.length), "Rank"), 1)
            : constOp(NdArray.of(reduced), null);
      }
      Tensor constAxes = allAxes;
      int[] finalAxes = reduced;
      return inScopeLocked(name, type, scope -> {
        checkNumeric(type, input, "input");
        Tensor indices = constAxes != null ? constAxes : constOp(NdArray.of(finalAxes), "reduction_indices");
        return graph.addNode(type, scope, new Tensor[] {input, indices},
            new Object[] {"T", input.dtype(), "Tidx", DType.INT32, "keep_dims", keepDims});
      });
    });
  }

  /** {@code tf.reshape(x, shape)}: creates {@code Reshape/shape} and {@code Reshape}; one {@code -1} is inferred. */
  public Tensor reshape(Tensor x, Shape shape) {
    return reshape(x, shape, null);
  }

  public Tensor reshape(Tensor x, Shape shape, String name) {
    return inScope(name, "Reshape", List.of(x), scope -> {
      Tensor input = x.value();
      long[] dims = shape.dims();
      ShapeInference.reshape(input.shape(), dims, scope); // fails before the shape constant is added
      Tensor shapeTensor = constOp(NdArray.of(toInts(dims)), "shape");
      return graph.addNode("Reshape", scope, new Tensor[] {input, shapeTensor},
          new Object[] {"T", input.dtype(), "Tshape", DType.INT32});
    });
  }

  /**
   * {@code tf.concat(values, axis)}: op {@code ConcatV2} named {@code concat} with its axis constant
   * {@code concat/axis}; one value gives {@code concat/concat_dim} and an {@code Identity}
   * {@code concat/concat}, as TF 1.15 does. A negative axis counts from the end.
   */
  public Tensor concat(List<? extends Tensor> values, int axis) {
    return concat(values, axis, null);
  }

  public Tensor concat(List<? extends Tensor> values, int axis, String name) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          "List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 2.");
    }
    return inScope(name, "concat", values, scope -> {
      if (values.size() == 1) {
        // 1.15: identity(values[0], name=name) inside the scope, so "concat/concat" (1.14 named it "concat")
        constOp(NdArray.scalar(axis), "concat_dim");
        Tensor only = values.get(0).value();
        return graph.addNode("Identity", graph.createOpName(name != null ? name : "concat", "Identity"),
            new Tensor[] {only}, only.dtype().typeAttr());
      }
      Tensor[] inputs = new Tensor[values.size() + 1];
      Shape[] shapes = new Shape[values.size()];
      for (int i = 0; i < values.size(); i++) {
        inputs[i] = values.get(i).value();
        shapes[i] = inputs[i].shape();
      }
      DType dtype = inputs[0].dtype();
      for (int i = 1; i < values.size(); i++) {
        if (inputs[i].dtype() != dtype) {
          throw new DTypeMismatchException("Tensors in list passed to 'values' of 'ConcatV2' Op have types "
              + values.stream().map(v -> v.dtype().toString()).toList() + " that don't all match.");
        }
      }
      inputs[values.size()] = constOp(NdArray.scalar(axis), "axis");
      return graph.addNode("ConcatV2", scope, inputs, new Object[] {"N", (long) values.size(), "T", dtype,
          "Tidx", DType.INT32});
    });
  }

  /**
   * {@code tf.slice(input, begin, size)}: op {@code Slice} with constants {@code Slice/begin} and
   * {@code Slice/size}; a size of {@code -1} takes the rest of that dimension.
   */
  public Tensor slice(Tensor input, int[] begin, int[] size) {
    return slice(input, begin, size, null);
  }

  public Tensor slice(Tensor input, int[] begin, int[] size, String name) {
    return inScope(name, "Slice", List.of(input), scope -> {
      Tensor x = input.value();
      ShapeInference.slice(x.shape(), begin, size, scope); // fails before the constants are added
      Tensor beginT = constOp(NdArray.of(begin), "begin");
      Tensor sizeT = constOp(NdArray.of(size), "size");
      return graph.addNode("Slice", scope, new Tensor[] {x, beginT, sizeT},
          new Object[] {"Index", DType.INT32, "T", x.dtype()});
    });
  }

  /** {@code tf.fill(dims, value)}: op {@code Fill} with inputs {@code Fill/dims}, {@code Fill/value}. */
  public Tensor fill(Shape dims, Object value, String name) {
    NdArray scalar = NdArray.of(value);
    return inScope(name, "Fill", scope -> fillOp(dims, scalar, scope, "dims", "value"));
  }

  private Tensor fillOp(Shape dims, NdArray scalar, String opName, String dimsName, String valueName) {
    Tensor dimsTensor = constOp(NdArray.of(toInts(dims.dims())), dimsName);
    Tensor valueTensor = constOp(scalar, valueName);
    return graph.addNode("Fill", opName, new Tensor[] {dimsTensor, valueTensor},
        new Object[] {"T", scalar.dtype(), "index_type", DType.INT32});
  }

  /** {@code tf.zeros(shape, dtype)}: a {@code Const} named {@code zeros} (a {@code Fill} from 1000 elements on). */
  public Tensor zeros(Shape shape, DType dtype) {
    return filledConstant(shape, dtype, 0, "zeros", null);
  }

  public Tensor zeros(Shape shape, DType dtype, String name) {
    return filledConstant(shape, dtype, 0, "zeros", name);
  }

  /** {@code tf.ones(shape, dtype)}. */
  public Tensor ones(Shape shape, DType dtype) {
    return filledConstant(shape, dtype, 1, "ones", null);
  }

  public Tensor ones(Shape shape, DType dtype, String name) {
    return filledConstant(shape, dtype, 1, "ones", name);
  }

  private Tensor filledConstant(Shape shape, DType dtype, double value, String defaultName, String name) {
    return inScope(name, defaultName, scope -> {
      if (shape.numElements() < 1000) {
        return constOp(NdArray.filled(dtype, shape, value), scope + "/");
      }
      return fillOp(shape, NdArray.filled(dtype, Shape.scalar(), value), scope, "shape_as_tensor", "Const");
    });
  }

  // =============================================================================================
  // Random ops

  /**
   * {@code tf.random_uniform(shape, minval, maxval, dtype, seed)}: ops {@code random_uniform/shape},
   * {@code /min}, {@code /max}, {@code /RandomUniform}, {@code /sub}, {@code /mul} and {@code random_uniform}.
   * The seeds follow TF's rule: graph seed and op seed (see {@link Graph#setSeed}); with neither, every run
   * differs.
   */
  public Tensor randomUniform(Shape shape, DType dtype, double minval, double maxval, Long seed, String name) {
    requireFloating("RandomUniform", dtype);
    return inScope(name, "random_uniform", scope -> {
      Tensor shapeTensor = constOp(NdArray.of(toInts(shape.dims())), "shape");
      Tensor min = constOp(Conversions.toDType(NdArray.scalar(minval), dtype), "min");
      Tensor max = constOp(Conversions.toDType(NdArray.scalar(maxval), dtype), "max");
      Tensor rnd = randomOp("RandomUniform", shapeTensor, shape, dtype, seed);
      Tensor range = inScopeLocked(null, "sub", s -> binaryOp("Sub", s, max, min));
      Tensor scaled = inScopeLocked(null, "mul", s -> binaryOp("Mul", s, rnd, range));
      return binaryOp("Add", scope, scaled, min);
    });
  }

  /** {@code tf.random_normal(shape, mean, stddev, dtype, seed)}: {@code random_normal/…RandomStandardNormal}, {@code mul}, {@code random_normal}. */
  public Tensor randomNormal(Shape shape, DType dtype, double mean, double stddev, Long seed, String name) {
    return normal("RandomStandardNormal", "random_normal", shape, dtype, mean, stddev, seed, name);
  }

  /** {@code tf.truncated_normal}: like {@link #randomNormal} with values beyond two standard deviations redrawn. */
  public Tensor truncatedNormal(Shape shape, DType dtype, double mean, double stddev, Long seed, String name) {
    return normal("TruncatedNormal", "truncated_normal", shape, dtype, mean, stddev, seed, name);
  }

  private Tensor normal(String type, String defaultName, Shape shape, DType dtype, double mean, double stddev,
      Long seed, String name) {
    requireFloating(type, dtype);
    return inScope(name, defaultName, scope -> {
      Tensor shapeTensor = constOp(NdArray.of(toInts(shape.dims())), "shape");
      Tensor meanT = constOp(Conversions.toDType(NdArray.scalar(mean), dtype), "mean");
      Tensor stddevT = constOp(Conversions.toDType(NdArray.scalar(stddev), dtype), "stddev");
      Tensor rnd = randomOp(type, shapeTensor, shape, dtype, seed);
      Tensor scaled = inScopeLocked(null, "mul", s -> binaryOp("Mul", s, rnd, stddevT));
      return binaryOp("Add", scope, scaled, meanT);
    });
  }

  private Tensor randomOp(String type, Tensor shapeTensor, Shape shape, DType dtype, Long opSeed) {
    long[] seeds = seeds(opSeed);
    return inScopeLocked(null, type, scope -> graph.addNode(type, scope, new Tensor[] {shapeTensor},
        new Object[] {"dtype", dtype, "seed", seeds[0], "seed2", seeds[1], "T", DType.INT32}));
  }

  /** TF's {@code random_seed.get_seed}: (graph seed, op seed); (0, 0) means nondeterministic. */
  private long[] seeds(Long opSeed) {
    final long maxInt32 = Integer.MAX_VALUE;
    final long defaultGraphSeed = 87654321L;
    Long graphSeed = graph.seed();
    long s1;
    long s2;
    if (graphSeed != null) {
      s1 = graphSeed % maxInt32;
      s2 = (opSeed != null ? opSeed : graph.lastId()) % maxInt32;
    } else if (opSeed != null) {
      s1 = defaultGraphSeed;
      s2 = opSeed % maxInt32;
    } else {
      return new long[] {0, 0};
    }
    return s1 == 0 && s2 == 0 ? new long[] {0, maxInt32} : new long[] {s1, s2};
  }

  // =============================================================================================
  // Training support (for io.scopegraph.train): colocation, in-place variable updates, variable selection by
  // scope regex, slot variables (tf.train.slot_creator); control dependencies and tuple are in the gradients part

  /**
   * {@code with ops.colocate_with(op):} around {@code body}: the ops it creates are placed on {@code op}'s
   * device, whatever the device scopes say. Atomic.
   */
  public <T> T colocateWith(Operation op, Supplier<T> body) {
    if (op.graph() != graph) {
      throw new GraphMismatchException(op + " is not from the passed-in graph.");
    }
    return graph.atomically(() -> graph.colocatedWith(op, body));
  }

  /**
   * {@code tf.Variable(initial_value, name=name, dtype=dtype, trainable=trainable)}: as
   * {@link #variable(Object, String, DType)}; a non-trainable variable joins only the global variables.
   */
  public Variable variable(Object initialValue, String name, DType dtype, boolean trainable) {
    return graph.atomically(() -> Variables.create(this, initialValue, name, dtype, trainable, null));
  }

  /**
   * {@code ref.assign(value, use_locking=useLocking, name=name)} ({@code state_ops.assign}): op {@code Assign}
   * (default name {@code Assign}) with attribute {@code use_locking} as given, as optimizers create it
   * ({@link #assign(Variable, Tensor)} is {@code tf.assign}, whose {@code use_locking} defaults to true).
   */
  public Tensor assign(Variable ref, Tensor value, boolean useLocking, String name) {
    return inScope(name, "Assign", List.of(ref, value), scope -> {
      Tensor v = value.value();
      if (v.dtype() != ref.dtype()) {
        throw new DTypeMismatchException("Input 'value' of 'Assign' Op has type " + v.dtype()
            + " that does not match type " + ref.dtype() + " of argument 'ref'.");
      }
      return graph.addNode("Assign", scope, new Tensor[] {ref, v},
          new Object[] {"T", ref.dtype(), "validate_shape", true, "use_locking", useLocking});
    });
  }

  /**
   * {@code tf.assign_add(ref, value, name=name)}: op {@code AssignAdd} ({@code use_locking} false) adding
   * {@code value} to the variable when run; a Java number becomes the constant {@code <name>/value} of the
   * variable's dtype. Outputs the new value.
   */
  public Tensor assignAdd(Variable ref, Object value, String name) {
    return assignUpdate("AssignAdd", ref, value, name);
  }

  public Tensor assignAdd(Variable ref, Object value) {
    return assignUpdate("AssignAdd", ref, value, null);
  }

  /** {@code tf.assign_sub(ref, value, name=name)}: op {@code AssignSub}, as {@link #assignAdd}. */
  public Tensor assignSub(Variable ref, Object value, String name) {
    return assignUpdate("AssignSub", ref, value, name);
  }

  public Tensor assignSub(Variable ref, Object value) {
    return assignUpdate("AssignSub", ref, value, null);
  }

  private Tensor assignUpdate(String type, Variable ref, Object value, String name) {
    List<Tensor> values = value instanceof Tensor t ? List.of(ref, t) : List.of(ref);
    return inScope(name, type, values, scope -> {
      Tensor v = toTensor(value, value instanceof Tensor ? null : ref.dtype(), "value");
      return graph.addNode(type, scope, new Tensor[] {ref, v},
          new Object[] {"T", ref.dtype(), "use_locking", false});
    });
  }

  /**
   * {@code tf.trainable_variables(scope)}: the trainable variables whose name ({@code "D/w:0"}) the regular
   * expression {@code scopeRegex} matches at its start (Python's {@code re.match}: {@code "D"} also takes
   * {@code Dense/w:0}; write {@code "D/"} for one scope); null or empty: all, in creation order.
   */
  public List<Variable> trainableVariables(String scopeRegex) {
    return matching(graph.trainableVariables(), scopeRegex);
  }

  /** {@code tf.global_variables(scope)}: as {@link #trainableVariables(String)}, over the global variables. */
  public List<Variable> globalVariables(String scopeRegex) {
    return matching(graph.globalVariables(), scopeRegex);
  }

  private static List<Variable> matching(List<Variable> all, String scopeRegex) {
    if (scopeRegex == null || scopeRegex.isEmpty()) {
      return all;
    }
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(scopeRegex);
    List<Variable> out = new ArrayList<>();
    for (Variable v : all) {
      if (p.matcher(v.name()).lookingAt()) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * {@code slot_creator.create_slot(primary, val, name)}: a variable holding {@code value} (its dtype and shape)
   * for {@code primary} (a variable or any tensor), named {@code <primary op name>/<name>}, uniquified by the
   * variable-scope counters ({@code w/Adam}, {@code w/Adam_1}, …): it is {@code getVariable("")} inside a
   * default-name variable scope, so it follows the current variable scope ({@code train/w/Adam}) and its reuse,
   * never the name scope; not trainable, global; colocated with {@code primary}; the scope's partitioner does
   * not apply. A slot of a shard of a partitioned variable {@code v} is saved under {@code v/<slot>}. Atomic.
   */
  public Variable createSlot(Tensor primary, Tensor value, String name) {
    return slot(primary, name, b -> b.initialValue(value));
  }

  /**
   * {@code slot_creator.create_slot_with_initializer(primary, initializer, shape, dtype, name)}: as
   * {@link #createSlot}, initialised by {@code initializer} ({@code <slot>/Initializer/...}).
   */
  public Variable createSlotWithInitializer(Tensor primary, Initializer initializer, Shape shape, DType dtype,
      String name) {
    return slot(primary, name, b -> b.initializer(initializer).shape(shape).dtype(dtype));
  }

  /**
   * {@code slot_creator.create_zeros_slot(primary, name, dtype)}: zeros of {@code primary}'s shape
   * ({@code <slot>/Initializer/zeros}); a null dtype is the primary's.
   */
  public Variable createZerosSlot(Tensor primary, String name, DType dtype) {
    Shape shape = primary.shape();
    if (!shape.isFullyDefined()) {
      throw new IncompatibleShapesException("A zeros slot for " + primary + " needs a fully defined shape, got "
          + shape);
    }
    return createSlotWithInitializer(primary, Initializers.zeros(), shape, dtype == null ? primary.dtype() : dtype,
        name);
  }

  private Variable slot(Tensor primary, String name, Function<GetVariableBuilder, GetVariableBuilder> options) {
    if (primary.graph() != graph) {
      throw new GraphMismatchException(primary + " is not from the passed-in graph.");
    }
    return graph.atomically(() -> {
      String prefix = primary.op().name();
      try (VarScope scope = graph.variableScopeBuilder().defaultName(prefix + "/" + name).enter()) {
        Partitioner savedPartitioner = scope.partitioner();
        scope.setPartitioner(null);
        try {
          Variable slot = graph.colocatedWith(primary.op(),
              () -> options.apply(getVariableBuilder("").trainable(false)).get());
          if (primary instanceof Variable p && p.saveSliceInfo() != null && slot.saveSliceInfo() == null) {
            Variable.SaveSliceInfo info = p.saveSliceInfo();
            String slotOpName = slot.op().name();
            String realSlotName = slotOpName.substring(Math.min(slotOpName.length(), prefix.length() + 1));
            slot.setSaveSliceInfo(new Variable.SaveSliceInfo(info.fullName() + "/" + realSlotName, info.fullShape(),
                info.offset(), info.shape()));
            graph.onUndo(() -> slot.setSaveSliceInfo(null));
          }
          return slot;
        } finally {
          scope.setPartitioner(savedPartitioner);
        }
      }
    });
  }

  // =============================================================================================
  // Python operators (used by Tensor.add & co.)

  /** {@code x <op> y} as Python's operator: name scope {@code opName}, a number becomes constant {@code y}. */
  Tensor binaryOperator(String opName, Tensor x, Object y) {
    List<Tensor> values = y instanceof Tensor t ? List.of(x, t) : List.of(x);
    return inScope(null, opName, values, scope -> {
      Tensor yt = toTensor(y, x.dtype(), "y");
      return operatorOp(opName, scope, x.value(), yt);
    });
  }

  /** {@code x <op> y} where {@code x} is a number (Python's reflected operator): constant {@code x}. */
  Tensor reflectedOperator(String opName, Number x, Tensor y) {
    return inScope(null, opName, List.of(y), scope -> {
      Tensor xt = toTensor(x, y.dtype(), "x");
      return operatorOp(opName, scope, xt, y.value());
    });
  }

  private Tensor operatorOp(String opName, String scope, Tensor x, Tensor y) {
    switch (opName) {
      case "add":
        return binaryOp("AddV2", scope, x, y);
      case "sub":
        return binaryOp("Sub", scope, x, y);
      case "mul":
        return binaryOp("Mul", scope, x, y);
      case "pow":
        return binaryOp("Pow", scope, x, y);
      case "truediv":
        return truediv(scope, x, y);
      case "floordiv":
        return binaryOp("FloorDiv", scope, x, y);
      case "mod":
        return binaryOp("FloorMod", scope, x, y);
      default:
        throw new IllegalArgumentException("Unknown operator " + opName);
    }
  }

  /** Python 3 {@code /}: integers are cast to float64 ({@code truediv/Cast}, {@code Cast_1}), then {@code RealDiv}. */
  private Tensor truediv(String scope, Tensor x, Tensor y) {
    if (x.dtype() != y.dtype()) {
      throw new DTypeMismatchException("x and y must have the same dtype, got " + x.dtype() + " != " + y.dtype());
    }
    Tensor a = x;
    Tensor b = y;
    if (x.dtype().isInteger()) {
      a = inScopeLocked(null, "Cast", s -> castOp(x, DType.FLOAT64, s));
      b = inScopeLocked(null, "Cast", s -> castOp(y, DType.FLOAT64, s));
    }
    return binaryOp("RealDiv", scope, a, b);
  }

  // =============================================================================================
  // Op construction

  private Tensor unary(String type, Tensor x, String name) {
    return elementwise(type, x, null, name);
  }

  private Tensor binary(String type, Tensor x, Tensor y, String name) {
    return elementwise(type, x, y, name);
  }

  /**
   * {@link #inScope} for one unary ({@code y == null}) or binary element-wise op, written out because these
   * ops are the bulk of most graphs: no lambda and no value list is allocated per op.
   */
  private Tensor elementwise(String type, Tensor x, Tensor y, String name) {
    synchronized (graph.lock()) {
      boolean outermost = graph.beginAtomic();
      try {
        graph.checkValuesFromThisGraph(x, y);
        ScopeState s = graph.state();
        String saved = s.nameStack;
        s.nameStack = graph.resolveNameScope(s, name != null ? name : type);
        Tensor out;
        try {
          out = y == null
              ? unaryOp(type, s.nameStack, x.value())
              : binaryOp(type, s.nameStack, x.value(), y.value());
        } finally {
          s.nameStack = saved;
        }
        graph.endAtomic(outermost);
        return out;
      } catch (RuntimeException | Error e) {
        graph.abortAtomic(outermost);
        throw e;
      }
    }
  }

  /** A unary element-wise op named exactly {@code opName}. Under the lock. */
  private Tensor unaryOp(String type, String opName, Tensor input) {
    if (FLOAT_ONLY.contains(type)) {
      checkFloating(type, input);
    } else if (!type.equals("Identity")) {
      checkNumeric(type, input, "x");
    }
    if (type.equals("Softmax") && input.shape().hasKnownRank() && input.shape().rank() < 1) {
      throw new IncompatibleShapesException("Shape must be at least rank 1 but is rank 0 for '" + opName
          + "' (op: 'Softmax') with input shapes: [].");
    }
    return graph.addNode(type, opName, new Tensor[] {input}, input.dtype().typeAttr());
  }

  /** A broadcasting element-wise op named exactly {@code opName}. Under the lock. */
  Tensor binaryOp(String type, String opName, Tensor x, Tensor y) {
    checkNumeric(type, x, "x");
    checkSameDType(type, x, y, "x", "y");
    return graph.addNode(type, opName, new Tensor[] {x, y}, x.dtype().typeAttr());
  }

  private static void checkSameDType(String type, Tensor x, Tensor y, String xArg, String yArg) {
    if (x.dtype() != y.dtype()) {
      throw new DTypeMismatchException("Input '" + yArg + "' of '" + type + "' Op has type " + y.dtype()
          + " that does not match type " + x.dtype() + " of argument '" + xArg + "'.");
    }
  }

  private static void checkNumeric(String type, Tensor x, String arg) {
    if (!x.dtype().isNumeric()) {
      throw new DTypeMismatchException("Value passed to parameter '" + arg + "' has DataType " + x.dtype()
          + " not in list of allowed values: float32, float64, int32, int64 (op " + type + ")");
    }
  }

  private static final java.util.Set<String> FLOAT_ONLY =
      java.util.Set.of("Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Softmax");

  private static void checkFloating(String type, Tensor x) {
    checkFloating(type, x, type.equals("Softmax") ? "logits" : "x");
  }

  private static void checkFloating(String type, Tensor x, String arg) {
    if (!x.dtype().isFloating()) {
      throw new DTypeMismatchException("Value passed to parameter '" + arg + "' has DataType " + x.dtype()
          + " not in list of allowed values: float32, float64 (op " + type + ")");
    }
  }

  private static void requireFloating(String type, DType dtype) {
    if (!dtype.isFloating()) {
      throw new DTypeMismatchException("Value for attr 'dtype' of " + dtype + " is not in the list of allowed "
          + "values: float32, float64 (op " + type + ")");
    }
  }

  /**
   * A generated op wrapper of TF: opens name scope {@code name} (else {@code defaultName}) and runs
   * {@code body} with the scope name, which is also the op's exact name. Atomic.
   */
  <T> T inScope(String name, String defaultName, Function<String, T> body) {
    return graph.atomically(() -> inScopeLocked(name, defaultName, body));
  }

  /** {@link #inScope} checking first that {@code values} all come from this graph. */
  <T> T inScope(String name, String defaultName, List<? extends Tensor> values, Function<String, T> body) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(values);
      return inScopeLocked(name, defaultName, body);
    });
  }

  <T> T inScopeLocked(String name, String defaultName, Function<String, T> body) {
    ScopeState s = graph.state();
    String saved = s.nameStack;
    s.nameStack = graph.resolveNameScope(s, name != null ? name : defaultName);
    try {
      return body.apply(s.nameStack);
    } finally {
      s.nameStack = saved;
    }
  }

  /** Runs {@code body} with the name stack at the root (as {@code getVariable} does). Under the lock. */
  <T> T atRoot(Supplier<T> body) {
    ScopeState s = graph.state();
    String saved = s.nameStack;
    s.nameStack = "";
    try {
      return body.get();
    } finally {
      s.nameStack = saved;
    }
  }

  /** Enters a name scope for the duration of {@code body} (module-level {@code name_scope} rules). Under the lock. */
  <T> T inNameScope(String name, Function<String, T> body) {
    return inScopeLocked(name, null, body);
  }

  static int[] toInts(long[] dims) {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = Math.toIntExact(dims[i]);
    }
    return out;
  }

  // =============================================================================================
  // Gradients and the ops gradients build (tf.gradients, nn ops, shape ops)

  /**
   * {@code tf.gradients(ys, xs)}: the symbolic partial derivatives of {@code sum(ys)} with respect to each of
   * {@code xs}, built as TF 1.15 builds them (ops under {@code gradients/}, {@code gradients_1/}, … in the
   * current name scope; per-op scopes {@code gradients/<op>_grad/}). An {@code x} that {@code ys} do not depend
   * on gets {@code null}. A variable {@code x} is differentiated through its {@code read} snapshot. Fails with
   * {@link NoGradientException} when an op on the path has no gradient; a failed call adds nothing.
   */
  public List<Tensor> gradients(List<? extends Tensor> ys, List<? extends Tensor> xs) {
    return gradients(ys, xs, GradientOptions.defaults());
  }

  /** {@code tf.gradients(y, xs)}. */
  public List<Tensor> gradients(Tensor y, List<? extends Tensor> xs) {
    return gradients(List.of(y), xs, GradientOptions.defaults());
  }

  /** {@code tf.gradients(ys, xs, grad_ys=…, stop_gradients=…, aggregation_method=…, …)}. */
  public List<Tensor> gradients(List<? extends Tensor> ys, List<? extends Tensor> xs, GradientOptions options) {
    // A sparse gradient is densified after the gradients scope, as convert_to_tensor on TF's result would be.
    return graph.atomically(() -> IndexedSlicesOps.denseAll(this, new GradientBuilder(this, options).build(ys, xs)));
  }

  /** {@code tf.stop_gradient(input)}: op {@code StopGradient}; gradients do not flow through it. */
  public Tensor stopGradient(Tensor input) {
    return stopGradient(input, null);
  }

  public Tensor stopGradient(Tensor input, String name) {
    return genOp("StopGradient", name, new Object[] {input}, new String[] {"input"}, typeAttr(input)).output(0);
  }

  /**
   * {@code array_ops.prevent_gradient(input, message)}: op {@code PreventGradient}; differentiating through it
   * fails with {@code Gradient explicitly disabled. Reason: <message>}.
   */
  public Tensor preventGradient(Tensor input, String message) {
    return preventGradient(input, message, null);
  }

  public Tensor preventGradient(Tensor input, String message, String name) {
    return genOp("PreventGradient", name, new Object[] {input}, new String[] {"input"},
        new Object[] {"T", input.dtype(), "message", message == null ? "" : message}).output(0);
  }

  /** {@code tf.shape(input)}: a {@code Const} named {@code Shape} when the static shape is fully defined, else op {@code Shape}. */
  public Tensor shape(Tensor input) {
    return shape(input, null);
  }

  public Tensor shape(Tensor input, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(input, null);
      return shapeOf(input, true, name);
    });
  }

  /** {@code tf.size(input)}: {@code Const} when the shape is known, else op {@code Size}. */
  public Tensor size(Tensor input) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(input, null);
      return sizeOf(input, null);
    });
  }

  /** {@code tf.rank(input)}: {@code Const} when the rank is known, else op {@code Rank}. */
  public Tensor rank(Tensor input) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(input, null);
      return rankOf(input, null);
    });
  }

  /** {@code tf.zeros_like(tensor)}: a {@code Const} named {@code zeros_like} when the shape is fully known, else op {@code ZerosLike}. */
  public Tensor zerosLike(Tensor tensor) {
    return zerosLike(tensor, null);
  }

  public Tensor zerosLike(Tensor tensor, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(tensor, null);
      return zerosLikeOp(tensor, name, true, false);
    });
  }

  /** {@code tf.ones_like(tensor)}: a {@code Const} named {@code ones_like} when the shape is fully known, else op {@code OnesLike}. */
  public Tensor onesLike(Tensor tensor) {
    return onesLike(tensor, null);
  }

  public Tensor onesLike(Tensor tensor, String name) {
    return inScope(name, "ones_like", List.of(tensor), scope -> {
      Tensor t = tensor.value();
      if (t.shape().isFullyDefined()) {
        return filledConstant(t.shape(), t.dtype(), 1, "ones", scope + "/");
      }
      return graph.addNode("OnesLike", scope, new Tensor[] {t}, t.dtype().typeAttr());
    });
  }

  /** {@code tf.add_n(inputs)}: op {@code AddN}; one input is returned as it is. */
  public Tensor addN(List<? extends Tensor> inputs) {
    return addN(inputs, null);
  }

  public Tensor addN(List<? extends Tensor> inputs, String name) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must be a list of at least one Tensor/IndexedSlices with the same "
          + "dtype and shape");
    }
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(inputs);
      return addNOp(inputs, name);
    });
  }

  /** {@code tf.transpose(a)}: reverses the dimensions (op {@code transpose} with constant {@code transpose/perm}). */
  public Tensor transpose(Tensor a) {
    return transpose(a, null, null);
  }

  /** {@code tf.transpose(a, perm)}. */
  public Tensor transpose(Tensor a, int[] perm) {
    return transpose(a, perm, null);
  }

  public Tensor transpose(Tensor a, int[] perm, String name) {
    return inScope(name, "transpose", List.of(a), scope -> {
      Tensor x = a.value();
      int[] p = perm;
      if (p == null) {
        if (!x.shape().hasKnownRank()) {
          Tensor rank = graph.addNode("Rank", graph.createOpName("Rank", "Rank"), new Tensor[] {x},
              x.dtype().typeAttr());
          Tensor sub = binaryOperator("sub", rank, 1);
          Tensor range = genOp("Range", null, new Object[] {NdArray.scalar(0), rank, NdArray.scalar(1)},
              new String[] {"start", "limit", "delta"}, new Object[] {"Tidx", DType.INT32}).output(0);
          Tensor permT = binaryOperator("sub", sub, range);
          return graph.addNode("Transpose", scope, new Tensor[] {x, permT},
              new Object[] {"T", x.dtype(), "Tperm", DType.INT32});
        }
        p = new int[x.shape().rank()];
        for (int i = 0; i < p.length; i++) {
          p[i] = p.length - 1 - i;
        }
      }
      Tensor permT = constOp(NdArray.of(p), "perm");
      return graph.addNode("Transpose", scope, new Tensor[] {x, permT},
          new Object[] {"T", x.dtype(), "Tperm", DType.INT32});
    });
  }

  /** {@code tf.expand_dims(input, axis)}: op {@code ExpandDims} with constant {@code ExpandDims/dim}. */
  public Tensor expandDims(Tensor input, int axis) {
    return expandDims(input, axis, null);
  }

  public Tensor expandDims(Tensor input, int axis, String name) {
    return genOp("ExpandDims", name, new Object[] {input, NdArray.scalar(axis)}, new String[] {"input", "dim"},
        new Object[] {"T", input.dtype(), "Tdim", DType.INT32}).output(0);
  }

  /** {@code tf.tile(input, multiples)}: op {@code Tile} with constant {@code Tile/multiples}. */
  public Tensor tile(Tensor input, int[] multiples) {
    return tile(input, multiples, null);
  }

  public Tensor tile(Tensor input, int[] multiples, String name) {
    return genOp("Tile", name, new Object[] {input, NdArray.of(multiples)}, new String[] {"input", "multiples"},
        new Object[] {"T", input.dtype(), "Tmultiples", DType.INT32}).output(0);
  }

  /** {@code tf.reciprocal(x)}: op {@code Reciprocal}. */
  public Tensor reciprocal(Tensor x) {
    return reciprocal(x, null);
  }

  public Tensor reciprocal(Tensor x, String name) {
    return genOp("Reciprocal", name, new Object[] {x}, new String[] {"x"}, typeAttr(x)).output(0);
  }

  /** {@code tf.floordiv(x, y)}: op {@code FloorDiv} (the {@code //} operator names it {@code floordiv}). */
  public Tensor floorDiv(Tensor x, Tensor y) {
    return floorDiv(x, y, null);
  }

  public Tensor floorDiv(Tensor x, Tensor y, String name) {
    return binary("FloorDiv", x, y, name);
  }

  /** {@code tf.floormod(x, y)}: op {@code FloorMod}. */
  public Tensor floorMod(Tensor x, Tensor y) {
    return floorMod(x, y, null);
  }

  public Tensor floorMod(Tensor x, Tensor y, String name) {
    return binary("FloorMod", x, y, name);
  }

  /** {@code tf.nn.bias_add(value, bias)}: op {@code BiasAdd} (data format NHWC). */
  public Tensor biasAdd(Tensor value, Tensor bias) {
    return biasAdd(value, bias, null);
  }

  public Tensor biasAdd(Tensor value, Tensor bias, String name) {
    return biasAdd(value, bias, "NHWC", name);
  }

  /**
   * {@code tf.nn.bias_add(value, bias, data_format, name)}: {@code dataFormat} {@code "NHWC"} (the bias on the last
   * dimension) or {@code "NCHW"} (on the second).
   */
  public Tensor biasAdd(Tensor value, Tensor bias, String dataFormat, String name) {
    if (!"NHWC".equals(dataFormat) && !"NCHW".equals(dataFormat)) {
      throw new InvalidArgumentException("data_format must be NHWC or NCHW, got " + dataFormat);
    }
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(value, bias);
      return inScopeLocked(name, "BiasAdd", scope -> graph.addNode("BiasAdd", scope,
          new Tensor[] {value.value(), bias.value()},
          new Object[] {"T", value.dtype(), "data_format", dataFormat}));
    });
  }

  /** {@code tf.nn.log_softmax(logits)} over the last axis: op {@code LogSoftmax}. */
  public Tensor logSoftmax(Tensor logits) {
    return logSoftmax(logits, null);
  }

  public Tensor logSoftmax(Tensor logits, String name) {
    return genOp("LogSoftmax", name, new Object[] {logits}, new String[] {"logits"}, typeAttr(logits)).output(0);
  }

  /**
   * TF 1.15's {@code tf.nn.softmax_cross_entropy_with_logits_v2(labels, logits)} over the last axis: the op
   * {@code SoftmaxCrossEntropyWithLogits} named {@code softmax_cross_entropy_with_logits} between the
   * reshapes TF builds around it in that scope ({@code Rank}, {@code Shape}, {@code Reshape}, …,
   * {@code Reshape_2}, which is returned).
   */
  public Tensor softmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return softmaxCrossEntropyWithLogits(labels, logits, null);
  }

  public Tensor softmaxCrossEntropyWithLogits(Tensor labels, Tensor logits, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(logits, labels);
      return inScopeLocked(name, "softmax_cross_entropy_with_logits", scope -> {
        Tensor lg = logits.value();
        Tensor lb = labels.value();
        checkFloating("SoftmaxCrossEntropyWithLogits", lg, "features");
        checkSameDType("SoftmaxCrossEntropyWithLogits", lg, lb, "features", "labels");
        Tensor inputRank = rankOf(lg, null);
        Shape staticShape = lg.shape();
        Tensor inputShape = shapeOf(lg, true, null);
        Tensor flatLogits = flattenOuterDims(lg);
        Tensor flatLabels = flattenOuterDims(lb);
        Operation xent = graph.addNode("SoftmaxCrossEntropyWithLogits", scope,
            new Tensor[] {flatLogits, flatLabels}, NO_OPS, lg.dtype().typeAttr());
        Tensor rankMinus1 = genOp("Sub", null, new Object[] {inputRank, NdArray.scalar(1)}, new String[] {"x", "y"},
            typeAttr(inputRank)).output(0);
        Tensor outputShape = inScopeLocked(null, "Slice", s -> {
          Tensor begin = constOp(NdArray.of(new int[] {0}), "begin");
          Tensor sz = inScopeLocked(null, "size", t -> graph.addNode("Pack", t, new Tensor[] {rankMinus1},
              new Object[] {"N", 1L, "T", DType.INT32, "axis", 0L}));
          return graph.addNode("Slice", s, new Tensor[] {inputShape, begin, sz},
              new Object[] {"Index", DType.INT32, "T", DType.INT32});
        });
        Tensor cost = reshapeOp(xent.output(0), outputShape, null);
        if (staticShape.hasKnownRank()) {
          long[] dims = staticShape.dims();
          cost.setShape(Shape.of(java.util.Arrays.copyOf(dims, dims.length - 1)));
        }
        return cost;
      });
    });
  }

  /** {@code _flatten_outer_dims} of nn_ops: {@code Rank}, {@code Shape}, {@code Sub}, {@code Slice}, {@code concat}, {@code Reshape}. */
  private Tensor flattenOuterDims(Tensor logits) {
    Tensor rank = rankOf(logits, null);
    Tensor shape = shapeOf(logits, true, null);
    Tensor sub = genOp("Sub", null, new Object[] {rank, NdArray.scalar(1)}, new String[] {"x", "y"},
        typeAttr(rank)).output(0);
    Tensor lastDim = inScopeLocked(null, "Slice", s -> {
      Tensor begin = inScopeLocked(null, "begin", t -> graph.addNode("Pack", t, new Tensor[] {sub},
          new Object[] {"N", 1L, "T", DType.INT32, "axis", 0L}));
      Tensor size = constOp(NdArray.of(new int[] {1}), "size");
      return graph.addNode("Slice", s, new Tensor[] {shape, begin, size},
          new Object[] {"Index", DType.INT32, "T", DType.INT32});
    });
    Tensor newShape = inScopeLocked(null, "concat", s -> {
      Tensor v0 = constOp(NdArray.of(new int[] {-1}), "values_0");
      Tensor axis = constOp(NdArray.scalar(0), "axis");
      return graph.addNode("ConcatV2", s, new Tensor[] {v0, lastDim, axis},
          new Object[] {"N", 2L, "T", DType.INT32, "Tidx", DType.INT32});
    });
    Tensor out = reshapeOp(logits, newShape, null);
    Shape s = logits.shape();
    if (s.hasKnownRank()) {
      long product = 1;
      boolean valid = true;
      for (int i = 0; i < s.rank() - 1; i++) {
        if (s.dim(i) < 0) {
          valid = false;
          break;
        }
        product *= s.dim(i);
      }
      if (valid) {
        out.setShape(Shape.of(product, s.dim(s.rank() - 1)));
      }
    }
    return out;
  }

  /**
   * {@code tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)} for rank-2 logits: in name scope
   * {@code SparseSoftmaxCrossEntropyWithLogits}, the labels' {@code Shape} and the op
   * {@code SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits} (its loss output returned).
   */
  public Tensor sparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return sparseSoftmaxCrossEntropyWithLogits(labels, logits, null);
  }

  public Tensor sparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(logits, labels);
      return inScopeLocked(name, "SparseSoftmaxCrossEntropyWithLogits", scope -> {
        Tensor lg = logits.value();
        Tensor lb = labels.value();
        Shape ls = lb.shape();
        Shape gs = lg.shape();
        if (gs.hasKnownRank() && gs.rank() == 0) {
          throw new IncompatibleShapesException("Logits cannot be scalars - received shape " + gs + ".");
        }
        if (gs.hasKnownRank() && ls.hasKnownRank() && ls.rank() != gs.rank() - 1) {
          throw new IncompatibleShapesException("Rank mismatch: Rank of labels (received " + ls.rank()
              + ") should equal rank of logits minus 1 (received " + gs.rank() + ").");
        }
        if (!gs.hasKnownRank() || gs.rank() != 2) {
          throw new UnsupportedOperationException("sparseSoftmaxCrossEntropyWithLogits supports logits of rank 2 "
              + "only, got " + gs);
        }
        checkFloating("SparseSoftmaxCrossEntropyWithLogits", lg, "features");
        if (!lb.dtype().isInteger()) {
          throw new DTypeMismatchException("Value passed to parameter 'labels' has DataType " + lb.dtype()
              + " not in list of allowed values: int32, int64");
        }
        Shape outer = Shape.of(java.util.Arrays.copyOf(gs.dims(), gs.rank() - 1));
        if (ls.isFullyDefined() && outer.isFullyDefined() && !ls.equals(outer)) {
          throw new IncompatibleShapesException("Shape mismatch: The shape of labels (received " + ls
              + ") should equal the shape of logits except for the last dimension (received " + gs + ").");
        }
        shapeOf(lb, true, null);
        // TF passes the call's name (not the scope) to the op: "SparseSoftmaxCrossEntropyWithLogits/
        // SparseSoftmaxCrossEntropyWithLogits", or "xent/xent" for name "xent".
        Operation op = graph.addNode("SparseSoftmaxCrossEntropyWithLogits",
            graph.createOpName(name != null ? name : "SparseSoftmaxCrossEntropyWithLogits", null),
            new Tensor[] {lg, lb}, NO_OPS,
            new Object[] {"T", lg.dtype(), "Tlabels", lb.dtype()});
        return op.output(0);
      });
    });
  }

  /**
   * {@code tf.tuple(tensors)}: the same tensors gated on all of them: in name scope {@code tuple}, a
   * {@code NoOp} {@code group_deps} depending on their ops (in creation order) and one {@code Identity}
   * {@code control_dependency}, {@code control_dependency_1}, … per non-null tensor, depending on it
   * ({@code null} entries stay null). Used for {@code GATE_GRAPH}.
   */
  public List<Tensor> tuple(List<? extends Tensor> tensors) {
    return tuple(tensors, null);
  }

  public List<Tensor> tuple(List<? extends Tensor> tensors, String name) {
    List<Tensor> values = new ArrayList<>();
    for (Tensor t : tensors) {
      if (t != null) {
        values.add(t);
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("Must have at least one Tensor: " + tensors);
    }
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(values);
      List<Tensor> in = new ArrayList<>();
      for (Tensor t : tensors) {
        in.add(t == null ? null : t.value());
      }
      return tupleOp(in, name);
    });
  }

  /**
   * {@code with tf.control_dependencies(deps):} for the ops {@code body} creates: each gets a control input
   * from every op of {@code deps} unless one of its inputs was created inside the block or is already such an
   * op (TF's rules; nested blocks add up, {@code null} clears them). Atomic.
   */
  public <T> T controlDependencies(List<Operation> deps, Supplier<T> body) {
    return graph.atomically(() -> graph.withControlDependencies(deps, body));
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks of the gradient functions (under the graph lock, named as TF's Python wrappers name them)

  private static final Operation[] NO_OPS = {};

  static Object[] typeAttr(Tensor t) {
    return t.dtype().typeAttr();
  }

  /**
   * A generated op wrapper: scope {@code name} (else {@code type}), Java values among {@code inputs}
   * ({@link NdArray}s) become {@code Const}s named after their argument; the op takes the scope's name.
   */
  Operation genOp(String type, String name, Object[] inputs, String[] argNames, Object[] attrs) {
    return graph.atomically(() -> inScopeLocked(name, type, scope -> {
      for (Object input : inputs) {
        if (input instanceof Tensor t) {
          graph.checkValuesFromThisGraph(t, null);
        }
      }
      Tensor[] in = new Tensor[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        in[i] = inputs[i] instanceof Tensor t ? t.value() : constOp((NdArray) inputs[i], argNames[i]);
      }
      return graph.addNode(type, scope, in, NO_OPS, attrs);
    }));
  }

  /** {@code array_ops.shape(t)} ({@code optimize}: a {@code Const} when fully defined) or {@code shape_internal(t, optimize=False)}. */
  Tensor shapeOf(Tensor t, boolean optimize, String name) {
    return inScopeLocked(name, "Shape", scope -> {
      Tensor x = t.value();
      if (optimize && x.shape().isFullyDefined()) {
        return constOp(NdArray.of(toInts(x.shape().dims())), scope + "/");
      }
      return graph.addNode("Shape", scope, new Tensor[] {x}, new Object[] {"T", x.dtype(), "out_type", DType.INT32});
    });
  }

  /** {@code array_ops.size(t)}: {@code Const} {@code Size} when the shape is fully defined, else op {@code Size}. */
  Tensor sizeOf(Tensor t, String name) {
    return inScopeLocked(name, "Size", scope -> {
      Tensor x = t.value();
      if (x.shape().isFullyDefined()) {
        return constOp(NdArray.scalar((int) x.shape().numElements()), scope + "/");
      }
      return graph.addNode("Size", scope, new Tensor[] {x}, new Object[] {"T", x.dtype(), "out_type", DType.INT32});
    });
  }

  /** {@code array_ops.rank(t)}: {@code Const} {@code Rank} when the rank is known, else op {@code Rank}. */
  Tensor rankOf(Tensor t, String name) {
    return inScopeLocked(name, "Rank", scope -> {
      Tensor x = t.value();
      if (x.shape().hasKnownRank()) {
        return constOp(NdArray.scalar(x.shape().rank()), scope + "/");
      }
      return graph.addNode("Rank", scope, new Tensor[] {x}, x.dtype().typeAttr());
    });
  }

  /** {@code array_ops.zeros_like(t, optimize)}. */
  Tensor zerosLikeOp(Tensor tensor, String name, boolean optimize, boolean asRef) {
    return inScopeLocked(name, "zeros_like", scope -> {
      Tensor t = asRef ? tensor : tensor.value();
      if (optimize && t.shape().isFullyDefined()) {
        return filledConstant(t.shape(), t.dtype(), 0, "zeros", scope + "/");
      }
      return graph.addNode("ZerosLike", scope, new Tensor[] {t}, t.dtype().typeAttr());
    });
  }

  /** {@code math_ops.add_n(inputs, name)}: the single input itself, else op {@code AddN}. */
  Tensor addNOp(List<? extends Tensor> inputs, String name) {
    if (inputs.size() == 1) {
      return name == null ? inputs.get(0) : identity(inputs.get(0), name);
    }
    Tensor[] in = new Tensor[inputs.size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = inputs.get(i).value();
    }
    return inScopeLocked(name, "AddN", scope -> graph.addNode("AddN", scope, in,
        new Object[] {"N", (long) in.length, "T", in[0].dtype()}));
  }

  /** {@code reduce_sum(x, axes, keepdims)} with the axes a tensor or Java ints ({@code Sum/reduction_indices}). */
  Tensor sumOp(Tensor x, Object axes, boolean keepDims) {
    return reduceOp("Sum", x, axes, keepDims);
  }

  /** {@code reduce_sum(x)} / {@code reduce_prod(x)} over all axes: the axes {@code Const} first, then the op. */
  Tensor reduceAll(String type, Tensor x) {
    int rank = x.shape().rank();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    Tensor all = constOp(NdArray.of(axes), null);
    return reduceOp(type, x, all, false);
  }

  private Tensor reduceOp(String type, Tensor x, Object axes, boolean keepDims) {
    return inScopeLocked(null, type, scope -> {
      Tensor ax = axes instanceof Tensor t ? t
          : constOp(axes instanceof Integer i ? NdArray.scalar(i) : NdArray.of((int[]) axes), "reduction_indices");
      return graph.addNode(type, scope, new Tensor[] {x.value(), ax},
          new Object[] {"T", x.dtype(), "Tidx", ax.dtype(), "keep_dims", keepDims});
    });
  }

  /** {@code array_ops.reshape(x, shape)} with the shape a tensor or Java ints ({@code Reshape/shape}). */
  Tensor reshapeOp(Tensor x, Object shape, String name) {
    return inScopeLocked(name, "Reshape", scope -> {
      Tensor s = shape instanceof Tensor t ? t : constOp(NdArray.of((int[]) shape), "shape");
      return graph.addNode("Reshape", scope, new Tensor[] {x.value(), s},
          new Object[] {"T", x.dtype(), "Tshape", s.dtype()});
    });
  }

  /** {@code array_ops.tile(x, multiples)} with the multiples a tensor or Java ints ({@code Tile/multiples}). */
  Tensor tileOp(Tensor x, Object multiples) {
    return inScopeLocked(null, "Tile", scope -> {
      Tensor m = multiples instanceof Tensor t ? t : constOp(NdArray.of((int[]) multiples), "multiples");
      return graph.addNode("Tile", scope, new Tensor[] {x.value(), m},
          new Object[] {"T", x.dtype(), "Tmultiples", m.dtype()});
    });
  }

  /** A generated single-input-pair op named after its type: {@code MatMul}, {@code ReluGrad}, {@code Select}… */
  Tensor rawOp(String type, Object[] attrs, Tensor... inputs) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = inputs[i].value();
    }
    return inScopeLocked(null, type, scope -> graph.addNode(type, scope, in, NO_OPS, attrs).output(0));
  }

  /** A Python operator ({@code mul}, {@code sub}, {@code truediv}, {@code floordiv}, {@code mod}) on two tensors. */
  Tensor operator(String opName, Tensor x, Tensor y) {
    return inScopeLocked(null, opName, scope -> operatorOp(opName, scope, x.value(), y.value()));
  }

  /** A Python operator with a number on the right ({@code <op>/y}). */
  Tensor operator(String opName, Tensor x, Number y) {
    return inScopeLocked(null, opName, scope -> operatorOp(opName, scope, x.value(), toTensor(y, x.dtype(), "y")));
  }

  /** A reflected Python operator with a number on the left ({@code <op>/x}), e.g. {@code 2.0 * t}. */
  Tensor reflected(String opName, Number x, Tensor y) {
    return inScopeLocked(null, opName, scope -> operatorOp(opName, scope, toTensor(x, y.dtype(), "x"), y.value()));
  }

  /** A Python operator with a Java value on the left ({@code <op>/x}), e.g. {@code tuple // tensor}. */
  Tensor operator(String opName, NdArray x, Tensor y) {
    return inScopeLocked(null, opName, scope -> operatorOp(opName, scope, constOp(x, "x"), y.value()));
  }

  /** {@code array_ops.stack(values)} of tensors (and Java ints, which become {@code stack/<i>}): op {@code stack}. */
  Tensor stack(List<Object> values) {
    return stack(values, "stack");
  }

  /** {@link #stack} in scope {@code name} (TF's autopacking of a list argument named {@code name}). */
  Tensor stack(List<Object> values, String name) {
    return inScopeLocked(null, name, scope -> {
      Tensor[] in = new Tensor[values.size()];
      for (int i = 0; i < in.length; i++) {
        Object v = values.get(i);
        in[i] = v instanceof Tensor t ? t.value() : constOp(NdArray.scalar((Integer) v), Integer.toString(i));
      }
      return graph.addNode("Pack", scope, in, new Object[] {"N", (long) in.length, "T", in[0].dtype(), "axis", 0L});
    });
  }

  /** {@code math_ops.range(start, limit, delta)} with Java start/delta: {@code range/start}, {@code range/delta}, op {@code range}. */
  Tensor rangeOp(int start, Tensor limit, int delta) {
    return inScopeLocked(null, "range", scope -> {
      Tensor s = constOp(NdArray.scalar(start), "start");
      Tensor d = constOp(NdArray.scalar(delta), "delta");
      return graph.addNode("Range", scope, new Tensor[] {s, limit, d}, new Object[] {"Tidx", DType.INT32});
    });
  }

  /** {@code array_ops.fill(dims, value)} with a Java scalar value: {@code Fill/value}, op {@code Fill}. */
  Tensor fillOp(Tensor dims, NdArray value) {
    return inScopeLocked(null, "Fill", scope -> {
      Tensor v = constOp(value, "value");
      return graph.addNode("Fill", scope, new Tensor[] {dims, v},
          new Object[] {"T", value.dtype(), "index_type", DType.INT32});
    });
  }

  /** {@code gen_math_ops.maximum(x, y)} with a Java {@code y}: {@code Maximum/y}, op {@code Maximum}. */
  Tensor maximumOp(Tensor x, NdArray y) {
    return inScopeLocked(null, "Maximum", scope -> {
      Tensor yt = constOp(y, "y");
      return graph.addNode("Maximum", scope, new Tensor[] {x.value(), yt}, typeAttr(x));
    });
  }

  /** {@code math_ops.cast(x, dtype)} on a Java value: opens {@code Cast}, creates {@code Cast/x}, no cast op. */
  Tensor castConst(NdArray value) {
    return inScopeLocked(null, "Cast", scope -> constOp(value, "x"));
  }

  /** {@code control_flow_ops.tuple(tensors)}: {@code tuple/group_deps} and one {@code tuple/control_dependency[_k]} per tensor. */
  List<Tensor> tupleOp(List<Tensor> tensors) {
    return tupleOp(tensors, null);
  }

  List<Tensor> tupleOp(List<Tensor> tensors, String name) {
    return inScopeLocked(name, "tuple", scope -> {
      java.util.TreeMap<Integer, Operation> gating = new java.util.TreeMap<>();
      for (Tensor t : tensors) {
        if (t != null) {
          gating.put(t.op().id(), t.op());
        }
      }
      Operation gate = inScopeLocked(null, "group_deps", s -> graph.addNode("NoOp", s, new Tensor[0],
          gating.values().toArray(new Operation[0]), null));
      List<Tensor> out = new ArrayList<>();
      for (Tensor t : tensors) {
        if (t == null) {
          out.add(null);
          continue;
        }
        out.add(inScopeLocked(null, "control_dependency", s -> graph.addNode("Identity", s, new Tensor[] {t},
            new Operation[] {gate}, typeAttr(t)).output(0)));
      }
      return out;
    });
  }

  @Override
  public String toString() {
    return "Ops.on(" + graph + ")";
  }
  // ---- layers support (issue 14) ----


  /**
   * {@code tf.reshape(tensor, shape)} with a shape list of Java ints and scalar int32 tensors, packed as TF packs a
   * list argument: {@code Reshape/shape/<i>} Consts for the ints, {@code Reshape/shape} (Pack), op {@code Reshape}.
   */
  public Tensor reshape(Tensor x, List<?> shape) {
    return reshape(x, shape, null);
  }

  /** {@link #reshape(Tensor, List)} named {@code name}. */
  public Tensor reshape(Tensor x, List<?> shape, String name) {
    if (shape.stream().noneMatch(d -> d instanceof Tensor)) {
      return reshape(x, Shape.of(shape.stream().mapToLong(d -> ((Number) d).longValue()).toArray()), name);
    }
    List<Object> dims = new ArrayList<>();
    for (Object d : shape) {
      if (d instanceof Tensor t) {
        dims.add(t);
      } else if (d instanceof Integer n) {
        dims.add(n);
      } else {
        throw new InvalidArgumentException("a shape element must be an Integer or a scalar int32 Tensor, got " + d);
      }
    }
    return inScope(name, "Reshape", List.of(x), scope -> {
      Tensor input = x.value();
      Tensor packed = stack(dims, "shape");
      return graph.addNode("Reshape", scope, new Tensor[] {input, packed},
          new Object[] {"T", input.dtype(), "Tshape", DType.INT32});
    });
  }


  // ---- convolution and pooling ops (issue 14) ----

  /**
   * {@code tf.nn.conv2d(input, filter, strides, padding)}: op {@code Conv2D} (NHWC, dilation 1). {@code strides}
   * has one value (both spatial dimensions), two (rows, columns) or four; {@code padding} is {@code "SAME"} or
   * {@code "VALID"}, upper-case as in TF.
   */
  public Tensor conv2d(Tensor input, Tensor filter, int[] strides, String padding) {
    return conv2d(input, filter, strides, padding, null, null, null);
  }

  public Tensor conv2d(Tensor input, Tensor filter, int[] strides, String padding, String name) {
    return conv2d(input, filter, strides, padding, null, null, name);
  }

  /** {@code tf.nn.conv2d(input, filter, stride, padding)} with one stride for rows and columns. */
  public Tensor conv2d(Tensor input, Tensor filter, int stride, String padding) {
    return conv2d(input, filter, new int[] {stride}, padding, null, null, null);
  }

  public Tensor conv2d(Tensor input, Tensor filter, int stride, String padding, String name) {
    return conv2d(input, filter, new int[] {stride}, padding, null, null, name);
  }

  /**
   * {@code tf.nn.conv2d(input, filter, strides, padding, data_format=dataFormat, dilations=dilations, name=name)}:
   * {@code dataFormat} {@code "NHWC"} or {@code "NCHW"} ({@code null}: NHWC); {@code dilations} like
   * {@code strides} ({@code null}: 1).
   */
  public Tensor conv2d(Tensor input, Tensor filter, int[] strides, String padding, String dataFormat,
      int[] dilations, String name) {
    return ConvOps.conv2d(this, input, filter, strides, padding, dataFormat, dilations, name);
  }

  /**
   * {@code tf.nn.conv2d_backprop_input(input_sizes, filter, out_backprop, strides, padding)}: op
   * {@code Conv2DBackpropInput}, the gradient of {@code conv2d} with respect to its input; {@code strides}
   * (and {@code dilations}) have four values, as TF passes them on unchanged.
   */
  public Tensor conv2dBackpropInput(Tensor inputSizes, Tensor filter, Tensor outBackprop, int[] strides,
      String padding) {
    return conv2dBackpropInput(inputSizes, filter, outBackprop, strides, padding, null, null, null);
  }

  public Tensor conv2dBackpropInput(Tensor inputSizes, Tensor filter, Tensor outBackprop, int[] strides,
      String padding, String dataFormat, int[] dilations, String name) {
    return ConvOps.conv2dBackpropInput(this, inputSizes, filter, outBackprop, strides, padding, dataFormat,
        dilations, name);
  }

  /** {@code tf.nn.conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding)}: op {@code Conv2DBackpropFilter}. */
  public Tensor conv2dBackpropFilter(Tensor input, Tensor filterSizes, Tensor outBackprop, int[] strides,
      String padding) {
    return conv2dBackpropFilter(input, filterSizes, outBackprop, strides, padding, null, null, null);
  }

  public Tensor conv2dBackpropFilter(Tensor input, Tensor filterSizes, Tensor outBackprop, int[] strides,
      String padding, String dataFormat, int[] dilations, String name) {
    return ConvOps.conv2dBackpropFilter(this, input, filterSizes, outBackprop, strides, padding, dataFormat,
        dilations, name);
  }

  /**
   * {@code tf.nn.max_pool(value, ksize, strides, padding)} (v1): op {@code MaxPool} in scope {@code MaxPool}.
   * {@code ksize} and {@code strides} have one, two or four values; padding {@code "SAME"} or {@code "VALID"}.
   */
  public Tensor maxPool(Tensor value, int[] ksize, int[] strides, String padding) {
    return maxPool(value, ksize, strides, padding, null, null);
  }

  public Tensor maxPool(Tensor value, int[] ksize, int[] strides, String padding, String name) {
    return maxPool(value, ksize, strides, padding, null, name);
  }

  /** {@code tf.nn.max_pool(..., data_format=dataFormat, name=name)}: {@code "NHWC"} or {@code "NCHW"}. */
  public Tensor maxPool(Tensor value, int[] ksize, int[] strides, String padding, String dataFormat, String name) {
    return ConvOps.pool(this, "MaxPool", value, ksize, strides, padding, dataFormat, name);
  }

  /** {@code tf.nn.max_pool(value, size, stride, padding)}: a square window and one stride. */
  public Tensor maxPool(Tensor value, int ksize, int stride, String padding) {
    return maxPool(value, new int[] {ksize}, new int[] {stride}, padding, null, null);
  }

  /** {@code tf.nn.avg_pool(value, ksize, strides, padding)} (v1): op {@code AvgPool} in scope {@code AvgPool}. */
  public Tensor avgPool(Tensor value, int[] ksize, int[] strides, String padding) {
    return avgPool(value, ksize, strides, padding, null, null);
  }

  public Tensor avgPool(Tensor value, int[] ksize, int[] strides, String padding, String name) {
    return avgPool(value, ksize, strides, padding, null, name);
  }

  public Tensor avgPool(Tensor value, int[] ksize, int[] strides, String padding, String dataFormat, String name) {
    return ConvOps.pool(this, "AvgPool", value, ksize, strides, padding, dataFormat, name);
  }

  /** {@code tf.nn.avg_pool(value, size, stride, padding)}: a square window and one stride. */
  public Tensor avgPool(Tensor value, int ksize, int stride, String padding) {
    return avgPool(value, new int[] {ksize}, new int[] {stride}, padding, null, null);
  }


  // ---- nn ops (issue 14) ----
  // Activations, batch normalisation (fused and composed), dropout, arg max / equality / max / split / squeeze
  // and the deprecated cross entropy, named as TF 1.15's Python functions name them.

  /** {@code tf.nn.leaky_relu(features)} with alpha 0.2: op {@code LeakyRelu} (alpha is an attribute). */
  public Tensor leakyRelu(Tensor features) {
    return leakyRelu(features, 0.2, null);
  }

  public Tensor leakyRelu(Tensor features, String name) {
    return leakyRelu(features, 0.2, name);
  }

  /** {@code tf.nn.leaky_relu(features, alpha)}; an integer input is cast to float32 first ({@code LeakyRelu/Cast}). */
  public Tensor leakyRelu(Tensor features, double alpha, String name) {
    return inScope(name, "LeakyRelu", List.of(features), scope -> {
      Tensor x = features.value();
      if (x.dtype().isInteger()) {
        Tensor in = x;
        x = inScopeLocked(null, "Cast", s -> castOp(in, DType.FLOAT32, s));
      }
      return graph.addNode("LeakyRelu", scope, new Tensor[] {x},
          new Object[] {"T", x.dtype(), "alpha", (float) alpha});
    });
  }

  /** {@code tf.nn.relu6(features)}: op {@code Relu6}, {@code min(max(x, 0), 6)}. */
  public Tensor relu6(Tensor features) {
    return relu6(features, null);
  }

  public Tensor relu6(Tensor features, String name) {
    return inScope(name, "Relu6", List.of(features), scope -> graph.addNode("Relu6", scope,
        new Tensor[] {features.value()}, typeAttr(features)));
  }

  /** {@code tf.nn.elu(features)}: op {@code Elu}, {@code x < 0 ? exp(x) - 1 : x}. */
  public Tensor elu(Tensor features) {
    return elu(features, null);
  }

  public Tensor elu(Tensor features, String name) {
    return genOp("Elu", name, new Object[] {features}, new String[] {"features"}, typeAttr(features)).output(0);
  }

  /** {@code tf.math.rsqrt(x)}: op {@code Rsqrt}, {@code 1 / sqrt(x)}. */
  public Tensor rsqrt(Tensor x) {
    return rsqrt(x, null);
  }

  public Tensor rsqrt(Tensor x, String name) {
    return genOp("Rsqrt", name, new Object[] {x}, new String[] {"x"}, typeAttr(x)).output(0);
  }

  /** {@code tf.argmax(input, axis)}: {@code ArgMax/dimension} (int32) and {@code ArgMax}, an int64 index tensor. */
  public Tensor argMax(Tensor input, int axis) {
    return argMax(input, axis, DType.INT64, null);
  }

  public Tensor argMax(Tensor input, int axis, String name) {
    return argMax(input, axis, DType.INT64, name);
  }

  /** {@code tf.argmax(input, axis, output_type=outputType)}: int32 or int64 indices. */
  public Tensor argMax(Tensor input, int axis, DType outputType, String name) {
    if (outputType != DType.INT32 && outputType != DType.INT64) {
      throw new DTypeMismatchException("Value for attr 'output_type' of " + outputType
          + " is not in the list of allowed values: int32, int64");
    }
    return genOp("ArgMax", name, new Object[] {input, NdArray.scalar(axis)}, new String[] {"input", "dimension"},
        new Object[] {"T", input.dtype(), "Tidx", DType.INT32, "output_type", outputType}).output(0);
  }

  /** {@code tf.equal(x, y)}: op {@code Equal}, a bool tensor (broadcasting). */
  public Tensor equal(Tensor x, Tensor y) {
    return comparison("Equal", x, y, null);
  }

  public Tensor equal(Tensor x, Tensor y, String name) {
    return comparison("Equal", x, y, name);
  }

  /** {@code tf.equal(x, number)}: the number becomes the constant {@code Equal/y} of x's dtype. */
  public Tensor equal(Tensor x, Number y) {
    return comparison("Equal", x, y, null);
  }

  public Tensor equal(Tensor x, Number y, String name) {
    return comparison("Equal", x, y, name);
  }

  /** {@code tf.not_equal(x, y)}: op {@code NotEqual}. */
  public Tensor notEqual(Tensor x, Tensor y) {
    return comparison("NotEqual", x, y, null);
  }

  public Tensor notEqual(Tensor x, Tensor y, String name) {
    return comparison("NotEqual", x, y, name);
  }

  public Tensor notEqual(Tensor x, Number y) {
    return comparison("NotEqual", x, y, null);
  }

  public Tensor notEqual(Tensor x, Number y, String name) {
    return comparison("NotEqual", x, y, name);
  }

  private Tensor comparison(String type, Tensor x, Object y, String name) {
    Object yv = y instanceof Tensor ? y : Conversions.toDType(NdArray.of(y), x.dtype());
    return genOp(type, name, new Object[] {x, yv}, new String[] {"x", "y"}, typeAttr(x)).output(0);
  }

  /** {@code tf.reduce_max(x)}: the axes {@code Const} in the caller's scope, then {@code Max}. */
  public Tensor reduceMax(Tensor x) {
    return maxOf(x, null, false, null);
  }

  public Tensor reduceMax(Tensor x, String name) {
    return maxOf(x, null, false, name);
  }

  /** {@code tf.reduce_max(x, axis=axis)}: {@code Max/reduction_indices} (a scalar) and {@code Max}. */
  public Tensor reduceMax(Tensor x, int axis) {
    return maxOf(x, axis, false, null);
  }

  /** {@code tf.reduce_max(x, axis=axes, keepdims=keepDims)}: {@code Max/reduction_indices} and {@code Max}. */
  public Tensor reduceMax(Tensor x, int[] axes, boolean keepDims) {
    return maxOf(x, axes.clone(), keepDims, null);
  }

  public Tensor reduceMax(Tensor x, int[] axes, boolean keepDims, String name) {
    return maxOf(x, axes.clone(), keepDims, name);
  }

  private Tensor maxOf(Tensor x, Object axes, boolean keepDims, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(x, null);
      Object ax = axes;
      if (axes == null) {
        Shape s = x.shape();
        if (!s.hasKnownRank()) {
          throw new IncompatibleShapesException("Cannot reduce '" + x.name()
              + "' over all axes: its rank is unknown; pass the axes.");
        }
        int[] all = new int[s.rank()];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        ax = constOp(NdArray.of(all), null);
      }
      Object axesInput = ax instanceof Integer i ? NdArray.scalar(i) : ax instanceof int[] a ? NdArray.of(a) : ax;
      checkNumeric("Max", x, "input");
      return genOp("Max", name, new Object[] {x, axesInput}, new String[] {"input", "reduction_indices"},
          new Object[] {"T", x.dtype(), "Tidx", DType.INT32, "keep_dims", keepDims}).output(0);
    });
  }

  /**
   * {@code tf.split(value, numSplit, axis)}: TF first converts the count to a tensor, the dangling {@code Const}
   * in the caller's scope, then {@code split/split_dim} and the op {@code split} ({@code Split}) of
   * {@code numSplit} equal pieces.
   */
  public List<Tensor> split(Tensor value, int numSplit, int axis) {
    return split(value, numSplit, axis, null);
  }

  public List<Tensor> split(Tensor value, int numSplit, int axis, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(value, null);
      constOp(NdArray.scalar(numSplit), null);
      return genOp("Split", name != null ? name : "split", new Object[] {NdArray.scalar(axis), value},
          new String[] {"split_dim", "value"}, new Object[] {"num_split", (long) numSplit, "T", value.dtype()})
          .outputs();
    });
  }

  /** {@code tf.squeeze(input)}: op {@code Squeeze} removing every dimension of size 1. */
  public Tensor squeeze(Tensor input) {
    return squeeze(input, new int[0], null);
  }

  /** {@code tf.squeeze(input, axis)}: op {@code Squeeze}, the axes an attribute ({@code squeeze_dims}). */
  public Tensor squeeze(Tensor input, int[] axes) {
    return squeeze(input, axes, null);
  }

  public Tensor squeeze(Tensor input, int[] axes, String name) {
    List<Long> dims = new ArrayList<>();
    for (int a : axes) {
      dims.add((long) a);
    }
    return genOp("Squeeze", name, new Object[] {input}, new String[] {"input"},
        new Object[] {"T", input.dtype(), "squeeze_dims", dims}).output(0);
  }

  /**
   * {@code tf.nn.fused_batch_norm(x, scale, offset)} in training mode (NHWC, epsilon 0.001): the empty mean and
   * variance {@code Const}, {@code Const_1} and op {@code FusedBatchNormV3}; returns {@code [y, batch_mean,
   * batch_variance]} (the variance with Bessel's correction, as TF's kernel computes it).
   */
  public List<Tensor> fusedBatchNorm(Tensor x, Tensor scale, Tensor offset) {
    return fusedBatchNorm(x, scale, offset, null, null, 0.001, "NHWC", true, null);
  }

  /**
   * {@code tf.nn.fused_batch_norm(x, scale, offset, mean, variance, epsilon, data_format, is_training, name)}:
   * {@code mean}/{@code variance} must be null in training mode; null ones become empty {@code Const}s; epsilon is
   * raised to at least 1.001e-5. The op is named {@code name} (default {@code FusedBatchNormV3}), not a scope.
   * Float32 as in TF, and float64 (which TF's CPU kernels lack).
   */
  public List<Tensor> fusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean, Tensor variance,
      double epsilon, String dataFormat, boolean isTraining, String name) {
    if (isTraining && (mean != null || variance != null)) {
      throw new InvalidOpArgumentException("Both 'mean' and 'variance' must be None if is_training is True.");
    }
    return graph.atomically(() -> {
      List<Tensor> values = new ArrayList<>(List.of(x, scale, offset));
      if (mean != null) {
        values.add(mean);
      }
      if (variance != null) {
        values.add(variance);
      }
      graph.checkValuesFromThisGraph(values);
      DType u = scale.dtype();
      Tensor m = mean != null ? mean.value() : constOp(NdArray.create(u, Shape.of(0), emptyOf(u)), null);
      Tensor v = variance != null ? variance.value() : constOp(NdArray.create(u, Shape.of(0), emptyOf(u)), null);
      double eps = Math.max(epsilon, 1.001e-5);
      String opName = graph.createOpName(name, "FusedBatchNormV3");
      Operation op = graph.addNode("FusedBatchNormV3", opName,
          new Tensor[] {x.value(), scale.value(), offset.value(), m, v}, NO_OPS,
          new Object[] {"T", x.dtype(), "U", u, "epsilon", (float) eps, "data_format", dataFormat,
              "is_training", isTraining});
      return List.of(op.output(0), op.output(1), op.output(2));
    });
  }

  private static Object emptyOf(DType u) {
    return u == DType.FLOAT64 ? new double[0] : new float[0];
  }

  /**
   * {@code tf.nn.moments(x, axes)}: in scope {@code moments}, {@code mean} (keep dims), {@code StopGradient},
   * {@code SquaredDifference}, {@code variance}, then {@code Squeeze} and {@code Squeeze_1}; returns
   * {@code [mean, variance]} (population variance).
   */
  public List<Tensor> moments(Tensor x, int[] axes) {
    return moments(x, axes, false, null);
  }

  public List<Tensor> moments(Tensor x, int[] axes, boolean keepDims, String name) {
    return inScope(name, "moments", List.of(x), scope -> {
      Tensor y = x.value();
      checkFloating("Mean", y, "input");
      Tensor mean = inScopeLocked("mean", null, s -> graph.addNode("Mean", s,
          new Tensor[] {y, constOp(NdArray.of(axes), "reduction_indices")},
          new Object[] {"T", y.dtype(), "Tidx", DType.INT32, "keep_dims", true}));
      Tensor stopped = inScopeLocked(null, "StopGradient", s -> graph.addNode("StopGradient", s,
          new Tensor[] {mean}, typeAttr(mean)));
      Tensor diff = inScopeLocked(null, "SquaredDifference", s -> binaryOp("SquaredDifference", s, y, stopped));
      Tensor variance = inScopeLocked("variance", null, s -> graph.addNode("Mean", s,
          new Tensor[] {diff, constOp(NdArray.of(axes), "reduction_indices")},
          new Object[] {"T", y.dtype(), "Tidx", DType.INT32, "keep_dims", true}));
      if (keepDims) {
        return List.of(mean, variance);
      }
      return List.of(squeeze(mean, axes), squeeze(variance, axes));
    });
  }

  /**
   * {@code tf.nn.batch_normalization(x, mean, variance, offset, scale, variance_epsilon)}: in scope
   * {@code batchnorm}, {@code add/y}, {@code add}, {@code Rsqrt}, {@code mul} (× scale), {@code mul_1} (x ×),
   * {@code mul_2} (mean ×), {@code sub} (offset −), {@code add_1}. {@code offset} and {@code scale} may be null.
   */
  public Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor offset, Tensor scale,
      double varianceEpsilon) {
    return batchNormalization(x, mean, variance, offset, scale, varianceEpsilon, null);
  }

  public Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor offset, Tensor scale,
      double varianceEpsilon, String name) {
    List<Tensor> values = new ArrayList<>(List.of(x, mean, variance));
    if (offset != null) {
      values.add(offset);
    }
    if (scale != null) {
      values.add(scale);
    }
    return inScope(name, "batchnorm", values, scope -> {
      Tensor inv = rsqrt(operator("add", variance.value(), varianceEpsilon));
      if (scale != null) {
        inv = operator("mul", inv, scale.value());
      }
      Tensor scaledX = operator("mul", x.value(), inv);
      Tensor shift = offset != null
          ? operator("sub", offset.value(), operator("mul", mean.value(), inv))
          : operator("mul", neg(mean.value()), inv);
      return operator("add", scaledX, shift);
    });
  }

  /**
   * TF 1.15's {@code tf.nn.dropout(x, keep_prob)} (the second argument is the probability to <em>keep</em>): the
   * kept elements are scaled by {@code 1 / keep_prob}. Ops in scope {@code dropout}: {@code rate},
   * {@code Shape}, {@code random_uniform/…}, {@code sub/x}, {@code sub}, {@code truediv/x}, {@code truediv},
   * {@code GreaterEqual}, {@code mul}, {@code Cast}, {@code mul_1} (returned). A keep_prob of 1 (rate 0)
   * returns {@code x} itself.
   */
  public Tensor dropout(Tensor x, double keepProb) {
    return dropout(x, new DropoutOptions().keepProb(keepProb));
  }

  public Tensor dropout(Tensor x, double keepProb, String name) {
    return dropout(x, new DropoutOptions().keepProb(keepProb).name(name));
  }

  /** {@code tf.nn.dropout(x, keep_prob)} with a tensor: {@code sub/x} and {@code sub} (1 − keep_prob) come first, in the caller's scope. */
  public Tensor dropout(Tensor x, Tensor keepProb) {
    return dropout(x, new DropoutOptions().keepProb(keepProb));
  }

  /** {@code tf.nn.dropout(x, rate=rate)} (TF 2's {@code tf.nn.dropout(x, rate)}): drops with probability {@code rate}. */
  public Tensor dropoutWithRate(Tensor x, double rate) {
    return dropout(x, new DropoutOptions().rate(rate));
  }

  public Tensor dropoutWithRate(Tensor x, double rate, String name) {
    return dropout(x, new DropoutOptions().rate(rate).name(name));
  }

  /**
   * {@code tf.nn.dropout} with every argument: exactly one of keep_prob and rate; noise shape, seed, name. The
   * errors are TF's ({@link InvalidOpArgumentException} for its {@code ValueError}s); {@code rate == 0}
   * returns x after taking the scope name, as TF does.
   */
  public Tensor dropout(Tensor x, DropoutOptions options) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(x, null);
      if (options.keepProb != null && options.rate != null) {
        throw new InvalidOpArgumentException("Cannot specify both 'keep_prob' and 'rate'");
      }
      Object rate = options.rate;
      if (options.keepProb instanceof Double k) {
        rate = 1.0 - k;
      } else if (options.keepProb instanceof Tensor k) {
        graph.checkValuesFromThisGraph(k, null);
        rate = reflected("sub", 1.0, k);
      }
      if (rate == null) {
        throw new InvalidOpArgumentException("You must provide a rate to dropout.");
      }
      Object r = rate;
      return inScopeLocked(options.name, "dropout", scope -> dropoutOps(x.value(), r, options));
    });
  }

  private Tensor dropoutOps(Tensor x, Object rate, DropoutOptions options) {
    if (!x.dtype().isFloating()) {
      throw new InvalidOpArgumentException("x has to be a floating point tensor since it's going to be scaled. "
          + "Got a <dtype: '" + x.dtype() + "'> tensor instead.");
    }
    Tensor rateTensor;
    if (rate instanceof Double d) {
      if (!(d >= 0 && d < 1)) {
        throw new InvalidOpArgumentException("rate must be a scalar tensor or a float in the range [0, 1), got "
            + formatG(d));
      }
      if (d == 0) {
        return x;
      }
      rateTensor = constOp(Conversions.toDType(NdArray.scalar(d), x.dtype()), "rate");
    } else {
      rateTensor = ((Tensor) rate).value();
      if (rateTensor.dtype() != x.dtype()) {
        throw new DTypeMismatchException("Tensor conversion requested dtype " + x.dtype() + " for Tensor with dtype "
            + rateTensor.dtype() + ": '" + rateTensor + "'");
      }
      if (!rateTensor.shape().isCompatibleWith(Shape.scalar())) {
        throw new IncompatibleShapesException("Shapes " + rateTensor.shape() + " and () are incompatible");
      }
      NdArray constant = rateTensor.op().type().equals("Const") ? (NdArray) rateTensor.op().attr("value") : null;
      if (constant != null && constant.size() == 1 && constant.getDouble(0) == 0) {
        return x;
      }
    }
    Tensor noise;
    Shape noiseStatic;
    if (options.noiseShape instanceof Tensor t) {
      noise = t.value();
      noiseStatic = Shape.unknown();
    } else if (options.noiseShape instanceof long[] dims) {
      long[] merged = dims.clone();
      Shape xs = x.shape();
      if (xs.hasKnownRank() && xs.rank() == dims.length) {
        for (int i = 0; i < dims.length; i++) {
          if (dims[i] < 0) {
            merged[i] = xs.dim(i);
          }
        }
      }
      for (long d : merged) {
        if (d < 0) {
          throw new InvalidOpArgumentException("Cannot convert a partially known TensorShape to a Tensor: "
              + Shape.of(merged));
        }
      }
      noise = null;
      noiseStatic = Shape.of(merged);
    } else {
      noise = shapeOf(x, true, null);
      noiseStatic = x.shape();
    }
    Tensor random = inScopeLocked(null, "random_uniform", scope -> {
      Tensor shapeTensor = noise != null ? noise : constOp(NdArray.of(toInts(noiseStatic.dims())), "shape");
      Tensor min = constOp(Conversions.toDType(NdArray.scalar(0.0), x.dtype()), "min");
      Tensor max = constOp(Conversions.toDType(NdArray.scalar(1.0), x.dtype()), "max");
      Tensor rnd = randomOp("RandomUniform", shapeTensor, noiseStatic, x.dtype(), options.seed);
      Tensor range = inScopeLocked(null, "sub", s -> binaryOp("Sub", s, max, min));
      Tensor scaled = inScopeLocked(null, "mul", s -> binaryOp("Mul", s, rnd, range));
      return binaryOp("Add", scope, scaled, min);
    });
    Tensor keep = reflected("sub", 1, rateTensor);
    Tensor scale = reflected("truediv", 1, keep);
    Tensor keepMask = inScopeLocked(null, "GreaterEqual", s -> graph.addNode("GreaterEqual", s,
        new Tensor[] {random, rateTensor}, typeAttr(random)));
    Tensor scaledX = operator("mul", x, scale);
    Tensor mask = inScopeLocked(null, "Cast", s -> castOp(keepMask, x.dtype(), s));
    Tensor out = operator("mul", scaledX, mask);
    if (x.shape().hasKnownRank()) {
      out.setShape(out.shape().hasKnownRank() ? out.shape().mergeWith(x.shape()) : x.shape());
    }
    return out;
  }

  /** Python's {@code "%g" % v}: six significant digits, trailing zeros dropped, exponent form outside 1e-4..1e6. */
  static String formatG(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(6));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      String mantissa = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
      return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    return bd.stripTrailingZeros().toPlainString();
  }

  /** {@code tf.nn.softmax_cross_entropy_with_logits_v2(labels, logits)}: the same as {@link #softmaxCrossEntropyWithLogits}. */
  public Tensor softmaxCrossEntropyWithLogitsV2(Tensor labels, Tensor logits) {
    return softmaxCrossEntropyWithLogits(labels, logits, null);
  }

  public Tensor softmaxCrossEntropyWithLogitsV2(Tensor labels, Tensor logits, String name) {
    return softmaxCrossEntropyWithLogits(labels, logits, name);
  }

  /**
   * TF 1.15's deprecated {@code tf.nn.softmax_cross_entropy_with_logits(labels, logits)}: no gradient flows into
   * the labels ({@code softmax_cross_entropy_with_logits_sg/labels_stop_gradient}), then the v2 ops in that
   * same scope.
   *
   * @deprecated as in TF: use {@link #softmaxCrossEntropyWithLogits}, which differentiates the labels too.
   */
  @Deprecated
  public Tensor softmaxCrossEntropyWithLogitsV1(Tensor labels, Tensor logits) {
    return softmaxCrossEntropyWithLogitsV1(labels, logits, null);
  }

  /** @deprecated see {@link #softmaxCrossEntropyWithLogitsV1(Tensor, Tensor)}. */
  @Deprecated
  public Tensor softmaxCrossEntropyWithLogitsV1(Tensor labels, Tensor logits, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(logits, labels);
      String[] scopeName = new String[1];
      Tensor stopped = inScopeLocked(name, "softmax_cross_entropy_with_logits_sg", scope -> {
        scopeName[0] = scope;
        return stopGradient(labels, "labels_stop_gradient");
      });
      return softmaxCrossEntropyWithLogits(stopped, logits, scopeName[0] + "/");
    });
  }


  // ---- control flow: cond and smartCond (issue 14) ----

  /**
   * TF 1.15's v1 {@code tf.cond(pred, true_fn, false_fn)}: ops {@code cond/Switch}, {@code cond/switch_t},
   * {@code cond/switch_f}, {@code cond/pred_id}, the true branch, the false branch, {@code cond/Merge}. Each
   * branch is built by calling its supplier once; a tensor from outside that a branch uses gets a
   * {@code Switch} named after the op using it ({@code cond/mul/Switch}); only the taken branch runs (its
   * assignments included). {@code pred} is a bool scalar. Returns the merged result.
   */
  public Tensor cond(Tensor pred, Supplier<Tensor> trueFn, Supplier<Tensor> falseFn) {
    return cond(pred, trueFn, falseFn, null);
  }

  /** {@link #cond(Tensor, Supplier, Supplier)} in name scope {@code name} (uniquified; null: {@code cond}). */
  public Tensor cond(Tensor pred, Supplier<Tensor> trueFn, Supplier<Tensor> falseFn, String name) {
    return Cond.cond(this, pred, single(trueFn, "trueFn"), single(falseFn, "falseFn"), name).get(0);
  }

  /** {@code tf.cond} whose branches return several tensors (same number and dtypes): one {@code Merge} each. */
  public List<Tensor> condList(Tensor pred, Supplier<? extends List<? extends Tensor>> trueFn,
      Supplier<? extends List<? extends Tensor>> falseFn) {
    return condList(pred, trueFn, falseFn, null);
  }

  public List<Tensor> condList(Tensor pred, Supplier<? extends List<? extends Tensor>> trueFn,
      Supplier<? extends List<? extends Tensor>> falseFn, String name) {
    return Cond.cond(this, pred, trueFn, falseFn, name);
  }

  /**
   * TF's {@code smart_cond(pred, true_fn, false_fn)}: {@code pred} a Java boolean, 1 or 0, or a tensor whose
   * value is known now (a {@code Const}, also behind {@code Identity}) calls just that branch; another tensor (a
   * placeholder) or a variable builds a {@link #cond}. Anything else: {@link InvalidPredicateException}.
   */
  public Tensor smartCond(Object pred, Supplier<Tensor> trueFn, Supplier<Tensor> falseFn) {
    return smartCond(pred, trueFn, falseFn, null);
  }

  public Tensor smartCond(Object pred, Supplier<Tensor> trueFn, Supplier<Tensor> falseFn, String name) {
    List<Tensor> result = Cond.smartCond(this, pred, single(trueFn, "trueFn"), single(falseFn, "falseFn"), name);
    return result == null ? null : result.get(0);
  }

  /**
   * TF's {@code smart_constant_value}: the value of a predicate known while the graph is built (a Java boolean, 1 or
   * 0, a bool {@code Const}, also behind {@code Identity}), or null when only a run can tell; other types fail as
   * {@link #smartCond} does.
   */
  public Boolean smartConstantValue(Object pred) {
    return Cond.smartConstantValue(pred);
  }

  /** {@link #smartCond(Object, Supplier, Supplier)} with branches of several tensors. */
  public List<Tensor> smartCondList(Object pred, Supplier<? extends List<? extends Tensor>> trueFn,
      Supplier<? extends List<? extends Tensor>> falseFn, String name) {
    return Cond.smartCond(this, pred, trueFn, falseFn, name);
  }

  /** A one-tensor branch as a list branch (null stays null: "must have a return value"). */
  private static Supplier<List<Tensor>> single(Supplier<Tensor> fn, String label) {
    java.util.Objects.requireNonNull(fn, "cond(): " + label + " argument required");
    return () -> {
      Tensor t = fn.get();
      return t == null ? null : List.of(t);
    };
  }

  // ---- embeddings and sparse gradients (issue 14) ----

  /**
   * {@code tf.gradients(ys, xs, ...)} with TF's result types: an {@link IndexedSlices} where TF returns one (the
   * gradient of an embedding lookup's params), a {@link Tensor} elsewhere, {@code null} where unconnected. The
   * ops are those of {@link #gradients(List, List, GradientOptions)} without the final dense conversions.
   */
  public List<TensorLike> sparseGradients(List<? extends Tensor> ys, List<? extends Tensor> xs,
      GradientOptions options) {
    return graph.atomically(() -> new GradientBuilder(this, options).build(ys, xs));
  }

  /** {@link #sparseGradients(List, List, GradientOptions)} with TF's default options. */
  public List<TensorLike> sparseGradients(Tensor y, List<? extends Tensor> xs) {
    return sparseGradients(List.of(y), xs, GradientOptions.defaults());
  }

  /**
   * {@code tf.convert_to_tensor(value)}: a tensor as it is; an {@link IndexedSlices} summed into its dense shape
   * ({@code strided_slice/stack}, {@code …/stack_1}, {@code …/stack_2}, {@code strided_slice} = rows,
   * {@code UnsortedSegmentSum}), in the current name scope.
   */
  public Tensor convertToTensor(TensorLike value) {
    return convertToTensor(value, null);
  }

  /** {@link #convertToTensor(TensorLike)} naming the {@code UnsortedSegmentSum} op {@code name}. */
  public Tensor convertToTensor(TensorLike value, String name) {
    if (value instanceof Tensor t) {
      return t;
    }
    IndexedSlices s = (IndexedSlices) value;
    if (s.graph() != graph) {
      throw new GraphMismatchException(s + " is not from the passed-in graph.");
    }
    return graph.atomically(() -> {
      if (s.denseShape() == null) {
        throw new ScopeGraphException("Tensor conversion requested for IndexedSlices without dense_shape: " + s);
      }
      Tensor rows = IndexedSlicesOps.stridedSlice(this, s.denseShape(), new int[] {0}, new int[] {1}, new int[] {1},
          0, 0, 1);
      return IndexedSlicesOps.unsortedSegmentSum(this, s.values(), s.indices(), rows, name);
    });
  }

  /** {@code tf.gather(params, indices)}: along axis 0; {@code GatherV2/axis}, op {@code GatherV2}. */
  public Tensor gather(Tensor params, Tensor indices) {
    return gather(params, indices, 0, null);
  }

  public Tensor gather(Tensor params, Tensor indices, String name) {
    return gather(params, indices, 0, name);
  }

  public Tensor gather(Tensor params, Tensor indices, int axis) {
    return gather(params, indices, axis, null);
  }

  /**
   * {@code tf.gather(params, indices, axis=axis, name=name)} ({@code batch_dims} 0): the slices of {@code params}
   * at {@code indices} along {@code axis}, shape {@code params.shape[:axis] + indices.shape +
   * params.shape[axis+1:]}; an index out of range fails at run time ({@link InvalidArgumentException}
   * {@code indices[1] = 12 is not in [0, 10)}, naming the node). Its gradient along axis 0 is an
   * {@link IndexedSlices}.
   */
  public Tensor gather(Tensor params, Tensor indices, int axis, String name) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(params, indices);
      return IndexedSlicesOps.gather(this, params, indices, axis, name);
    });
  }

  /**
   * {@code tf.nn.embedding_lookup(params, ids)} on one tensor or variable: {@code embedding_lookup/axis},
   * {@code embedding_lookup} ({@code GatherV2} on the variable's {@code read}), {@code embedding_lookup/Identity}
   * (returned).
   */
  public Tensor embeddingLookup(Tensor params, Tensor ids) {
    return embeddingLookup(List.of(params), ids, "mod", null);
  }

  public Tensor embeddingLookup(Tensor params, Tensor ids, String name) {
    return embeddingLookup(List.of(params), ids, "mod", name);
  }

  /** {@code tf.nn.embedding_lookup} on a partitioned variable's shards, {@code partition_strategy="mod"}. */
  public Tensor embeddingLookup(PartitionedVariable params, Tensor ids) {
    return embeddingLookup(params.shards(), ids, "mod", null);
  }

  public Tensor embeddingLookup(PartitionedVariable params, Tensor ids, String partitionStrategy, String name) {
    return embeddingLookup(params.shards(), ids, partitionStrategy, name);
  }

  /**
   * {@code tf.nn.embedding_lookup(params, ids, partition_strategy, name)} on a list of shards (one shard: as
   * {@link #embeddingLookup(Tensor, Tensor)}). {@code "mod"}: id {@code i} is row {@code i / n} of shard
   * {@code i % n}; {@code "div"}: contiguous blocks, the first {@code total % n} shards one row larger.
   *
   * @throws ScopeGraphException {@code params must be specified}, {@code Need at least one param},
   *     {@code Unrecognized partition strategy: <s>}
   */
  public Tensor embeddingLookup(List<? extends Tensor> params, Tensor ids, String partitionStrategy, String name) {
    return graph.atomically(() -> EmbeddingLookup.build(this, params, ids,
        partitionStrategy == null ? "mod" : partitionStrategy, name));
  }

  /** {@code tf.unique(x, out_idx=int32)}: op {@code Unique}; returns {@code [y, idx]}. */
  public List<Tensor> unique(Tensor x) {
    return unique(x, null);
  }

  public List<Tensor> unique(Tensor x, String name) {
    return genOp("Unique", name, new Object[] {x}, new String[] {"x"},
        new Object[] {"T", x.dtype(), "out_idx", DType.INT32}).outputs();
  }

  /** {@code tf.math.unsorted_segment_sum(data, segment_ids, num_segments)}: op {@code UnsortedSegmentSum}. */
  public Tensor unsortedSegmentSum(Tensor data, Tensor segmentIds, Tensor numSegments) {
    return unsortedSegmentSum(data, segmentIds, numSegments, null);
  }

  public Tensor unsortedSegmentSum(Tensor data, Tensor segmentIds, Tensor numSegments, String name) {
    return genOp("UnsortedSegmentSum", name, new Object[] {data, segmentIds, numSegments},
        new String[] {"data", "segment_ids", "num_segments"}, new Object[] {"T", data.dtype(), "Tindices",
            segmentIds.dtype(), "Tnumsegments", numSegments.dtype()}).output(0);
  }

  /** {@code tf.dynamic_partition(data, partitions, num_partitions)}: op {@code DynamicPartition}, one output per partition. */
  public List<Tensor> dynamicPartition(Tensor data, Tensor partitions, int numPartitions) {
    return dynamicPartition(data, partitions, numPartitions, null);
  }

  public List<Tensor> dynamicPartition(Tensor data, Tensor partitions, int numPartitions, String name) {
    return genOp("DynamicPartition", name, new Object[] {data, partitions}, new String[] {"data", "partitions"},
        new Object[] {"T", data.dtype(), "num_partitions", (long) numPartitions}).outputs();
  }

  /** {@code tf.dynamic_stitch}'s parallel form ({@code data_flow_ops.parallel_dynamic_stitch}): op {@code ParallelDynamicStitch}. */
  public Tensor parallelDynamicStitch(List<? extends Tensor> indices, List<? extends Tensor> data) {
    return parallelDynamicStitch(indices, data, null);
  }

  public Tensor parallelDynamicStitch(List<? extends Tensor> indices, List<? extends Tensor> data, String name) {
    if (indices.size() != data.size() || indices.isEmpty()) {
      throw new IllegalArgumentException("ParallelDynamicStitch takes N >= 1 indices and N data, got "
          + indices.size() + " and " + data.size());
    }
    Object[] in = new Object[2 * indices.size()];
    String[] names = new String[in.length];
    for (int i = 0; i < indices.size(); i++) {
      in[i] = indices.get(i);
      in[indices.size() + i] = data.get(i);
      names[i] = "indices";
      names[indices.size() + i] = "data";
    }
    return genOp("ParallelDynamicStitch", name, in, names,
        new Object[] {"N", (long) indices.size(), "T", data.get(0).dtype()}).output(0);
  }

  /** {@code tf.scatter_sub(ref, indices, updates)}: {@code ref[indices[i]] -= updates[i]}; op {@code ScatterSub}. */
  public Tensor scatterSub(Variable ref, Tensor indices, Tensor updates) {
    return scatter("ScatterSub", ref, indices, updates, null);
  }

  /** {@code tf.scatter_add(ref, indices, updates)}: op {@code ScatterAdd}. */
  public Tensor scatterAdd(Variable ref, Tensor indices, Tensor updates) {
    return scatter("ScatterAdd", ref, indices, updates, null);
  }

  /** {@code tf.scatter_update(ref, indices, updates)}: op {@code ScatterUpdate}. */
  public Tensor scatterUpdate(Variable ref, Tensor indices, Tensor updates) {
    return scatter("ScatterUpdate", ref, indices, updates, null);
  }

  /** A {@code Scatter*} op of {@code type} on the variable itself (its reference), {@code use_locking} false. */
  private Tensor scatter(String type, Variable ref, Tensor indices, Tensor updates, String name) {
    return inScope(name, type, List.of(ref, indices, updates), scope -> graph.addNode(type, scope,
        new Tensor[] {ref, indices.value(), updates.value()},
        new Object[] {"T", ref.dtype(), "Tindices", indices.dtype(), "use_locking", false}));
  }
  /**
   * {@code tf.tuple(tensors)} over gradients of which some may be {@link IndexedSlices}: {@code tuple/group_deps}
   * and one {@code tuple/control_dependency[_k]} per entry (on an {@code IndexedSlices}' values, as TF's
   * {@code with_dependencies}); nulls stay null.
   */
  public List<TensorLike> sparseTuple(List<? extends TensorLike> tensors) {
    return graph.atomically(() -> IndexedSlicesOps.tuple(this, new ArrayList<>(tensors)));
  }

  /**
   * Python's {@code t[index]} ({@code _slice_helper}): scope {@code strided_slice}, constants {@code stack},
   * {@code stack_1}, {@code stack_2} (begin, end, strides) and op {@code StridedSlice} shrinking axis 0; e.g.
   * {@code shape[0]}.
   */
  public Tensor getItem(Tensor t, int index) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(t, null);
      return IndexedSlicesOps.stridedSlice(this, t, new int[] {index}, new int[] {index + 1}, new int[] {1}, 0, 0, 1);
    });
  }

  /** Python's {@code t[start:stop]} along axis 0 (a null bound is omitted: {@code x[1:]}, {@code x[:2]}). */
  public Tensor getSlice(Tensor t, Integer start, Integer stop) {
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(t, null);
      return IndexedSlicesOps.stridedSlice(this, t, new int[] {start == null ? 0 : start},
          new int[] {stop == null ? 0 : stop}, new int[] {1}, start == null ? 1 : 0, stop == null ? 1 : 0, 0);
    });
  }
}
