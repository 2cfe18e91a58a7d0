package io.scopegraph.layers;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;

/**
 * TF 1.15's {@code tf.layers.Dense}: {@code activation(inputs · kernel + bias)} with variables {@code kernel}
 * {@code [in, units]} and {@code bias} {@code [units]}; ops {@code MatMul}, {@code BiasAdd} and the activation's op
 * in the layer's name scope.
 */
public final class Dense extends Layer {
  private final int units;
  private final Options options;
  private long inputWidth = -1;
  private Variable kernel;
  private Variable bias;

  Dense(Ops tf, int units, Options options, boolean functional) {
    super(tf, checked(options, units), options.trainable, functional, Layers.checkReuse(options.reuse, functional));
    this.units = units;
    this.options = options.copy();
  }

  /** A dense layer inside an entered scope object ({@code tf.contrib.layers.fully_connected}). */
  Dense(Ops tf, int units, Options options, VarScope scope, Reuse reuse) {
    super(tf, scope, options.trainable, reuse);
    checked(options, units);
    this.units = units;
    this.options = options.copy();
  }

  /** Checks the arguments before the layer takes an object name or a scope. */
  private static String checked(Options options, int units) {
    if (units <= 0) {
      throw new LayerArgumentException("units must be positive, got " + units);
    }
    return options.name;
  }

  /** Options of {@code tf.layers.dense} / {@code tf.layers.Dense} beyond the input and {@code units}. */
  public static Options options() {
    return new Options();
  }

  public int units() {
    return units;
  }

  /** The kernel, once built. */
  public Variable kernel() {
    return kernel;
  }

  /** The bias, once built; null with {@code useBias(false)}. */
  public Variable bias() {
    return bias;
  }

  @Override
  protected void checkInput(Shape shape) {
    InputChecks.minRank(this, shape, 2);
    if (inputWidth >= 0) {
      InputChecks.axis(this, shape, -1, inputWidth);
    }
  }

  @Override
  protected void build(Shape inputShape) {
    long last = inputShape.dim(inputShape.rank() - 1);
    if (last < 0) {
      throw new IncompatibleInputException(
          "The last dimension of the inputs to `Dense` should be defined. Found `null`.");
    }
    inputWidth = last;
    DType dtype = dtype();
    if (!dtype.isFloating()) {
      throw new LayerArgumentException("Unable to build `Dense` layer with non-floating point dtype " + dtype.repr());
    }
    kernel = addWeight("kernel", Shape.of(last, units), dtype, options.kernelInitializer,
        options.kernelRegularizer, true);
    if (options.useBias) {
      bias = addWeight("bias", Shape.of(units), dtype, options.biasInitializer, options.biasRegularizer, true);
    }
  }

  @Override
  protected Tensor call(Tensor inputs) {
    if (inputs.shape().rank() != 2) {
      throw new IncompatibleInputException("Input 0 of layer " + name() + " has rank " + inputs.shape().rank()
          + ": Dense on inputs of rank above 2 (TF's tensordot) is not supported; reshape or flatten to rank 2 first.");
    }
    Tensor out = tf().matMul(inputs, kernel);
    if (bias != null) {
      out = tf().biasAdd(out, bias);
    }
    return options.activation == null ? out : options.activation.apply(tf(), out);
  }

  /** {@code tf.layers.dense}'s keyword arguments (TF's defaults). */
  public static final class Options extends KernelOptions<Options> {
    Options() {}
  }
}
