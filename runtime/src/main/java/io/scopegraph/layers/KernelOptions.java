package io.scopegraph.layers;

import io.scopegraph.Initializer;
import io.scopegraph.Initializers;
import io.scopegraph.Regularizer;

/** The keyword arguments of the layers with a kernel and a bias ({@code dense}, {@code conv2d}), TF's defaults. */
public abstract class KernelOptions<T extends KernelOptions<T>> extends LayerOptions<T> {
  Activation activation;
  boolean useBias = true;
  Initializer kernelInitializer;
  Initializer biasInitializer = Initializers.zeros();
  Regularizer kernelRegularizer;
  Regularizer biasRegularizer;

  KernelOptions() {}

  /** Applied after the bias; null (default) is linear. */
  public final T activation(Activation activation) {
    this.activation = activation;
    return self();
  }

  public final T useBias(boolean useBias) {
    this.useBias = useBias;
    return self();
  }

  /** Null (default): the enclosing variable scope's initializer, else Glorot uniform. */
  public final T kernelInitializer(Initializer kernelInitializer) {
    this.kernelInitializer = kernelInitializer;
    return self();
  }

  /** Default zeros. */
  public final T biasInitializer(Initializer biasInitializer) {
    this.biasInitializer = biasInitializer;
    return self();
  }

  /** Its loss is built once, for a new kernel, into {@code REGULARIZATION_LOSSES}. */
  public final T kernelRegularizer(Regularizer kernelRegularizer) {
    this.kernelRegularizer = kernelRegularizer;
    return self();
  }

  public final T biasRegularizer(Regularizer biasRegularizer) {
    this.biasRegularizer = biasRegularizer;
    return self();
  }
}
