package io.scopegraph;

import io.scopegraph.kernels.RunPlan;
import java.util.List;

/**
 * TF 1.x control-flow ops of a {@code cond}: {@code Switch} forwards {@code data} to {@code output_false} or
 * {@code output_true} as {@code pred} says, the other output being dead; {@code RefSwitch} does so for a
 * variable reference; {@code Merge} forwards the first of its {@code inputs} that is alive, with its index
 * ({@code value_index}). Dead values ({@link RunPlan#DEAD}) are the executor's business: an op with a dead input
 * does not run and its outputs are dead (see {@link Session}); only these kernels produce or look at them.
 */
final class ControlFlowOpDefs {
  private ControlFlowOpDefs() {}

  static List<OpDef> all() {
    return List.of(
        OpDef.builder("Switch").inputs("data", "pred")
            .shape(ControlFlowOpDefs::switchShape)
            .multiKernelOf((op, state) -> in -> pick(op, in[1], in[0]))
            .gradient(ControlFlowGrad::switchGrad)
            .build(),
        OpDef.builder("RefSwitch").inputs("data", "pred").refInputs(0)
            // The reference itself is not a value: a live output carries RunPlan.REF (a RefSwitch feeds ops that
            // write the variable, which find it through variableBehind), unless the reference it forwards is dead.
            .shape(ControlFlowOpDefs::switchShape)
            .multiKernelOf((op, state) -> in -> pick(op, in[1], in[0] == RunPlan.DEAD ? RunPlan.DEAD : RunPlan.REF))
            .gradient(ControlFlowGrad::switchGrad)
            .build(),
        OpDef.builder("Merge")
            .inputCount(attrs -> attrs.get("N") instanceof Number n ? n.intValue() : -1)
            .shape(ControlFlowOpDefs::mergeShape)
            .multiKernelOf((op, state) -> ControlFlowOpDefs::merge)
            .gradient(ControlFlowGrad::mergeGrad)
            .build());
  }

  /** Switch's outputs (false, true): {@code data} on the side {@code pred} names, dead on the other. */
  private static NdArray[] pick(Operation op, NdArray pred, NdArray data) {
    if (pred.shape().rank() != 0) {
      throw new InvalidArgumentException("The second input must be a scalar, but it has shape " + pred.shape()
          .toDimsString() + " (" + op.type() + " '" + op.name() + "')");
    }
    return (Boolean) pred.scalarValue() ? new NdArray[] {RunPlan.DEAD, data} : new NdArray[] {data, RunPlan.DEAD};
  }

  /** The first live input and its index; both outputs dead when every input is. */
  private static NdArray[] merge(NdArray[] in) {
    for (int i = 0; i < in.length; i++) {
      if (in[i] != RunPlan.DEAD) {
        return new NdArray[] {in[i], NdArray.scalar(i)};
      }
    }
    return new NdArray[] {RunPlan.DEAD, RunPlan.DEAD};
  }

  /** TF's {@code SwitchShape}: {@code pred} a bool scalar; both outputs like {@code data}. */
  private static List<OutputSpec> switchShape(OpContext node) {
    Tensor data = node.input(0);
    Tensor pred = node.input(1);
    if (pred.dtype() != DType.BOOL) {
      throw new DTypeMismatchException("Input 'pred' of '" + node.type() + "' Op has type " + pred.dtype()
          + " that does not match expected type of bool.");
    }
    if (pred.shape().hasKnownRank() && pred.shape().rank() != 0) {
      throw new IncompatibleShapesException("Shape must be rank 0 but is rank " + pred.shape().rank() + " for '"
          + node.name() + "' (op: '" + node.type() + "') with input shapes: " + data.shape().toDimsString() + ", "
          + pred.shape().toDimsString() + ".");
    }
    OutputSpec out = new OutputSpec(data.dtype(), data.shape());
    return List.of(out, out);
  }

  /**
   * TF's {@code MergeShape}: the first input's shape with the dimensions where the inputs differ unknown (any
   * input of unknown or another rank: unknown); {@code value_index} an int32 scalar. All inputs of one dtype.
   */
  private static List<OutputSpec> mergeShape(OpContext node) {
    Tensor first = node.input(0);
    Shape out = first.shape();
    for (int i = 1; i < node.numInputs(); i++) {
      Tensor in = node.input(i);
      if (in.dtype() != first.dtype()) {
        throw new DTypeMismatchException("Input 'inputs' of 'Merge' Op has type list of " + first.dtype()
            + ", " + in.dtype() + " that does not match a list of one type (element " + i + ")");
      }
      out = relax(out, in.shape());
    }
    return List.of(new OutputSpec(first.dtype(), out), new OutputSpec(DType.INT32, Shape.scalar()));
  }

  private static Shape relax(Shape a, Shape b) {
    if (!a.hasKnownRank() || !b.hasKnownRank() || a.rank() != b.rank()) {
      return Shape.unknown();
    }
    long[] dims = a.dims().clone();
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] != b.dims()[d]) {
        dims[d] = -1;
      }
    }
    return Shape.of(dims);
  }

  /**
   * The {@code VariableV2} op a reference input names, looking through the {@code RefSwitch}es a cond puts on
   * it; null when {@code ref} is no variable reference.
   */
  static Operation variableBehind(Tensor ref) {
    Operation op = ref.op();
    while (op.type().equals("RefSwitch")) {
      op = op.input(0).op();
    }
    return op.type().equals("VariableV2") ? op : null;
  }
}
