package io.scopegraph.kernels;

import io.scopegraph.NdArray;

/**
 * The computation of one op, resolved once when a {@link RunPlan} is compiled: the op's output from the
 * values of its data inputs, in order (every op with a kernel has at most one output; ops without outputs,
 * like {@code NoOp}, return null). The arguments array belongs to the caller and is reused after the call.
 */
@FunctionalInterface
public interface Kernel {
  NdArray compute(NdArray[] inputs);
}
