package io.scopegraph;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The options of {@code tf.variable_scope(name_or_scope, default_name, values, initializer, regularizer,
 * partitioner, custom_getter, reuse, dtype, constraint, auxiliary_name_scope)}, then {@link #enter()}:
 *
 * <pre>{@code
 * try (VarScope s = tf.variableScopeBuilder("tower").reuse(Reuse.AUTO).initializer(init).enter()) { … }
 * try (VarScope s = tf.variableScopeBuilder(null).defaultName("mysum").values(a, b).enter()) { … }
 * }</pre>
 */
public final class VarScopeBuilder {
  private final Graph graph;
  private final String name;
  private final VarScope scope;
  private String defaultName;
  private Iterable<? extends Tensor> values;
  private Reuse reuse = Reuse.FALSE;
  private Initializer initializer;
  private DType dtype;
  private Regularizer regularizer;
  private Partitioner partitioner;
  private CustomGetter customGetter;
  private Constraint constraint;
  private boolean auxiliaryNameScope = true;

  VarScopeBuilder(Graph graph, String name, VarScope scope) {
    this.graph = graph;
    this.name = name;
    this.scope = scope;
  }

  /** The name to uniquify ({@code mysum}, {@code mysum_1}, …) when no name is given. */
  public VarScopeBuilder defaultName(String defaultName) {
    this.defaultName = defaultName;
    return this;
  }

  /** The tensors the scope works on: they must come from this graph, which is the default graph inside. */
  public VarScopeBuilder values(Tensor... values) {
    return values(Arrays.asList(values));
  }

  /** The tensors the scope works on (see {@link #values(Tensor...)}). */
  public VarScopeBuilder values(Iterable<? extends Tensor> values) {
    this.values = values;
    return this;
  }

  /** {@code TRUE} or {@code AUTO} to share; {@code FALSE} (default) inherits the parent's mode. */
  public VarScopeBuilder reuse(Reuse reuse) {
    this.reuse = reuse == null ? Reuse.FALSE : reuse;
    return this;
  }

  /** Default initializer of variables created in this scope and its sub-scopes. */
  public VarScopeBuilder initializer(Initializer initializer) {
    this.initializer = initializer;
    return this;
  }

  /** Default dtype of variables created in this scope and its sub-scopes. */
  public VarScopeBuilder dtype(DType dtype) {
    this.dtype = dtype;
    return this;
  }

  /**
   * Regularizer of variables created in this scope and its sub-scopes; {@link Regularizers#none()} switches off
   * the one this scope would inherit.
   */
  public VarScopeBuilder regularizer(Regularizer regularizer) {
    this.regularizer = regularizer;
    return this;
  }

  /** Partitioner of variables created in this scope and its sub-scopes (scalars are never partitioned). */
  public VarScopeBuilder partitioner(Partitioner partitioner) {
    this.partitioner = partitioner;
    return this;
  }

  /**
   * Custom getter of {@code getVariable} in this scope and its sub-scopes. It wraps the getter the scope
   * would otherwise have (the parent's, or the captured scope's): this one runs first and calls that one
   * through its getter.
   */
  public VarScopeBuilder customGetter(CustomGetter customGetter) {
    this.customGetter = customGetter;
    return this;
  }

  /**
   * Constraint of variables created directly in this scope's entry: not inherited by sub-scopes, not kept
   * for a later re-entry of the captured scope (TF's rule).
   */
  public VarScopeBuilder constraint(Constraint constraint) {
    this.constraint = constraint;
    return this;
  }

  /**
   * {@code false}: open no name scope of its own, keep the current one ({@code auxiliary_name_scope=False},
   * meant for re-entering a captured scope without touching op names).
   */
  public VarScopeBuilder auxiliaryNameScope(boolean auxiliaryNameScope) {
    this.auxiliaryNameScope = auxiliaryNameScope;
    return this;
  }

  /** Enters the scope; close the returned {@link VarScope} to leave it. */
  public VarScope enter() {
    if (name == null && scope == null && defaultName == null) {
      throw new MissingScopeNameException("If default_name is null then name_or_scope is required");
    }
    boolean hasValues = graph.checkValuesFromThisGraph(values);
    if (name == null && scope == null && reuse.isSet()) {
      throw new InvalidReuseException("reuse=Reuse.TRUE cannot be used without a name_or_scope");
    }
    return graph.atomically(() -> {
      ScopeState s = graph.state();
      // Everything that can fail (name validation) happens in resolveNameScope, before any state changes.
      String nameScopeName; // the name scope to open, or null to stay in the current one
      if (!auxiliaryNameScope) {
        nameScopeName = null;
      } else if (scope != null) {
        nameScopeName = Names.lastComponent(scope.name());
      } else if (name != null) {
        nameScopeName = name;
      } else {
        nameScopeName = defaultName;
      }
      boolean opensNameScope = !auxiliaryNameScope || !nameScopeName.isEmpty();
      String newStack = nameScopeName == null ? s.nameStack
          : nameScopeName.isEmpty() ? s.nameStack : graph.resolveNameScope(s, nameScopeName);
      String enteredNameScope = newStack.isEmpty() ? "" : newStack + "/";

      String savedStack = s.nameStack;
      VarScope old = s.varScope;
      VarScope entered;
      HashMap<String, Integer> savedCounts = null;
      String closesSubscopesOf = null;
      graph.saveScopeCountsForUndo(s);
      if (scope != null) {
        entered = old.derive(scope.name(), scope.originalNameScope(), reuse.isSet() ? reuse : scope.reuse(),
            scope, constraint);
        applyOptions(entered, scope);
        s.openVariableScope(entered.name());
        savedCounts = new HashMap<>(s.varScopeCounts);
      } else {
        String relative = name != null ? name : uniqueVariableScope(s, defaultName);
        String fullName = old.name().isEmpty() ? relative : old.name() + "/" + relative;
        String originalNameScope = opensNameScope ? enteredNameScope : relative;
        entered = old.derive(fullName, originalNameScope, reuse.or(old.reuse()), old, constraint);
        applyOptions(entered, old);
        s.openVariableScope(fullName);
        closesSubscopesOf = fullName;
      }
      s.nameStack = newStack;
      s.varScope = entered;
      DefaultGraphHandle dflt = hasValues ? graph.asDefault() : null;
      entered.setEntry(ScopeEntry.variableScope(s, savedStack, old, savedCounts, closesSubscopesOf, dflt));
      return entered;
    });
  }

  /** The options given here override the defaults taken from {@code from}; a custom getter wraps its getter. */
  private void applyOptions(VarScope entered, VarScope from) {
    if (initializer != null) {
      entered.setInitializer(initializer);
    }
    if (regularizer != null) {
      entered.setRegularizer(regularizer);
    }
    if (partitioner != null) {
      entered.setPartitioner(partitioner);
    }
    if (customGetter != null) {
      entered.setCustomGetter(GetterChain.wrap(customGetter, from.customGetter()));
    }
    if (dtype != null) {
      entered.setDtype(dtype);
    }
  }

  /** TF's {@code _get_unique_variable_scope}: {@code prefix}, else the first free {@code prefix_k}. */
  private static String uniqueVariableScope(ScopeState s, String prefix) {
    String current = s.varScope.name();
    String full = current.isEmpty() ? prefix : current + "/" + prefix;
    if (s.varScopeCount(full) == 0) {
      return prefix;
    }
    int k = 1;
    while (s.varScopeCount(full + "_" + k) > 0) {
      k++;
    }
    return prefix + "_" + k;
  }
}
