package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every option of {@code tf.get_variable}, ending in {@link #get()} (a {@link Variable}), {@link #value()}
 * (whatever a custom getter returns) or {@link #getPartitioned()} (with a partitioner):
 *
 * <pre>{@code
 * Variable w = tf.getVariableBuilder("w").shape(Shape.of(784, 64)).initializer(Initializers.zeros())
 *     .regularizer(Regularizers.l2(1e-4)).trainable(false).collections("my_vars").get();
 * PartitionedVariable e = tf.getVariableBuilder("embedding").shape(Shape.of(1000, 64))
 *     .partitioner(Partitioners.fixedSize(4)).getPartitioned();
 * }</pre>
 *
 * <p>Options left unset take the variable scope's: initializer, dtype, regularizer, partitioner, custom
 * getter, constraint.
 */
public final class GetVariableBuilder {
  private final Ops tf;
  private final String name;
  private Shape shape;
  private DType dtype;
  private Object initializer; // Initializer, Supplier (no-argument), or a constant (Tensor / NdArray / Java value)
  private boolean trainable = true;
  private List<String> collections;
  private boolean local;
  private Regularizer regularizer;
  private Partitioner partitioner;
  private CustomGetter customGetter;
  private Constraint constraint;

  GetVariableBuilder(Ops tf, String name) {
    this.tf = tf;
    this.name = name;
  }

  /** The shape; required for a new variable unless the initial value gives it. */
  public GetVariableBuilder shape(Shape shape) {
    this.shape = shape;
    return this;
  }

  /** The dtype (default: the variable scope's, float32 at the root). */
  public GetVariableBuilder dtype(DType dtype) {
    this.dtype = dtype;
    return this;
  }

  /** An initializer called with the variable's shape and dtype (default: the scope's, else by dtype). */
  public GetVariableBuilder initializer(Initializer initializer) {
    this.initializer = initializer;
    return this;
  }

  /**
   * A constant initial value ({@link Tensor}, {@link NdArray}, Java number or array), whose shape and dtype
   * the variable takes; give no shape with it. A {@link Supplier} is called without arguments instead.
   */
  public GetVariableBuilder initialValue(Object value) {
    this.initializer = value;
    return this;
  }

  /** Whether the variable joins the trainable-variables collection (default true). */
  public GetVariableBuilder trainable(boolean trainable) {
    this.trainable = trainable;
    return this;
  }

  /** The collections to add the variable to, instead of the global-variables collection. */
  public GetVariableBuilder collections(String... collections) {
    this.collections = Arrays.asList(collections);
    return this;
  }

  /** {@code get_local_variable}: not trainable, and added to the local-variables collection. */
  public GetVariableBuilder local() {
    this.local = true;
    return this;
  }

  /**
   * The regularizer of a new variable (default: the scope's); {@link Regularizers#none()} switches the scope's
   * off. Its loss is built once, at creation, and added to {@link Graph#REGULARIZATION_LOSSES}.
   */
  public GetVariableBuilder regularizer(Regularizer regularizer) {
    this.regularizer = regularizer;
    return this;
  }

  /** The partitioner (default: the scope's); a variable it splits is got with {@link #getPartitioned()}. */
  public GetVariableBuilder partitioner(Partitioner partitioner) {
    this.partitioner = partitioner;
    return this;
  }

  /** A custom getter for this call only; it replaces the scope's (TF's rule), it does not wrap it. */
  public GetVariableBuilder customGetter(CustomGetter customGetter) {
    this.customGetter = customGetter;
    return this;
  }

  /** The constraint recorded on a new variable (default: the constraint given to the scope's entry). */
  public GetVariableBuilder constraint(Constraint constraint) {
    this.constraint = constraint;
    return this;
  }

  /**
   * Gets or creates the variable as the current variable scope's reuse mode says. Fails with
   * {@link VariableKindException} when a custom getter returns a tensor that is not a variable (use
   * {@link #value()}) or when a partitioner applies (use {@link #getPartitioned()}); the call then leaves no
   * trace.
   */
  public Variable get() {
    return (Variable) run(Variables.Result.VARIABLE);
  }

  /** Like {@link #get()}, but returns whatever the custom getters return, e.g. {@code custom_getter/add:0}. */
  public Tensor value() {
    return (Tensor) run(Variables.Result.VALUE);
  }

  /**
   * Gets or creates the partitioned variable: shards {@code <scope>/<name>/part_<i>}. Needs a partitioner (this
   * call's or the scope's) and a non-scalar shape, or a reusing scope where the partitioned variable exists;
   * otherwise {@link VariableKindException}.
   */
  public PartitionedVariable getPartitioned() {
    return (PartitionedVariable) run(Variables.Result.PARTITIONED);
  }

  private Object run(Variables.Result result) {
    boolean isTrainable = trainable && !local;
    List<String> effective = collections;
    if (local) {
      effective = new ArrayList<>(collections == null ? List.of() : collections);
      effective.add(Graph.LOCAL_VARIABLES);
    }
    return Variables.getVariable(tf, name, shape, dtype, initializer, isTrainable, effective, regularizer,
        partitioner, customGetter, constraint, result);
  }
}
