package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** Default names: uniquified per entry (block, block_1), counted per root; a default-named name scope is harmless. */
@Model
@SuppressWarnings("try")
public abstract class DefaultNames {
  protected final Ops tf;

  protected DefaultNames(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "block")
  public Tensor block(Tensor x) {
    Tensor w = tf.getVariable("w", Shape.of(4, 4));
    return tf.matMul(x, w);
  }

  @VariableScope("named")
  public Tensor named(Tensor x) {
    return tf.add(x, tf.getVariable("v", Shape.of(4)));
  }

  /** block/w, block_1/w. */
  public Tensor twoBlocks(Tensor x) {
    return block(block(x));
  }

  /** A default-named name scope does not prefix getVariable: named/v. */
  @NameScope(defaultName = "ops")
  public Tensor defaultNameScope(Tensor x) {
    return named(x);
  }

  /** outer/block/w, plus the resolved outer/named/v. */
  public Tensor nested(Tensor x) {
    try (VarScope s = tf.variableScope("outer")) {
      return named(block(x));
    }
  }
}
