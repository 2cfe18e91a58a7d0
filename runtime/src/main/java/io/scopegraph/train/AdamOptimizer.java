package io.scopegraph.train;

import io.scopegraph.Graph;
import io.scopegraph.IndexedSlices;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code tf.train.AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False,
 * name="Adam")}: non-slot variables {@code beta1_power}, {@code beta2_power} (once per graph, {@code tf.Variable}
 * naming in the current name scope, colocated with the variable of the smallest name), slots {@code m}
 * ({@code w/Adam}) and {@code v} ({@code w/Adam_1}); {@code <scope>/learning_rate}, {@code beta1}, {@code beta2},
 * {@code epsilon}, {@code ApplyAdam} per variable, then {@code <scope>/mul}, {@code Assign}, {@code mul_1},
 * {@code Assign_1} advancing the powers after the updates.
 */
public class AdamOptimizer extends Optimizer {
  private final Object learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private Tensor lrT;
  private Tensor beta1T;
  private Tensor beta2T;
  private Tensor epsilonT;

  public AdamOptimizer() {
    this(0.001);
  }

  public AdamOptimizer(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-8, false, "Adam");
  }

  public AdamOptimizer(double learningRate, String name) {
    this(learningRate, 0.9, 0.999, 1e-8, false, name);
  }

  public AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon) {
    this(learningRate, beta1, beta2, epsilon, false, "Adam");
  }

  public AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon, String name) {
    this(learningRate, beta1, beta2, epsilon, false, name);
  }

  public AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon, boolean useLocking,
      String name) {
    this((Object) learningRate, beta1, beta2, epsilon, useLocking, name);
  }

  /** A learning rate computed in the graph: used as it is, no {@code learning_rate} constant. */
  public AdamOptimizer(Tensor learningRate, double beta1, double beta2, double epsilon, boolean useLocking,
      String name) {
    this((Object) learningRate, beta1, beta2, epsilon, useLocking, name);
  }

  private AdamOptimizer(Object learningRate, double beta1, double beta2, double epsilon, boolean useLocking,
      String name) {
    super(useLocking, name);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  protected void createSlots(Ops tf, List<Variable> varList) {
    Variable first = varList.stream().min(Comparator.comparing(Variable::name)).orElseThrow();
    createNonSlotVariable(tf, (float) beta1, "beta1_power", first);
    createNonSlotVariable(tf, (float) beta2, "beta2_power", first);
    for (Variable v : varList) {
      zerosSlot(tf, v, "m", getName());
      zerosSlot(tf, v, "v", getName());
    }
  }

  @Override
  protected void prepare(Ops tf) {
    lrT = hyperParameter(tf, learningRate, "learning_rate");
    beta1T = hyperParameter(tf, beta1, "beta1");
    beta2T = hyperParameter(tf, beta2, "beta2");
    epsilonT = hyperParameter(tf, epsilon, "epsilon");
  }

  @Override
  protected Operation applyDense(Ops tf, Tensor grad, Variable var) {
    Graph g = var.graph();
    var dt = var.dtype();
    Variable m = getSlot(var, "m");
    Variable v = getSlot(var, "v");
    return applyOp(tf, "ApplyAdam", List.of(var, m, v,
        cast(tf, getNonSlotVariable("beta1_power", g), dt), cast(tf, getNonSlotVariable("beta2_power", g), dt),
        cast(tf, lrT, dt), cast(tf, beta1T, dt), cast(tf, beta2T, dt), cast(tf, epsilonT, dt), grad),
        "use_nesterov", false);
  }

  /**
   * {@code _apply_sparse} ({@code _apply_sparse_shared}): TF 1.15 has no sparse Adam kernel, so a composite:
   * the corrected rate ({@code sub/x}, {@code sub}, {@code Sqrt}, {@code mul}, {@code sub_1/x}, {@code sub_1},
   * {@code truediv}), {@code m = m * beta1} ({@code Assign}) then {@code ScatterAdd} of {@code g * (1 - beta1)},
   * the same for {@code v} with {@code g²}, and {@code AssignSub} of {@code lr * m / (sqrt(v) + epsilon)} on
   * the whole variable; {@code group_deps} of the three. All rows of {@code m} and {@code v} decay, as in TF.
   */
  @Override
  protected Operation applySparse(Ops tf, IndexedSlices grad, Variable var) {
    Graph g = var.graph();
    var dt = var.dtype();
    Tensor beta1Power = cast(tf, getNonSlotVariable("beta1_power", g), dt);
    Tensor beta2Power = cast(tf, getNonSlotVariable("beta2_power", g), dt);
    Tensor lrCast = cast(tf, lrT, dt);
    Tensor beta1Cast = cast(tf, beta1T, dt);
    Tensor beta2Cast = cast(tf, beta2T, dt);
    Tensor epsilonCast = cast(tf, epsilonT, dt);
    Tensor lr = lrCast.mul(tf.sqrt(beta2Power.rsub(1))).truediv(beta1Power.rsub(1));
    Tensor values = grad.values();
    Variable m = getSlot(var, "m");
    Tensor mScaled = values.mul(beta1Cast.rsub(1));
    Tensor mDecayed = tf.assign(m, m.mul(beta1Cast), useLocking, null);
    Tensor mT = tf.controlDependencies(List.of(mDecayed.op()),
        () -> scatterOp(tf, "ScatterAdd", m, grad.indices(), mScaled).output(0));
    Variable v = getSlot(var, "v");
    Tensor vScaled = values.mul(values).mul(beta2Cast.rsub(1));
    Tensor vDecayed = tf.assign(v, v.mul(beta2Cast), useLocking, null);
    Tensor vT = tf.controlDependencies(List.of(vDecayed.op()),
        () -> scatterOp(tf, "ScatterAdd", v, grad.indices(), vScaled).output(0));
    Tensor vSqrt = tf.sqrt(vT);
    Tensor step = lr.mul(mT).truediv(vSqrt.add(epsilonCast));
    Operation update = tf.graph().opBuilder("AssignSub", null).addInput(var).addInput(step)
        .setAttr("T", dt).setAttr("use_locking", useLocking).build();
    return tf.group(List.of(update, mT.op(), vT.op()), null);
  }

  @Override
  protected Operation finish(Ops tf, List<Operation> updateOps, String nameScope) {
    Graph g = tf.graph();
    Variable beta1Power = getNonSlotVariable("beta1_power", g);
    Variable beta2Power = getNonSlotVariable("beta2_power", g);
    List<Operation> all = new ArrayList<>(updateOps);
    tf.controlDependencies(updateOps, () -> tf.colocateWith(beta1Power.op(), () -> {
      all.add(tf.assign(beta1Power, beta1Power.mul(beta1T), useLocking, null).op());
      all.add(tf.assign(beta2Power, beta2Power.mul(beta2T), useLocking, null).op());
      return null;
    }));
    return tf.group(all, nameScope);
  }
}
