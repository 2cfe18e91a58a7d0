package io.scopegraph;

import java.util.Objects;

/**
 * TF's {@code tf.IndexedSlices}: a sparse representation of a dense tensor of shape {@code denseShape} whose
 * rows {@code indices[i]} are {@code values[i, ...]} (a row may appear more than once: the dense value is the
 * sum) and whose other rows are zero. The gradient of {@code GatherV2} along axis 0 (an embedding lookup) is
 * one; it flows unchanged through {@code Identity} and a variable's {@code read}, and optimizers update only
 * those rows ({@code ScatterSub}, {@code SparseApply*}).
 *
 * <p>{@link Ops#gradients} returns dense tensors (the frozen API); {@link Ops#sparseGradients} returns these
 * as TF's {@code tf.gradients} does, and {@link Ops#convertToTensor} densifies one as TF's
 * {@code convert_to_tensor} does ({@code UnsortedSegmentSum}).
 */
public final class IndexedSlices implements TensorLike {
  private final Tensor values;
  private final Tensor indices;
  private final Tensor denseShape;

  /**
   * @param values rows, {@code [n, ...]}
   * @param indices int32 or int64 vector {@code [n]}: the row of each value
   * @param denseShape int32 or int64 vector, the shape of the dense tensor; may be null (then the slices cannot
   *     be converted to a dense tensor)
   */
  public IndexedSlices(Tensor values, Tensor indices, Tensor denseShape) {
    this.values = Objects.requireNonNull(values, "values");
    this.indices = Objects.requireNonNull(indices, "indices");
    this.denseShape = denseShape;
    if (indices.dtype() != DType.INT32 && indices.dtype() != DType.INT64) {
      throw new DTypeMismatchException("IndexedSlices indices must be int32 or int64, got " + indices.dtype());
    }
    if (indices.graph() != values.graph() || (denseShape != null && denseShape.graph() != values.graph())) {
      throw new GraphMismatchException("IndexedSlices values, indices and dense_shape must be from one graph");
    }
  }

  public Tensor values() {
    return values;
  }

  public Tensor indices() {
    return indices;
  }

  /** The dense shape, or null when unknown. */
  public Tensor denseShape() {
    return denseShape;
  }

  @Override
  public DType dtype() {
    return values.dtype();
  }

  @Override
  public Graph graph() {
    return values.graph();
  }

  /** The values' name, as TF's {@code IndexedSlices.name}. */
  @Override
  public String name() {
    return values.name();
  }

  /** The op that produces the values ({@code IndexedSlices.op}). */
  public Operation op() {
    return values.op();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexedSlices s && s.values == values && s.indices == indices && s.denseShape == denseShape;
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, indices, denseShape);
  }

  /** TF's {@code repr}: {@code IndexedSlices(indices=Tensor(...), values=Tensor(...), dense_shape=Tensor(...))}. */
  @Override
  public String toString() {
    return "IndexedSlices(indices=" + indices + ", values=" + values
        + (denseShape == null ? "" : ", dense_shape=" + denseShape) + ")";
  }
}
