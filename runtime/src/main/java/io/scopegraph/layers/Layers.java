package io.scopegraph.layers;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Tensor;

/**
 * TF 1.15's {@code tf.layers}, reached as {@code tf.layers()}: the function forms take the input first and create a
 * new layer on every call ({@code dense(x, 64)} twice makes {@code dense} and {@code dense_1}; {@code dense(x, 64,
 * "fc")} twice clashes on {@code fc/kernel} unless the second shares with {@code reuse}); the {@code …Layer} methods
 * make layer objects ({@code tf.layers.Dense}) that share their variables on every call.
 *
 * <pre>{@code
 * Layers layers = tf.layers();
 * Tensor h = layers.dense(x, 64, Dense.options().activation(Activation.RELU));   // dense/kernel, dense/Relu
 * Tensor y = layers.dense(h, 10, "logits");                                      // logits/kernel, logits/BiasAdd
 * }</pre>
 */
public final class Layers {
  private final Ops tf;

  private Layers(Ops tf) {
    this.tf = tf;
  }

  /** The layers of {@code tf}'s graph ({@code tf.layers()} is the same). */
  public static Layers on(Ops tf) {
    return new Layers(java.util.Objects.requireNonNull(tf, "tf"));
  }

  // ---- dense

  /** {@code tf.layers.dense(inputs, units)}: a new default-named layer ({@code dense}, {@code dense_1}, …). */
  public Tensor dense(Tensor inputs, int units) {
    return dense(inputs, units, Dense.options());
  }

  /** {@code tf.layers.dense(inputs, units, name=name)}: the variable scope {@code name} itself. */
  public Tensor dense(Tensor inputs, int units, String name) {
    return dense(inputs, units, Dense.options().name(name));
  }

  /** {@code tf.layers.dense(inputs, units, …)} with TF's keyword arguments as options. */
  public Tensor dense(Tensor inputs, int units, Dense.Options options) {
    return new Dense(tf, units, options, true).apply(inputs);
  }

  /** {@code tf.layers.Dense(units)}: a layer object, scoped {@code dense}, {@code dense_1}, … on its first call. */
  public Dense denseLayer(int units) {
    return denseLayer(units, Dense.options());
  }

  /** {@code tf.layers.Dense(units, …)}; {@code reuse} is an argument of the function form only. */
  public Dense denseLayer(int units, Dense.Options options) {
    return new Dense(tf, units, options, false);
  }

  // ---- conv2d

  /** {@code tf.layers.conv2d(inputs, filters, kernel_size)}: a new default-named layer ({@code conv2d}, …). */
  public Tensor conv2d(Tensor inputs, int filters, int kernelSize) {
    return conv2d(inputs, filters, new int[] {kernelSize}, Conv2D.options());
  }

  /** {@code tf.layers.conv2d(inputs, filters, kernel_size, name=name)}: the variable scope {@code name} itself. */
  public Tensor conv2d(Tensor inputs, int filters, int kernelSize, String name) {
    return conv2d(inputs, filters, new int[] {kernelSize}, Conv2D.options().name(name));
  }

  public Tensor conv2d(Tensor inputs, int filters, int kernelSize, Conv2D.Options options) {
    return conv2d(inputs, filters, new int[] {kernelSize}, options);
  }

  /** {@code kernelSize}: one int for a square kernel, or height and width. */
  public Tensor conv2d(Tensor inputs, int filters, int[] kernelSize, Conv2D.Options options) {
    return new Conv2D(tf, filters, kernelSize, options, true).apply(inputs);
  }

  /** {@code tf.layers.Conv2D(filters, kernel_size, …)}. */
  public Conv2D conv2dLayer(int filters, int kernelSize) {
    return conv2dLayer(filters, new int[] {kernelSize}, Conv2D.options());
  }

  public Conv2D conv2dLayer(int filters, int[] kernelSize, Conv2D.Options options) {
    return new Conv2D(tf, filters, kernelSize, options, false);
  }

  // ---- pooling

  /** {@code tf.layers.max_pooling2d(inputs, pool_size, strides)}: op {@code max_pooling2d/MaxPool}. */
  public Tensor maxPooling2d(Tensor inputs, int poolSize, int strides) {
    return maxPooling2d(inputs, new int[] {poolSize}, new int[] {strides}, Pooling2D.options());
  }

  public Tensor maxPooling2d(Tensor inputs, int poolSize, int strides, String name) {
    return maxPooling2d(inputs, new int[] {poolSize}, new int[] {strides}, Pooling2D.options().name(name));
  }

  /** Sizes as one int or height and width; {@code strides} null fails as TF's {@code strides=None}. */
  public Tensor maxPooling2d(Tensor inputs, int[] poolSize, int[] strides, Pooling2D.Options options) {
    return maxPooling2dLayer(poolSize, strides, options).apply(inputs);
  }

