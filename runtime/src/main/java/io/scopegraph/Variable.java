package io.scopegraph;

import java.util.List;

/**
 * A variable: the output of its {@code VariableV2} op, named {@code "scope/v:0"}. Ops that use a variable
 * read its {@code v/read} snapshot; {@link #initializer()} is the {@code v/Assign} op that sets the initial
 * value ({@link Ops#globalVariablesInitializer()} runs them all).
 */
public final class Variable extends Tensor {
  private Tensor initialValue;
  private Operation initializer;
  private Tensor snapshot;
  private boolean trainable;
  private List<StackTraceElement> creationSite = List.of();
  private Constraint constraint;

  Variable(Operation op, DType dtype, Shape shape) {
    super(op, dtype, shape);
  }

  void init(Tensor initialValue, Operation initializer, Tensor snapshot, boolean trainable) {
    this.initialValue = initialValue;
    this.initializer = initializer;
    this.snapshot = snapshot;
    this.trainable = trainable;
  }

  void setCreationSite(List<StackTraceElement> site) {
    this.creationSite = site;
  }

  void setConstraint(Constraint constraint) {
    this.constraint = constraint;
  }

  /**
   * The constraint {@code getVariable} created this variable with (its own, or its variable scope's), or null.
   * The runtime only records it, for optimizers to apply.
   */
  public Constraint constraint() {
    return constraint;
  }

  /** The {@code Assign} op that initialises this variable. */
  public Operation initializer() {
    return initializer;
  }

  /** The tensor the initial value comes from. */
  public Tensor initialValue() {
    return initialValue;
  }

  /** The {@code v/read} snapshot that ops using this variable read. */
  public Tensor read() {
    return snapshot;
  }

  public boolean trainable() {
    return trainable;
  }

  /** The user code that created this variable, innermost frame first (at most 5 frames). */
  public List<StackTraceElement> creationSite() {
    return creationSite;
  }

  @Override
  Tensor value() {
    return snapshot == null ? this : snapshot;
  }

  /** Python's {@code repr}: {@code <tf.Variable 'v:0' shape=(1,) dtype=float32_ref>}, without {@code _ref}. */
  @Override
  public String toString() {
    return "<tf.Variable '" + name() + "' shape=" + shape() + " dtype=" + dtype() + ">";
  }
}
