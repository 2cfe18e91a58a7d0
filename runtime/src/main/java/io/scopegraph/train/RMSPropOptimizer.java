package io.scopegraph.train;

import io.scopegraph.Initializers;
import io.scopegraph.IndexedSlices;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/**
 * {@code tf.train.RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
 * centered=False, name="RMSProp")}: slots {@code rms} (ones, {@code w/RMSProp}), when centered {@code mg}
 * (zeros), and {@code momentum} (zeros), in that order; {@code <scope>/learning_rate}, {@code decay},
 * {@code momentum}, {@code epsilon}, then {@code ApplyRMSProp} ({@code ApplyCenteredRMSProp}) per variable:
 * {@code ms += (grad² - ms)(1 - decay)}, {@code mom = mom * momentum + lr * grad / sqrt(ms + epsilon)}
 * (centered: {@code sqrt(ms - mg² + epsilon)}), {@code var -= mom}.
 */
public class RMSPropOptimizer extends Optimizer {
  private final Object learningRate;
  private final double decay;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;
  private Tensor lrT;
  private Tensor decayT;
  private Tensor momentumT;
  private Tensor epsilonT;

  public RMSPropOptimizer(double learningRate) {
    this(learningRate, 0.9, 0.0, 1e-10, false, false, "RMSProp");
  }

  public RMSPropOptimizer(double learningRate, String name) {
    this(learningRate, 0.9, 0.0, 1e-10, false, false, name);
  }

  public RMSPropOptimizer(double learningRate, double decay, double momentum, double epsilon) {
    this(learningRate, decay, momentum, epsilon, false, false, "RMSProp");
  }

  public RMSPropOptimizer(double learningRate, double decay, double momentum, double epsilon, boolean centered) {
    this(learningRate, decay, momentum, epsilon, false, centered, "RMSProp");
  }

  public RMSPropOptimizer(double learningRate, double decay, double momentum, double epsilon, boolean useLocking,
      boolean centered, String name) {
    this((Object) learningRate, decay, momentum, epsilon, useLocking, centered, name);
  }

  /** A learning rate computed in the graph: used as it is, no {@code learning_rate} constant. */
  public RMSPropOptimizer(Tensor learningRate, double decay, double momentum, double epsilon, boolean useLocking,
      boolean centered, String name) {
    this((Object) learningRate, decay, momentum, epsilon, useLocking, centered, name);
  }

  private RMSPropOptimizer(Object learningRate, double decay, double momentum, double epsilon, boolean useLocking,
      boolean centered, String name) {
    super(useLocking, name);
    this.learningRate = learningRate;
    this.decay = decay;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  protected void createSlots(Ops tf, List<Variable> varList) {
    for (Variable v : varList) {
      getOrMakeSlotWithInitializer(tf, v, Initializers.ones(), v.shape(), v.dtype(), "rms", getName());
      if (centered) {
        zerosSlot(tf, v, "mg", getName());
      }
      zerosSlot(tf, v, "momentum", getName());
    }
  }

  @Override
  protected void prepare(Ops tf) {
    lrT = hyperParameter(tf, learningRate, "learning_rate");
    decayT = hyperParameter(tf, decay, "decay");
    momentumT = hyperParameter(tf, momentum, "momentum");
    epsilonT = hyperParameter(tf, epsilon, "epsilon");
  }

  @Override
  protected Operation applyDense(Ops tf, Tensor grad, Variable var) {
    var dt = var.dtype();
    Variable rms = getSlot(var, "rms");
    Variable mom = getSlot(var, "momentum");
    if (centered) {
      Variable mg = getSlot(var, "mg");
      return applyOp(tf, "ApplyCenteredRMSProp", List.of(var, mg, rms, mom, cast(tf, lrT, dt), cast(tf, decayT, dt),
          cast(tf, momentumT, dt), cast(tf, epsilonT, dt), grad));
    }
    return applyOp(tf, "ApplyRMSProp", List.of(var, rms, mom, cast(tf, lrT, dt), cast(tf, decayT, dt),
        cast(tf, momentumT, dt), cast(tf, epsilonT, dt), grad));
  }

  /** {@code _apply_sparse}: {@code SparseApplyRMSProp} (or {@code SparseApplyCenteredRMSProp}) on the deduplicated rows. */
  @Override
  protected Operation applySparse(Ops tf, IndexedSlices grad, Variable var) {
    var dt = var.dtype();
    Variable rms = getSlot(var, "rms");
    Variable mom = getSlot(var, "momentum");
    if (centered) {
      Variable mg = getSlot(var, "mg");
      return applyOp(tf, "SparseApplyCenteredRMSProp", List.of(var, mg, rms, mom, cast(tf, lrT, dt),
          cast(tf, decayT, dt), cast(tf, momentumT, dt), cast(tf, epsilonT, dt), grad.values(), grad.indices()),
          "Tindices", grad.indices().dtype());
    }
    return applyOp(tf, "SparseApplyRMSProp", List.of(var, rms, mom, cast(tf, lrT, dt), cast(tf, decayT, dt),
        cast(tf, momentumT, dt), cast(tf, epsilonT, dt), grad.values(), grad.indices()),
        "Tindices", grad.indices().dtype());
  }
}
