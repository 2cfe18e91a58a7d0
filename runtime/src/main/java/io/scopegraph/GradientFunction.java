package io.scopegraph;

import java.util.List;

/**
 * The gradient of an op type, as TensorFlow's {@code @ops.RegisterGradient}: given the forward op and the
 * gradient of each of its outputs, the gradient of each of its inputs (one entry per input, {@code null} for an
 * input that gets none). Called by {@link Ops#gradients} inside the op's name scope
 * {@code gradients/<op name>_grad}, so the ops it creates with {@code tf} are named as TF names them. An output
 * that received no gradient is {@code null} in {@code grads}, except where TF passes zeros (see
 * {@link Ops#gradients}).
 */
@FunctionalInterface
public interface GradientFunction {
  List<Tensor> gradients(Ops tf, Operation op, List<Tensor> grads);
}
