package io.scopegraph;

import java.util.List;

/**
 * A {@link GradientFunction} for ops whose gradients may be sparse, as TF's gradient functions may take and
 * return {@code IndexedSlices}: each entry of {@code grads} and of the result is a {@link Tensor}, an
 * {@link IndexedSlices} or {@code null}. Registered with {@link OpDef.Builder#sparseGradient}; an op with a
 * plain {@code GradientFunction} receives {@code IndexedSlices} converted to dense tensors (the conversion TF's
 * {@code convert_to_tensor} builds, inside the op's {@code _grad} scope).
 */
@FunctionalInterface
public interface SparseGradientFunction {
  List<TensorLike> gradients(Ops tf, Operation op, List<TensorLike> grads);
}
