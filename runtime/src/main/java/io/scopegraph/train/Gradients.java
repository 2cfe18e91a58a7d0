package io.scopegraph.train;

import io.scopegraph.GradientOptions;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.TensorLike;
import io.scopegraph.Variable;
import java.util.List;

/** The one place {@link Optimizer#computeGradients} reaches {@code Ops.gradients}. */
final class Gradients {
  private Gradients() {}

  /**
   * {@code tf.gradients(loss, vars, gate_gradients=(gate == GATE_OP))} with TF's result types (sparse gradients
   * stay {@code IndexedSlices}), then for {@code GATE_GRAPH} one {@code tuple} over all of them.
   */
  static List<TensorLike> of(Ops tf, Tensor loss, List<Variable> vars, int gate) {
    List<TensorLike> grads = tf.sparseGradients(List.of(loss), vars,
        GradientOptions.builder().gateGradients(gate == Optimizer.GATE_OP).build());
    return gate == Optimizer.GATE_GRAPH ? tf.sparseTuple(grads) : grads;
  }
}
