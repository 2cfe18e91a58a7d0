package io.scopegraph;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * TF's variable rules: {@code tf.Variable} construction ({@code RefVariable._init_from_args}) and the
 * {@code get_variable} store logic ({@code _VariableStore._get_single_variable}). Runs under the graph lock.
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
      graph.checkValuesFromThisGraph(List.of(t));
    }
    return tf.inNameScope(name == null ? "Variable" : name, scope -> {
      Tensor init;
      if (fromFunction) {
        init = tf.inNameScope("Initializer",
            s -> tf.toTensor(((Supplier<?>) initialValue).get(), dtype, "initial_value"));
      } else {
        init = tf.toTensor(initialValue, dtype, "initial_value");
      }
      if (!init.shape().isFullyDefined()) {
        throw new ScopeGraphException("initial_value must have a shape specified: " + init);
      }
      Variable v = (Variable) graph.addOp("VariableV2", scope, new Tensor[0], new Operation[0],
          new Object[] {"shape", init.shape(), "dtype", init.dtype(), "container", "", "shared_name", ""},
          new DType[] {init.dtype()}, new Shape[] {init.shape()}).output(0);
      Tensor assign = tf.inNameScope("Assign", s -> tf.assignOp(v, init, s));
      Tensor read = tf.inNameScope("read", s -> graph.addOp("Identity", s, new Tensor[] {v},
          v.dtype().typeAttr(), v.dtype(), v.shape()));
      v.init(init, assign.op(), read, trainable);
      List<String> keys = new ArrayList<>(collections == null ? List.of(Graph.GLOBAL_VARIABLES) : collections);
      if (trainable && !keys.contains(Graph.TRAINABLE_VARIABLES)) {
        keys.add(Graph.TRAINABLE_VARIABLES);
      }
      for (String key : keys) {
        graph.addToCollectionLocked(key, v);
      }
      return v;
    });
  }

  /** {@code tf.get_variable}: shares or creates {@code <variable scope>/name}, ignoring name scopes. */
  static Variable getVariable(Ops tf, String name, Shape shape, DType dtype, Object initializer,
      boolean trainable, List<String> collections) {
    Graph graph = tf.graph();
    VarScope scope = graph.getVariableScope();
    String fullName = scope.fullName(name);
    boolean fromValue = initializer != null && !(initializer instanceof Initializer)
        && !(initializer instanceof Supplier);
    if (dtype != null && fromValue) {
      DType initType = initializer instanceof Tensor t ? t.dtype() : NdArray.of(initializer).dtype();
      if (initType != dtype) {
        throw new InvalidInitializerException(
            "Initializer type '" + initType.repr() + "' and explicit dtype '" + dtype.repr() + "' don't match.");
      }
    }
    Object init = initializer != null ? initializer : scope.initializer();
    DType type = dtype != null ? dtype : scope.dtype();
    if (shape != null && fromValue) {
      throw new InvalidInitializerException("If initializer is a constant, do not specify shape.");
    }
    Shape requested = shape == null ? Shape.unknown() : shape;
    Reuse reuse = scope.reuse();

    Variable found = graph.storedVariable(fullName);
    if (found != null) {
      if (reuse == Reuse.FALSE) {
        throw new VariableAlreadyExistsException("Variable " + fullName + " already exists, disallowed. Did you mean "
            + "to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope? Originally defined at:\n\n"
            + formatSite(found.creationSite()));
      }
      if (!requested.isCompatibleWith(found.shape())) {
        throw new VariableShapeMismatchException("Trying to share variable " + fullName + ", but specified shape "
            + requested + " and found shape " + found.shape() + ".");
      }
      if (type != found.dtype()) {
        throw new VariableDTypeMismatchException("Trying to share variable " + fullName + ", but specified dtype "
            + type + " and found dtype " + found.dtype() + ".");
      }
      return found;
    }
    if (reuse == Reuse.TRUE) {
      throw new VariableNotFoundException("Variable " + fullName + " does not exist, or was not created with "
          + "getVariable(). Did you mean to set reuse=Reuse.AUTO in VarScope?");
    }

    Object initialValue;
    DType variableType;
    if (fromValue) {
      initialValue = init;
      variableType = null;
    } else {
      Initializer fn = init instanceof Initializer i ? i
          : init == null ? (type.isFloating() ? Initializers.glorotUniform() : Initializers.zeros()) : null;
      if (fn != null && requested.isFullyDefined()) {
        initialValue = (Supplier<Tensor>) () -> fn.create(tf, requested, type);
        variableType = type;
      } else if (fn == null) {
        initialValue = init; // a no-argument function
        variableType = null;
      } else {
        throw new InvalidInitializerException("The initializer passed is not valid. It should be a callable with no "
            + "arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and "
            + "`shape` should be fully defined.");
      }
    }
    Variable v = tf.atRoot(() -> create(tf, initialValue, fullName, variableType, trainable, collections));
    v.setCreationSite(callerFrames());
    graph.storeVariable(fullName, v);
    return v;
  }

  /** The innermost user frames (not this runtime's, not the JDK's), at most 5, as TF keeps for its message. */
  private static List<StackTraceElement> callerFrames() {
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

  private static String formatSite(List<StackTraceElement> site) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement e : site) {
      sb.append("  at ").append(e).append('\n');
    }
    return sb.toString();
  }
}
