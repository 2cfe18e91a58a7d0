package io.scopegraph.layers;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializer;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Regularizer;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * TF 1.15's {@code tf.layers.Layer}: an object that creates its variables on its first call and shares them on every
 * later one. A layer has two names that never have to agree: its object {@link #name()} (a per-graph counter,
 * {@code dense_1} for the first unnamed {@code Dense}) and its {@link #scopeName()} (a variable scope chosen on the
 * first call, {@code dense}), under which its variables are created. Its ops go to the name scope that variable scope
 * opened when it was chosen, re-entered on every call, so a layer called twice makes {@code dense/MatMul} and
 * {@code dense/MatMul_1}.
 *
 * <p>Subclass it for a custom layer: create variables in {@link #build} with {@link #addWeight}, compute in
 * {@link #call}. A call that fails leaves the graph and the layer as they were.
 */
public abstract class Layer {
  private final Ops tf;
  private final String name;
  private final String baseName;
  private final Reuse reuse;
  private final boolean trainable;
  private VarScope scope;
  private boolean built;
  private DType dtype;
  private Object training = Boolean.FALSE; // the current call's training argument
  private final List<Variable> trainableWeights = new ArrayList<>();
  private final List<Variable> nonTrainableWeights = new ArrayList<>();
  private final List<Operation> updates = new ArrayList<>();

  /**
   * A layer in {@code tf}'s graph. {@code name} null: the object name is the snake-case class name with the graph's
   * next number ({@code my_layer_1}), the scope that name's next default ({@code my_layer}, {@code my_layer_1}, …);
   * otherwise both start from {@code name}.
   */
  protected Layer(Ops tf, String name, boolean trainable) {
    this(tf, name, trainable, false, null);
  }

  /** A trainable layer (see {@link #Layer(Ops, String, boolean)}). */
  protected Layer(Ops tf, String name) {
    this(tf, name, true);
  }

  /**
   * {@code functional}: TF's function forms ({@code tf.layers.dense(x, 3, name="fc")}), which enter a named scope at
   * once as a plain string scope, so a second layer with that name shares or clashes instead of becoming {@code fc_1};
   * an unnamed one with {@code reuse} set binds to the base name itself.
   */
  Layer(Ops tf, String name, boolean trainable, boolean functional, Reuse reuse) {
    this.tf = Objects.requireNonNull(tf, "tf");
    this.trainable = trainable;
    this.reuse = reuse == Reuse.FALSE ? null : reuse;
    String base = name != null ? name : LayerNames.snakeCase(className());
    this.baseName = base;
    this.name = name != null ? name : LayerNames.unique(tf.graph(), base);
    if (functional && name != null) {
      graph().atomically(() -> {
        try (VarScope s = tf.variableScope(name)) {
          scope = s;
        }
        return null;
      });
    }
  }

  /**
   * TF's {@code _scope=<VariableScope>} (how {@code tf.contrib.layers} wraps a core layer): the layer is named like the
   * scope and re-enters it at once, so its ops go to the scope's original name scope.
   */
  Layer(Ops tf, VarScope scopeObject, boolean trainable, Reuse reuse) {
    this.tf = Objects.requireNonNull(tf, "tf");
    this.trainable = trainable;
    this.reuse = reuse == Reuse.FALSE ? null : reuse;
    this.baseName = scopeObject.name();
    this.name = scopeObject.name();
    graph().atomically(() -> {
      try (VarScope s = tf.variableScope(scopeObject)) {
        scope = s;
      }
      return null;
    });
  }

  private String className() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? "Layer" : simple;
  }

  /** The object name: the {@code name} argument, else {@code <snake_case class name>_<n>}, counted per graph. */
  public final String name() {
    return name;
  }

  /** The variable scope of this layer's variables, e.g. {@code "tower/dense_1"}; chosen by the first call. */
  public final String scopeName() {
    if (scope == null) {
      throw new LayerNotBuiltException("No name available for layer scope because the layer \"" + name
          + "\" has not been used yet. The scope name  is determined the first time the layer instance is called."
          + " You must therefore call the layer before querying `scope_name`.");
    }
    return scope.name();
  }

  /** Whether the first call has created the variables. */
  public final boolean built() {
    return built;
  }

  public final boolean trainable() {
    return trainable;
  }

  /** Trainable then non-trainable variables, each in creation order. */
  public final List<Variable> variables() {
    List<Variable> all = new ArrayList<>(trainableWeights);
    all.addAll(nonTrainableWeights);
    return Collections.unmodifiableList(all);
  }

  public final List<Variable> trainableVariables() {
    return trainable ? List.copyOf(trainableWeights) : List.of();
  }

  public final List<Variable> nonTrainableVariables() {
    if (trainable) {
      return List.copyOf(nonTrainableWeights);
    }
    return variables();
  }

  /** The update ops of all calls so far (batch normalization's moving averages); none when not trainable. */
  public final List<Operation> updates() {
    return trainable ? List.copyOf(updates) : List.of();
  }

  /** The dtype of the layer's variables: its first input's. */
  protected final DType dtype() {
    return dtype;
  }

  /** The ops this layer is built on. */
  protected final Ops tf() {
    return tf;
  }

  private Graph graph() {
    return tf.graph();
  }

  /**
   * Calls the layer ({@code layer(inputs)} in Python): on the first call chooses the variable scope, checks the input,
   * builds the variables; then computes, with the ops in the layer's name scope. Update ops go to
   * {@code UPDATE_OPS}.
   */
  public final Tensor apply(Tensor inputs) {
    Objects.requireNonNull(inputs, "inputs");
    checkInput(inputs.shape());
    VarScope scopeBefore = scope;
    boolean builtBefore = built;
    int[] marks = {trainableWeights.size(), nonTrainableWeights.size(), updates.size()};
    try {
      return graph().atomically(() -> {
        chooseScope();
        Reuse callReuse = built ? Reuse.TRUE : reuse;
        Tensor out;
        int updatesBefore = updates.size();
        try (VarScope s = tf.variableScopeBuilder(scope).reuse(callReuse).auxiliaryNameScope(false).enter();
            NameScopeHandle ns = tf.nameScope(scope.originalNameScope())) {
          if (!built) {
            dtype = inputs.dtype();
            build(inputs.shape());
            built = true;
          }
          out = call(inputs);
        }
        if (trainable) {
          for (Operation update : updates.subList(updatesBefore, updates.size())) {
            if (!graph().collection(Graph.UPDATE_OPS).contains(update)) {
              graph().addToCollection(Graph.UPDATE_OPS, update);
            }
          }
        }
        return out;
      });
    } catch (RuntimeException | Error e) {
      if (!builtBefore) {
        dtype = null;
      }
      scope = scopeBefore;
      built = builtBefore;
      trainableWeights.subList(marks[0], trainableWeights.size()).clear();
      nonTrainableWeights.subList(marks[1], nonTrainableWeights.size()).clear();
      updates.subList(marks[2], updates.size()).clear();
      throw e;
    }
  }

  /**
   * A call with TF's {@code training} argument: a Java boolean, or a bool tensor (a placeholder makes the layer build a
   * {@code tf.cond}; a constant picks its branch when the graph is built).
   */
  final Tensor apply(Tensor inputs, Object training) {
    tf.smartConstantValue(training); // a predicate of the wrong type fails before anything is created
    Object before = this.training;
    this.training = training;
    try {
      return apply(inputs);
    } finally {
      this.training = before;
    }
  }

  /** The current call's training argument: a {@link Boolean} or a bool {@link Tensor}. */
  final Object training() {
    return training;
  }

  /** TF's {@code _set_scope}: once, a default-name scope, or the base name itself when sharing was asked for. */
  private void chooseScope() {
    if (scope != null) {
      return;
    }
    if (reuse != null) {
      try (VarScope s = tf.variableScope(baseName)) {
        scope = s;
      }
    } else {
      try (VarScope s = tf.variableScopeBuilder().defaultName(baseName).enter()) {
        scope = s;
      }
    }
  }

  /**
   * Checks an input before anything is created (TF's {@code input_spec}); the messages name the layer by its object
   * name. The default accepts everything.
   */
  protected void checkInput(Shape inputShape) {}

  /** Creates the variables, once, from the first input's shape (inside the layer's scopes). */
  protected void build(Shape inputShape) {}

  /** Computes the output (inside the layer's scopes). */
  protected abstract Tensor call(Tensor inputs);

  /**
   * TF's {@code add_weight}: {@code getVariable(name)} in the layer's variable scope, whatever the current name scope;
   * sharing once the layer is built or when it was asked for. {@code initializer} null takes the scope's initializer,
   * else TF's default for the dtype. The regularizer's loss is built only for a new variable, under
   * {@code <name>/Regularizer} in the layer's name scope, and joins {@code REGULARIZATION_LOSSES}.
   */
  protected final Variable addWeight(String name, Shape shape, DType dtype, Initializer initializer,
      Regularizer regularizer, boolean trainable) {
    return graph().atomically(() -> {
      chooseScope();
      Reuse weightReuse = built ? Reuse.TRUE : reuse;
      try (VarScope s = tf.variableScopeBuilder(scope).reuse(weightReuse).auxiliaryNameScope(false).enter();
          NameScopeHandle ns = tf.nameScope(scope.originalNameScope())) {
        String fullName = scope.name().isEmpty() ? name : scope.name() + "/" + name;
        boolean existed = graph().globalVariables().stream().anyMatch(v -> v.op().name().equals(fullName));
        Variable v = tf.getVariableBuilder(name).shape(shape).dtype(dtype).initializer(initializer)
            .trainable(trainable && this.trainable).get();
        if (regularizer != null && !existed) {
          try (NameScopeHandle r = tf.nameScope(name + "/Regularizer")) {
            Tensor loss = regularizer.apply(v);
            if (loss != null) {
              graph().addToCollection(Graph.REGULARIZATION_LOSSES, loss);
            }
          }
        }
        List<Variable> list = trainable ? trainableWeights : nonTrainableWeights;
        if (!list.contains(v)) {
          list.add(v);
        }
        return v;
      }
    });
  }

  /** Records an update op (run it with the training step, e.g. through {@code UPDATE_OPS}). */
  protected final void addUpdate(Operation update) {
    updates.add(Objects.requireNonNull(update, "update"));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ")";
  }
}
