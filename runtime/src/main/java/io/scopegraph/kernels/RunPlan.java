package io.scopegraph.kernels;

import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link Session} run compiled for a signature (fetches, fed tensors, targets): the steps in order, each a
 * resolved {@link Kernel} with the slots it reads its inputs from and the slot it writes its output to. A run
 * keeps the values of its tensors in one array indexed by slot: the feeds are put in first, each step writes
 * its output, and the fetches are read from their slots at the end. Nothing is looked up by name, type or
 * tensor while the steps run.
 *
 * <p>A plan with v1 control flow ({@code Switch}, {@code Merge}) is <em>dead-aware</em>: a tensor on a branch not
 * taken holds {@link #DEAD}; a step with a dead input (data, reference or control) does not call its kernel and
 * its outputs are dead, except a merge step, which always runs (its kernel picks a live input). Only such plans
 * pay for these checks: the steps of other plans run in the plain loop.
 *
 * <p>Not thread-safe: the session serialises runs (the steps share argument arrays between runs).
 */
public final class RunPlan {
  /** An input slot that is not read (the variable reference of {@code Assign}): its argument is null. */
  public static final int NONE = -1;
  /** The value of a dead tensor (an untaken {@code Switch} output and everything computed from it). */
  public static final NdArray DEAD = NdArray.scalar("<dead>");
  /** The value of a live variable reference a {@code RefSwitch} forwards (the variable is found from the graph). */
  public static final NdArray REF = NdArray.scalar("<variable reference>");
  private static final NdArray LIVE = NdArray.scalar("<live>");
  private static final int[] NO_INPUTS = {};

  /** The computation of an op with several outputs: one value per output. */
  @FunctionalInterface
  public interface MultiKernel {
    NdArray[] compute(NdArray[] inputs);
  }

  /**
   * One kernel call: arguments from {@code in}, result into {@code out} unless {@link #NONE}; a multi-output
   * step ({@code multi} set) writes output {@code i} into {@code outs[i]} unless {@link #NONE}.
   */
  private static final class Step {
    final Kernel kernel;
    final MultiKernel multi;
    final int[] in;
    final NdArray[] args; // shared by all steps of the same arity; empty between steps
    final int out;
    final int[] outs;
    // Dead-aware plans only: the liveness slots of the op's control inputs, the slot of its own liveness (when a
    // later op has it as a control input, else NONE), and whether it is a merge (runs on dead inputs).
    final int[] controls;
    final int live;
    final boolean merge;

    Step(Kernel kernel, MultiKernel multi, int[] in, NdArray[] args, int out, int[] outs) {
      this(kernel, multi, in, args, out, outs, NO_INPUTS, NONE, false);
    }

    Step(Kernel kernel, MultiKernel multi, int[] in, NdArray[] args, int out, int[] outs, int[] controls, int live,
        boolean merge) {
      this.kernel = kernel;
      this.multi = multi;
      this.in = in;
      this.args = args;
      this.out = out;
      this.outs = outs;
      this.controls = controls;
      this.live = live;
      this.merge = merge;
    }
  }

  private final Step[] steps;
  private final int numSlots;
  private final Tensor[] feedTensors; // the fed tensors this plan reads, with their slots
  private final int[] feedSlots;
  private final int[] fetchSlots;
  private final String[] fetchNames; // dead-aware plans: for the error on fetching a dead tensor
  private final boolean deadAware;

  private RunPlan(Builder b) {
    steps = b.steps.toArray(new Step[0]);
    numSlots = b.numSlots;
    feedTensors = b.feedTensors.toArray(new Tensor[0]);
    feedSlots = b.feedSlots.stream().mapToInt(Integer::intValue).toArray();
    fetchSlots = b.fetchSlots.stream().mapToInt(Integer::intValue).toArray();
    fetchNames = b.fetchNames.toArray(new String[0]);
    deadAware = b.deadAware;
  }

  /** Whether the plan tracks dead tensors (it has v1 control flow). */
  public boolean isDeadAware() {
    return deadAware;
  }

  /** Number of kernel calls in one run. */
  public int numSteps() {
    return steps.length;
  }

  /** Runs the steps with {@code fed} (holding at least the plan's fed tensors); the fetches' values in order. */
  public List<NdArray> run(Map<Tensor, NdArray> fed) {
    NdArray[] values = new NdArray[numSlots];
    for (int i = 0; i < feedSlots.length; i++) {
      values[feedSlots[i]] = fed.get(feedTensors[i]);
    }
    if (deadAware) {
      return runDeadAware(values);
    }
    for (Step step : steps) {
      int[] in = step.in;
      NdArray[] args = step.args;
      for (int i = 0; i < in.length; i++) {
        int slot = in[i];
        args[i] = slot == NONE ? null : values[slot];
      }
      if (step.multi != null) {
        NdArray[] results;
        try {
          results = step.multi.compute(args);
        } finally {
          Arrays.fill(args, null);
        }
        for (int i = 0; i < step.outs.length; i++) {
          if (step.outs[i] != NONE) {
            values[step.outs[i]] = results[i];
          }
        }
        continue;
      }
      NdArray result;
      try {
        result = step.kernel.compute(args);
      } finally {
        Arrays.fill(args, null); // the shared arguments must not keep values alive after the run
      }
      if (step.out != NONE) {
        values[step.out] = result;
      }
    }
    List<NdArray> results = new ArrayList<>(fetchSlots.length);
    for (int slot : fetchSlots) {
      results.add(values[slot]);
    }
    return results;
  }

  /** {@link #run} of a dead-aware plan: the same steps, skipping those with a dead input. */
  private List<NdArray> runDeadAware(NdArray[] values) {
    for (Step step : steps) {
      int[] in = step.in;
      boolean dead = false;
      for (int c : step.controls) {
        dead |= values[c] == DEAD;
      }
      for (int i = 0; i < in.length && !dead && !step.merge; i++) {
        dead = in[i] != NONE && values[in[i]] == DEAD;
      }
      if (dead) {
        markDead(values, step);
        continue;
      }
      NdArray[] args = step.args;
      for (int i = 0; i < in.length; i++) {
        args[i] = in[i] == NONE ? null : values[in[i]];
      }
      try {
        if (step.multi != null) {
          NdArray[] results = step.multi.compute(args);
          for (int i = 0; i < step.outs.length; i++) {
            if (step.outs[i] != NONE) {
              values[step.outs[i]] = results[i];
            }
          }
          dead = step.merge && results[0] == DEAD; // a merge of dead inputs only is dead itself
        } else {
          NdArray result = step.kernel.compute(args);
          if (step.out != NONE) {
            values[step.out] = result;
          }
        }
      } finally {
        Arrays.fill(args, null);
      }
      if (step.live != NONE) {
        values[step.live] = dead ? DEAD : LIVE;
      }
    }
    List<NdArray> results = new ArrayList<>(fetchSlots.length);
    for (int i = 0; i < fetchSlots.length; i++) {
      NdArray v = values[fetchSlots[i]];
      if (v == DEAD) {
        throw new InvalidArgumentException("Retval[" + i + "] does not have value: the fetched tensor '"
            + fetchNames[i] + "' is dead (it depends on a branch of a Switch that this run did not take)");
      }
      results.add(v);
    }
    return results;
  }

  private static void markDead(NdArray[] values, Step step) {
    if (step.outs != null) {
      for (int o : step.outs) {
        if (o != NONE) {
          values[o] = DEAD;
        }
      }
    } else if (step.out != NONE) {
      values[step.out] = DEAD;
    }
    if (step.live != NONE) {
      values[step.live] = DEAD;
    }
  }

  /**
   * Assembles a plan: slots are handed out as tensors get values (a fed tensor's when first read, an op's
   * output when its step is added), steps are added in execution order, then the fetches.
   */
  public static final class Builder {
    private final Set<Tensor> fed;
    private final Map<Tensor, Integer> slots = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<NdArray[]> argsByArity = new ArrayList<>();
    private final List<Tensor> feedTensors = new ArrayList<>();
    private final List<Integer> feedSlots = new ArrayList<>();
    private final List<Integer> fetchSlots = new ArrayList<>();
    private final List<String> fetchNames = new ArrayList<>();
    private final Map<Object, Integer> liveSlots = new HashMap<>();
    private boolean deadAware;
    private int numSlots;

    public Builder(Set<Tensor> fed) {
      this.fed = fed;
    }

    public boolean isFed(Tensor t) {
      return fed.contains(t);
    }

    /** The slot {@code t} is read from: its fed value, or the output of a step added before. */
    public int slotOf(Tensor t) {
      Integer slot = slots.get(t);
      if (slot != null) {
        return slot;
      }
      if (!fed.contains(t)) {
        // Only an output past the first of an op with a single-output kernel gets here.
        throw new IllegalStateException("No value for " + t + " in this plan: its op has no kernel for it");
      }
      int s = numSlots++;
      slots.put(t, s);
      feedTensors.add(t);
      feedSlots.add(s);
      return s;
    }

    /** Adds a step whose output is the value of {@code output} (discarded when that tensor is fed, or null). */
    public void step(Kernel kernel, int[] in, Tensor output) {
      int out = NONE;
      if (output != null && !fed.contains(output)) {
        out = numSlots++;
        slots.put(output, out);
      }
      add(kernel, in, out);
    }

    /** Adds a step whose output {@code i} is the value of {@code outputs.get(i)} (discarded when fed). */
    public void multiStep(MultiKernel kernel, int[] in, List<Tensor> outputs) {
      int[] outs = new int[outputs.size()];
      for (int i = 0; i < outs.length; i++) {
        Tensor t = outputs.get(i);
        outs[i] = NONE;
        if (!fed.contains(t)) {
          outs[i] = numSlots++;
          slots.put(t, outs[i]);
        }
      }
      argsFor(in.length);
      steps.add(new Step(null, kernel, in, argsByArity.get(in.length), NONE, outs));
    }

    /** Adds a step without inputs whose output goes to a new slot, returned: a read of state at that point. */
    public int read(Kernel kernel) {
      int out = numSlots++;
      add(kernel, NO_INPUTS, out);
      return out;
    }

    private void add(Kernel kernel, int[] in, int out) {
      argsFor(in.length);
      steps.add(new Step(kernel, null, in, argsByArity.get(in.length), out, null));
    }

    private void argsFor(int arity) {
      while (argsByArity.size() <= arity) {
        argsByArity.add(new NdArray[argsByArity.size()]);
      }
    }

    public void fetch(int slot) {
      fetch(slot, "?");
    }

    /** A fetch of the tensor named {@code name} (for the error when it is dead). */
    public void fetch(int slot, String name) {
      fetchSlots.add(slot);
      fetchNames.add(name);
    }

    /** Makes the plan dead-aware (see {@link RunPlan}); call before adding steps. */
    public void deadAware() {
      deadAware = true;
    }

    /** The slot holding whether {@code op} (any key) was alive, written by its guarded step. */
    public int liveSlot(Object op) {
      return liveSlots.computeIfAbsent(op, k -> numSlots++);
    }

    /**
     * Adds the step of an op in a dead-aware plan: {@code controls} are the {@link #liveSlot}s of its control
     * inputs, {@code live} its own ({@link #NONE} when no op needs it), {@code merge} whether it runs on dead
     * inputs. Exactly one of {@code kernel} (output {@code output}) and {@code multi} (outputs {@code outputs}).
     */
    public void guardedStep(Kernel kernel, MultiKernel multi, int[] in, Tensor output, List<Tensor> outputs,
        int[] controls, int live, boolean merge) {
      argsFor(in.length);
      NdArray[] args = argsByArity.get(in.length);
      if (multi == null) {
        int out = NONE;
        if (output != null && !fed.contains(output)) {
          out = numSlots++;
          slots.put(output, out);
        }
        steps.add(new Step(kernel, null, in, args, out, null, controls, live, false));
        return;
      }
      int[] outs = new int[outputs.size()];
      for (int i = 0; i < outs.length; i++) {
        Tensor t = outputs.get(i);
        outs[i] = NONE;
        if (!fed.contains(t)) {
          outs[i] = numSlots++;
          slots.put(t, outs[i]);
        }
      }
      steps.add(new Step(null, multi, in, args, NONE, outs, controls, live, merge));
    }

    public RunPlan build() {
      return new RunPlan(this);
    }
  }
}
