package io.scopegraph.tensorflow;

import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TF's {@code tf.train.init_from_checkpoint}: points variables' initializers at checkpoint tensors, by name or by
 * scope, with TensorFlow's mapping rules and texts. Each variable gets a {@code RestoreV2} named
 * {@code checkpoint_initializer} (uniquified, on the CPU) reading its tensor or its shard's slice, and an
 * {@code Assign} that becomes its initializer; the values load when the initializers run, so the graph does not
 * hold them. Every mapping is checked before the graph changes: a call that fails changes nothing.
 */
final class InitFromCheckpoint {
  /** One variable (or shard) to initialise from one checkpoint tensor (or slice of it). */
  private record Target(Variable variable, String tensorName, String sliceSpec) {}

  /** What a map value names: one variable, or the shards of one partitioned variable (each reads its slice). */
  private record Resolved(List<Variable> variables, boolean slices) {}

  private final Graph graph;
  private final String ckptDirOrFile;
  private final String ckptFile;
  private final Map<String, Shape> shapes;
  private final CheckpointReader reader;

  private InitFromCheckpoint(Graph graph, String ckptDirOrFile, CheckpointReader reader) {
    this.graph = graph;
    this.ckptDirOrFile = ckptDirOrFile;
    this.reader = reader;
    this.ckptFile = reader.prefix();
    this.shapes = new TreeMap<>(Saveables.PYTHON_ORDER);
    for (String key : reader.keys()) {
      shapes.put(key, reader.shape(key));
    }
  }

  static void run(Graph graph, String ckptDirOrFile, Map<String, ?> assignmentMap) {
    try (CheckpointReader reader = CheckpointReader.open(ckptDirOrFile)) {
      InitFromCheckpoint init = new InitFromCheckpoint(graph, ckptDirOrFile, reader);
      List<Target> targets = init.targets(assignmentMap);
      graph.atomically(() -> {
        targets.forEach(init::setInitializer);
        return null;
      });
    }
  }

