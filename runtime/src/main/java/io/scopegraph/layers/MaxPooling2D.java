package io.scopegraph.layers;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;

/** TF 1.15's {@code tf.layers.MaxPooling2D}: op {@code max_pooling2d/MaxPool}. */
public final class MaxPooling2D extends Pooling2D {
  MaxPooling2D(Ops tf, int[] poolSize, int[] strides, Options options) {
    super(tf, poolSize, strides, options);
  }

  @Override
  Tensor pool(Tensor inputs, int[] ksize, int[] strides, String padding, String dataFormat) {
    return tf().maxPool(inputs, ksize, strides, padding, dataFormat, null);
  }
}
