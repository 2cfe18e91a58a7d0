package corpus;

import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.annotations.Model;

/** Receivers that look like, or are, the model's Ops without being its field tf. */
@Model
public abstract class ShadowedOps {
  protected final Ops tf;
  private final Ops alias;

  protected ShadowedOps(Ops tf) {
    this.tf = tf;
    this.alias = tf;
  }

  /** The model's Ops through a method (a root creating nothing). */
  protected Ops ops() {
    return tf;
  }

  /** A local named tf on another graph: nothing in the model's graph. */
  public void localNamedTf() {
    Ops tf = Ops.on(new Graph());
    tf.getVariable("elsewhere", Shape.of(2));
  }

  /** The model's Ops through another field: via_field. */
  public void otherField() {
    alias.getVariable("via_field", Shape.of(2));
  }

  /** The model's Ops through the accessor: via_method. */
  public void accessor() {
    ops().getVariable("via_method", Shape.of(2));
  }

  /** this.tf: via_this. */
  public void explicitThis() {
    this.tf.getVariable("via_this", Shape.of(2));
  }
}
