package io.scopegraph.kernels;

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
 * <p>Not thread-safe: the session serialises runs (the steps share argument arrays between runs).
 */
public final class RunPlan {
  /** An input slot that is not read (the variable reference of {@code Assign}): its argument is null. */
  public static final int NONE = -1;
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

    Step(Kernel kernel, MultiKernel multi, int[] in, NdArray[] args, int out, int[] outs) {
      this.kernel = kernel;
      this.multi = multi;
      this.in = in;
      this.args = args;
      this.out = out;
      this.outs = outs;
    }
  }

  private final Step[] steps;
  private final int numSlots;
  private final Tensor[] feedTensors; // the fed tensors this plan reads, with their slots
  private final int[] feedSlots;
  private final int[] fetchSlots;

  private RunPlan(Builder b) {
    steps = b.steps.toArray(new Step[0]);
    numSlots = b.numSlots;
    feedTensors = b.feedTensors.toArray(new Tensor[0]);
    feedSlots = b.feedSlots.stream().mapToInt(Integer::intValue).toArray();
    fetchSlots = b.fetchSlots.stream().mapToInt(Integer::intValue).toArray();
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
      fetchSlots.add(slot);
    }

    public RunPlan build() {
      return new RunPlan(this);
    }
  }
}
