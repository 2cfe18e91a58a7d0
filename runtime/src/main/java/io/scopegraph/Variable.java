package io.scopegraph;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
  private SaveSliceInfo saveSliceInfo;

  /**
   * Where a shard of a partitioned variable sits in the whole ({@code Variable.SaveSliceInfo} of TF): the whole
   * variable's name and shape, and the shard's offset and shape in it. A checkpoint saves all shards of one
   * variable under its full name, each as a slice.
   *
   * @param fullName the partitioned variable's name, e.g. {@code scope/v}
   * @param fullShape the whole variable's shape
   * @param offset where the shard starts, per dimension
   * @param shape the shard's dimensions
   */
  public record SaveSliceInfo(String fullName, Shape fullShape, long[] offset, long[] shape) {
    public SaveSliceInfo {
      Objects.requireNonNull(fullName, "fullName");
      offset = offset.clone();
      shape = shape.clone();
      if (offset.length != fullShape.rank() || shape.length != fullShape.rank()) {
        throw new IllegalArgumentException("A slice of " + fullShape + " needs " + fullShape.rank()
            + " offsets and dimensions, got " + Arrays.toString(offset) + " and " + Arrays.toString(shape));
      }
    }

    @Override
    public long[] offset() {
      return offset.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    /** TF's {@code spec}, the slice string a checkpoint stores: full dimensions, then {@code offset,length} each: {@code "4 2 0,2:0,2"}. */
    public String spec() {
      StringBuilder sb = new StringBuilder();
      for (long d : fullShape.dims()) {
        sb.append(d).append(' ');
      }
      for (int i = 0; i < offset.length; i++) {
        sb.append(i > 0 ? ":" : "").append(offset[i]).append(',').append(shape[i]);
      }
      return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SaveSliceInfo s && s.fullName.equals(fullName) && s.fullShape.equals(fullShape)
          && Arrays.equals(s.offset, offset) && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
      return Objects.hash(fullName, fullShape, Arrays.hashCode(offset), Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
      return "SaveSliceInfo[" + fullName + " " + spec() + "]";
    }
  }

  Variable(Operation op, DType dtype, Shape shape) {
    super(op, dtype, shape);
  }

  void init(Tensor initialValue, Operation initializer, Tensor snapshot, boolean trainable) {
    this.initialValue = initialValue;
    this.initializer = initializer;
    this.snapshot = snapshot;
    this.trainable = trainable;
  }

  void setSaveSliceInfo(SaveSliceInfo info) {
    this.saveSliceInfo = info;
  }

  /** Where this shard sits in its partitioned variable, or null for a variable that is not a shard. */
  public SaveSliceInfo saveSliceInfo() {
    return saveSliceInfo;
  }

  /**
   * Makes the output of an imported {@code VariableV2} op a usable variable, as TF's
   * {@code Variable(variable_def=...)} does from a MetaGraphDef's {@code VariableDef}: the {@code Assign} that
   * initialises it, the snapshot ops read, the initial value, whether it is trainable, and its slice when it
   * is a shard. Adds it to no collection. Only for a variable that has no initializer yet (an imported one).
   *
   * @throws IllegalArgumentException if the initializer is not an {@code Assign} of this variable, the ops are
   *     of another graph, or the variable was already set up
   */
  public void bindImported(Operation initializer, Tensor snapshot, Tensor initialValue, boolean trainable,
      SaveSliceInfo sliceInfo) {
    graph().atomically(() -> {
      if (this.initializer != null || this.snapshot != null) {
        throw new IllegalArgumentException(this + " is already set up; only an imported variable can be bound");
      }
      checkInitializer(initializer);
      for (Tensor t : new Tensor[] {snapshot, initialValue}) {
        if (t != null && t.graph() != graph()) {
          throw new GraphMismatchException(t + " is not from the graph of " + this);
        }
      }
      init(initialValue, initializer, snapshot, trainable);
      this.saveSliceInfo = sliceInfo;
      graph().onUndo(() -> {
        init(null, null, null, false);
        this.saveSliceInfo = null;
      });
      return null;
    });
  }

  /**
   * Replaces the op that initialises this variable, as {@code tf.train.init_from_checkpoint} does: {@code assign}
   * must be an {@code Assign} to this variable; its value becomes the {@link #initialValue()}. Atomic with the
   * enclosing {@link Graph#atomically} call.
   */
  public void setInitializer(Operation assign) {
    graph().atomically(() -> {
      checkInitializer(assign);
      Operation oldInitializer = initializer;
      Tensor oldValue = initialValue;
      initializer = assign;
      initialValue = assign.input(1);
      graph().onUndo(() -> {
        initializer = oldInitializer;
        initialValue = oldValue;
      });
      return null;
    });
  }

  private void checkInitializer(Operation op) {
    if (op == null) {
      return;
    }
    if (op.graph() != graph()) {
      throw new GraphMismatchException(op + " is not from the graph of " + this);
    }
    if (!op.type().equals("Assign") || op.input(0) != this) {
      throw new IllegalArgumentException("The initializer of " + this + " must be an Assign to it, got " + op);
    }
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
