package io.scopegraph;

import io.scopegraph.kernels.RunPlan;
import io.scopegraph.kernels.SessionState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles the {@link RunPlan} of a run that needs v1 control flow ({@code Switch}, {@code RefSwitch},
 * {@code Merge}): a dead-aware plan (see {@link RunPlan}) whose steps check their data, reference and control
 * inputs for dead values. The ops run in a topological order rather than creation order, because a cond
 * creates each {@code Switch} right after the op that consumes it, as TF does. Runs without control flow never
 * come here, so their plans and speed are unchanged.
 */
final class DeadTensors {
  private DeadTensors() {}

  /** How the session finds the slot a tensor is read from (fed, read from its variable, or computed). */
  @FunctionalInterface
  interface SlotReader {
    int slotToRead(RunPlan.Builder plan, Tensor t);
  }

  static boolean hasControlFlow(List<Operation> ops) {
    for (Operation op : ops) {
      switch (op.type()) {
        case "Switch", "RefSwitch", "Merge" -> {
          return true;
        }
        default -> { }
      }
    }
    return false;
  }

  static RunPlan compile(List<Operation> ops, List<Tensor> fetches, Set<Tensor> fed, SlotReader reader,
      SessionState state) {
    List<Operation> order = topological(ops);
    Set<Operation> controlSources = new HashSet<>();
    for (Operation op : order) {
      controlSources.addAll(op.controlInputs());
    }
    RunPlan.Builder plan = new RunPlan.Builder(fed);
    plan.deadAware();
    for (Operation op : order) {
      String type = op.type();
      if (type.equals("Placeholder") || type.equals("VariableV2")) {
        continue;
      }
      OpDef def = OpRegistry.find(type);
      int[] in = new int[op.numInputs()];
      for (int i = 0; i < in.length; i++) {
        Tensor t = op.input(i);
        boolean variableRef = def.isRefInput(i) && t.op().type().equals("VariableV2");
        in[i] = variableRef ? RunPlan.NONE : reader.slotToRead(plan, t);
      }
      List<Operation> controlInputs = op.controlInputs();
      int[] controls = new int[controlInputs.size()];
      for (int i = 0; i < controls.length; i++) {
        controls[i] = plan.liveSlot(controlInputs.get(i));
      }
      int live = controlSources.contains(op) ? plan.liveSlot(op) : RunPlan.NONE;
      Object kernel = def.kernel();
      if (kernel instanceof OpDef.KernelFactory single) {
        plan.guardedStep(single.create(op, state), null, in, op.numOutputs() > 0 ? op.output(0) : null, null,
            controls, live, false);
      } else if (kernel instanceof OpDef.MultiKernelFactory multi) {
        plan.guardedStep(null, multi.create(op, state), in, null, op.outputs(), controls, live, type.equals("Merge"));
      } else {
        OpKernel provided = (OpKernel) kernel;
        plan.guardedStep(null, args -> Session.computeProvided(provided, op, args), in, null, op.outputs(), controls,
            live, false);
      }
    }
    for (Tensor t : fetches) {
      plan.fetch(reader.slotToRead(plan, t), t.name());
    }
    return plan.build();
  }

  /**
   * The ops in an order where every op comes after the ops it reads (data and control inputs among {@code ops}),
   * otherwise in creation order: a depth-first walk from each op in turn.
   */
  static List<Operation> topological(List<Operation> ops) {
    Set<Operation> needed = new HashSet<>(ops);
    Set<Operation> done = new HashSet<>();
    List<Operation> order = new ArrayList<>(ops.size());
    ArrayDeque<Operation> stack = new ArrayDeque<>();
    for (Operation root : ops) {
      if (done.contains(root)) {
        continue;
      }
      stack.push(root);
      while (!stack.isEmpty()) {
        Operation op = stack.peek();
        Operation next = firstPending(op, needed, done);
        if (next != null) {
          stack.push(next);
        } else {
          stack.pop();
          if (done.add(op)) {
            order.add(op);
          }
        }
      }
    }
    return order;
  }

  private static Operation firstPending(Operation op, Set<Operation> needed, Set<Operation> done) {
    for (int i = 0; i < op.numInputs(); i++) {
      Operation p = op.input(i).op();
      if (needed.contains(p) && !done.contains(p)) {
        return p;
      }
    }
    for (Operation p : op.controlInputs()) {
      if (needed.contains(p) && !done.contains(p)) {
        return p;
      }
    }
    return null;
  }
}
