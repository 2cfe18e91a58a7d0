package io.scopegraph.layers;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;

/**
 * TF 1.15's {@code tf.layers.MaxPooling2D} and {@code AveragePooling2D}: one {@code MaxPool} or {@code AvgPool} op
 * in the layer's name scope, no variables.
 */
public abstract sealed class Pooling2D extends Layer permits MaxPooling2D, AveragePooling2D {
  private final int[] poolSize;
  private final int[] strides;
  private final String padding;
  private final String dataFormat;

  Pooling2D(Ops tf, int[] poolSize, int[] strides, Options options) {
    super(tf, checked(options, poolSize, strides), true, false, null);
    this.poolSize = ConvArguments.pair(poolSize, "pool_size");
    this.strides = ConvArguments.pair(strides, "strides");
    this.padding = ConvArguments.padding(options.padding);
    this.dataFormat = ConvArguments.dataFormat(options.dataFormat);
  }

  /** Checks the arguments before the layer takes an object name: a failed construction uses up none. */
  private static String checked(Options options, int[] poolSize, int[] strides) {
    if (strides == null) {
      throw new LayerArgumentException("Argument `strides` must not be null.");
    }
    ConvArguments.pair(poolSize, "pool_size");
    ConvArguments.pair(strides, "strides");
    ConvArguments.padding(options.padding);
    ConvArguments.dataFormat(options.dataFormat);
    return options.name;
  }

  public static Options options() {
    return new Options();
  }

  @Override
  protected void checkInput(Shape shape) {
    InputChecks.rank(this, shape, 4);
  }

  @Override
  protected final Tensor call(Tensor inputs) {
    return pool(inputs, ConvArguments.window(poolSize, dataFormat), ConvArguments.window(strides, dataFormat),
        padding, dataFormat);
  }

  abstract Tensor pool(Tensor inputs, int[] ksize, int[] strides, String padding, String dataFormat);

  /** {@code tf.layers.max_pooling2d}'s keyword arguments (TF's defaults: {@code valid}, channels last). */
  public static final class Options {
    private String padding = "valid";
    private String dataFormat = "channels_last";
    private String name;

    Options() {}

    /** {@code "valid"} (default) or {@code "same"}, any case. */
    public Options padding(String padding) {
      this.padding = padding;
      return this;
    }

    public Options dataFormat(String dataFormat) {
      this.dataFormat = dataFormat;
      return this;
    }

    /** The base of the default-named scope ({@code name}, {@code name_1}, …), in both forms. */
    public Options name(String name) {
      this.name = name;
      return this;
    }
  }
}
