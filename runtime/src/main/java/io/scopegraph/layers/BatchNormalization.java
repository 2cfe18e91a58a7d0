package io.scopegraph.layers;

import io.scopegraph.DType;
import io.scopegraph.Initializer;
import io.scopegraph.Initializers;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Regularizer;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/**
 * TF 1.15's {@code tf.layers.BatchNormalization} (V1 behaviour): variables {@code gamma}, {@code beta} (trainable),
 * {@code moving_mean}, {@code moving_variance} (not trainable), one value per channel. A 4-D input normalized over
 * axis 1 or 3 uses the fused op {@code FusedBatchNormV3}; others use {@code moments} and {@code batchnorm/…}. In
 * training the moving averages are updated by two ops ({@code AssignMovingAvg}, {@code AssignMovingAvg_1}) that the
 * layer lists in {@link #updates()} and in {@code UPDATE_OPS}: run them with the training step.
 */
public final class BatchNormalization extends Layer {
  private final Options options;
  private int axis = -1;
  private long channels = -1;
  private int rank = -1;
  private boolean fused;
  private Variable gamma;
  private Variable beta;
  private Variable movingMean;
  private Variable movingVariance;
  private Tensor gammaConst;
  private Tensor betaConst;

  BatchNormalization(Ops tf, Options options, boolean functional) {
    super(tf, options.name, options.trainable, functional, Layers.checkReuse(options.reuse, functional));
    this.options = options.copy();
  }

  public static Options options() {
    return new Options();
  }

  /** Normalizes with the batch's statistics and updates the moving averages when {@code training}. */
  public Tensor apply(Tensor inputs, boolean training) {
    return super.apply(inputs, training);
  }

  /** As {@link #apply(Tensor, boolean)} with a bool tensor decided at run time ({@code tf.cond}). */
  public Tensor apply(Tensor inputs, Tensor training) {
    return super.apply(inputs, training);
  }

  public Variable gamma() {
    return gamma;
  }

  public Variable beta() {
    return beta;
  }

  public Variable movingMean() {
    return movingMean;
  }

  public Variable movingVariance() {
    return movingVariance;
  }

  @Override
  protected void checkInput(Shape shape) {
    if (shape.rank() < 0) {
      throw new IncompatibleInputException("Input has undefined rank: " + shape);
    }
    if (rank >= 0) {
      InputChecks.rank(this, shape, rank);
      InputChecks.axis(this, shape, axis, channels);
      return;
    }
    int a = options.axis < 0 ? options.axis + shape.rank() : options.axis;
    if (a < 0 || a >= shape.rank()) {
      throw new LayerArgumentException("Invalid axis: " + options.axis);
    }
    if (shape.dim(a) < 0) {
      throw new IncompatibleInputException("Input has undefined `axis` dimension. Input shape: " + shape);
    }
  }

  @Override
  protected void build(Shape inputShape) {
    rank = inputShape.rank();
    axis = options.axis < 0 ? options.axis + rank : options.axis;
    channels = inputShape.dim(axis);
    fused = rank == 4 && (axis == 1 || axis == 3);
    Shape param = Shape.of(channels);
    DType dtype = dtype();
    if (options.scale) {
      gamma = addWeight("gamma", param, dtype, options.gammaInitializer, options.gammaRegularizer, true);
    } else if (fused) {
      gammaConst = tf().constant(filled(1f), dtype);
    }
    if (options.center) {
      beta = addWeight("beta", param, dtype, options.betaInitializer, options.betaRegularizer, true);
    } else if (fused) {
      betaConst = tf().constant(filled(0f), dtype);
    }
    movingMean = addWeight("moving_mean", param, dtype, options.movingMeanInitializer, null, false);
    movingVariance = addWeight("moving_variance", param, dtype, options.movingVarianceInitializer, null, false);
  }

