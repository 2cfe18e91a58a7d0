package io.scopegraph;

import java.util.Arrays;
import java.util.List;

/**
 * Gradients through a v1 {@code cond}, as TF 1.15's {@code control_flow_grad.py}: the gradient of a branch's
 * {@code Switch} is a {@code Merge} of its two output gradients ({@code <switch>_grad/cond_grad}), the gradient
 * of the cond's {@code Merge} a {@code Switch} of its output gradient on the cond's predicate
 * ({@code <merge>_grad/cond_grad}), and the missing gradient of a branch {@code Switch}'s untaken output zeros
 * that exist only when that side is taken ({@code control_flow_state.ZerosLikeOutsideLoop}).
 */
final class ControlFlowGrad {
  private ControlFlowGrad() {}

  /** {@code _SwitchGrad} (also {@code RefSwitch}). */
  static List<Tensor> switchGrad(Ops tf, Operation op, List<Tensor> grads) {
    CondContext context = tf.graph().conds().contextOf(op);
    if (context != null) {
      if (grads.get(1 - context.branch) == null) {
        return Arrays.asList(null, null); // not differentiable (no zeros were made for its dtype)
      }
      return Arrays.asList(merge(tf, grads, "cond_grad"), null);
    }
    if (grads.get(0) == null || grads.get(1) == null) {
      return Arrays.asList(null, null);
    }
    Tensor pred = op.input(1);
    Tensor falseGrad = switchOp(tf, grads.get(0), pred)[0];
    Tensor trueGrad = switchOp(tf, grads.get(1), pred)[1];
    return Arrays.asList(merge(tf, List.of(falseGrad, trueGrad), null), null);
  }

  /** {@code _MergeGrad} of a cond's {@code Merge}: the output gradient switched on the cond's predicate. */
  static List<Tensor> mergeGrad(Ops tf, Operation op, List<Tensor> grads) {
    CondContext context = tf.graph().conds().contextOf(op.input(0).op());
    if (context == null) {
      throw new NoGradientException("No gradient defined for operation '" + op.name() + "' (op type: Merge) "
          + "outside a cond: only the Merge of a cond (Ops.cond) is differentiable here");
    }
    Tensor[] switched = CondContext.switchRefOrTensor(tf, grads.get(0), context.pred, "cond_grad");
    return Arrays.asList(switched);
  }

  /**
   * {@code ZerosLikeOutsideLoop(op, i)}: the zero gradient of an output nothing differentiated, made in the
   * {@code gradients} scope. For a branch {@code Switch} the zeros hang off the other side of a new
   * {@code Switch} of its input ({@code gradients/Switch}, {@code gradients/Identity}, {@code gradients/Shape},
   * {@code gradients/zeros/Const}, {@code gradients/zeros}), so they are alive exactly when that side is taken.
   */
  static Tensor zerosLikeOutsideLoop(Ops tf, Operation op, int index) {
    Tensor val = op.output(index);
    CondContext context = isSwitch(op) ? tf.graph().conds().contextOf(op) : null;
    if (context == null) {
      return tf.zerosLikeOp(val, null, false, true);
    }
    Tensor switchVal = switchOp(tf, op.input(0), context.pred)[1 - context.branch];
    Tensor pivot = tf.identity(switchVal);
    Tensor zerosShape = tf.shapeOf(switchVal, false, null);
    return tf.graph().withControlDependencies(List.of(pivot.op()), () -> tf.inScopeLocked(null, "zeros", scope -> {
      Tensor zero = tf.constOp(Conversions.toDType(NdArray.scalar(0), val.dtype()), null);
      return tf.graph().addNode("Fill", scope, new Tensor[] {zerosShape, zero},
          new Object[] {"T", val.dtype(), "index_type", DType.INT32});
    }));
  }

  private static boolean isSwitch(Operation op) {
    return op.type().equals("Switch") || op.type().equals("RefSwitch");
  }

  /** {@code control_flow_ops.switch(data, pred)}: op {@code Switch} in scope {@code Switch}; (false, true). */
  static Tensor[] switchOp(Ops tf, Tensor data, Tensor pred) {
    Operation op = tf.inScopeLocked(null, "Switch", scope -> tf.graph().addNode("Switch", scope,
        new Tensor[] {data, pred}, new Object[] {"T", data.dtype()}).op());
    return new Tensor[] {op.output(0), op.output(1)};
  }

  /** {@code control_flow_ops.merge(inputs, name)}: op {@code Merge} in scope {@code name} or {@code Merge}; its output. */
  static Tensor merge(Ops tf, List<Tensor> inputs, String name) {
    Tensor[] in = inputs.toArray(new Tensor[0]);
    return tf.inScopeLocked(name, "Merge", scope -> tf.graph().addNode("Merge", scope, in,
        new Object[] {"T", in[0].dtype(), "N", (long) in.length}));
  }
}
