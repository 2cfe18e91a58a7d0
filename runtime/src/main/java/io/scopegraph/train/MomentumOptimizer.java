package io.scopegraph.train;

import io.scopegraph.IndexedSlices;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/**
 * {@code tf.train.MomentumOptimizer(learning_rate, momentum, use_locking=False, name="Momentum",
 * use_nesterov=False)}: slot {@code momentum} (zeros, {@code w/Momentum}); {@code <scope>/learning_rate},
 * {@code <scope>/momentum}, then {@code ApplyMomentum} per variable ({@code accum = accum * momentum + grad},
 * {@code var -= lr * accum}; Nesterov: {@code var -= grad * lr + accum * momentum * lr}).
 */
public class MomentumOptimizer extends Optimizer {
  private final Object learningRate;
  private final double momentum;
  private final boolean useNesterov;
  private Tensor learningRateTensor;
  private Tensor momentumTensor;

  public MomentumOptimizer(double learningRate, double momentum) {
    this(learningRate, momentum, false, "Momentum", false);
  }

  public MomentumOptimizer(double learningRate, double momentum, String name) {
    this(learningRate, momentum, false, name, false);
  }

  public MomentumOptimizer(double learningRate, double momentum, boolean useNesterov) {
    this(learningRate, momentum, false, "Momentum", useNesterov);
  }

  public MomentumOptimizer(double learningRate, double momentum, boolean useLocking, String name,
      boolean useNesterov) {
    this((Object) learningRate, momentum, useLocking, name, useNesterov);
  }

  /** A learning rate computed in the graph: used as it is, no {@code learning_rate} constant. */
  public MomentumOptimizer(Tensor learningRate, double momentum, boolean useLocking, String name,
      boolean useNesterov) {
    this((Object) learningRate, momentum, useLocking, name, useNesterov);
  }

  private MomentumOptimizer(Object learningRate, double momentum, boolean useLocking, String name,
      boolean useNesterov) {
    super(useLocking, name);
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.useNesterov = useNesterov;
  }

  @Override
  protected void createSlots(Ops tf, List<Variable> varList) {
    for (Variable v : varList) {
      zerosSlot(tf, v, "momentum", getName());
    }
  }

  @Override
  protected void prepare(Ops tf) {
    learningRateTensor = hyperParameter(tf, learningRate, "learning_rate");
    momentumTensor = hyperParameter(tf, momentum, "momentum");
  }

  @Override
  protected Operation applyDense(Ops tf, Tensor grad, Variable var) {
    Variable mom = getSlot(var, "momentum");
    return applyOp(tf, "ApplyMomentum", List.of(var, mom, cast(tf, learningRateTensor, var.dtype()), grad,
        cast(tf, momentumTensor, var.dtype())), "use_nesterov", useNesterov);
  }

  /** {@code _apply_sparse}: {@code SparseApplyMomentum} on the deduplicated rows. */
  @Override
  protected Operation applySparse(Ops tf, IndexedSlices grad, Variable var) {
    Variable mom = getSlot(var, "momentum");
    return applyOp(tf, "SparseApplyMomentum", List.of(var, mom, cast(tf, learningRateTensor, var.dtype()),
        grad.values(), grad.indices(), cast(tf, momentumTensor, var.dtype())), "Tindices", grad.indices().dtype(),
        "use_nesterov", useNesterov);
  }
}