  private float[] filled(float value) {
    float[] values = new float[(int) channels];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Override
  protected Tensor call(Tensor inputs) {
    return fused ? fusedCall(inputs) : plainCall(inputs);
  }

  /** KN {@code _fused_batch_norm}: one op, its batch statistics feed the moving averages. */
  private Tensor fusedCall(Tensor inputs) {
    Tensor scale = gamma != null ? gamma : gammaConst;
    Tensor offset = beta != null ? beta : betaConst;
    String format = axis == 3 ? "NHWC" : "NCHW";
    Object training = training();
    List<Tensor> result = tf().smartCondList(training,
        () -> tf().fusedBatchNorm(inputs, scale, offset, null, null, options.epsilon, format, true, null),
        () -> tf().fusedBatchNorm(inputs, scale, offset, movingMean, movingVariance, options.epsilon, format, false,
            null), null);
    Boolean staticTraining = tf().smartConstantValue(training);
    Tensor momentum = staticTraining != null
        ? tf().constant((float) options.momentum)
        : tf().smartCond(training, () -> tf().constant((float) options.momentum), () -> tf().constant(1f));
    if (staticTraining == null || staticTraining) {
      addUpdate(assignMovingAverage(movingMean, result.get(1), momentum).op());
      addUpdate(assignMovingAverage(movingVariance, result.get(2), momentum).op());
    }
    return result.get(0);
  }

  /** KN's non-fused {@code call}: {@code moments} of the batch, or the moving statistics, then {@code batchnorm}. */
  private Tensor plainCall(Tensor inputs) {
    if (axis != rank - 1) {
      throw new LayerArgumentException("batch normalization over axis " + axis + " of a " + rank
          + "-D input needs broadcasting reshapes that are not supported; normalize over the last axis");
    }
    int[] reductionAxes = new int[rank - 1];
    for (int i = 0; i < reductionAxes.length; i++) {
      reductionAxes[i] = i;
    }
    Object training = training();
    Boolean staticTraining = tf().smartConstantValue(training);
    Tensor mean;
    Tensor variance;
    if (Boolean.FALSE.equals(staticTraining)) {
      mean = movingMean;
      variance = movingVariance;
    } else {
      consumeCast(); // math_ops.cast(inputs, param_dtype): same dtype, no op
      List<Tensor> moments = tf().moments(inputs, reductionAxes, false, null);
      mean = tf().smartCond(training, () -> moments.get(0), movingMean::read);
      variance = tf().smartCond(training, () -> moments.get(1), movingVariance::read);
      Tensor newMean = mean;
      Tensor newVariance = variance;
      addUpdate(tf().smartCond(training, () -> assignMovingAverage(movingMean, newMean, options.momentum),
          movingMean::read).op());
      addUpdate(tf().smartCond(training, () -> assignMovingAverage(movingVariance, newVariance, options.momentum),
          movingVariance::read).op());
    }
    // casts of mean, variance, offset, scale to the input dtype: scopes taken, no ops
    int casts = 2 + (beta != null ? 1 : 0) + (gamma != null ? 1 : 0);
    for (int i = 0; i < casts; i++) {
      consumeCast();
    }
    return tf().batchNormalization(inputs, mean, variance, beta, gamma, options.epsilon);
  }

  private void consumeCast() {
    tf().graph().uniqueName("Cast");
  }

  /**
   * KN {@code _assign_moving_average}: {@code variable -= (variable - value) * (1 - momentum)} under
   * {@code AssignMovingAvg}, colocated with the variable.
   */
  private Tensor assignMovingAverage(Variable variable, Tensor value, Object momentum) {
    try (NameScopeHandle scope = tf().nameScope("AssignMovingAvg")) {
      return tf().colocateWith(variable.op(), () -> {
        Tensor decay = momentum instanceof Tensor m
            ? m.rsub(1.0)
            : tf().constant((float) (1.0 - (Double) momentum), "decay");
        consumeCast();
        Tensor delta = variable.sub(value).mul(decay);
        return tf().assignSub(variable, delta, scope.name());
      });
    }
  }

  /** {@code tf.layers.batch_normalization}'s keyword arguments (TF's defaults). */
  public static final class Options extends LayerOptions<Options> {
    private int axis = -1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Object training = Boolean.FALSE;

    Options() {}

    /** The normalized (channel) axis; default -1, the last. */
    public Options axis(int axis) {
      this.axis = axis;
      return this;
    }

    public Options momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Options epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** False: no {@code beta}. */
    public Options center(boolean center) {
      this.center = center;
      return this;
    }

    /** False: no {@code gamma}. */
    public Options scale(boolean scale) {
      this.scale = scale;
      return this;
    }

    public Options betaInitializer(Initializer betaInitializer) {
      this.betaInitializer = betaInitializer;
      return this;
    }

    public Options gammaInitializer(Initializer gammaInitializer) {
      this.gammaInitializer = gammaInitializer;
      return this;
    }

    public Options movingMeanInitializer(Initializer movingMeanInitializer) {
      this.movingMeanInitializer = movingMeanInitializer;
      return this;
    }

    public Options movingVarianceInitializer(Initializer movingVarianceInitializer) {
      this.movingVarianceInitializer = movingVarianceInitializer;
      return this;
    }

    public Options betaRegularizer(Regularizer betaRegularizer) {
      this.betaRegularizer = betaRegularizer;
      return this;
    }

    public Options gammaRegularizer(Regularizer gammaRegularizer) {
      this.gammaRegularizer = gammaRegularizer;
      return this;
    }




    /** The function form's {@code training} argument (default false). */
    public Options training(boolean training) {
      this.training = training;
      return this;
    }

    /** The function form's {@code training} argument as a bool tensor (a placeholder builds a {@code tf.cond}). */
    public Options training(Tensor training) {
      this.training = training;
      return this;
    }

    Object training() {
      return training;
    }
  }
}
