package io.scopegraph.layers;

import io.scopegraph.DropoutOptions;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;

/**
 * TF 1.15's {@code tf.layers.Dropout}: when training, {@code tf.nn.dropout(x, rate=rate)} in its own {@code dropout}
 * scope inside the layer's ({@code dropout/dropout/mul_1}); otherwise {@code dropout/Identity}. A bool placeholder
 * as the training flag builds a {@code tf.cond} of the two. No variables.
 */
public final class Dropout extends Layer {
  private final double rate;
  private final long[] noiseShape;
  private final Long seed;

  Dropout(Ops tf, double rate, Options options) {
    super(tf, checked(rate, options), true, false, null);
    this.rate = rate;
    this.noiseShape = options.noiseShape == null ? null : options.noiseShape.clone();
    this.seed = options.seed;
  }

  private static String checked(double rate, Options options) {
    if (!(rate >= 0 && rate < 1)) {
      throw new LayerArgumentException("rate must be a scalar tensor or a float in the range [0, 1), got " + rate);
    }
    return options.name;
  }

  public static Options options() {
    return new Options();
  }

  /** Drops when {@code training} is true (TF's default is false: the input passes through). */
  public Tensor apply(Tensor inputs, boolean training) {
    return super.apply(inputs, training);
  }

  /** Drops when the bool tensor {@code training} is true at run time ({@code tf.cond}). */
  public Tensor apply(Tensor inputs, Tensor training) {
    return super.apply(inputs, training);
  }

  @Override
  protected Tensor call(Tensor inputs) {
    return tf().smartCond(training(), () -> {
      DropoutOptions o = new DropoutOptions().rate(rate);
      if (seed != null) {
        o.seed(seed);
      }
      if (noiseShape != null) {
        o.noiseShape(noiseShape);
      }
      return tf().dropout(inputs, o);
    }, () -> tf().identity(inputs));
  }

  /** {@code tf.layers.dropout}'s keyword arguments besides rate and training. */
  public static final class Options {
    private long[] noiseShape;
    private Long seed;
    private String name;

    Options() {}

    public Options noiseShape(long... noiseShape) {
      this.noiseShape = noiseShape;
      return this;
    }

    public Options seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /** The base of the default-named scope ({@code name}, {@code name_1}, …), in both forms. */
    public Options name(String name) {
      this.name = name;
      return this;
    }
  }
}
