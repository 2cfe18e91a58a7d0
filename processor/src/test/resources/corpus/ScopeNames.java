package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/** @ScopeName parameters given string literals (resolved) and null (the default name: unresolved). */
@Model
public abstract class ScopeNames {
  protected final Ops tf;

  protected ScopeNames(Ops tf) {
    this.tf = tf;
  }

  @VariableScope(defaultName = "layer")
  public Tensor layer(@ScopeName String name, Tensor x) {
    Tensor kernel = tf.getVariable("kernel", Shape.of(4, 4));
    return tf.matMul(x, kernel);
  }

  /** With both annotations the @ScopeName names the variable scope; the name scope does not prefix variables. */
  @VariableScope(defaultName = "blk")
  @NameScope("ops")
  public Tensor block(@ScopeName String name, Tensor x) {
    Tensor v = tf.getVariable("v", Shape.of(4));
    return tf.add(x, v);
  }

  /** l1/kernel, l2/kernel: complete. */
  public Tensor stack(Tensor x) {
    return layer("l2", layer("l1", x));
  }

  /** layer/kernel at run time; null means the default name, which the analysis does not resolve. */
  public Tensor defaultLayer(Tensor x) {
    return layer(null, x);
  }

  /** named/kernel resolved, layer/kernel not. */
  public Tensor mixed(Tensor x) {
    return layer(null, layer("named", x));
  }

  /** b1/v, b2/v. */
  public Tensor blocks(Tensor x) {
    return block("b2", block("b1", x));
  }
}
