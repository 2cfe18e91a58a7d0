package io.scopegraph.layers;

import io.scopegraph.DType;
import io.scopegraph.Initializer;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Regularizer;
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
  public static final class Options {
    private Activation activation;
    private boolean useBias = true;
    private Initializer kernelInitializer;
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private boolean trainable = true;
    private String name;
    private Reuse reuse;

    Options() {}

    Options copy() {
      Options o = new Options();
      o.activation = activation;
      o.useBias = useBias;
      o.kernelInitializer = kernelInitializer;
      o.biasInitializer = biasInitializer;
      o.kernelRegularizer = kernelRegularizer;
      o.biasRegularizer = biasRegularizer;
      o.trainable = trainable;
      o.name = name;
      o.reuse = reuse;
      return o;
    }

    /** Applied after the bias; null (default) is linear. */
    public Options activation(Activation activation) {
      this.activation = activation;
      return this;
    }

    public Options useBias(boolean useBias) {
      this.useBias = useBias;
      return this;
    }

    /** Null (default): the enclosing variable scope's initializer, else Glorot uniform. */
    public Options kernelInitializer(Initializer kernelInitializer) {
      this.kernelInitializer = kernelInitializer;
      return this;
    }

    /** Default zeros. */
    public Options biasInitializer(Initializer biasInitializer) {
      this.biasInitializer = biasInitializer;
      return this;
    }

    public Options kernelRegularizer(Regularizer kernelRegularizer) {
      this.kernelRegularizer = kernelRegularizer;
      return this;
    }

    public Options biasRegularizer(Regularizer biasRegularizer) {
      this.biasRegularizer = biasRegularizer;
      return this;
    }

    /** False: the variables join no {@code TRAINABLE_VARIABLES}. */
    public Options trainable(boolean trainable) {
      this.trainable = trainable;
      return this;
    }

    /**
     * The function form: the variable scope itself ({@code fc/kernel}; a second call with the same name needs
     * {@link #reuse}). A layer object: the base of its default scope name ({@code fc}, {@code fc_1}, …).
     */
    public Options name(String name) {
      this.name = name;
      return this;
    }

    /** The function form only: share the variables of the same name ({@code Reuse.TRUE} or {@code AUTO}). */
    public Options reuse(Reuse reuse) {
      this.reuse = reuse;
      return this;
    }
  }
}
