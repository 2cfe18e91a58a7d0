package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.NdArray;
import io.scopegraph.OpBuilder;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.SaverDef;

/**
 * The graph ops of a {@code Saver}, named as TensorFlow 1.15's {@code BulkSaverBuilder} names them, so that an
 * exported graph saves and restores on TensorFlow through its {@code SaverDef}: in a name scope {@code save}
 * ({@code save_1}, … for more savers), {@code filename/input} and {@code filename}, the feedable prefix
 * {@code Const} (a {@code PlaceholderWithDefault}), {@code SaveV2} with its {@code tensor_names} and
 * {@code shape_and_slices}, {@code control_dependency}, one {@code RestoreV2} on the CPU, {@code Assign},
 * {@code Assign_1}, … one per saveable, and {@code restore_all}.
 *
 * @param filename the prefix tensor to feed ({@code save/Const:0})
 * @param save the tensor whose evaluation writes the checkpoint ({@code save/control_dependency:0})
 * @param restore the op that restores every variable ({@code save/restore_all})
 * @param saveables what is saved, in {@code SaveV2}'s order
 */
record SaverOps(Tensor filename, Tensor save, Operation restore, List<Saveable> saveables) {

  /** Builds the ops in the current name scope of {@code graph}; atomic. */
  static SaverOps build(Graph graph, List<Saveable> saveables, String name, String filename) {
    Ops tf = Ops.on(graph);
    return graph.atomically(() -> {
      try (NameScopeHandle scope = tf.nameScope(name, "save")) {
        Tensor file = tf.placeholderWithDefault(filename == null ? "model" : filename, Shape.scalar(), "filename");
        Tensor prefix = tf.placeholderWithDefault(file, Shape.scalar(), "Const"); // "Const" for compatibility
        Operation save = saveV2(tf, prefix, saveables);
        Tensor saveTensor;
        try (NameScopeHandle dep = tf.nameScope("control_dependency")) {
          saveTensor = graph.opBuilder("Identity", dep.name()).addInput(prefix).addControlInput(save)
              .setAttr("T", DType.STRING).addOutput(DType.STRING, Shape.scalar()).build().output(0);
        }
        Operation restoreV2 = restoreV2(tf, prefix, saveables);
        List<Operation> assigns = new ArrayList<>();
        for (int i = 0; i < saveables.size(); i++) {
          Variable v = saveables.get(i).variable();
          assigns.add(graph.opBuilder("Assign", "Assign").addInput(v).addInput(restoreV2.output(i))
              .setAttr("T", v.dtype()).setAttr("validate_shape", v.shape().isFullyDefined())
              .setAttr("use_locking", true).addOutput(v.dtype(), v.shape()).build());
        }
        OpBuilder restoreAll = graph.opBuilder("NoOp", "restore_all");
        assigns.forEach(restoreAll::addControlInput);
        return new SaverOps(prefix, saveTensor, restoreAll.build(), List.copyOf(saveables));
      }
    });
  }

  /**
   * The saver of ops that already exist, as {@code saver_def} names them (a graph TensorFlow or this module
   * exported): what it saves is read off its restore op, whose {@code Assign}s (behind {@code NoOp}s, for a
   * sharded saver) take {@code RestoreV2} outputs, whose keys and slice specs are constants.
   */
  static Saver saverOf(Graph graph, SaverDef def) {
    Tensor filename = tensor(graph, def.getFilenameTensorName(), "filename_tensor_name");
    Tensor save = tensor(graph, def.getSaveTensorName(), "save_tensor_name");
    Operation restore = graph.operation(def.getRestoreOpName());
    if (restore == null) {
      throw new InvalidGraphDefException("saver_def names restore op '" + def.getRestoreOpName()
          + "', which the graph lacks");
    }
    List<Saveable> saveables = new ArrayList<>();
    collectAssigns(restore, saveables);
    return new Saver(graph, new SaverOps(filename, save, restore, List.copyOf(saveables)), def);
  }