  /** Resolves the whole map first ({@code sorted(assignment_map.items())}). */
  private List<Target> targets(Map<String, ?> assignmentMap) {
    Map<String, Variable> store = graph.variableStore();
    List<Target> targets = new ArrayList<>();
    Map<String, Object> sorted = new TreeMap<>(Saveables.PYTHON_ORDER);
    sorted.putAll(assignmentMap);
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      String ckptName = e.getKey();
      Object current = e.getValue();
      Resolved vars = explicitVariables(current);
      if (vars == null && current instanceof String name) {
        vars = fromStore(store, name);
      } else if (vars == null) {
        throw new CheckpointArgumentException("Assignment map value for " + ckptName + " must be a variable name, a "
            + "Variable, a PartitionedVariable or a list of Variables, got " + current);
      }
      if (vars != null) {
        if (!shapes.containsKey(ckptName)) {
          throw new CheckpointArgumentException("Tensor " + ckptName + " is not found in " + ckptDirOrFile
              + " checkpoint " + pythonDict());
        }
        targets.addAll(targetsOf(vars, ckptName));
      } else {
        targets.addAll(scopeTargets(store, ckptName, (String) current));
      }
    }
    return targets;
  }

  /** The variables a map value gives directly, or null for a name to look up. */
  private static Resolved explicitVariables(Object current) {
    if (current instanceof Variable v) {
      return new Resolved(List.of(v), false);
    }
    if (current instanceof PartitionedVariable p) {
      return new Resolved(p.shards(), true);
    }
    if (current instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(o -> o instanceof Variable)) {
      return new Resolved(list.stream().map(o -> (Variable) o).toList(), true);
    }
    return null;
  }

  /** A store variable of that name, else the shards {@code name/part_0}, {@code part_1}, …, else null. */
  private static Resolved fromStore(Map<String, Variable> store, String name) {
    Variable v = store.get(name);
    if (v != null) {
      return new Resolved(List.of(v), false);
    }
    List<Variable> parts = new ArrayList<>();
    for (int i = 0; store.containsKey(name + "/part_" + i); i++) {
      parts.add(store.get(name + "/part_" + i));
    }
    return parts.isEmpty() ? null : new Resolved(parts, true);
  }

  /** One-to-one: a variable (checked against the tensor's shape), or the shards of one (each reads its slice). */
  private List<Target> targetsOf(Resolved vars, String ckptName) {
    Shape stored = shapes.get(ckptName);
    if (!vars.slices()) {
      Variable v = vars.variables().get(0);
      if (!v.shape().isCompatibleWith(stored)) {
        throw new CheckpointArgumentException("Shape of variable " + v.name() + " (" + v.shape() + ") doesn't match "
            + "with shape of tensor " + ckptName + " (" + pythonList(stored) + ") from checkpoint reader.");
      }
      checkDType(v, ckptName);
      return List.of(new Target(v, ckptName, ""));
    }
    List<Target> out = new ArrayList<>();
    String sliceName = null;
    for (Variable v : vars.variables()) {
      Variable.SaveSliceInfo slice = v.saveSliceInfo();
      if (slice == null) {
        throw new CheckpointArgumentException("Slices must all be slices: " + v);
      }
      if (sliceName == null) {
        sliceName = slice.fullName();
      } else if (!sliceName.equals(slice.fullName())) {
        throw new CheckpointArgumentException("Slices must all be from the same tensor: " + sliceName + " != "
            + slice.fullName());
      }
      if (!slice.fullShape().equals(stored)) {
        throw new CheckpointArgumentException("Shape of partitioned variable " + slice.fullName() + " ("
            + slice.fullShape() + ") doesn't match with shape of tensor " + ckptName + " (" + pythonList(stored)
            + ") from checkpoint reader.");
      }
      checkDType(v, ckptName);
      out.add(new Target(v, ckptName, slice.spec()));
    }
    return out;
  }

  /** Caught here rather than when the initializer runs: TF's RestoreV2 would reject it then. */
  private void checkDType(Variable v, String ckptName) {
    String stored = reader.dtypeName(ckptName);
    if (!stored.equals(v.dtype().tfName())) {
      throw new CheckpointArgumentException("Variable " + v.name() + " is " + v.dtype() + " but tensor " + ckptName
          + " in " + ckptDirOrFile + " is " + stored + " (TensorFlow's RestoreV2 would fail with \"tensor_name = "
          + ckptName + "; expected dtype " + v.dtype().protoName() + " does not equal original dtype "
          + DataTypes.cppName(stored) + "\")");
    }
  }

  /** {@code "scope/": "other_scope/"}: every store variable under the scope, its name moved to the other scope. */
  private List<Target> scopeTargets(Map<String, Variable> store, String ckptName, String current) {
    String scopes = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
    if (!ckptName.endsWith("/")) {
      throw new CheckpointArgumentException("Assignment map with scope only name " + scopes + " should map to scope "
          + "only " + ckptName + ". Should be 'scope/': 'other_scope/'.");
    }
    TreeSet<String> scopeVariables = new TreeSet<>(Saveables.PYTHON_ORDER);
    for (String name : store.keySet()) {
      if (scopes.isEmpty() || name.startsWith(scopes + "/")) {
        int part = name.indexOf("/part_");
        scopeVariables.add(part >= 0 ? name.substring(0, part) : name);
      }
    }
    List<Target> out = new ArrayList<>();
    for (String varName : scopeVariables) {
      String full = varName.substring(scopes.length());
      if (!current.equals("/")) {
        full = full.substring(1);
      }
      if (!ckptName.equals("/")) {
        full = ckptName + full;
      }
      if (full.endsWith("/")) {
        full = full.substring(0, full.length() - 1);
      }
      if (!shapes.containsKey(full)) {
        String relative = varName.length() > scopes.length() ? varName.substring(scopes.length() + 1) : "";
        throw new CheckpointArgumentException("Tensor " + full + " (" + relative + " in " + ckptName + ") is not found "
            + "in " + ckptDirOrFile + " checkpoint");
      }
      out.addAll(targetsOf(fromStore(store, varName), full));
    }
    return out;
  }

  /** TF's {@code _set_checkpoint_initializer}, in the current name scope. Under the graph's atomic change. */
  private void setInitializer(Target t) {
    Ops tf = Ops.on(graph);
    Variable v = t.variable();
    Operation restore;
    try (NameScopeHandle scope = tf.nameScope("checkpoint_initializer")) {
      Tensor prefix = tf.constant(NdArray.scalar(ckptFile), "prefix");
      Tensor names = tf.constant(NdArray.of(t.tensorName()), "tensor_names");
      Tensor slices = tf.constant(NdArray.of(t.sliceSpec()), "shape_and_slices");
      String device = v.op().device().isEmpty() ? "/device:CPU:0" : v.op().device();
      restore = graph.opBuilder("RestoreV2", scope.name()).addInput(prefix).addInput(names).addInput(slices)
          .setAttr("dtypes", List.<Object>of(v.dtype())).setDevice(device).addOutput(v.dtype(), v.shape()).build();
    }
    Operation assign = graph.opBuilder("Assign", "Assign").addInput(v).addInput(restore.output(0))
        .setAttr("T", v.dtype()).setAttr("validate_shape", v.shape().isFullyDefined()).setAttr("use_locking", true)
        .addOutput(v.dtype(), v.shape()).build();
    v.setInitializer(assign);
  }

  /** The name → shape map as Python prints a dict of lists: {@code {'var1': [1, 10], 'var2': [10, 10]}}. */
  private String pythonDict() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Shape> e : shapes.entrySet()) {
      sb.append(sb.length() > 1 ? ", " : "").append('\'').append(e.getKey()).append("': ").append(pythonList(e.getValue()));
    }
    return sb.append('}').toString();
  }

  private static String pythonList(Shape shape) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.rank(); i++) {
      sb.append(i > 0 ? ", " : "").append(shape.dim(i));
    }
    return sb.append(']').toString();
  }
}
