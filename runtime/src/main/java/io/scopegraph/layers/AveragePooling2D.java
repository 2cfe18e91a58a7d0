package io.scopegraph.layers;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;

/** TF 1.15's {@code tf.layers.AveragePooling2D}: op {@code average_pooling2d/AvgPool}. */
public final class AveragePooling2D extends Pooling2D {
  AveragePooling2D(Ops tf, int[] poolSize, int[] strides, Options options) {
    super(tf, poolSize, strides, options);
  }

  @Override
  Tensor pool(Tensor inputs, int[] ksize, int[] strides, String padding, String dataFormat) {
    return tf().avgPool(inputs, ksize, strides, padding, dataFormat, null);
  }
}
