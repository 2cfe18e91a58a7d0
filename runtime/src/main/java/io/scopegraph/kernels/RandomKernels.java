package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.SplittableRandom;

/**
 * Samples of the random ops from a generator the session keeps per op: {@code RandomUniform} in [0, 1),
 * {@code RandomStandardNormal} N(0, 1), {@code TruncatedNormal} N(0, 1) with values beyond two standard
 * deviations redrawn. The values are not TensorFlow's (its Philox stream is not reproduced), only as
 * deterministic: the same seeds give the same sequence.
 */
public final class RandomKernels {
  private static final float FLOAT_ULP = 0x1.0p-24f;

  private RandomKernels() {}

  /** Whether {@code type} is a random op (stateful: it needs a generator). */
  public static boolean isRandom(String type) {
    return type.equals("RandomUniform") || type.equals("RandomStandardNormal") || type.equals("TruncatedNormal");
  }

  /**
   * The generator of an op: deterministic from (seed, seed2) unless both are 0, which TF treats as "no seed"
   * (fresh randomness every session).
   */
  public static SplittableRandom generator(long seed, long seed2) {
    if (seed == 0 && seed2 == 0) {
      return new SplittableRandom();
    }
    // SplittableRandom mixes its seed, so an odd-multiplier combination is enough to separate seed pairs.
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + seed2);
  }

  /** Draws an array of the shape given by {@code shape} (an integer vector) for op {@code type}. */
  public static NdArray sample(String type, DType dtype, NdArray shape, SplittableRandom rng) {
    if (!dtype.isFloating()) {
      throw new IllegalArgumentException(type + " does not support dtype " + dtype);
    }
    Shape outShape = Shape.of(Kernels.dims(shape, type));
    int n = Math.toIntExact(outShape.numElements());
    if (dtype == DType.FLOAT64) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = draw(type, rng);
      }
      return NdArray.wrap(dtype, outShape, out);
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      // Rounding a double below 1 to float can give 1.0f, so uniform floats get 24 random bits directly.
      out[i] = type.equals("RandomUniform") ? (rng.nextInt() >>> 8) * FLOAT_ULP : (float) draw(type, rng);
    }
    return NdArray.wrap(dtype, outShape, out);
  }

  private static double draw(String type, SplittableRandom rng) {
    switch (type) {
      case "RandomUniform":
        return rng.nextDouble();
      case "RandomStandardNormal":
        return rng.nextGaussian();
      case "TruncatedNormal":
        double x;
        do {
          x = rng.nextGaussian();
        } while (Math.abs(x) > 2.0);
        return x;
      default:
        throw new IllegalArgumentException("Not a random op: " + type);
    }
  }
}
