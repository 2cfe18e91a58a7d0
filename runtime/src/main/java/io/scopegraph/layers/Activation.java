package io.scopegraph.layers;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;

/**
 * A layer's activation, applied in the layer's name scope after the bias; the op is named as the TF function names
 * it ({@code dense/Relu}). {@code null} means linear, as TF's {@code activation=None}.
 */
@FunctionalInterface
public interface Activation {
  /** {@code tf.nn.relu}: op {@code Relu}. */
  Activation RELU = Ops::relu;
  /** {@code tf.tanh}: op {@code Tanh}. */
  Activation TANH = Ops::tanh;
  /** {@code tf.sigmoid}: op {@code Sigmoid}. */
  Activation SIGMOID = Ops::sigmoid;
  /** {@code tf.nn.softmax}: op {@code Softmax}. */
  Activation SOFTMAX = Ops::softmax;

  /** {@code tf.nn.leaky_relu} (alpha 0.2): op {@code LeakyRelu}. */
  Activation LEAKY_RELU = Ops::leakyRelu;
  /** {@code tf.nn.relu6}: op {@code Relu6}. */
  Activation RELU6 = Ops::relu6;
  /** {@code tf.nn.elu}: op {@code Elu}. */
  Activation ELU = Ops::elu;

  Tensor apply(Ops tf, Tensor x);
}
