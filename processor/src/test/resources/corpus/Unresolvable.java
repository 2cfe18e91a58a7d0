package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.annotations.Model;
import java.util.function.Supplier;

/** What the analysis cannot follow: each root is incomplete, the resolved variables are still listed. */
@Model
@SuppressWarnings("try")
public abstract class Unresolvable {
  protected final Ops tf;

  protected Unresolvable(Ops tf) {
    this.tf = tf;
  }

  /** Outside the model: not followed. */
  static final class Helper {
    private Helper() {}

    static Tensor dense(Ops tf, Tensor x) {
      return tf.matMul(x, tf.getVariable("helper_w", Shape.of(4, 4)));
    }
  }

  /** known is listed, dyn1 (a computed name) is not. */
  public void computedName() {
    String prefix = "dyn";
    tf.getVariable(prefix + 1, Shape.of(2));
    tf.getVariable("known", Shape.of(2));
  }

  /** A builder scope: built/b unresolved; after it, plain is resolved. */
  public void builderScope() {
    try (VarScope s = tf.variableScopeBuilder("built").reuse(Reuse.AUTO).enter()) {
      tf.getVariable("b", Shape.of(2));
    }
    tf.getVariable("plain", Shape.of(2));
  }

  /** A call on another class: helper_w unresolved; mine resolved. */
  public Tensor otherObject(Tensor x) {
    Tensor h = Helper.dense(tf, x);
    return tf.add(h, tf.getVariable("mine", Shape.of(4)));
  }

  /** A lambda: lam unresolved. */
  public Variable lambda() {
    Supplier<Variable> make = () -> tf.getVariable("lam", Shape.of(2));
    return make.get();
  }

  /** A computed scope name (suffix is null here: prenull/v). */
  public void computedScope(String suffix) {
    try (VarScope s = tf.variableScope("pre" + suffix)) {
      tf.getVariable("v", Shape.of(2));
    }
  }

  /** The Ops through a local alias: not the model's field. */
  public void aliasedOps() {
    Ops ops = tf;
    ops.getVariable("aliased", Shape.of(2));
  }

  /** A computed name inside a loop of unknown bound (n is 2 here): w0, w1. */
  public void loopNames(int n) {
    for (int i = 0; i < n; i++) {
      tf.getVariable("w" + i, Shape.of(2));
    }
  }
}
