package io.scopegraph;

import io.scopegraph.kernels.RunPlan;
import io.scopegraph.kernels.Kernel;
import io.scopegraph.kernels.SessionState;
import io.scopegraph.kernels.BiasReluFusion;
import io.scopegraph.kernels.Kernels;
import io.scopegraph.kernels.RandomKernels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs a {@link Graph} like TensorFlow 1.x's {@code tf.Session}: {@code run} evaluates only the ops the
 * fetches and targets need (through data and control inputs), stopping at fed tensors, each op once per
 * call, in creation order (which is topological: inputs are always created first).
 *
 * <p>The session owns the state: variable values ({@code VariableV2}, set by {@code Assign}) and the
 * generators of the random ops. A seeded random op gives the same sequence in every new session; running
 * it again in one session draws the next values. Variables are references, as in TF: an op that uses a
 * variable reads its value when that op runs, and a fetched variable is read after the run's ops.
 *
 * <p>Fed values are converted to the tensor's dtype when nothing is lost (integers to any number, float64 to
 * float32, as TF converts a Python float fed to a float32 placeholder).
 *
 * <p>Errors: {@link MissingFeedException} for a needed placeholder that is not fed, {@link InvalidFeedException}
 * for a fed value of another kind (a float for an integer tensor, a bool for a number) or of the wrong shape, {@link UninitializedVariableException} for reading a variable
 * nothing assigned, {@link GraphMismatchException} for a tensor or op of another graph,
 * {@link UnsupportedOperationException} for an op without a kernel (see {@link OpRegistry}); missing feeds and
 * kernels are found before any op runs. Runs are serialised: one thread at a time.
 *
 * <p>v1 control flow ({@link Ops#cond}): a tensor on the branch a run does not take is dead; ops with a dead
 * input do not run (no kernel, no assignment), {@code Merge} forwards its live input. Fetching a dead tensor
 * fails ({@link InvalidArgumentException}, TF's {@code Retval[0] does not have value}); fetching or targeting an
 * op inside a branch fails before anything runs ({@link NotFetchableException}, as TF's Python session does).
 *
 * <p>Kernels come from the {@link OpRegistry}: the runtime's own, those of {@link OpProvider}s on the class
 * path (the {@code scopegraph-tensorflow} module supplies {@code SaveV2} and {@code RestoreV2}), and users' own.
 *
 * <p>The first run of a signature (its fetches, which tensors are fed, its targets) compiles a plan: the
 * needed ops in order with their kernels resolved and their values in an array indexed by slot. Later runs
 * of the same signature only execute that plan (see {@link RunPlan}).
 */
public final class Session implements AutoCloseable {
  private static final int MAX_PLANS = 32;

  private final Graph graph;
  private final Map<Operation, NdArray> variables = new HashMap<>();
  private final Map<Operation, SplittableRandom> generators = new HashMap<>();
  // Compiled runs by signature, least recently used first; valid for a graph of plannedGraphSize ops.
  private final LinkedHashMap<Signature, RunPlan> plans = new LinkedHashMap<>(16, 0.75f, true);
  private int plannedGraphSize = -1;
  private boolean closed;

  public Session(Graph graph) {
    this.graph = Objects.requireNonNull(graph, "graph");
  }

  /** The value of one tensor. */
  public NdArray run(Tensor fetch) {
    return run(List.of(fetch)).get(0);
  }

  /** The values of the fetches, in order. */
  public List<NdArray> run(List<? extends Tensor> fetches) {
    return run(fetches, Map.of());
  }

  /** The values of the fetches with some tensors replaced by fed values ({@code feed_dict}). */
  public List<NdArray> run(List<? extends Tensor> fetches, Map<? extends Tensor, NdArray> feeds) {
    return execute(fetches, feeds, List.of());
  }

  /** Runs ops for their effect, e.g. the {@code init} op of {@link Ops#globalVariablesInitializer()}. */
  public void run(Operation... targets) {
    execute(List.of(), Map.of(), Arrays.asList(targets));
  }

  /** A builder of one run with feeds, fetches and targets. */
  public Runner runner() {
    return new Runner();
  }

  /** Drops the variable values and generators; later runs throw {@link IllegalStateException}. */
  @Override
  public synchronized void close() {
    closed = true;
    variables.clear();
    generators.clear();
    plans.clear();
  }

  /** Feeds, fetches and targets of one {@link Session} run, then {@link #run()}. */
  public final class Runner {
    private final Map<Tensor, NdArray> feeds = new LinkedHashMap<>();
    private final List<Tensor> fetches = new ArrayList<>();
    private final List<Operation> targets = new ArrayList<>();

    private Runner() {}

    /** Feeds {@code value} for {@code tensor}; a later feed of the same tensor replaces it. */
    public Runner feed(Tensor tensor, NdArray value) {
      feeds.put(Objects.requireNonNull(tensor, "tensor"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Feeds a Java value converted by {@link NdArray#of(Object)}, then to the tensor's dtype where lossless. */
    public Runner feed(Tensor tensor, Object value) {
      return feed(tensor, NdArray.of(value));
    }

    public Runner fetch(Tensor tensor) {
      fetches.add(Objects.requireNonNull(tensor, "tensor"));
      return this;
    }

    public Runner addTarget(Operation op) {
      targets.add(Objects.requireNonNull(op, "op"));
      return this;
    }

    /** The values of the fetches, in the order they were added. */
    public List<NdArray> run() {
      return execute(fetches, feeds, targets);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // One run

  private synchronized List<NdArray> execute(List<? extends Tensor> fetches, Map<? extends Tensor, NdArray> feeds,
      List<Operation> targets) {
    if (closed) {
      throw new IllegalStateException("Attempted to use a closed Session.");
    }
    Map<Tensor, NdArray> fed = checkFeeds(feeds);
    for (Tensor t : fetches) {
      checkInGraph(t);
    }
    for (Operation op : targets) {
      if (Objects.requireNonNull(op, "target").graph() != graph) {
        throw new GraphMismatchException("Operation " + op + " is not an element of this graph.");
      }
    }
    return plan(fetches, fed.keySet(), targets).run(fed);
  }

  // ---------------------------------------------------------------------------------------------
  // Plans

  /** What a plan depends on: the fetches in order, which tensors are fed (not their values), the targets. */
  private record Signature(List<Tensor> fetches, Set<Tensor> fed, List<Operation> targets) {}

  /**
   * The plan of a run, compiled on first use of its signature and cached. A plan depends only on ops, which
   * never change once added; all plans are still dropped when the graph has grown (cheap to detect, and
   * the cache then holds no plans of an older graph), and only the {@value #MAX_PLANS} most recently used
   * are kept. A signature whose planning throws (a missing feed, an op without a kernel) is not cached.
   */
  private RunPlan plan(List<? extends Tensor> fetches, Set<Tensor> fed, List<Operation> targets) {
    int size = graph.size();
    if (size != plannedGraphSize) {
      plans.clear();
      plannedGraphSize = size;
    }
    Signature signature = new Signature(List.copyOf(fetches), Set.copyOf(fed), List.copyOf(targets));
    RunPlan plan = plans.get(signature);
    if (plan == null) {
      plan = compile(signature);
      plans.put(signature, plan);
      if (plans.size() > MAX_PLANS) {
        Iterator<Signature> eldest = plans.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return plan;
  }

  /** Number of cached plans (for tests). */
  synchronized int cachedPlans() {
    return plans.size();
  }

  /**
   * Compiles the needed ops into steps in creation order. Placeholders and variables have no step: a fed
   * tensor's value is put in its slot when the run starts, and a variable is read by a step of its own just
   * before each op that uses it (and after all ops when it is fetched), so every op sees the value the
   * variable has when that op runs.
   */
  private RunPlan compile(Signature signature) {
    checkFetchable(signature);
    List<Operation> ops = neededOps(signature.fetches(), signature.targets(), signature.fed());
    checkRunnable(ops, signature.fed());
    if (DeadTensors.hasControlFlow(ops)) {
      return DeadTensors.compile(ops, signature.fetches(), signature.fed(), this::slotToRead, state);
    }
    RunPlan.Builder plan = new RunPlan.Builder(signature.fed());
    Map<Operation, Operation> fused =
        BiasReluFusion.find(ops, signature.fetches(), signature.fed(), signature.targets());
    Map<Operation, Operation> fusedProducers = new HashMap<>();
    fused.forEach((producer, relu) -> fusedProducers.put(relu, producer));
    for (Operation op : ops) {
      String type = op.type();
      if (type.equals("Placeholder") || type.equals("VariableV2") || fused.containsKey(op)) {
        continue; // a fused bias addition runs in its Relu's step
      }
      Operation producer = fusedProducers.get(op);
      if (producer != null) {
        int[] in = {slotToRead(plan, producer.input(0)), slotToRead(plan, producer.input(1))};
        plan.step(BiasReluFusion.kernel(producer, singleKernel(producer), singleKernel(op)), in, op.output(0));
        continue;
      }
      OpDef def = OpRegistry.find(type);
      int[] in = new int[op.numInputs()];
      for (int i = 0; i < in.length; i++) {
        in[i] = def.isRefInput(i) ? RunPlan.NONE : slotToRead(plan, op.input(i));
      }
      Object kernel = def.kernel();
      if (kernel instanceof OpDef.KernelFactory single) {
        plan.step(single.create(op, state), in, op.numOutputs() > 0 ? op.output(0) : null);
      } else if (kernel instanceof OpDef.MultiKernelFactory multi) {
        plan.multiStep(multi.create(op, state), in, op.outputs());
      } else {
        OpKernel provided = (OpKernel) kernel;
        plan.multiStep(args -> computeProvided(provided, op, args), in, op.outputs());
      }
    }
    for (Tensor t : signature.fetches()) {
      plan.fetch(slotToRead(plan, t));
    }
    return plan.build();
  }

  /** The built-in single-output kernel of {@code op}. */
  private Kernel singleKernel(Operation op) {
    return ((OpDef.KernelFactory) OpRegistry.get(op.type()).kernel()).create(op, state);
  }

  /** TF's {@code _assert_fetchable}: no fetch or target may lie inside a cond (see {@link Graph#isFetchable}). */
  private void checkFetchable(Signature signature) {
    List<Operation> ops = new ArrayList<>(signature.targets());
    for (Tensor t : signature.fetches()) {
      ops.add(t.op());
    }
    for (Operation op : ops) {
      if (!graph.isFetchable(op)) {
        throw new NotFetchableException("Operation '" + op.name() + "' has been marked as not fetchable.");
      }
    }
  }

  /** The slot holding {@code t}'s value at this point of the plan: fed, read from its variable now, or computed. */
  int slotToRead(RunPlan.Builder plan, Tensor t) {
    if (!plan.isFed(t) && t.op().type().equals("VariableV2")) {
      Operation variable = t.op();
      return plan.read(in -> readVariable(variable));
    }
    return plan.slotOf(t);
  }

  /** Runs a kernel an op definition supplied, checking that it returned what the op declares. */
  static NdArray[] computeProvided(OpKernel kernel, Operation op, NdArray[] args) {
    List<NdArray> out = kernel.compute(op, Collections.unmodifiableList(Arrays.asList(args.clone())));
    if (out == null || out.size() != op.numOutputs()) {
      throw new IllegalStateException("The kernel of " + op + " returned " + (out == null ? "null" : out.size()
          + " value(s)") + " for its " + op.numOutputs() + " output(s)");
    }
    NdArray[] values = out.toArray(new NdArray[0]);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null || values[i].dtype() != op.output(i).dtype()) {
        throw new IllegalStateException("The kernel of " + op + " returned " + (values[i] == null ? "null"
            : values[i].dtype().toString()) + " for output " + i + " of dtype " + op.output(i).dtype());
      }
    }
    return values;
  }

  private Map<Tensor, NdArray> checkFeeds(Map<? extends Tensor, NdArray> feeds) {
    Map<Tensor, NdArray> fed = new HashMap<>();
    for (Map.Entry<? extends Tensor, NdArray> e : feeds.entrySet()) {
      Tensor t = e.getKey();
      NdArray v = Objects.requireNonNull(e.getValue(), "fed value");
      checkInGraph(t);
      if (v.dtype() != t.dtype()) {
        v = convertFeed(t, v);
      }
      if (!v.shape().isCompatibleWith(t.shape())) {
        throw new InvalidFeedException("Cannot feed value of shape " + v.shape() + " for Tensor '" + t.name()
            + "', which has shape '" + t.shape() + "'");
      }
      fed.put(t, v);
    }
    return fed;
  }

  /**
   * Converts a fed value to the tensor's dtype where no value can change (integers to any number, float64 to
   * float32), as TF converts feeds; anything else is refused.
   */
  private static NdArray convertFeed(Tensor t, NdArray v) {
    boolean lossless = (v.dtype().isInteger() && t.dtype().isNumeric() && !(v.dtype() == DType.INT64
        && t.dtype() == DType.INT32)) || (v.dtype().isFloating() && t.dtype().isFloating());
    if (!lossless) {
      throw new InvalidFeedException("Cannot feed value of dtype " + v.dtype() + " for Tensor '" + t.name()
          + "', which has dtype " + t.dtype());
    }
    return v.cast(t.dtype());
  }

  private void checkInGraph(Tensor t) {
    if (Objects.requireNonNull(t, "tensor").graph() != graph) {
      throw new GraphMismatchException("Tensor " + t + " is not an element of this graph.");
    }
  }

  /**
   * The ops the fetches and targets need, in creation order: walks data and control inputs back from them,
   * not past fed tensors, and not into the variable an {@code Assign} writes (a reference, not a read).
   */
  private static List<Operation> neededOps(List<? extends Tensor> fetches, List<Operation> targets,
      Set<Tensor> fed) {
    Set<Operation> seen = new HashSet<>();
    ArrayDeque<Operation> work = new ArrayDeque<>();
    for (Tensor t : fetches) {
      if (!fed.contains(t) && seen.add(t.op())) {
        work.add(t.op());
      }
    }
    for (Operation op : targets) {
      if (seen.add(op)) {
        work.add(op);
      }
    }
    while (!work.isEmpty()) {
      Operation op = work.poll();
      for (int i = 0; i < op.numInputs(); i++) {
        Tensor in = op.input(i);
        if (!isReference(op, i) && !fed.contains(in) && seen.add(in.op())) {
          work.add(in.op());
        }
      }
      for (Operation control : op.controlInputs()) {
        if (seen.add(control)) {
          work.add(control);
        }
      }
    }
    List<Operation> plan = new ArrayList<>(seen);
    plan.sort(Comparator.comparingInt(Operation::id));
    return plan;
  }

  /**
   * A variable reference input (input 0 of {@code Assign}) names the variable to write; it is not read. A
   * reference a cond's {@code RefSwitch} forwards is walked into: the switch decides whether the op runs.
   */
  private static boolean isReference(Operation op, int input) {
    OpDef def = OpRegistry.find(op.type());
    return def != null && def.isRefInput(input) && op.input(input).op().type().equals("VariableV2");
  }

  /** Fails before anything runs when a needed placeholder is not fed or an op has no kernel. */
  private static void checkRunnable(List<Operation> ops, Set<Tensor> fed) {
    for (Operation op : ops) {
      switch (op.type()) {
        case "Placeholder" -> {
          if (!fed.contains(op.output(0))) {
            throw missingFeed(op);
          }
        }
        case "VariableV2" -> { }
        default -> {
          OpDef def = OpRegistry.find(op.type());
          if (def == null || !def.hasKernel()) {
            throw Kernels.noKernel(op);
          }
        }
      }
    }
  }

  private static MissingFeedException missingFeed(Operation op) {
    Tensor t = op.output(0);
    String shape = t.shape().hasKnownRank() ? " and shape " + t.shape().toDimsString() : "";
    return new MissingFeedException("You must feed a value for placeholder tensor '" + op.name() + "' with dtype "
        + t.dtype().protoName() + shape);
  }

  NdArray readVariable(Operation variableOp) {
    NdArray v = variables.get(variableOp);
    if (v == null) {
      throw new UninitializedVariableException("Attempting to use uninitialized value " + variableOp.name());
    }
    return v;
  }

  /** What the stateful kernels of this session's plans read and write. */
  private final SessionState state = new SessionState() {
    @Override
    public NdArray read(Operation variable) {
      return readVariable(variable);
    }

    @Override
    public void write(Operation variable, NdArray value) {
      variables.put(variable, value);
    }

    @Override
    public SplittableRandom generator(Operation randomOp) {
      return Session.this.generator(randomOp);
    }
  };

  /** The op's generator in this session, created on first use from its {@code seed} and {@code seed2}. */
  private SplittableRandom generator(Operation op) {
    return generators.computeIfAbsent(op, o -> RandomKernels.generator(longAttr(o, "seed"), longAttr(o, "seed2")));
  }

  private static long longAttr(Operation op, String name) {
    return op.attr(name) instanceof Number n ? n.longValue() : 0;
  }
}