  /** A tensor by name; TensorFlow Java writes an op name for output 0 ({@code save/control_dependency}). */
  private static Tensor tensor(Graph graph, String name, String field) {
    Tensor t = graph.tensor(name.contains(":") ? name : name + ":0");
    if (t == null) {
      throw new InvalidGraphDefException("saver_def names " + field + " '" + name + "', which the graph lacks");
    }
    return t;
  }

  private static void collectAssigns(Operation op, List<Saveable> out) {
    for (Operation control : op.controlInputs()) {
      if (control.type().equals("NoOp")) {
        collectAssigns(control, out);
      } else if (control.type().equals("Assign") && control.input(0) instanceof Variable v) {
        Tensor value = control.input(1);
        while (!value.op().type().equals("RestoreV2") && value.op().numInputs() > 0
            && (value.op().type().equals("Reshape") || value.op().type().equals("Identity"))) {
          value = value.op().input(0);
        }
        Operation restoreV2 = value.op();
        if (!restoreV2.type().equals("RestoreV2")) {
          throw new InvalidGraphDefException(control + " of the saver does not restore from a RestoreV2 op");
        }
        String[] keys = constantStrings(restoreV2, 1);
        String[] slices = constantStrings(restoreV2, 2);
        if (value.index() >= keys.length || value.index() >= slices.length) {
          throw new InvalidGraphDefException(restoreV2 + " restores output " + value.index() + ", but its constants "
              + "name " + keys.length + " keys and " + slices.length + " slices");
        }
        String key = keys[value.index()];
        String slice = slices[value.index()];
        out.add(new Saveable(key, v, slice));
      }
    }
  }

  private static String[] constantStrings(Operation restoreV2, int input) {
    Operation source = restoreV2.input(input).op();
    if (source.type().equals("ZerosLike")) { // TensorFlow Java's saver: no slices, as empty strings like the names
      String[] empty = new String[constantStrings(source, 0).length];
      java.util.Arrays.fill(empty, "");
      return empty;
    }
    if (!source.type().equals("Const") || !(source.attr("value") instanceof NdArray value) || !value.dtype().isString()) {
      throw new InvalidGraphDefException(restoreV2 + " takes its keys from " + source + ", not a string constant");
    }
    return value.toStringArray();
  }

  private static Operation saveV2(Ops tf, Tensor prefix, List<Saveable> saveables) {
    try (NameScopeHandle scope = tf.nameScope("SaveV2")) {
      OpBuilder op = tf.graph().opBuilder("SaveV2", scope.name()).addInput(prefix);
      addNamesAndSlices(tf, op, saveables);
      List<Object> dtypes = new ArrayList<>();
      for (Saveable s : saveables) {
        op.addInput(s.variable());
        dtypes.add(s.variable().dtype());
      }
      return op.setAttr("dtypes", dtypes).build();
    }
  }

  private static Operation restoreV2(Ops tf, Tensor prefix, List<Saveable> saveables) {
    try (NameScopeHandle scope = tf.nameScope("RestoreV2")) {
      OpBuilder op = tf.graph().opBuilder("RestoreV2", scope.name()).addInput(prefix).setDevice("/device:CPU:0");
      addNamesAndSlices(tf, op, saveables);
      List<Object> dtypes = new ArrayList<>();
      for (Saveable s : saveables) {
        dtypes.add(s.variable().dtype());
        // TF's shape function knows a slice's shape from its spec; a whole tensor's shape only when read.
        op.addOutput(s.variable().dtype(), s.isSlice() ? s.variable().shape() : Shape.unknown());
      }
      return op.setAttr("dtypes", dtypes).build();
    }
  }

  private static void addNamesAndSlices(Ops tf, OpBuilder op, List<Saveable> saveables) {
    String[] names = new String[saveables.size()];
    String[] slices = new String[saveables.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = saveables.get(i).key();
      slices[i] = saveables.get(i).sliceSpec();
    }
    op.addInput(tf.constant(NdArray.of(names), "tensor_names"));
    op.addInput(tf.constant(NdArray.of(slices), "shape_and_slices"));
  }
}
