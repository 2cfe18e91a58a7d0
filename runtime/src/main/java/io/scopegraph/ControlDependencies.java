package io.scopegraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One thread's stack of {@code control_dependencies} blocks (TF's {@code _control_dependencies_stack}): each
 * block's control ops and the ops created while it was open. An op created now gets the control ops of every
 * open block unless one of its inputs was created inside that block (TF's {@code _control_dependencies_for_inputs});
 * a {@code null} block ({@code control_dependencies(None)}) hides every enclosing one. Immutable links; the
 * {@code created} sets grow.
 */
final class ControlDependencies {
  final ControlDependencies parent; // null at the bottom of a stack
  final List<Operation> controls;
  final Set<Operation> created = Collections.newSetFromMap(new IdentityHashMap<>());

  private ControlDependencies(ControlDependencies parent, List<Operation> controls) {
    this.parent = parent;
    this.controls = controls;
  }

  /** Pushes a block of {@code controls} on {@code stack} (null: an empty stack), dropping ops already in force. */
  static ControlDependencies push(ControlDependencies stack, List<Operation> controls) {
    List<Operation> fresh = new ArrayList<>();
    for (Operation c : controls) {
      if (!contains(stack, c) && !fresh.contains(c)) {
        fresh.add(c);
      }
    }
    return new ControlDependencies(stack, List.copyOf(fresh));
  }

  private static boolean contains(ControlDependencies stack, Operation op) {
    for (ControlDependencies c = stack; c != null; c = c.parent) {
      if (c.controls.contains(op)) {
        return true;
      }
    }
    return false;
  }

  /** The control inputs a new op with these inputs gets, outermost block first; empty when none. */
  static List<Operation> forInputs(ControlDependencies stack, Tensor[] inputs) {
    if (stack == null) {
      return List.of();
    }
    List<ControlDependencies> blocks = new ArrayList<>();
    for (ControlDependencies c = stack; c != null; c = c.parent) {
      blocks.add(0, c);
    }
    List<Operation> out = new ArrayList<>();
    for (ControlDependencies block : blocks) {
      boolean dominated = false;
      for (Tensor in : inputs) {
        if (block.created.contains(in.op())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        for (Operation c : block.controls) {
          boolean isInput = false;
          for (Tensor in : inputs) {
            isInput |= in.op() == c;
          }
          if (!isInput && !out.contains(c)) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  /** Records a new op in every open block. */
  static void record(ControlDependencies stack, Operation op) {
    for (ControlDependencies c = stack; c != null; c = c.parent) {
      c.created.add(op);
    }
  }
}
