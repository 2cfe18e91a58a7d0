package io.scopegraph;

import java.util.Arrays;
import java.util.List;

/** Gradient functions of the nn ops, as TF 1.15's {@code nn_grad.py} builds them. */
final class NnGrad {
  private NnGrad() {}

  static List<Tensor> relu(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.rawOp("ReluGrad", Ops.typeAttr(grads.get(0)), grads.get(0), op.output(0)));
  }

  static List<Tensor> biasAdd(Ops tf, Operation op, List<Tensor> grads) {
    Tensor g = grads.get(0);
    Object format = op.attr("data_format");
    Tensor biasGrad = tf.rawOp("BiasAddGrad", new Object[] {"T", g.dtype(), "data_format",
        format == null ? "NHWC" : format}, g);
    return Arrays.asList(g, biasGrad);
  }

  static List<Tensor> l2Loss(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.operator("mul", op.input(0), grads.get(0)));
  }

  static List<Tensor> softmax(Ops tf, Operation op, List<Tensor> grads) {
    Tensor g = grads.get(0);
    Tensor softmax = op.output(0);
    Tensor sumChannels = tf.sumOp(tf.operator("mul", g, softmax), -1, true);
    return List.of(tf.operator("mul", tf.operator("sub", g, sumChannels), softmax));
  }

  static List<Tensor> logSoftmax(Ops tf, Operation op, List<Tensor> grads) {
    Tensor g = grads.get(0);
    Tensor softmax = tf.exp(op.output(0));
    return List.of(tf.operator("sub", g, tf.operator("mul", tf.sumOp(g, -1, true), softmax)));
  }

  /** {@code _BroadcastMul(vec, mat)}: {@code expand_dims(vec, -1) * mat}. */
  private static Tensor broadcastMul(Ops tf, Tensor vec, Tensor mat) {
    return tf.operator("mul", tf.expandDims(vec, -1), mat);
  }

  private static boolean isZero(Tensor g) {
    String type = g.op().type();
    if (type.equals("ZerosLike") || type.equals("Zeros")) {
      return true;
    }
    if (g.op().type().equals("Const") && g.op().attr("value") instanceof NdArray v) {
      for (double d : v.toDoubleArray()) {
        if (d != 0) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  static List<Tensor> softmaxCrossEntropyWithLogits(Ops tf, Operation op, List<Tensor> grads) {
    Tensor gradLoss = grads.get(0);
    Tensor gradGrad = grads.get(1);
    Tensor softmaxGrad = op.output(1);
    Tensor grad = broadcastMul(tf, gradLoss, softmaxGrad);
    Tensor logits = op.input(0);
    if (gradGrad != null && !isZero(gradGrad)) {
      // grad += (grad_grad - squeeze(matmul(expand_dims(grad_grad, 1), expand_dims(softmax, 2)), 1)) * softmax
      throw new UnsupportedOperationException("The second derivative of SoftmaxCrossEntropyWithLogits (a gradient "
          + "flowing into its backprop output) is not supported");
    }
    Tensor labelsGrad = broadcastMul(tf, gradLoss, tf.neg(tf.logSoftmax(logits)));
    return Arrays.asList(grad, labelsGrad);
  }

  static List<Tensor> sparseSoftmaxCrossEntropyWithLogits(Ops tf, Operation op, List<Tensor> grads) {
    Tensor prevented = tf.preventGradient(op.output(1), "Currently there is no way to take the second derivative "
        + "of sparse_softmax_cross_entropy_with_logits due to the fused implementation's interaction with "
        + "tf.gradients()");
    return Arrays.asList(broadcastMul(tf, grads.get(0), prevented), null);
  }

  /** {@code _ReluGradGrad}: {@code (relu_grad(grad, x), zeros(shape(x)))}. */
  static List<Tensor> reluGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor x = op.input(1);
    Tensor gradGrad = tf.rawOp("ReluGrad", Ops.typeAttr(x), grads.get(0), x);
    Tensor zeros = MathGrad.zerosOfShape(tf, tf.shapeOf(x, true, null), x.dtype());
    return Arrays.asList(gradGrad, zeros);
  }

  /** {@code _SigmoidGradGrad}: {@code (gb - 2.0 * gb * a, sigmoid_grad(a, grad))} with {@code gb = grad * b}. */
  static List<Tensor> sigmoidGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor a = op.input(0);
    Tensor b = op.input(1);
    return tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor gb = tf.operator("mul", grad, b);
      Tensor first = tf.operator("sub", gb, tf.operator("mul", tf.reflected("mul", 2.0, gb), a));
      return Arrays.asList(first, tf.rawOp("SigmoidGrad", Ops.typeAttr(a), a, grad));
    });
  }

  /** {@code _TanhGradGrad}: {@code (gb * -2.0 * a, tanh_grad(a, grad))} with {@code gb = grad * b}. */
  static List<Tensor> tanhGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor a = op.input(0);
    Tensor b = op.input(1);
    return tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor gb = tf.operator("mul", grad, b);
      Tensor first = tf.operator("mul", tf.operator("mul", gb, -2.0), a);
      return Arrays.asList(first, tf.rawOp("TanhGrad", Ops.typeAttr(a), a, grad));
    });
  }
}
