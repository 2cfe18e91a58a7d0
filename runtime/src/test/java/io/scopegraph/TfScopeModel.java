package io.scopegraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reference model of TensorFlow 1.15's naming rules for one thread, written from TF's Python source (ops.py
 * {@code Graph.unique_name} / {@code name_scope} / {@code create_op}, variable_scope.py, variables.py) and
 * deliberately sharing no code with the runtime: a plain map of lower-cased names, a set of op names, a stack of
 * entries. {@link ScopePropertyTest} runs random call sequences on both and compares every answer.
 *
 * <p>It speaks the runtime's Java spellings where the runtime documents them (exception types,
 * {@code reuse=Reuse.TRUE}, {@code getVariable()}), and models its one documented deviation: a failed call
 * leaves nothing behind (TF would keep the names a failed op reserved). Every public method is such a call.
 */
final class TfScopeModel {
  /** What a call is expected to throw: the exception type and its message (or the message's start). */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final Class<? extends RuntimeException> type;
    final boolean prefixOnly;

    Failure(Class<? extends RuntimeException> type, String message, boolean prefixOnly) {
      super(message, null, false, false);
      this.type = type;
      this.prefixOnly = prefixOnly;
    }
  }

  /** A variable scope object ({@code VariableScope}); mutable, as {@code reuse_variables()} changes it. */
  static final class Scope {
    final String name;
    final String originalNameScope;
    Reuse reuse;

    Scope(String name, String originalNameScope, Reuse reuse) {
      this.name = name;
      this.originalNameScope = originalNameScope;
      this.reuse = reuse;
    }
  }

  /** A variable of the store: its shape, dtype and the name of its op. */
  record Var(String shape, DType dtype, String opName) {}

  /** What closing an entry restores. */
  private record Entry(String kind, String nameStack, Scope varScope, Map<String, Integer> counts,
      String closesSubscopesOf) {}

  // TF 1.15's _VALID_OP_NAME_REGEX (names at the root) and _VALID_SCOPE_NAME_REGEX (inside a scope).
  private static final Pattern OP_NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/]*");
  private static final Pattern SCOPE_NAME = Pattern.compile("[A-Za-z0-9_.\\-/]*");

  // Graph state (shared by threads in TF; one thread here).
  private Map<String, Integer> namesInUse = new HashMap<>(); // Graph._names_in_use, keys lower-cased
  private List<String> ops = new ArrayList<>(); // op names in creation order
  private Set<String> opSet = new HashSet<>(); // the C API's exact-name index
  private LinkedHashMap<String, Var> store = new LinkedHashMap<>(); // _VariableStore._vars
  // Thread state.
  private String nameStack = "";
  private Scope varScope = new Scope("", "", Reuse.FALSE);
  private Map<String, Integer> varScopeCounts = new HashMap<>(); // _VariableScopeStore.variable_scopes_count
  private Deque<Entry> entries = new ArrayDeque<>();

  List<String> ops() {
    return ops;
  }

  List<String> storeKeys() {
    return List.copyOf(store.keySet());
  }

  String nameStack() {
    return nameStack;
  }

  Scope varScope() {
    return varScope;
  }

  int openEntries() {
    return entries.size();
  }

  // ---------------------------------------------------------------------------------------------
  // The calls. Each runs as a transaction: on failure the state is put back.

  /** {@code graph.unique_name(name, mark_as_used)}. */
  String uniqueName(String name, boolean mark) {
    return transaction(() -> unique(name, mark));
  }

  /** {@code with g.name_scope(name) as scope}: returns what {@code as} yields. */
  String enterNameScope(String name) {
    return transaction(() -> {
      String saved = nameStack;
      nameStack = newNameStack(name);
      entries.push(new Entry("name_scope", saved, null, null, null));
      return name == null || name.isEmpty() ? "" : nameStack + "/";
    });
  }

  /** {@code tf.constant(0., name=name)}: {@code create_op} naming, no name scope of its own. */
  String constant(String name) {
    return transaction(() -> {
      String n = name == null ? "Const" : name;
      return createOp(n.endsWith("/") ? n.substring(0, n.length() - 1) : unique(n, true));
    });
  }

  /** {@code tf.no_op(name=name)}: a generated op wrapper, so the op is named like the name scope it opens. */
  String noOp(String name) {
    return transaction(() -> inNameScope(name == null ? "NoOp" : name, this::createOp));
  }

  /**
   * {@code tf.Variable(0., name=name)}: a name scope ({@code Variable} by default) in the current one, the
   * initial value converted in it, then the {@code VariableV2} op named exactly like the scope, {@code Assign},
   * {@code read}.
   */
  String variable(String name) {
    return transaction(() -> inNameScope(name == null ? "Variable" : name, scope -> {
      createOp(unique("initial_value", true));
      createOp(scope);
      inNameScope("Assign", this::createOp);
      inNameScope("read", this::createOp);
      return scope;
    }));
  }

  /** {@code with tf.variable_scope(name, reuse=reuse, auxiliary_name_scope=aux)}. */
  Scope enterVariableScope(String name, Reuse reuse, boolean aux) {
    return transaction(() -> {
      Scope parent = varScope;
      String full = parent.name.isEmpty() ? name : parent.name + "/" + name;
      String saved = nameStack;
      String yielded = aux ? yieldOf(nameStack = newNameStack(name)) : yieldOf(nameStack);
      return push(new Scope(full, yielded, reuse.isSet() ? reuse : parent.reuse), saved, parent, null, full);
    });
  }

  /** {@code with tf.variable_scope(None, default_name=defaultName, reuse=reuse, auxiliary_name_scope=aux)}. */
  Scope enterDefaultVariableScope(String defaultName, Reuse reuse, boolean aux) {
    return transaction(() -> {
      if (defaultName == null) {
        throw new Failure(MissingScopeNameException.class, "If default_name is null then name_or_scope is required",
            false);
      }
      if (reuse.isSet()) {
        throw new Failure(InvalidReuseException.class, "reuse=Reuse.TRUE cannot be used without a name_or_scope",
            false);
      }
      Scope parent = varScope;
      String saved = nameStack;
      String yielded = aux ? yieldOf(nameStack = newNameStack(defaultName)) : yieldOf(nameStack);
      String unique = uniqueVariableScope(defaultName);
      String full = parent.name.isEmpty() ? unique : parent.name + "/" + unique;
      return push(new Scope(full, yielded, parent.reuse), saved, parent, null, full);
    });
  }

  /** {@code with tf.variable_scope(captured, reuse=reuse, auxiliary_name_scope=aux)}. */
  Scope reenterVariableScope(Scope captured, Reuse reuse, boolean aux) {
    return transaction(() -> {
      String saved = nameStack;
      String last = captured.name.substring(captured.name.lastIndexOf('/') + 1);
      if (aux && !last.isEmpty()) {
        nameStack = newNameStack(last); // the last component, uniquified in the CURRENT name scope
      }
      Scope parent = varScope;
      Scope entered = new Scope(captured.name, captured.originalNameScope, reuse.isSet() ? reuse : captured.reuse);
      varScopeCounts.merge(captured.name, 1, Integer::sum);
      return push(entered, saved, parent, new HashMap<>(varScopeCounts), null);
    });
  }

  /** {@code tf.get_variable_scope().reuse_variables()}. */
  void reuseVariables() {
    varScope.reuse = Reuse.TRUE;
  }

  /** Closes the innermost open entry, or (depth > 0) the one {@code depth} below it, which must fail. */
  void close(int depth) {
    transaction(() -> {
      Entry e = List.copyOf(entries).get(depth);
      if (depth > 0) {
        throw new Failure(ScopeNestingException.class, "Improper nesting of " + e.kind + ".", false);
      }
      entries.pop();
      nameStack = e.nameStack;
      if (e.varScope != null) {
        varScope = e.varScope;
        if (e.counts != null) {
          varScopeCounts = e.counts;
        } else {
          varScopeCounts.keySet().removeIf(k -> k.startsWith(e.closesSubscopesOf + "/"));
        }
      }
      return null;
    });
  }

  /**
   * {@code tf.get_variable(name, shape, dtype, initializer=zeros_initializer())}: returns the variable's op name,
   * prefixed {@code created } or {@code reused }.
   */
  String getVariable(String name, String shape, DType dtype) {
    return transaction(() -> {
      String full = varScope.name.isEmpty() ? name : varScope.name + "/" + name;
      Reuse reuse = varScope.reuse;
      if (store.containsKey(full + "/part_0")) {
        throw new Failure(PartitionMismatchException.class, "No partitioner was provided, but a partitioned version "
            + "of the variable was found: " + full + "/part_0. Perhaps a variable of the same name was already "
            + "created with partitioning?", false);
      }
      Var found = store.get(full);
      if (found != null) {
        if (reuse == Reuse.FALSE) {
          throw new Failure(VariableAlreadyExistsException.class, "Variable " + full + " already exists, disallowed. "
              + "Did you mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope? Originally defined at:\n\n",
              true);
        }
        if (!found.shape.equals(shape)) { // both fully defined here
          throw new Failure(VariableShapeMismatchException.class, "Trying to share variable " + full
              + ", but specified shape " + shape + " and found shape " + found.shape + ".", false);
        }
        if (found.dtype != dtype) {
          throw new Failure(VariableDTypeMismatchException.class, "Trying to share variable " + full
              + ", but specified dtype " + dtype + " and found dtype " + found.dtype + ".", false);
        }
        return "reused " + found.opName;
      }
      if (reuse == Reuse.TRUE) {
        throw new Failure(VariableNotFoundException.class, "Variable " + full + " does not exist, or was not created "
            + "with getVariable(). Did you mean to set reuse=Reuse.AUTO in VarScope?", false);
      }
      // tf.Variable(name=full) under the root name scope (get_variable ignores name scopes).
      String saved = nameStack;
      nameStack = "";
      String op = inNameScope(full, scope -> {
        inNameScope("Initializer", init -> inNameScope("zeros", this::createOp));
        createOp(scope); // VariableV2, named exactly like its scope
        inNameScope("Assign", this::createOp);
        inNameScope("read", this::createOp);
        return scope;
      });
      nameStack = saved;
      store.put(full, new Var(shape, dtype, op));
      return "created " + op;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // TF's rules

  /** {@code Graph.unique_name}. */
  private String unique(String name, boolean mark) {
    if (!nameStack.isEmpty()) {
      name = nameStack + "/" + name;
    }
    String key = name.toLowerCase(Locale.ROOT);
    int i = namesInUse.getOrDefault(key, 0);
    if (mark) {
      namesInUse.put(key, i + 1);
    }
    if (i > 0) {
      String base = key;
      while (namesInUse.containsKey(key)) {
        key = base + "_" + i;
        i++;
      }
      if (mark) {
        namesInUse.put(key, 1);
      }
      name = name + "_" + (i - 1);
    }
    return name;
  }

  /** The name stack {@code Graph.name_scope(name)} sets: validate; null/"" resets; "x/" is absolute; else unique. */
  private String newNameStack(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    if (!(nameStack.isEmpty() ? OP_NAME : SCOPE_NAME).matcher(name).matches()) {
      throw new Failure(InvalidScopeNameException.class, "'" + name + "' is not a valid scope name", false);
    }
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : unique(name, true);
  }

  /** What {@code with name_scope(...) as s} yields for a (non-reset) stack. */
  private static String yieldOf(String stack) {
    return stack.isEmpty() ? "" : stack + "/";
  }

  /** Runs {@code body} with the name scope {@code name} open, as a generated op wrapper does. */
  private String inNameScope(String name, java.util.function.Function<String, String> body) {
    String saved = nameStack;
    nameStack = newNameStack(name);
    try {
      return body.apply(nameStack);
    } finally {
      nameStack = saved;
    }
  }

  /** The C API's checks of a final op name: the node-name pattern, then uniqueness (exact, case-sensitive). */
  private String createOp(String name) {
    if (!OP_NAME.matcher(name).matches()) {
      throw new Failure(InvalidOpNameException.class, "'" + name + "' is not a valid node name", false);
    }
    if (!opSet.add(name)) {
      throw new Failure(DuplicateOpNameException.class, "Duplicate node name in graph: '" + name + "'", false);
    }
    ops.add(name);
    return name;
  }

  /** {@code _get_unique_variable_scope(prefix)}: counters by full name, case-sensitive, separate from op names. */
  private String uniqueVariableScope(String prefix) {
    String full = varScope.name.isEmpty() ? prefix : varScope.name + "/" + prefix;
    if (varScopeCounts.getOrDefault(full, 0) == 0) {
      return prefix;
    }
    int k = 1;
    while (varScopeCounts.getOrDefault(full + "_" + k, 0) > 0) {
      k++;
    }
    return prefix + "_" + k;
  }

  /** Makes {@code entered} current; its exit restores the parent and either {@code counts} or clears sub-scopes. */
  private Scope push(Scope entered, String savedStack, Scope parent, Map<String, Integer> counts,
      String closesSubscopesOf) {
    if (closesSubscopesOf != null) {
      varScopeCounts.merge(closesSubscopesOf, 1, Integer::sum);
    }
    varScope = entered;
    entries.push(new Entry("variable_scope", savedStack, parent, counts, closesSubscopesOf));
    return entered;
  }

  // ---------------------------------------------------------------------------------------------
  // The runtime's deviation: a failed call leaves no trace.

  private <T> T transaction(java.util.function.Supplier<T> call) {
    Map<String, Integer> names = new HashMap<>(namesInUse);
    List<String> opList = new ArrayList<>(ops);
    Set<String> opNames = new HashSet<>(opSet);
    LinkedHashMap<String, Var> vars = new LinkedHashMap<>(store);
    String stack = nameStack;
    Scope scope = varScope;
    Map<String, Integer> counts = new HashMap<>(varScopeCounts);
    Deque<Entry> open = new ArrayDeque<>(entries);
    try {
      return call.get();
    } catch (Failure f) {
      namesInUse = names;
      ops = opList;
      opSet = opNames;
      store = vars;
      nameStack = stack;
      varScope = scope;
      varScopeCounts = counts;
      entries = open;
      throw f;
    }
  }
}
