package io.scopegraph;

/**
 * TensorFlow's variable initializers. Each builds its ops in the current name scope, which is
 * {@code v/Initializer/} when {@code getVariable} creates {@code v}: {@code zeros} → op {@code zeros},
 * {@code constant} → {@code Const}, the random ones → {@code random_uniform/…} or {@code random_normal/…}.
 * Random initializers take an optional op seed; with a graph seed ({@link Graph#setSeed}) or an op seed the
 * values are the same every run.
 */
public final class Initializers {
  private Initializers() {}

  /** {@code tf.zeros_initializer()}: the default for integer and bool variables. */
  public static Initializer zeros() {
    return (tf, shape, dtype) -> tf.zeros(shape, dtype);
  }

  /** {@code tf.ones_initializer()}. */
  public static Initializer ones() {
    return (tf, shape, dtype) -> tf.ones(shape, dtype);
  }

  /** {@code tf.constant_initializer(value)}: every element {@code value}, as a {@code Const} op. */
  public static Initializer constant(double value) {
    return (tf, shape, dtype) -> tf.constant(NdArray.filled(dtype, shape, value));
  }

  /**
   * {@code tf.constant_initializer(values)} with a full array ({@link NdArray}, Java array): its size must
   * equal the variable's.
   */
  public static Initializer constant(Object values) {
    NdArray array = NdArray.of(values);
    return (tf, shape, dtype) -> {
      if (array.size() != shape.numElements()) {
        throw new InvalidInitializerException("The constant initializer has " + array.size()
            + " values but the variable of shape " + shape + " needs " + shape.numElements());
      }
      return tf.constant(Conversions.toDType(array, dtype).reshape(shape));
    };
  }

  /** {@code tf.glorot_uniform_initializer()}: the default for floating variables. */
  public static Initializer glorotUniform() {
    return glorotUniform(null);
  }

  /**
   * Glorot (Xavier) uniform: uniform in {@code [-limit, limit]}, {@code limit = sqrt(6 / (fan_in + fan_out))}
   * (TF's {@code VarianceScaling(1, "fan_avg", "uniform")}).
   */
  public static Initializer glorotUniform(Long seed) {
    return new Initializer() {
      @Override
      public Tensor create(Ops tf, Shape shape, DType dtype) {
        return createShard(tf, shape, dtype, shape);
      }

      @Override
      public Tensor createShard(Ops tf, Shape shardShape, DType dtype, Shape fullShape) {
        double[] fans = fans(fullShape);
        double scale = 1.0 / Math.max(1.0, (fans[0] + fans[1]) / 2.0);
        double limit = Math.sqrt(3.0 * scale);
        return tf.randomUniform(shardShape, dtype, -limit, limit, seed, null);
      }
    };
  }

  /** {@code tf.random_uniform_initializer(minval, maxval, seed)}. */
  public static Initializer randomUniform(double minval, double maxval, Long seed) {
    return (tf, shape, dtype) -> tf.randomUniform(shape, dtype, minval, maxval, seed, null);
  }

  /** {@code tf.random_normal_initializer(mean, stddev, seed)}. */
  public static Initializer randomNormal(double mean, double stddev, Long seed) {
    return (tf, shape, dtype) -> tf.randomNormal(shape, dtype, mean, stddev, seed, null);
  }

  /** {@code tf.truncated_normal_initializer(mean, stddev, seed)}. */
  public static Initializer truncatedNormal(double mean, double stddev, Long seed) {
    return (tf, shape, dtype) -> tf.truncatedNormal(shape, dtype, mean, stddev, seed, null);
  }

  /** {@link #zeros()} as a class, for {@code @VariableScope(initializer = Initializers.Zeros.class)}. */
  public static final class Zeros implements Initializer {
    @Override
    public Tensor create(Ops tf, Shape shape, DType dtype) {
      return zeros().create(tf, shape, dtype);
    }
  }

  /** {@link #ones()} as a class, for annotations. */
  public static final class Ones implements Initializer {
    @Override
    public Tensor create(Ops tf, Shape shape, DType dtype) {
      return ones().create(tf, shape, dtype);
    }
  }

  /** {@link #glorotUniform()} as a class, for annotations. */
  public static final class GlorotUniform implements Initializer {
    @Override
    public Tensor create(Ops tf, Shape shape, DType dtype) {
      return glorotUniform().create(tf, shape, dtype);
    }

    @Override
    public Tensor createShard(Ops tf, Shape shardShape, DType dtype, Shape fullShape) {
      return glorotUniform().createShard(tf, shardShape, dtype, fullShape);
    }
  }

  /** TF's {@code _compute_fans}: (fan_in, fan_out). */
  static double[] fans(Shape shape) {
    int rank = shape.rank();
    if (rank < 1) {
      return new double[] {1, 1};
    }
    if (rank == 1) {
      return new double[] {shape.dim(0), shape.dim(0)};
    }
    if (rank == 2) {
      return new double[] {shape.dim(0), shape.dim(1)};
    }
    double receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= shape.dim(i);
    }
    return new double[] {shape.dim(rank - 2) * receptive, shape.dim(rank - 1) * receptive};
  }
}
