package corpus;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** Unrolled loops with literal bounds (and one unknown bound) calling an AUTO-reusing scoped method. */
@Model
@SuppressWarnings("try")
public abstract class UnrolledCell {
  protected final Ops tf;

  protected UnrolledCell(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(value = "cell", reuse = Reuse.AUTO)
  public Tensor cell(Tensor h) {
    Tensor w = tf.getVariable("w", Shape.of(4, 4));
    Tensor b = tf.getVariable("b", Shape.of(4), Initializers.zeros());
    return tf.tanh(tf.add(tf.matMul(h, w), b));
  }

  /** Five steps: cell/w and cell/b once. */
  @NameScope("rnn")
  public Tensor unroll(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 5; i++) {
      h = cell(h);
    }
    return h;
  }

  /** Two by three steps. */
  public Tensor unrollNested(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        h = this.cell(h);
      }
    }
    return h;
  }

  /** An unknown number of steps (2 here): reuse makes that safe. */
  public Tensor unrollDynamic(Tensor x, int steps) {
    Tensor h = x;
    for (int i = 0; i < steps; i++) {
      h = cell(h);
    }
    return h;
  }

  /** A literal loop around an AUTO scope written in the body: rep/r once. */
  public Tensor repeatInBody(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < 3; i++) {
      try (VarScope s = tf.variableScope("rep", Reuse.AUTO)) {
        h = tf.add(h, tf.getVariable("r", Shape.of(4)));
      }
    }
    return h;
  }
}
