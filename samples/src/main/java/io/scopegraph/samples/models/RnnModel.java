package io.scopegraph.samples.models;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;
import java.util.ArrayList;
import java.util.List;

/**
 * A vanilla RNN cell {@code h' = tanh(x W + h U + b)} unrolled over the steps of a sequence; every step
 * shares the cell's weights ({@code reuse = AUTO}) while its ops get their own scope ({@code rnn_cell},
 * {@code rnn_cell_1}, …).
 */
@Model
public abstract class RnnModel {
  protected final Ops tf;
  private final int inputs;
  private final int hidden;

  protected RnnModel(Ops tf, int inputs, int hidden) {
    this.tf = tf;
    this.inputs = inputs;
    this.hidden = hidden;
  }

  @VariableScope(value = "rnn_cell", reuse = Reuse.AUTO)
  public Tensor cell(Tensor x, Tensor h) {
    Tensor w = tf.getVariable("W", Shape.of(inputs, hidden), Initializers.constant(0.1));
    Tensor u = tf.getVariable("U", Shape.of(hidden, hidden), Initializers.constant(0.2));
    Tensor b = tf.getVariable("b", Shape.of(hidden), Initializers.zeros());
    return tf.tanh(tf.add(tf.add(tf.matMul(x, w), tf.matMul(h, u)), b));
  }

  /** The hidden state after each step. */
  @NameScope("rnn")
  public List<Tensor> unroll(List<Tensor> steps, Tensor h0) {
    List<Tensor> states = new ArrayList<>();
    Tensor h = h0;
    for (Tensor x : steps) {
      h = cell(x, h);
      states.add(h);
    }
    return states;
  }
}
