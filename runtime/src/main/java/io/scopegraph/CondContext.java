package io.scopegraph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One branch of a v1 {@code tf.cond} while it is built (TF 1.15's {@code CondContext}): its predicate
 * ({@code cond/pred_id}), its pivot ({@code cond/switch_t} or {@code cond/switch_f}), which branch it is (1 true,
 * 0 false) and the enclosing branch of a nested cond. While it is the thread's current context, every op added
 * to the graph joins it ({@link #addOp}): a value from outside the branch gets a {@code Switch} (a
 * {@code RefSwitch} for a variable reference) created once, right after its first consumer, named
 * {@code <consumer>/Switch}, {@code <consumer>/Switch_1}, …; an op without data inputs gets the pivot as a
 * control input, so it runs only when its branch is taken.
 *
 * <p>Bookkeeping is by tensor, as TF's is by tensor name: {@code values} are the tensors usable in the branch
 * as they are, {@code externalValues} maps an outside tensor to its switched version.
 */
final class CondContext {
  private final Ops tf;
  private final Graph graph;
  final Tensor pred;
  final Tensor pivot;
  final int branch;
  final CondContext outer;
  private final Set<Tensor> values = new HashSet<>();
  private final Map<Tensor, Tensor> externalValues = new HashMap<>();

  CondContext(Ops tf, Tensor pred, Tensor pivot, int branch, CondContext outer) {
    this.tf = tf;
    this.graph = tf.graph();
    this.pred = pred;
    this.pivot = pivot;
    this.branch = branch;
    this.outer = outer;
    values.add(pred);
    externalValues.put(pred, pred);
    values.add(pivot);
    graph.conds().setContext(pivot.op(), this);
  }

  /** TF's {@code OpInContext}: whether {@code op} belongs to this context or one nested in it. */
  boolean contains(Operation op) {
    for (CondContext c = graph.conds().contextOf(op); c != null; c = c.outer) {
      if (c == this) {
        return true;
      }
    }
    return false;
  }

  /**
   * The control inputs of an op without data inputs created in this branch: the pivot is added unless one of
   * them already lies in the branch ({@code _AddOpInternal}).
   */
  Operation[] withPivot(Operation[] controls) {
    for (Operation c : controls) {
      if (contains(c)) {
        return controls;
      }
    }
    Operation[] out = java.util.Arrays.copyOf(controls, controls.length + 1);
    out[controls.length] = pivot.op();
    return out;
  }

  /**
   * {@code _AddOpInternal} for an op just added in this branch: each input from outside is replaced by its
   * switched version (the {@code Switch} named in the op's own name scope, as TF's generated wrappers have it
   * open); the outputs become values of this context and the enclosing ones; the op cannot be fetched.
   */
  void addOp(Operation op) {
    if (op.numInputs() > 0) {
      tf.inScopeLocked(op.name() + "/", null, scope -> {
        for (int i = 0; i < op.numInputs(); i++) {
          Tensor x = op.input(i);
          Tensor real = addValue(x);
          if (real != x) {
            op.replaceInput(i, real);
          }
        }
        return null;
      });
    }
    for (CondContext c = this; c != null; c = c.outer) {
      c.values.addAll(op.outputs());
    }
    graph.conds().join(op, this);
  }

  /**
   * {@code AddValue}: {@code val} as the branch sees it. An outside value is first made available in the
   * enclosing branch, then switched on the predicate outside any context and control dependencies, once.
   */
  Tensor addValue(Tensor val) {
    if (values.contains(val)) {
      Tensor external = externalValues.get(val);
      return external == null ? val : external;
    }
    Tensor result = val;
    values.add(val);
    if (outer != null) {
      result = outer.addValue(val);
      values.add(result);
      externalValues.put(result, result);
    }
    Tensor data = result;
    result = graph.withControlDependencies(null, () -> switchRefOrTensor(tf, data, pred, "Switch"))[branch];
    graph.conds().join(result.op(), this);
    for (CondContext c = this; c != null; c = c.outer) {
      c.values.add(result);
    }
    externalValues.put(val, result);
    return result;
  }

  /** Checks that a branch result comes from this graph. */
  void graphCheck(Tensor t) {
    graph.checkValuesFromThisGraph(t, null);
  }

  /** {@code AddName}: a result of a nested cond's branch, usable as it is in this (enclosing) branch. */
  void addName(Tensor t) {
    values.add(t);
  }

  /**
   * {@code _ProcessOutputTensor}: a branch result. A value from outside the branch returned unchanged
   * ({@code lambda: x}) gets a {@code Switch} in the cond's scope ({@code cond/Switch_1}, …), created in this
   * context.
   */
  Tensor processOutput(Tensor val) {
    Tensor real = val;
    if (!values.contains(val)) {
      values.add(val);
      if (outer != null) {
        real = outer.addValue(val);
        values.add(real);
        externalValues.put(real, real);
      }
      real = switchRefOrTensor(tf, real, pred, "Switch")[branch];
      externalValues.put(val, real);
    } else {
      Tensor external = externalValues.get(val);
      if (external != null) {
        real = external;
      }
    }
    return real;
  }

  /**
   * {@code _SwitchRefOrTensor(data, pred, name)}: a {@code RefSwitch} for a variable reference, else a
   * {@code Switch}, in name scope {@code name} (uniquified) and on the device of {@code data}'s op; outputs
   * (false, true).
   */
  static Tensor[] switchRefOrTensor(Ops tf, Tensor data, Tensor pred, String name) {
    String type = isRef(data) ? "RefSwitch" : "Switch";
    Graph graph = tf.graph();
    Operation op = graph.colocatedWith(data.op(), () -> tf.inScopeLocked(name, "Switch", scope ->
        graph.addNode(type, scope, new Tensor[] {data, pred}, new Object[] {"T", data.dtype()}).op()));
    return new Tensor[] {op.output(0), op.output(1)};
  }

  /** A variable reference: the variable itself, or a reference a {@code RefSwitch} forwards. */
  static boolean isRef(Tensor t) {
    String type = t.op().type();
    return type.equals("VariableV2") || type.equals("RefSwitch");
  }
}
