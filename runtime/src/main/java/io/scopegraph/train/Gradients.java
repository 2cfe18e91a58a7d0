package io.scopegraph.train;

import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/** The one place {@link Optimizer#computeGradients} reaches {@code Ops.gradients}. */
final class Gradients {
  private Gradients() {}

  /**
   * {@code tf.gradients(loss, vars, gate_gradients=(gate == GATE_OP))}, then for {@code GATE_GRAPH} one
   * {@code tuple} over all of them.
   */
  static List<Tensor> of(Ops tf, Tensor loss, List<Variable> vars, int gate) {
    // TODO(gradients): Ops.gradients lands on branch 'gradients'; until it is merged there is nothing to call.
    throw new UnsupportedOperationException("computeGradients/minimize need Ops.gradients, which this build does "
        + "not have yet; build the gradients yourself and call applyGradients");
  }
}
