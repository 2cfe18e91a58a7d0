package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every option of {@code tf.get_variable}, ending in {@link #get()}:
 *
 * <pre>{@code
 * Variable w = tf.getVariableBuilder("w").shape(Shape.of(784, 64)).initializer(Initializers.zeros())
 *     .trainable(false).collections("my_vars").get();
 * }</pre>
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

  /** Gets or creates the variable as the current variable scope's reuse mode says. */
  public Variable get() {
    boolean isTrainable = trainable && !local;
    List<String> effective = collections;
    if (local) {
      effective = new ArrayList<>(collections == null ? List.of() : collections);
      effective.add(Graph.LOCAL_VARIABLES);
    }
    List<String> finalCollections = effective;
    return tf.graph().atomically(
        () -> Variables.getVariable(tf, name, shape, dtype, initializer, isTrainable, finalCollections));
  }
}
