package io.scopegraph;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * TF's variable rules: {@code tf.Variable} construction ({@code RefVariable._init_from_args}) and the
 * front of {@code get_variable} (scope defaults, custom getters); the store itself is {@link StoreGetter}.
 * Runs under the graph lock.
 */
final class Variables {
  private static final CodeSource RUNTIME = Graph.class.getProtectionDomain().getCodeSource();
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private Variables() {}

  /**
   * {@code tf.Variable(initial_value, name, dtype)}: a name scope {@code name} (default {@code Variable}) in
   * the current one; inside it the initial value ({@code initial_value}, or {@code Initializer/…} for a
   * function), the {@code VariableV2} op named like the scope, {@code Assign} and {@code read}.
   */
  static Variable create(Ops tf, Object initialValue, String name, DType dtype, boolean trainable,
      List<String> collections) {
    Graph graph = tf.graph();
    boolean fromFunction = initialValue instanceof Supplier;
    if (initialValue instanceof Tensor t) {
      graph.checkValuesFromThisGraph(t, null);
    }
    // RefVariable._init_from_args runs in init_scope: no control dependencies reach a variable's ops.
    return graph.withControlDependencies(null, () -> tf.inNameScope(name == null ? "Variable" : name, scope -> {
      Tensor init;
      if (fromFunction) {
        // TF builds the initial value outside every device scope (as if colocated with the variable to come).
        init = graph.inDevice(null, () -> tf.inNameScope("Initializer",
            s -> tf.toTensor(((Supplier<?>) initialValue).get(), dtype, "initial_value")));
      } else {
        init = tf.toTensor(initialValue, dtype, "initial_value");
      }
      if (!init.shape().isFullyDefined()) {
        throw new ScopeGraphException("initial_value must have a shape specified: " + init);
      }
      Variable v = (Variable) graph.addNode("VariableV2", scope, new Tensor[0],
          new Object[] {"shape", init.shape(), "dtype", init.dtype(), "container", "", "shared_name", ""});
      Tensor assign = tf.inNameScope("Assign", s -> tf.assignOp(v, init, s));
      Tensor read = graph.colocatedWith(v.op(), () -> tf.inNameScope("read", s -> graph.addNode("Identity", s,
          new Tensor[] {v}, v.dtype().typeAttr())));
      v.init(init, assign.op(), read, trainable);
      List<String> keys = new ArrayList<>(collections == null ? List.of(Graph.GLOBAL_VARIABLES) : collections);
      if (trainable && !keys.contains(Graph.TRAINABLE_VARIABLES)) {
        keys.add(Graph.TRAINABLE_VARIABLES);
      }
      for (String key : keys) {
        graph.addToCollectionLocked(key, v);
      }
      return v;
    }));
  }

  /** What {@code getVariable} is asked to return. */
  enum Result { VARIABLE, VALUE, PARTITIONED }

  /**
   * {@code tf.get_variable} ({@code VariableScope.get_variable}, {@code _VariableStore.get_variable}): applies the
   * current variable scope's defaults to the call's options, checks a constant initial value against an explicit
   * dtype, then runs the custom getter (the call's, else the scope's) around the store, all under the root name
   * scope. Atomic: a result of the wrong kind fails the whole call.
   */
  static Object getVariable(Ops tf, String name, Shape shape, DType dtype, Object initializer, boolean trainable,
      List<String> collections, Regularizer regularizer, Partitioner partitioner, CustomGetter customGetter,
      Constraint constraint, Result result) {
    Graph graph = tf.graph();
    return graph.atomically(() -> tf.atRoot(() -> {
      VarScope scope = graph.getVariableScope();
      boolean fromValue = initializer != null && !(initializer instanceof Initializer)
          && !(initializer instanceof Supplier);
      if (dtype != null && fromValue) {
        DType initType = initializer instanceof Tensor t ? t.dtype() : NdArray.of(initializer).dtype();
        if (initType != dtype) {
          throw new InvalidInitializerException("Initializer type '" + initType.repr() + "' and explicit dtype '"
              + dtype.repr() + "' don't match.");
        }
      }
      VariableRequest request = new VariableRequest(scope.fullName(name), shape,
          dtype != null ? dtype : scope.dtype(), initializer != null ? initializer : scope.initializer(),
          regularizer != null ? regularizer : scope.regularizer(), scope.reuse(), trainable, collections,
          partitioner != null ? partitioner : scope.partitioner(),
          constraint != null ? constraint : scope.constraint());
      CustomGetter custom = customGetter != null ? customGetter : scope.customGetter();
      StoreGetter store = new StoreGetter(tf, scope.name());
      if (result == Result.PARTITIONED) {
        PartitionedVariable p = custom == null ? store.getPartitioned(request) : custom.getPartitioned(store, request);
        if (p == null) {
          throw new VariableKindException("The custom getter of variable scope '" + scope.name() + "' returned null "
              + "for partitioned variable " + request.name() + ".");
        }
        return p;
      }
      Tensor value = custom == null ? store.get(request) : custom.get(store, request);
      if (value == null) {
        throw new VariableKindException("The custom getter of variable scope '" + scope.name() + "' returned null "
            + "for variable " + request.name() + ".");
      }
      if (result == Result.VARIABLE && !(value instanceof Variable)) {
        throw new VariableKindException("getVariable(\"" + name + "\") in variable scope '" + scope.name()
            + "' got " + value + " from its custom getter, which is not a Variable: call getVariableBuilder(\""
            + name + "\")…value() to take the custom getter's result as a Tensor.");
      }
      return value;
    }));
  }

  /** The innermost user frames (not this runtime's, not the JDK's), at most 5, as TF keeps for its message. */
  static List<StackTraceElement> callerFrames() {
    return WALKER.walk(frames -> frames
        .filter(f -> !isInternal(f.getDeclaringClass()))
        .limit(5)
        .map(StackWalker.StackFrame::toStackTraceElement)
        .toList());
  }

  private static boolean isInternal(Class<?> c) {
    String n = c.getName();
    if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")) {
      return true;
    }
    CodeSource source = c.getProtectionDomain().getCodeSource();
    return source != null && RUNTIME != null && source.getLocation() != null
        && source.getLocation().equals(RUNTIME.getLocation());
  }

  static String formatSite(List<StackTraceElement> site) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement e : site) {
      sb.append("  at ").append(e).append('\n');
    }
    return sb.toString();
  }
}
