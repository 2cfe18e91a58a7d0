package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient functions of the convolution and pooling ops, as TF 1.15's {@code nn_grad.py} builds them
 * ({@code _Conv2DGrad}, {@code _Conv2DBackpropInputGrad}, {@code _Conv2DBackpropFilterGrad},
 * {@code _MaxPoolGrad}, {@code _AvgPoolGrad}): the backprop ops carry the forward op's attributes.
 */
final class ConvGrad {
  private static final String[] CONV_ATTRS =
      {"strides", "use_cudnn_on_gpu", "padding", "explicit_paddings", "data_format", "dilations"};
  private static final String[] POOL_ATTRS = {"ksize", "strides", "padding", "data_format"};

  private ConvGrad() {}

  /** {@code ShapeN} of input and filter, then {@code Conv2DBackpropInput} and {@code Conv2DBackpropFilter}. */
  static List<Tensor> conv2d(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor input = op.input(0);
    Tensor filter = op.input(1);
    Operation shapes = tf.inScopeLocked(null, "ShapeN", scope -> tf.graph().addNode("ShapeN", scope,
        new Tensor[] {input, filter}, new Operation[0],
        new Object[] {"N", 2L, "T", input.dtype(), "out_type", DType.INT32}));
    Object[] attrs = attrs(op, CONV_ATTRS);
    return Arrays.asList(tf.rawOp("Conv2DBackpropInput", attrs, shapes.output(0), filter, grad),
        tf.rawOp("Conv2DBackpropFilter", attrs, input, shapes.output(1), grad));
  }

  /** {@code (None, conv2d_backprop_filter(grad, shape(filter), out_backprop), conv2d(grad, filter))}. */
  static List<Tensor> conv2dBackpropInput(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Object[] attrs = attrs(op, CONV_ATTRS);
    Tensor filterShape = tf.shapeOf(op.input(1), true, null);
    Tensor filterGrad = tf.rawOp("Conv2DBackpropFilter", attrs, grad, filterShape, op.input(2));
    Tensor outGrad = tf.rawOp("Conv2D", attrs, grad, op.input(1));
    return Arrays.asList(null, filterGrad, outGrad);
  }

  /** {@code (conv2d_backprop_input(shape(input), grad, out_backprop), None, conv2d(input, grad))}. */
  static List<Tensor> conv2dBackpropFilter(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Object[] attrs = attrs(op, CONV_ATTRS);
    Tensor inputShape = tf.shapeOf(op.input(0), true, null);
    Tensor inputGrad = tf.rawOp("Conv2DBackpropInput", attrs, inputShape, grad, op.input(2));
    Tensor outGrad = tf.rawOp("Conv2D", attrs, op.input(0), grad);
    return Arrays.asList(inputGrad, null, outGrad);
  }

  /** {@code MaxPoolGrad(input, output, grad)}. */
  static List<Tensor> maxPool(Ops tf, Operation op, List<Tensor> grads) {
    return List.of(tf.rawOp("MaxPoolGrad", attrs(op, POOL_ATTRS), op.input(0), op.output(0), grads.get(0)));
  }

  /** {@code Shape} of the input (a {@code Const} when known), then {@code AvgPoolGrad}. */
  static List<Tensor> avgPool(Ops tf, Operation op, List<Tensor> grads) {
    Tensor shape = tf.shapeOf(op.input(0), true, null);
    return List.of(tf.rawOp("AvgPoolGrad", attrs(op, POOL_ATTRS), shape, grads.get(0)));
  }

  /** {@code T} and the listed attributes the op has, in that order. */
  private static Object[] attrs(Operation op, String[] keys) {
    List<Object> out = new ArrayList<>(List.of("T", op.attr("T")));
    for (String key : keys) {
      Object value = op.attr(key);
      if (value != null) {
        out.add(key);
        out.add(value);
      }
    }
    return out.toArray();
  }
}
