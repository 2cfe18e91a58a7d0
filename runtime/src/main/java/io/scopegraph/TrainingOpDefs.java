package io.scopegraph;

import io.scopegraph.kernels.SessionState;
import io.scopegraph.kernels.ShapeFunctions;
import io.scopegraph.kernels.TrainingKernels;
import java.util.List;

/**
 * The dense optimizer updates and the in-place variable arithmetic of TF 1.15 ({@code training_ops.cc},
 * {@code state_ops.cc}): {@code ApplyGradientDescent}, {@code ApplyMomentum}, {@code ApplyAdam},
 * {@code ApplyRMSProp}, {@code ApplyCenteredRMSProp}, {@code ApplyAdagrad}, {@code AssignAdd},
 * {@code AssignSub}. Inputs carry TF's argument names; the variable and its slots are reference inputs, which
 * the kernels read and write through the session's {@link SessionState} (the math is {@link TrainingKernels}).
 * Each op outputs the variable's new value ({@code out}, TF's {@code Ref(T)}), of the variable's dtype and shape.
 */
final class TrainingOpDefs {
  private TrainingOpDefs() {}

  static List<OpDef> all() {
    return List.of(
        apply("ApplyGradientDescent", new String[] {"var", "alpha", "delta"}, 1,
            (t, in, n) -> ShapeFunctions.applyGradientDescent(t, in[0], in[1], in[2], n),
            (op, in, refs) -> new NdArray[] {TrainingKernels.applyGradientDescent(refs[0], in[1], in[2])}),
        apply("ApplyMomentum", new String[] {"var", "accum", "lr", "grad", "momentum"}, 2,
            (t, in, n) -> ShapeFunctions.applyMomentum(t, in[0], in[1], in[2], in[3], in[4], n),
            (op, in, refs) -> TrainingKernels.applyMomentum(refs[0], refs[1], in[2], in[3], in[4],
                Boolean.TRUE.equals(op.attr("use_nesterov")))),
        apply("ApplyAdam", new String[] {"var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2",
            "epsilon", "grad"}, 3,
            (t, in, n) -> ShapeFunctions.applyAdam(t, in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7], in[8],
                in[9], n),
            (op, in, refs) -> TrainingKernels.applyAdam(refs[0], refs[1], refs[2], in[3], in[4], in[5], in[6],
                in[7], in[8], in[9], Boolean.TRUE.equals(op.attr("use_nesterov")))),
        apply("ApplyRMSProp", new String[] {"var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"}, 3,
            (t, in, n) -> ShapeFunctions.applyRMSProp(t, in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7], n),
            (op, in, refs) -> TrainingKernels.applyRMSProp(refs[0], refs[1], refs[2], in[3], in[4], in[5], in[6],
                in[7])),
        apply("ApplyCenteredRMSProp", new String[] {"var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon",
            "grad"}, 4,
            (t, in, n) -> ShapeFunctions.applyCenteredRMSProp(t, in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7],
                in[8], n),
            (op, in, refs) -> TrainingKernels.applyCenteredRMSProp(refs[0], refs[1], refs[2], refs[3], in[4], in[5],
                in[6], in[7], in[8])),
        apply("ApplyAdagrad", new String[] {"var", "accum", "lr", "grad"}, 2,
            (t, in, n) -> ShapeFunctions.applyAdagrad(t, in[0], in[1], in[2], in[3], n),
            (op, in, refs) -> TrainingKernels.applyAdagrad(refs[0], refs[1], in[2], in[3],
                !Boolean.FALSE.equals(op.attr("update_slots")))),
        assignUpdate("AssignAdd", true),
        assignUpdate("AssignSub", false));
  }

  /** TF's shape function of one op type ({@link ShapeFunctions}): from {@code T} and the input shapes. */
  @FunctionalInterface
  private interface Shapes {
    ShapeFunctions.Output of(DType t, Shape[] inputs, String opName);
  }

  /**
   * An {@code Apply*} op: inputs {@code 0 .. numRefs-1} are the variable and its slots (references, of one shape
   * and dtype); all inputs have the variable's dtype.
   */
  private static OpDef apply(String type, String[] inputs, int numRefs, Shapes shapes, RefUpdate update) {
    int[] refs = new int[numRefs];
    for (int i = 0; i < numRefs; i++) {
      refs[i] = i;
    }
    return OpDef.builder(type).inputs(inputs).refInputs(refs)
        .shape(node -> {
          DType dtype = node.dtypeOfInput(0);
          if (!dtype.isFloating()) {
            throw new DTypeMismatchException("Value passed to parameter 'var' has DataType " + dtype
                + " not in list of allowed values: float32, float64 (op " + type + ")");
          }
          Shape[] in = new Shape[inputs.length];
          for (int i = 0; i < inputs.length; i++) {
            if (i > 0) {
              node.requireSameDType(0, "var", i, inputs[i]);
            }
            in[i] = node.input(i).shape();
          }
          ShapeFunctions.Output out = shapes.of(dtype, in, node.name());
          return OpContext.one(out.dtype(), out.shape());
        })
        .kernelOf(update.kernel(numRefs, TrainingOpDefs::variableOf))
        .build();
  }

  /** {@code AssignAdd} / {@code AssignSub}: {@code ref += value} / {@code ref -= value}; outputs the new value. */
  private static OpDef assignUpdate(String type, boolean add) {
    return OpDef.builder(type).inputs("ref", "value").refInputs(0)
        .shape(node -> {
          node.requireSameDType(0, "ref", 1, "value");
          DType dtype = node.input(0).dtype();
          if (!dtype.isNumeric()) {
            throw new DTypeMismatchException("Value passed to parameter 'ref' has DataType " + dtype
                + " not in list of allowed values: float32, float64, int32, int64 (op " + type + ")");
          }
          ShapeFunctions.Output out = add
              ? ShapeFunctions.assignAdd(dtype, node.input(0).shape(), node.input(1).shape(), node.name())
              : ShapeFunctions.assignSub(dtype, node.input(0).shape(), node.input(1).shape(), node.name());
          return OpContext.one(out.dtype(), out.shape());
        })
        .kernelOf((op, state) -> {
          Operation variable = variableOf(op, 0);
          return in -> {
            NdArray current = state.read(variable);
            NdArray next = add ? TrainingKernels.assignAdd(current, in[1]) : TrainingKernels.assignSub(current, in[1]);
            state.write(variable, next);
            return next;
          };
        })
        .build();
  }

  /** The {@code VariableV2} op reference input {@code i} of {@code op} names. */
  private static Operation variableOf(Operation op, int i) {
    Operation v = ControlFlowOpDefs.variableBehind(op.input(i)); // through a cond's RefSwitch
    if (v == null) {
      throw new InvalidArgumentException(op.type() + " '" + op.name() + "' needs a variable as input " + i + ", got "
          + op.input(i));
    }
    return v;
  }
}
