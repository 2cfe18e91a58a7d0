package io.scopegraph;

/**
 * What TF 1.15's {@code tf.gradients} returns per {@code x}, and what gradients carry between ops: a dense
 * {@link Tensor}, or an {@link IndexedSlices} (the rows of a gradient that only some rows receive, as the
 * gradient of an embedding lookup). Sealed: these two are all there is.
 */
public sealed interface TensorLike permits Tensor, IndexedSlices {
  DType dtype();

  Graph graph();

  /** The name TF prints: a tensor's {@code "op:0"}, an {@code IndexedSlices}' values' name. */
  String name();
}
