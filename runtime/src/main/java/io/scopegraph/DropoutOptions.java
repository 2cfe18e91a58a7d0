package io.scopegraph;

/**
 * The arguments of TF 1.15's {@code tf.nn.dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None,
 * rate=None)} beyond {@code x}, for {@link Ops#dropout(Tensor, DropoutOptions)}: give exactly one of
 * {@code keepProb} and {@code rate} (a number or a scalar tensor), as TF requires:
 *
 * <pre>{@code
 * tf.dropout(x, new DropoutOptions().rate(0.2).seed(7).name("drop"));
 * }</pre>
 *
 * Setters return this object; unset values are TF's {@code None}.
 */
public final class DropoutOptions {
  Object keepProb; // Double or Tensor
  Object rate; // Double or Tensor
  Object noiseShape; // long[] (-1 = take x's dimension) or Tensor
  Long seed;
  String name;

  /** No argument set yet: give exactly one of keep_prob and rate. */
  public DropoutOptions() {}

  /** The probability of keeping each element (deprecated in TF for {@link #rate(double)}). */
  public DropoutOptions keepProb(double keepProb) {
    this.keepProb = keepProb;
    return this;
  }

  public DropoutOptions keepProb(Tensor keepProb) {
    this.keepProb = keepProb;
    return this;
  }

  /** The probability of dropping each element, in {@code [0, 1)}. */
  public DropoutOptions rate(double rate) {
    this.rate = rate;
    return this;
  }

  public DropoutOptions rate(Tensor rate) {
    this.rate = rate;
    return this;
  }

  /** The shape of the random keep/drop mask; {@code -1} takes x's dimension there (TF's {@code None}). */
  public DropoutOptions noiseShape(long... noiseShape) {
    this.noiseShape = noiseShape.clone();
    return this;
  }

  /** The mask's shape as an int32 vector tensor, used as it is. */
  public DropoutOptions noiseShape(Tensor noiseShape) {
    this.noiseShape = noiseShape;
    return this;
  }

  /** The op seed of the {@code RandomUniform} (with the graph seed, TF's seed rule). */
  public DropoutOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The name scope (default {@code dropout}). */
  public DropoutOptions name(String name) {
    this.name = name;
    return this;
  }
}
