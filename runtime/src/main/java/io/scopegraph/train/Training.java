package io.scopegraph.train;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.List;

/** TF 1.15's {@code training_util}: the global step, and the training collection keys. */
public final class Training {
  /** Collection of the global step variable ({@code tf.GraphKeys.GLOBAL_STEP}). */
  public static final String GLOBAL_STEP = "global_step";
  /** Collection of the ops optimizers return ({@code tf.GraphKeys.TRAIN_OP}). */
  public static final String TRAIN_OP = "train_op";

  private Training() {}

  /**
   * {@code tf.train.get_global_step(graph)}: the one variable in collection {@link #GLOBAL_STEP}, else the
   * tensor {@code global_step:0}, else null (also when the collection holds several).
   */
  public static Variable getGlobalStep(Graph graph) {
    List<Object> items = graph.collection(GLOBAL_STEP);
    if (items.size() == 1 && items.get(0) instanceof Variable v) {
      return v;
    }
    if (items.size() > 1) {
      return null;
    }
    Tensor t = graph.tensor("global_step:0");
    return t instanceof Variable v ? v : null;
  }

  /**
   * {@code tf.train.create_global_step(graph)}: {@code getVariable("global_step")} of shape {@code []}, int64,
   * zeros, not trainable, in collections {@code variables} and {@code global_step}; the name scope is reset to
   * the root but the current variable scope applies ({@code foo/global_step} inside variable scope {@code foo}).
   *
   * @throws GlobalStepExistsException {@code "global_step" already exists.}
   */
  public static Variable createGlobalStep(Graph graph) {
    return graph.atomically(() -> {
      if (getGlobalStep(graph) != null) {
        throw new GlobalStepExistsException("\"global_step\" already exists.");
      }
      Ops tf = Ops.on(graph);
      try (NameScopeHandle root = tf.nameScope(null)) {
        return tf.getVariableBuilder(GLOBAL_STEP).shape(Shape.scalar()).dtype(DType.INT64)
            .initializer(Initializers.zeros()).trainable(false)
            .collections(Graph.GLOBAL_VARIABLES, GLOBAL_STEP).get();
      }
    });
  }

  /** {@code tf.train.get_or_create_global_step(graph)}: {@link #getGlobalStep}, else {@link #createGlobalStep}. */
  public static Variable getOrCreateGlobalStep(Graph graph) {
    return graph.atomically(() -> {
      Variable step = getGlobalStep(graph);
      return step != null ? step : createGlobalStep(graph);
    });
  }
}
