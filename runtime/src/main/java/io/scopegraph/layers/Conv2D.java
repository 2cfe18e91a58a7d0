package io.scopegraph.layers;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;

/**
 * TF 1.15's {@code tf.layers.Conv2D}: variables {@code kernel} {@code [kh, kw, in, filters]} and {@code bias}
 * {@code [filters]}; building also leaves TF's unconsumed {@code dilation_rate} Const; a call makes {@code Conv2D},
 * {@code BiasAdd} and the activation's op in the layer's name scope.
 */
public final class Conv2D extends Layer {
  private final int filters;
  private final int[] kernelSize;
  private final int[] strides;
  private final int[] dilationRate;
  private final String padding;
  private final String dataFormat;
  private final Options options;
  private long inputChannels = -1;
  private Variable kernel;
  private Variable bias;

  Conv2D(Ops tf, int filters, int[] kernelSize, Options options, boolean functional) {
    super(tf, checked(options, filters, kernelSize), options.trainable, functional,
        Layers.checkReuse(options.reuse, functional));
    this.filters = filters;
    this.kernelSize = ConvArguments.pair(kernelSize, "kernel_size");
    this.strides = ConvArguments.pair(options.strides, "strides");
    this.padding = ConvArguments.padding(options.padding);
    this.dataFormat = ConvArguments.dataFormat(options.dataFormat);
    this.dilationRate = ConvArguments.pair(options.dilationRate, "dilation_rate");
    this.options = options.copy();
  }

  /** A convolution inside an entered scope object ({@code tf.contrib.layers.conv2d}). */
  Conv2D(Ops tf, int filters, int[] kernelSize, Options options, VarScope scope, Reuse reuse) {
    super(tf, scope, options.trainable, reuse);
    checked(options, filters, kernelSize);
    this.filters = filters;
    this.kernelSize = ConvArguments.pair(kernelSize, "kernel_size");
    this.strides = ConvArguments.pair(options.strides, "strides");
    this.padding = ConvArguments.padding(options.padding);
    this.dataFormat = ConvArguments.dataFormat(options.dataFormat);
    this.dilationRate = ConvArguments.pair(options.dilationRate, "dilation_rate");
    this.options = options.copy();
  }

  /** Checks the arguments before the layer takes an object name or a scope: a failed construction uses up none. */
  private static String checked(Options options, int filters, int[] kernelSize) {
    if (filters <= 0) {
      throw new LayerArgumentException("filters must be positive, got " + filters);
    }
    ConvArguments.pair(kernelSize, "kernel_size");
    ConvArguments.pair(options.strides, "strides");
    ConvArguments.padding(options.padding);
    ConvArguments.dataFormat(options.dataFormat);
    ConvArguments.pair(options.dilationRate, "dilation_rate");
    return options.name;
  }

  public static Options options() {
    return new Options();
  }

  public Variable kernel() {
    return kernel;
  }

  /** Null with {@code useBias(false)}. */
  public Variable bias() {
    return bias;
  }

  private int channelAxis() {
    return dataFormat.equals("NHWC") ? 3 : 1;
  }

  @Override
  protected void checkInput(Shape shape) {
    InputChecks.rank(this, shape, 4);
    if (inputChannels >= 0) {
      InputChecks.axis(this, shape, channelAxis(), inputChannels);
    }
  }

  @Override
  protected void build(Shape inputShape) {
    long channels = inputShape.dim(channelAxis());
    if (channels < 0) {
      throw new IncompatibleInputException("The channel dimension of the inputs should be defined. Found `null`.");
    }
    inputChannels = channels;
    DType dtype = dtype();
    kernel = addWeight("kernel", Shape.of(kernelSize[0], kernelSize[1], channels, filters), dtype,
        options.kernelInitializer, options.kernelRegularizer, true);
    if (options.useBias) {
      bias = addWeight("bias", Shape.of(filters), dtype, options.biasInitializer, options.biasRegularizer, true);
    }
    // TF's nn_ops.Convolution converts the rate to a tensor when the layer is built, used or not.
    tf().constant(new int[] {dilationRate[0], dilationRate[1]}, "dilation_rate");
  }

  @Override
  protected Tensor call(Tensor inputs) {
    Tensor out = tf().conv2d(inputs, kernel, ConvArguments.window(strides, dataFormat), padding, dataFormat,
        ConvArguments.window(dilationRate, dataFormat), null);
    if (bias != null) {
      out = tf().biasAdd(out, bias, dataFormat, null);
    }
    return options.activation == null ? out : options.activation.apply(tf(), out);
  }

  /** {@code tf.layers.conv2d}'s keyword arguments (TF's defaults: strides 1, {@code valid}, channels last). */
  public static final class Options extends KernelOptions<Options> {
    private int[] strides = {1, 1};
    private String padding = "valid";
    private String dataFormat = "channels_last";
    private int[] dilationRate = {1, 1};

    Options() {}

    /** One int for both dimensions, or height and width. */
    public Options strides(int... strides) {
      this.strides = strides;
      return this;
    }

    /** {@code "valid"} (default) or {@code "same"}, any case. */
    public Options padding(String padding) {
      this.padding = padding;
      return this;
    }

    /** {@code "channels_last"} (default, NHWC) or {@code "channels_first"} (NCHW). */
    public Options dataFormat(String dataFormat) {
      this.dataFormat = dataFormat;
      return this;
    }

    public Options dilationRate(int... dilationRate) {
      this.dilationRate = dilationRate;
      return this;
    }
  }
}
