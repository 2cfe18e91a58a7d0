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

  /** The function forms alone take {@code reuse}; a layer object shares by being called again. */
  static Reuse checkReuse(Reuse reuse, boolean functional) {
    if (!functional && reuse != null && reuse != Reuse.FALSE) {
      throw new LayerArgumentException("reuse=Reuse." + reuse + " is an argument of the function form"
          + " (tf.layers().dense(inputs, units, options)); a layer object shares its variables by being called again");
    }
    return reuse;
  }
}
