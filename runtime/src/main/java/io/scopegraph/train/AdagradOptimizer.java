package io.scopegraph.train;

import io.scopegraph.Initializers;
import io.scopegraph.IndexedSlices;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/**
 * {@code tf.train.AdagradOptimizer(learning_rate, initial_accumulator_value=0.1, use_locking=False,
 * name="Adagrad")}: slot {@code accumulator} ({@code w/Adagrad}, initializer {@code Initializer/Const});
 * {@code <scope>/learning_rate}, then {@code ApplyAdagrad} per variable ({@code accum += grad²},
 * {@code var -= lr * grad / sqrt(accum)}).
 */
public class AdagradOptimizer extends Optimizer {
  private final Object learningRate;
  private final double initialAccumulatorValue;
  private Tensor lrT;

  public AdagradOptimizer(double learningRate) {
    this(learningRate, 0.1, false, "Adagrad");
  }

  public AdagradOptimizer(double learningRate, String name) {
    this(learningRate, 0.1, false, name);
  }

  public AdagradOptimizer(double learningRate, double initialAccumulatorValue) {
    this(learningRate, initialAccumulatorValue, false, "Adagrad");
  }

  /**
   * @throws InvalidOptimizerArgumentException {@code initial_accumulator_value must be positive: 0.0}
   */
  public AdagradOptimizer(double learningRate, double initialAccumulatorValue, boolean useLocking, String name) {
    this((Object) learningRate, initialAccumulatorValue, useLocking, name);
  }

  /** A learning rate computed in the graph: used as it is, no {@code learning_rate} constant. */
  public AdagradOptimizer(Tensor learningRate, double initialAccumulatorValue, boolean useLocking, String name) {
    this((Object) learningRate, initialAccumulatorValue, useLocking, name);
  }

  private AdagradOptimizer(Object learningRate, double initialAccumulatorValue, boolean useLocking, String name) {
    super(useLocking, name);
    if (initialAccumulatorValue <= 0.0) {
      throw new InvalidOptimizerArgumentException("initial_accumulator_value must be positive: "
          + pythonRepr(initialAccumulatorValue));
    }
    this.learningRate = learningRate;
    this.initialAccumulatorValue = initialAccumulatorValue;
  }

  @Override
  protected void createSlots(Ops tf, List<Variable> varList) {
    for (Variable v : varList) {
      getOrMakeSlotWithInitializer(tf, v, Initializers.constant(initialAccumulatorValue), v.shape(), v.dtype(),
          "accumulator", getName());
    }
  }

  @Override
  protected void prepare(Ops tf) {
    lrT = hyperParameter(tf, learningRate, "learning_rate");
  }

  @Override
  protected Operation applyDense(Ops tf, Tensor grad, Variable var) {
    Variable acc = getSlot(var, "accumulator");
    return applyOp(tf, "ApplyAdagrad", List.of(var, acc, cast(tf, lrT, var.dtype()), grad), "update_slots", true);
  }

  /** Python's {@code repr} of a float ({@code 0.0}, {@code -1.5}, {@code 1e-10}), as TF's message prints it. */
  /** {@code _apply_sparse}: {@code SparseApplyAdagrad} on the deduplicated rows. */
  @Override
  protected Operation applySparse(Ops tf, IndexedSlices grad, Variable var) {
    Variable acc = getSlot(var, "accumulator");
    return applyOp(tf, "SparseApplyAdagrad", List.of(var, acc, cast(tf, lrT, var.dtype()), grad.values(),
        grad.indices()), "Tindices", grad.indices().dtype(), "update_slots", true);
  }

  static String pythonRepr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    String sign = v < 0 ? "-" : "";
    if (exp >= -4 && exp < 16) {
      String plain = d.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }
}
