package io.scopegraph.layers;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.List;

/**
 * TF 1.15's {@code tf.layers.Flatten}: reshapes to {@code [batch, -1]}; no variables. With a known batch size the
 * shape is one Const ({@code flatten/Reshape/shape}); otherwise it is packed from the input's {@code Shape}.
 */
public final class Flatten extends Layer {
  Flatten(Ops tf, String name) {
    super(tf, name, true, false, null);
  }

  @Override
  protected void checkInput(Shape shape) {
    InputChecks.minRank(this, shape, 1);
  }

  @Override
  protected Tensor call(Tensor inputs) {
    long batch = inputs.shape().dim(0);
    if (batch >= 0) {
      return tf().reshape(inputs, Shape.of(batch, -1));
    }
    Tensor batchSize = batchSize(tf().shape(inputs));
    Tensor out = tf().reshape(inputs, List.of(batchSize, -1));
    out.setShape(Shape.of(-1, flatSize(inputs.shape()))); // Keras' compute_output_shape
    return out;
  }

  /** The product of the non-batch dimensions, or -1 when one is unknown. */
  private static long flatSize(Shape shape) {
    long n = 1;
    for (int i = 1; i < shape.rank(); i++) {
      if (shape.dim(i) < 0) {
        return -1;
      }
      n *= shape.dim(i);
    }
    return n;
  }

  /** {@code shape[0]}: TF's {@code strided_slice} of the shape vector. */
  private Tensor batchSize(Tensor shape) {
    return tf().getItem(shape, 0);
  }
}
