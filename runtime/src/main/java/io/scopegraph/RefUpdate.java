package io.scopegraph;

import java.util.function.BiFunction;

/**
 * The kernel of an op that updates its first reference inputs (a variable and its slots, as {@code Apply*} and
 * {@code SparseApply*} do): reads their values from the session, computes the new ones, writes them back, and outputs
 * the variable's new value.
 */
@FunctionalInterface
interface RefUpdate {
  /** The new values of the op's reference inputs, from their values and the op's inputs. */
  NdArray[] compute(Operation op, NdArray[] inputs, NdArray[] refValues);

  /**
   * The kernel applying this update to reference inputs {@code 0 .. numRefs-1}, each resolved once per plan to the
   * variable it names by {@code variableOf(op, i)}.
   */
  default OpDef.KernelFactory kernel(int numRefs, BiFunction<Operation, Integer, Operation> variableOf) {
    return (op, state) -> {
      Operation[] variables = new Operation[numRefs];
      for (int i = 0; i < numRefs; i++) {
        variables[i] = variableOf.apply(op, i);
      }
      return in -> {
        NdArray[] values = new NdArray[numRefs];
        for (int i = 0; i < numRefs; i++) {
          values[i] = state.read(variables[i]);
        }
        NdArray[] updated = compute(op, in, values);
        for (int i = 0; i < numRefs; i++) {
          state.write(variables[i], updated[i]);
        }
        return updated[0];
      };
    };
  }
}
