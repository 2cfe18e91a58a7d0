package io.scopegraph;

import java.util.HashMap;

/**
 * One entered scope on one thread: what to restore when it closes. Closing checks that it is the innermost
 * open scope of its thread and that it closes on that thread.
 */
final class ScopeEntry {
  private final String kind;
  private final ScopeState state;
  private final ScopeEntry parent;
  private final String savedNameStack;
  private final VarScope savedVarScope; // null for a name scope
  private final HashMap<String, Integer> savedCounts; // object entry: counters restored on exit
  private final String closesSubscopesOf; // string or default-name entry
  private final DefaultGraphHandle defaultGraph; // null when the graph was not made default
  private final DeviceStack savedDevices; // null unless a device scope
  private boolean closed;

  private ScopeEntry(String kind, ScopeState state, String savedNameStack, VarScope savedVarScope,
      HashMap<String, Integer> savedCounts, String closesSubscopesOf, DefaultGraphHandle defaultGraph,
      DeviceStack savedDevices) {
    this.kind = kind;
    this.state = state;
    this.parent = state.top;
    this.savedNameStack = savedNameStack;
    this.savedVarScope = savedVarScope;
    this.savedCounts = savedCounts;
    this.closesSubscopesOf = closesSubscopesOf;
    this.defaultGraph = defaultGraph;
    this.savedDevices = savedDevices;
    state.top = this;
  }

  static ScopeEntry nameScope(ScopeState state, String savedNameStack, DefaultGraphHandle defaultGraph) {
    return new ScopeEntry("name_scope", state, savedNameStack, null, null, null, defaultGraph, null);
  }

  static ScopeEntry variableScope(ScopeState state, String savedNameStack, VarScope savedVarScope,
      HashMap<String, Integer> savedCounts, String closesSubscopesOf, DefaultGraphHandle defaultGraph) {
    return new ScopeEntry("variable_scope", state, savedNameStack, savedVarScope, savedCounts,
        closesSubscopesOf, defaultGraph, null);
  }

  /** A device scope: closing it restores {@code savedDevices}; the name stack is left as it is then. */
  static ScopeEntry device(ScopeState state, DeviceStack savedDevices) {
    return new ScopeEntry("device scope", state, null, null, null, null, null, savedDevices);
  }

  void close() {
    if (closed) {
      return;
    }
    Thread current = Thread.currentThread();
    if (current != state.owner) {
      throw new ScopeNestingException("A " + kind + " opened on thread '" + state.owner.getName()
          + "' cannot be closed on thread '" + current.getName() + "'; scopes belong to the thread that opens them.");
    }
    if (state.top != this) {
      throw new ScopeNestingException(savedDevices != null
          ? "Exiting device scope without proper scope nesting." : "Improper nesting of " + kind + ".");
    }
    if (savedVarScope != null) {
      if (savedCounts != null) {
        state.varScopeCounts = savedCounts;
      } else {
        state.closeVariableSubscopes(closesSubscopesOf);
      }
      state.varScope = savedVarScope;
    }
    if (savedDevices != null) {
      state.devices = savedDevices;
    } else {
      state.nameStack = savedNameStack;
    }
    state.top = parent;
    closed = true;
    if (defaultGraph != null) {
      defaultGraph.close();
    }
  }
}
