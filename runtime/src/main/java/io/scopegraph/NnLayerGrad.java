package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient functions of the layer ops of {@link NnLayerOpDefs}, as TF 1.15's {@code nn_grad.py},
 * {@code math_grad.py} and {@code array_grad.py} build them (same ops, same order, same names).
 */
final class NnLayerGrad {
  private NnLayerGrad() {}

  private static final Operation[] NO_OPS = {};

  private static Object[] withAlpha(Operation op, Tensor t) {
    return new Object[] {"T", t.dtype(), "alpha", op.attr("alpha")};
  }

  /** {@code _LeakyReluGrad}: {@code leaky_relu_grad(grad, x, alpha)}. */
  static List<Tensor> leakyRelu(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.rawOp("LeakyReluGrad", withAlpha(op, op.input(0)), grads.get(0), op.input(0)));
  }

  /** {@code _LeakyReluGradGrad}: {@code (leaky_relu_grad(grad, x, alpha), zeros(shape(x)))}. */
  static List<Tensor> leakyReluGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor x = op.input(1);
    Tensor g = tf.rawOp("LeakyReluGrad", withAlpha(op, x), grads.get(0), x);
    return Arrays.asList(g, MathGrad.zerosOfShape(tf, tf.shapeOf(x, true, null), x.dtype()));
  }

  /** {@code _Relu6Grad}: {@code relu6_grad(grad, op.outputs[0])}. */
  static List<Tensor> relu6(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.rawOp("Relu6Grad", Ops.typeAttr(op.output(0)), grads.get(0), op.output(0)));
  }

  /** {@code _Relu6GradGrad}: {@code (relu6_grad(grad, x), zeros(shape(x)))}. */
  static List<Tensor> relu6Grad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor x = op.input(1);
    Tensor g = tf.rawOp("Relu6Grad", Ops.typeAttr(x), grads.get(0), x);
    return Arrays.asList(g, MathGrad.zerosOfShape(tf, tf.shapeOf(x, true, null), x.dtype()));
  }

  /** {@code _EluGrad}: {@code elu_grad(grad, op.outputs[0])}. */
  static List<Tensor> elu(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.rawOp("EluGrad", Ops.typeAttr(op.output(0)), grads.get(0), op.output(0)));
  }

  /**
   * {@code _EluGradGrad}: {@code (elu_grad(grad, elu_x), where(elu_x < 0, grad * op.inputs[0],
   * zeros(shape(elu_x))))}.
   */
  static List<Tensor> eluGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor eluX = op.input(1);
    Tensor first = tf.rawOp("EluGrad", Ops.typeAttr(eluX), grad, eluX);
    Tensor negative = tf.inScopeLocked(null, "Less", scope -> {
      Tensor zero = tf.toTensor(0, eluX.dtype(), "y");
      return tf.graph().addNode("Less", scope, new Tensor[] {eluX.value(), zero}, Ops.typeAttr(eluX));
    });
    Tensor product = tf.operator("mul", grad, op.input(0));
    Tensor zeros = MathGrad.zerosOfShape(tf, tf.shapeOf(eluX, true, null), eluX.dtype());
    return Arrays.asList(first, MathGrad.select(tf, negative, product, zeros));
  }

  /** {@code _RsqrtGrad}: {@code rsqrt_grad(y, grad)}. */
  static List<Tensor> rsqrt(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.rawOp("RsqrtGrad", Ops.typeAttr(op.output(0)), op.output(0), grads.get(0)));
  }

  /** {@code _RsqrtGradGrad}: {@code (-1.5 * grad * b * square(a), rsqrt_grad(a, grad))} after {@code grad}. */
  static List<Tensor> rsqrtGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor a = op.input(0);
    Tensor b = op.input(1);
    return tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor scaled = tf.operator("mul", tf.reflected("mul", -1.5, grad), b);
      Tensor gradA = tf.operator("mul", scaled, tf.square(a));
      Tensor gradB = tf.rawOp("RsqrtGrad", Ops.typeAttr(a), a, grad);
      return Arrays.asList(gradA, gradB);
    });
  }

  /**
   * {@code _MaxGrad} ({@code _MinOrMaxGrad}): the gradient goes to the elements equal to the maximum, split
   * evenly between ties: {@code Shape}, the reduced shape, {@code Reshape} of y and of grad, {@code Equal},
   * {@code Cast}, {@code Sum}, {@code Reshape_2}, {@code truediv}, {@code mul}.
   */
  static List<Tensor> max(Ops tf, Operation op, List<Tensor> grads) {
    Tensor input = op.input(0);
    Tensor axes = op.input(1);
    Tensor inputShape = tf.shapeOf(input, true, null);
    Tensor kept = MathGrad.reducedShape(tf, inputShape, axes);
    Tensor y = tf.reshapeOp(op.output(0), kept, null);
    Tensor grad = tf.reshapeOp(grads.get(0), kept, null);
    Tensor equal = tf.inScopeLocked(null, "Equal", scope -> tf.graph().addNode("Equal", scope,
        new Tensor[] {y, input.value()}, Ops.typeAttr(y)));
    Tensor indicators = tf.cast(equal, grad.dtype());
    Tensor count = tf.inScopeLocked(null, "Sum", scope -> tf.graph().addNode("Sum", scope,
        new Tensor[] {indicators, axes}, new Object[] {"T", indicators.dtype(), "Tidx", axes.dtype(),
            "keep_dims", false}));
    Tensor numSelected = tf.reshapeOp(count, kept, null);
    Tensor share = tf.operator("truediv", indicators, numSelected); // math_ops.divide: x / y
    return Arrays.asList(tf.operator("mul", share, grad), null);
  }

  /** {@code _SplitGrad}: {@code (None, concat(grads, op.inputs[0]))}, the axis being the op's own input. */
  static List<Tensor> split(Ops tf, Operation op, List<Tensor> grads) {
    Tensor axis = op.input(0);
    Tensor concat;
    if (grads.size() == 1) {
      concat = tf.inScopeLocked(null, "concat", scope -> tf.identity(grads.get(0), "concat"));
    } else {
      Tensor[] in = new Tensor[grads.size() + 1];
      for (int i = 0; i < grads.size(); i++) {
        in[i] = grads.get(i).value();
      }
      in[grads.size()] = axis;
      concat = tf.inScopeLocked(null, "concat", scope -> tf.graph().addNode("ConcatV2", scope, in,
          new Object[] {"N", (long) grads.size(), "T", in[0].dtype(), "Tidx", axis.dtype()}));
    }
    return Arrays.asList(null, concat);
  }

  /**
   * {@code _FusedBatchNormV3Grad} ({@code _BaseFusedBatchNormGrad}, version 2). Training: one
   * {@code FusedBatchNormGradV3} on the op's reserve spaces, its five outputs the gradients of the five inputs.
   * Inference: the population statistics as reserve spaces, NHWC only (NCHW inputs transposed around it), and
   * {@code (dx, dscale, doffset, None, None)}.
   */
  static List<Tensor> fusedBatchNormV3(Ops tf, Operation op, List<Tensor> grads) {
    Tensor x = op.input(0);
    Tensor gradY = grads.get(0);
    Tensor scale = op.input(1);
    Object epsilon = op.attr("epsilon");
    Object format = op.attr("data_format") == null ? "NHWC" : op.attr("data_format");
    boolean training = op.attr("is_training") == null || Boolean.TRUE.equals(op.attr("is_training"));
    if (training) {
      Operation g = gradOp(tf, new Tensor[] {gradY, x, scale, op.output(3), op.output(4), op.output(5)},
          x, scale, epsilon, format, true);
      return new ArrayList<>(g.outputs());
    }
    boolean nchw = "NCHW".equals(format);
    if (nchw) {
      x = tf.transpose(x, new int[] {0, 2, 3, 1});
      gradY = tf.transpose(gradY, new int[] {0, 2, 3, 1});
    }
    Operation g = gradOp(tf, new Tensor[] {gradY, x, scale, op.input(3), op.input(4), op.output(5)}, x, scale,
        epsilon, "NHWC", false);
    Tensor dx = g.output(0);
    if (nchw) {
      dx = tf.transpose(dx, new int[] {0, 3, 1, 2});
    }
    return Arrays.asList(dx, g.output(1), g.output(2), null, null);
  }

  private static Operation gradOp(Ops tf, Tensor[] inputs, Tensor x, Tensor scale, Object epsilon, Object format,
      boolean training) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = inputs[i].value();
    }
    return tf.inScopeLocked(null, "FusedBatchNormGradV3", scope -> tf.graph().addNode("FusedBatchNormGradV3",
        scope, in, NO_OPS, new Object[] {"T", x.dtype(), "U", scale.dtype(), "epsilon", epsilon,
            "data_format", format, "is_training", training}));
  }
}
