package io.scopegraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds TF 1.15's v1 {@code tf.cond} ({@code control_flow_ops.cond}) and {@code smart_cond}. In name scope
 * {@code cond} (uniquified): {@code cond/Switch} of the predicate on itself, the pivots {@code cond/switch_t} and
 * {@code cond/switch_f} and {@code cond/pred_id}; then the true branch, then the false branch, each built in its
 * own {@link CondContext}; then one {@code cond/Merge}, {@code cond/Merge_1}, … per result, joining the false
 * and the true value.
 */
final class Cond {
  private Cond() {}

  static List<Tensor> cond(Ops tf, Tensor pred, Supplier<? extends List<? extends Tensor>> trueFn,
      Supplier<? extends List<? extends Tensor>> falseFn, String name) {
    Objects.requireNonNull(trueFn, "cond(): trueFn argument required");
    Objects.requireNonNull(falseFn, "cond(): falseFn argument required");
    Graph graph = tf.graph();
    return graph.atomically(() -> {
      graph.checkValuesFromThisGraph(List.of(Objects.requireNonNull(pred, "pred")));
      return tf.inScopeLocked(name, "cond", scope -> {
        Tensor p = pred.value();
        Tensor[] switched = ControlFlowGrad.switchOp(tf, pred, p); // as TF: a variable's data input is itself
        Tensor pivotTrue = tf.identity(switched[1], "switch_t");
        Tensor pivotFalse = tf.identity(switched[0], "switch_f");
        Tensor predId = tf.identity(p, "pred_id");
        for (Tensor t : List.of(switched[0], pivotTrue, pivotFalse, predId)) {
          graph.conds().preventFetching(t.op()); // only one branch has them
        }
        CondContext outer = graph.condContext();
        CondContext contextTrue = new CondContext(tf, predId, pivotTrue, 1, outer);
        List<Tensor> resTrue = graph.inCondContext(contextTrue, () -> branch(contextTrue, trueFn, "trueFn"));
        CondContext contextFalse = new CondContext(tf, predId, pivotFalse, 0, outer);
        List<Tensor> resFalse = graph.inCondContext(contextFalse, () -> branch(contextFalse, falseFn, "falseFn"));
        if (resTrue.size() != resFalse.size()) {
          throw new ScopeGraphException("Incompatible return values of trueFn and falseFn: The two structures "
              + "don't have the same number of elements. trueFn returned " + resTrue.size() + ", falseFn "
              + resFalse.size() + ".");
        }
        if (resTrue.isEmpty()) {
          throw new ScopeGraphException("trueFn and falseFn must return at least one result.");
        }
        for (int i = 0; i < resTrue.size(); i++) {
          DType t = resTrue.get(i).dtype();
          DType f = resFalse.get(i).dtype();
          if (t != f) {
            throw new DTypeMismatchException("Outputs of trueFn and falseFn must have the same type: " + t + ", " + f);
          }
        }
        List<Tensor> merges = new ArrayList<>();
        for (int i = 0; i < resTrue.size(); i++) {
          merges.add(ControlFlowGrad.merge(tf, List.of(resFalse.get(i), resTrue.get(i)), null));
        }
        return merges;
      });
    });
  }

  /** {@code BuildCondBranch} then {@code ExitResult}: runs {@code fn} in {@code context}; its results as the branch sees them. */
  private static List<Tensor> branch(CondContext context, Supplier<? extends List<? extends Tensor>> fn,
      String label) {
    List<? extends Tensor> original = fn.get();
    if (original == null) {
      throw new ScopeGraphException(label + " must have a return value.");
    }
    List<Tensor> results = new ArrayList<>();
    for (Tensor t : original) {
      if (t == null) {
        throw new ScopeGraphException(label + " returned a null tensor");
      }
      context.graphCheck(t);
      results.add(context.processOutput(t.value()));
    }
    if (context.outer != null) {
      results.forEach(context.outer::addName);
    }
    return results;
  }

  /**
   * {@code smart_cond}: a predicate whose value is known now picks one branch, which is simply called (no cond
   * ops); a tensor whose value is not known builds a {@link #cond}. A variable always builds a cond (Keras's
   * {@code tf_utils.smart_cond}).
   */
  static List<Tensor> smartCond(Ops tf, Object pred, Supplier<? extends List<? extends Tensor>> trueFn,
      Supplier<? extends List<? extends Tensor>> falseFn, String name) {
    Objects.requireNonNull(trueFn, "`trueFn` must be callable.");
    Objects.requireNonNull(falseFn, "`falseFn` must be callable.");
    if (pred instanceof Variable v) {
      return cond(tf, v, trueFn, falseFn, name);
    }
    Boolean value = smartConstantValue(pred);
    if (value == null) {
      return cond(tf, (Tensor) pred, trueFn, falseFn, name);
    }
    List<? extends Tensor> result = value ? trueFn.get() : falseFn.get();
    return result == null ? null : new ArrayList<>(result);
  }

  /** {@code smart_constant_value}: the predicate's value when known now, else null. */
  static Boolean smartConstantValue(Object pred) {
    if (pred instanceof Tensor t) {
      return constantValue(t);
    }
    if (pred instanceof Boolean b) {
      return b;
    }
    if ((pred instanceof Integer || pred instanceof Long || pred instanceof Short || pred instanceof Byte)
        && (((Number) pred).longValue() == 0 || ((Number) pred).longValue() == 1)) {
      return ((Number) pred).longValue() == 1;
    }
    throw new InvalidPredicateException("`pred` must be a Tensor, or a Java boolean, or 1 or 0. Found instead: "
        + (pred == null ? "null" : pred.getClass().getName()));
  }

  /**
   * {@code tensor_util.constant_value} (with the constant folding {@code smart_cond} tries next) for a predicate:
   * a scalar {@code Const}, looked up through {@code Identity}; null when the value is only known at run time.
   */
  static Boolean constantValue(Tensor t) {
    Operation op = t.op();
    while (op.type().equals("Identity") && op.numInputs() == 1) {
      op = op.input(0).op();
    }
    if (!op.type().equals("Const") || !(op.attr("value") instanceof NdArray value) || value.size() != 1) {
      return null;
    }
    return value.getDouble(0) != 0;
  }
}