  public MaxPooling2D maxPooling2dLayer(int[] poolSize, int[] strides, Pooling2D.Options options) {
    return new MaxPooling2D(tf, poolSize, strides, options);
  }

  /** {@code tf.layers.average_pooling2d(inputs, pool_size, strides)}: op {@code average_pooling2d/AvgPool}. */
  public Tensor averagePooling2d(Tensor inputs, int poolSize, int strides) {
    return averagePooling2d(inputs, new int[] {poolSize}, new int[] {strides}, Pooling2D.options());
  }

  public Tensor averagePooling2d(Tensor inputs, int poolSize, int strides, String name) {
    return averagePooling2d(inputs, new int[] {poolSize}, new int[] {strides}, Pooling2D.options().name(name));
  }

  public Tensor averagePooling2d(Tensor inputs, int[] poolSize, int[] strides, Pooling2D.Options options) {
    return averagePooling2dLayer(poolSize, strides, options).apply(inputs);
  }

  public AveragePooling2D averagePooling2dLayer(int[] poolSize, int[] strides, Pooling2D.Options options) {
    return new AveragePooling2D(tf, poolSize, strides, options);
  }

  // ---- batch normalization

  /** {@code tf.layers.batch_normalization(inputs)}: inference (TF's default {@code training=False}). */
  public Tensor batchNormalization(Tensor inputs) {
    return batchNormalization(inputs, BatchNormalization.options());
  }

  /** {@code tf.layers.batch_normalization(inputs, name=name)}: the variable scope {@code name} itself. */
  public Tensor batchNormalization(Tensor inputs, String name) {
    return batchNormalization(inputs, BatchNormalization.options().name(name));
  }

  /** With TF's keyword arguments, including {@code training} (a boolean or a bool tensor). */
  public Tensor batchNormalization(Tensor inputs, BatchNormalization.Options options) {
    return new BatchNormalization(tf, options, true).apply(inputs, options.training());
  }

  /** {@code tf.layers.BatchNormalization()}: call it with {@code apply(inputs, training)}. */
  public BatchNormalization batchNormalizationLayer() {
    return batchNormalizationLayer(BatchNormalization.options());
  }

  public BatchNormalization batchNormalizationLayer(BatchNormalization.Options options) {
    return new BatchNormalization(tf, options, false);
  }

  // ---- dropout

  /** {@code tf.layers.dropout(inputs, rate)}: TF's default {@code training=False} passes the input through. */
  public Tensor dropout(Tensor inputs, double rate) {
    return dropout(inputs, rate, false);
  }

  /** {@code tf.layers.dropout(inputs, rate, training=training)}. */
  public Tensor dropout(Tensor inputs, double rate, boolean training) {
    return dropoutLayer(rate).apply(inputs, training);
  }

  /** {@code training} a bool tensor: a {@code tf.cond} of dropping and passing through. */
  public Tensor dropout(Tensor inputs, double rate, Tensor training) {
    return dropoutLayer(rate).apply(inputs, training);
  }

  /** With the noise shape, seed and name; {@code training} a {@link Boolean} or a bool {@link Tensor}. */
  public Tensor dropout(Tensor inputs, double rate, Object training, Dropout.Options options) {
    return dropoutLayer(rate, options).apply(inputs, training);
  }

  /** {@code tf.layers.Dropout(rate)}: call it with {@code apply(inputs, training)}. */
  public Dropout dropoutLayer(double rate) {
    return dropoutLayer(rate, Dropout.options());
  }

  public Dropout dropoutLayer(double rate, Dropout.Options options) {
    return new Dropout(tf, rate, options);
  }

  // ---- flatten

  /** {@code tf.layers.flatten(inputs)}: {@code [batch, -1]}, ops in {@code flatten}, {@code flatten_1}, …. */
  public Tensor flatten(Tensor inputs) {
    return flattenLayer().apply(inputs);
  }

  /** {@code tf.layers.flatten(inputs, name=name)}: ops in the default-named scope {@code name}, {@code name_1}, …. */
  public Tensor flatten(Tensor inputs, String name) {
    return flattenLayer(name).apply(inputs);
  }

  public Flatten flattenLayer() {
    return new Flatten(tf, null);
  }

  public Flatten flattenLayer(String name) {
    return new Flatten(tf, name);
  }

  /** {@code tf.contrib.layers}' {@code fully_connected} and {@code conv2d}, with contrib's names. */
  public ContribLayers contrib() {
    return new ContribLayers(tf);
  }

  /** The function forms alone take {@code reuse}; a layer object shares by being called again. */
  static Reuse checkReuse(Reuse reuse, boolean functional) {
    if (!functional && reuse != null && reuse != Reuse.FALSE) {
      throw new LayerArgumentException("reuse=Reuse." + reuse + " is an argument of the function form"
          + " (tf.layers().dense(inputs, units, options)); a layer object shares its variables by being called again");
    }
    return reuse;
  }
}
