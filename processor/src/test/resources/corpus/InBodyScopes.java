package corpus;

import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/** Scopes written as try-with-resources in method bodies. */
@Model
@SuppressWarnings("try")
public abstract class InBodyScopes {
  protected final Ops tf;

  protected InBodyScopes(Ops tf) {
    this.tf = tf;
  }

  /** enc/w, enc/b (the name scope adds nothing), enc/dec/v. */
  public Tensor encoder(Tensor x) {
    Tensor h;
    try (VarScope enc = tf.variableScope("enc")) {
      Tensor w = tf.getVariable("w", Shape.of(4, 4));
      try (NameScopeHandle n = tf.nameScope("ops")) {
        Tensor b = tf.getVariable("b", Shape.of(4));
        h = tf.add(tf.matMul(x, w), b);
      }
      try (VarScope dec = tf.variableScope("dec")) {
        Tensor v = tf.getVariable("v", Shape.of(4, 2));
        h = tf.matMul(h, v);
      }
    }
    return h;
  }

  /** Two resources in one try: a/b/ab. */
  public Tensor twoResources(Tensor x) {
    try (VarScope a = tf.variableScope("a"); VarScope b = tf.variableScope("b")) {
      return tf.add(x, tf.getVariable("ab", Shape.of(4)));
    }
  }

  /** The same AUTO scope entered twice: shared/s once. */
  public Tensor autoTwice(Tensor x) {
    Tensor h = x;
    try (VarScope s = tf.variableScope("shared", Reuse.AUTO)) {
      h = tf.add(h, tf.getVariable("s", Shape.of(4)));
    }
    try (VarScope s = tf.variableScope("shared", Reuse.AUTO)) {
      h = tf.add(h, tf.getVariable("s", Shape.of(4)));
    }
    return h;
  }

  @VariableScope("guest")
  public Tensor guest(Tensor x) {
    return tf.add(x, tf.getVariable("g", Shape.of(4)));
  }

  /** host/guest/g, then guest/g outside the body scope. */
  public Tensor hostThenRoot(Tensor x) {
    Tensor h;
    try (VarScope s = tf.variableScope("host")) {
      h = guest(x);
    }
    return guest(h);
  }
}
