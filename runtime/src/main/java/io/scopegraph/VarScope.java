package io.scopegraph;

import java.lang.ref.WeakReference;
import java.util.List;

/**
 * A variable scope ({@code tf.VariableScope}): its full name (which prefixes {@code getVariable} names),
 * the name scope it opened, its reuse mode and its defaults for new variables.
 *
 * <p>Each entry of a variable scope yields a new {@code VarScope}, which is also the handle of that entry:
 * use it in try-with-resources, capture it, and re-enter it later with {@link Ops#variableScope(VarScope)}.
 * Closing it ends the entry (innermost first, on the thread that opened it, else
 * {@link ScopeNestingException} "Improper nesting of variable_scope."). The root scope has no entry.
 */
public final class VarScope implements AutoCloseable {
  private final WeakReference<Graph> graph; // weak: scopes live in thread-locals
  private final String name;
  private final String originalNameScope;
  private Reuse reuse;
  private Initializer initializer;
  private DType dtype;
  private Regularizer regularizer;
  private Partitioner partitioner;
  private CustomGetter customGetter;
  private final Constraint constraint;
  private ScopeEntry entry; // null for the root scope

  private VarScope(WeakReference<Graph> graph, String name, String originalNameScope, Reuse reuse,
      Constraint constraint) {
    this.graph = graph;
    this.name = name;
    this.originalNameScope = originalNameScope;
    this.reuse = reuse;
    this.constraint = constraint;
  }

  static VarScope newRoot(WeakReference<Graph> graph) {
    VarScope root = new VarScope(graph, "", "", Reuse.FALSE, null);
    root.dtype = DType.FLOAT32;
    return root;
  }

  /**
   * A scope in the same graph as this one, with the defaults (initializer, dtype, regularizer, partitioner,
   * custom getter) of {@code defaults}: the parent for a sub-scope, the captured scope for a re-entry. The
   * constraint is never carried over: it is the entering call's.
   */
  VarScope derive(String name, String originalNameScope, Reuse reuse, VarScope defaults, Constraint constraint) {
    VarScope s = new VarScope(graph, name, originalNameScope, reuse, constraint);
    s.initializer = defaults.initializer;
    s.dtype = defaults.dtype;
    s.regularizer = defaults.regularizer;
    s.partitioner = defaults.partitioner;
    s.customGetter = defaults.customGetter;
    return s;
  }

  void setEntry(ScopeEntry entry) {
    this.entry = entry;
  }

  /** Full name, e.g. {@code "tower5/bar"}; {@code ""} for the root scope. */
  public String name() {
    return name;
  }

  /**
   * The name scope this variable scope opened when it was first entered by name, with trailing slash
   * ({@code "ns/foo_1/"}); kept when the scope is re-entered as an object.
   */
  public String originalNameScope() {
    return originalNameScope;
  }

  public Reuse reuse() {
    return reuse;
  }

  /** Switches this scope to reuse mode ({@code scope.reuse_variables()}); sub-scopes entered later inherit it. */
  public void reuseVariables() {
    reuse = Reuse.TRUE;
  }

  /** The default initializer for new variables here, or null for the dtype's default. */
  public Initializer initializer() {
    return initializer;
  }

  /** Sets the default initializer ({@code scope.set_initializer}). */
  public void setInitializer(Initializer initializer) {
    this.initializer = initializer;
  }

  /** The default dtype of new variables here ({@code float32} at the root). */
  public DType dtype() {
    return dtype;
  }

  /** Sets the default dtype ({@code scope.set_dtype}). */
  public void setDtype(DType dtype) {
    this.dtype = dtype;
  }

  /** The regularizer of new variables here (inherited by sub-scopes), or null for none. */
  public Regularizer regularizer() {
    return regularizer;
  }

  /**
   * Sets the regularizer ({@code scope.set_regularizer}) for variables created from now on;
   * {@link Regularizers#none()} switches regularization off, {@code null} too.
   */
  public void setRegularizer(Regularizer regularizer) {
    this.regularizer = regularizer;
  }

  /** The partitioner of new variables here (inherited by sub-scopes), or null. */
  public Partitioner partitioner() {
    return partitioner;
  }

  /** Sets the partitioner ({@code scope.set_partitioner}); {@code null} for none. */
  public void setPartitioner(Partitioner partitioner) {
    this.partitioner = partitioner;
  }

  /** The custom getter of {@code getVariable} here (inherited by sub-scopes, which wrap it), or null. */
  public CustomGetter customGetter() {
    return customGetter;
  }

  /** Replaces the custom getter ({@code scope.set_custom_getter}); {@code null} for none. */
  public void setCustomGetter(CustomGetter customGetter) {
    this.customGetter = customGetter;
  }

  /**
   * The constraint of new variables here: only the one given when entering this scope (sub-scopes do not
   * inherit it, re-entering a captured scope does not carry it), or null.
   */
  public Constraint constraint() {
    return constraint;
  }

  /**
   * The items of collection {@code key} whose names start with this scope's name and a slash
   * ({@code scope.get_collection(key)}); everything at the root.
   */
  public List<Object> collection(String key) {
    Graph g = graph.get();
    if (g == null) {
      throw new IllegalStateException("The graph of variable scope '" + name + "' no longer exists.");
    }
    return g.collection(key, name.isEmpty() ? "" : name + "/");
  }

  /** The global variables created in this scope ({@code scope.global_variables()}). */
  public List<Variable> globalVariables() {
    return variablesIn(Graph.GLOBAL_VARIABLES);
  }

  /** The trainable variables created in this scope ({@code scope.trainable_variables()}). */
  public List<Variable> trainableVariables() {
    return variablesIn(Graph.TRAINABLE_VARIABLES);
  }

  /** The local variables created in this scope ({@code scope.local_variables()}). */
  public List<Variable> localVariables() {
    return variablesIn(Graph.LOCAL_VARIABLES);
  }

  /** The regularization losses of variables created in this scope (named {@code <scope>/…/Regularizer/…}). */
  public List<Tensor> regularizationLosses() {
    return Graph.only(Tensor.class, collection(Graph.REGULARIZATION_LOSSES));
  }

  private List<Variable> variablesIn(String key) {
    return Graph.only(Variable.class, collection(key));
  }

  /** The full name of variable {@code varName} in this scope. */
  String fullName(String varName) {
    return name.isEmpty() ? varName : name + "/" + varName;
  }

  /** Ends this entry of the scope. */
  @Override
  public void close() {
    if (entry == null) {
      throw new ScopeNestingException("The root variable scope was not entered, so it cannot be closed.");
    }
    entry.close();
  }

  @Override
  public String toString() {
    return "VarScope(name='" + name + "', reuse=" + reuse + ")";
  }
}
