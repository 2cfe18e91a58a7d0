package io.scopegraph;

import java.util.List;
import java.util.function.Supplier;

/**
 * What one {@code getVariable} call asks for, as a {@link CustomGetter} sees it (TF's getter keyword
 * arguments): the full name ({@code scope/v}), and every option after the variable scope's defaults are
 * applied, including the scope's reuse mode. Immutable; the {@code with…} methods return changed copies to pass
 * on to the next getter.
 */
public final class VariableRequest {
  private final String name;
  private final Shape shape;
  private final DType dtype;
  private final Object initializer; // Initializer, no-argument Supplier, constant (Tensor, NdArray, Java value) or null
  private final Regularizer regularizer;
  private final Reuse reuse;
  private final boolean trainable;
  private final List<String> collections;
  private final Partitioner partitioner;
  private final Constraint constraint;

  VariableRequest(String name, Shape shape, DType dtype, Object initializer, Regularizer regularizer, Reuse reuse,
      boolean trainable, List<String> collections, Partitioner partitioner, Constraint constraint) {
    if (name == null) {
      throw new NullPointerException("name");
    }
    this.name = name;
    this.shape = shape;
    this.dtype = dtype;
    this.initializer = initializer;
    this.regularizer = regularizer;
    this.reuse = reuse == null ? Reuse.FALSE : reuse;
    this.trainable = trainable;
    this.collections = collections == null ? null : List.copyOf(collections);
    this.partitioner = partitioner;
    this.constraint = constraint;
  }

  /** The full name of the variable, e.g. {@code scope/v} (the store key; no {@code :0}). */
  public String name() {
    return name;
  }

  /** The shape asked for, or null when none was given (a constant initial value then gives it). */
  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return dtype;
  }

  /** The initializer function, or null (none, or a constant or supplier: see {@link #initialValue()}). */
  public Initializer initializer() {
    return initializer instanceof Initializer i ? i : null;
  }

  /** The constant initial value ({@link Tensor}, {@link NdArray}, Java value) or no-argument {@link Supplier}, or null. */
  public Object initialValue() {
    return initializer instanceof Initializer ? null : initializer;
  }

  /** The regularizer ({@link Regularizers#none()} when disabled), or null for none. */
  public Regularizer regularizer() {
    return regularizer;
  }

  /** The reuse mode in effect: the variable scope's ({@code kwargs["reuse"]} of TF). */
  public Reuse reuse() {
    return reuse;
  }

  public boolean trainable() {
    return trainable;
  }

  /** The collections to add a new variable to, or null for the global-variables collection. */
  public List<String> collections() {
    return collections;
  }

  /** The partitioner, or null. */
  public Partitioner partitioner() {
    return partitioner;
  }

  /** The constraint, or null. */
  public Constraint constraint() {
    return constraint;
  }

  public VariableRequest withName(String name) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withShape(Shape shape) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withDtype(DType dtype) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withInitializer(Initializer initializer) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  /** A constant initial value or a no-argument {@link Supplier} instead of the initializer. */
  public VariableRequest withInitialValue(Object initialValue) {
    return new VariableRequest(name, shape, dtype, initialValue, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withRegularizer(Regularizer regularizer) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withReuse(Reuse reuse) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withTrainable(boolean trainable) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  /** The collections of a new variable; null for the global-variables collection. */
  public VariableRequest withCollections(List<String> collections) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withPartitioner(Partitioner partitioner) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  public VariableRequest withConstraint(Constraint constraint) {
    return new VariableRequest(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
        partitioner, constraint);
  }

  /** Raw initializer field for the store. */
  Object init() {
    return initializer;
  }

  @Override
  public String toString() {
    return "VariableRequest(name=" + name + ", shape=" + shape + ", dtype=" + dtype + ", reuse=" + reuse
        + ", trainable=" + trainable + (collections == null ? "" : ", collections=" + collections)
        + (partitioner == null ? "" : ", partitioned") + ")";
  }
}
