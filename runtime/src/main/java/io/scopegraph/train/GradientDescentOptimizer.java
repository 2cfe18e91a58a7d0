package io.scopegraph.train;

import io.scopegraph.IndexedSlices;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/**
 * {@code tf.train.GradientDescentOptimizer(learning_rate, use_locking=False, name="GradientDescent")}: no slots;
 * {@code <scope>/learning_rate}, then per variable {@code <scope>/update_<var>/ApplyGradientDescent}
 * ({@code var -= lr * grad}).
 */
public class GradientDescentOptimizer extends Optimizer {
  private final Object learningRate;
  private Tensor learningRateTensor;

  public GradientDescentOptimizer(double learningRate) {
    this(learningRate, "GradientDescent");
  }

  public GradientDescentOptimizer(double learningRate, String name) {
    this(learningRate, false, name);
  }

  public GradientDescentOptimizer(double learningRate, boolean useLocking, String name) {
    super(useLocking, name);
    this.learningRate = learningRate;
  }

  /** A learning rate computed in the graph (e.g. decayed): used as it is, no {@code learning_rate} constant. */
  public GradientDescentOptimizer(Tensor learningRate, String name) {
    super(false, name);
    this.learningRate = learningRate;
  }

  @Override
  protected void prepare(Ops tf) {
    learningRateTensor = hyperParameter(tf, learningRate, "learning_rate");
  }

  @Override
  protected Operation applyDense(Ops tf, Tensor grad, Variable var) {
    return applyOp(tf, "ApplyGradientDescent", List.of(var, cast(tf, learningRateTensor, var.dtype()), grad));
  }

  /**
   * {@code _apply_sparse_duplicate_indices} of TF's GradientDescent: no deduplication ({@code ScatterSub} adds
   * repeated rows): {@code mul} (values × learning rate), {@code ScatterSub} on the variable.
   */
  @Override
  protected Operation applySparseDuplicateIndices(Ops tf, IndexedSlices grad, Variable var) {
    Tensor delta = grad.values().mul(cast(tf, learningRateTensor, var.dtype()));
    return scatterOp(tf, "ScatterSub", var, grad.indices(), delta);
  }
}
