package io.scopegraph;

import java.util.List;

/**
 * The computation of an op type that the runtime's executor has no kernel of its own for, supplied by another
 * module or by users through the op definitions of an {@link OpProvider} ({@link OpDef.Builder#kernel}). The
 * {@code scopegraph-tensorflow} module supplies {@code SaveV2} and {@code RestoreV2} this way, so a {@link Session}
 * runs a checkpoint's graph ops.
 */
@FunctionalInterface
public interface OpKernel {
  /**
   * The op's output values, one per output in order (empty for an op without outputs), from the values of its
   * data inputs in order (a variable input is read, not passed by reference). Called while the session runs,
   * one run at a time. Each output must have the dtype the op declares for it.
   */
  List<NdArray> compute(Operation op, List<NdArray> inputs);
}
