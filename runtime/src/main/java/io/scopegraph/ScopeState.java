package io.scopegraph;

import java.lang.ref.WeakReference;
import java.util.HashMap;

/**
 * One thread's scope state in one graph: the name stack, the current variable scope, the default-name
 * counters of variable scopes, the device scopes, and the open scope entries. It never references the graph itself (only open
 * entries do, through their default-graph handle), so a graph used on a pooled thread can be collected once
 * its scopes are closed.
 */
final class ScopeState {
  final Thread owner = Thread.currentThread();
  /** Current name scope without trailing slash; {@code ""} at the root. */
  String nameStack = "";
  VarScope varScope;
  /**
   * {@code variable_scopes_count} of TF: full variable-scope name → times entered. A missing key means 0;
   * TF sets closed sub-scopes to 0, we remove them, which no lookup can tell apart.
   */
  HashMap<String, Integer> varScopeCounts = new HashMap<>();
  /** Innermost open scope entry, or null. */
  ScopeEntry top;
  /** Open device scopes ({@code tf.device}), innermost first. */
  DeviceStack devices = DeviceStack.EMPTY;
  /** The op new ops are colocated with ({@code ops.colocate_with}), or null; device scopes are then ignored. */
  Operation colocation;
  /**
   * Open {@code control_dependencies} blocks, innermost first, or null; {@code control_dependencies(None)} starts an empty
   * stack (saved and restored by its caller).
   */
  ControlDependencies controlDeps;
  /** The branch of a v1 {@code cond} being built ({@code graph._get_control_flow_context()}), or null. */
  CondContext condContext;

  ScopeState(WeakReference<Graph> graph) {
    varScope = VarScope.newRoot(graph);
  }

  int varScopeCount(String fullName) {
    return varScopeCounts.getOrDefault(fullName, 0);
  }

  void openVariableScope(String fullName) {
    varScopeCounts.merge(fullName, 1, Integer::sum);
  }

  /** TF's {@code close_variable_subscopes}: forget the counters of every scope below {@code fullName}. */
  void closeVariableSubscopes(String fullName) {
    String prefix = fullName + "/";
    varScopeCounts.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
