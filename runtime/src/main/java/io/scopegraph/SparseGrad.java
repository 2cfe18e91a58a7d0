package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gradients of the embedding ops, as TF 1.15's {@code array_grad.py} and {@code data_flow_grad.py} build them. */
final class SparseGrad {
  private SparseGrad() {}

  /**
   * {@code _GatherV2Grad}; for axis 0 (as TF 1.15 names it): {@code IndexedSlices(values=reshape(grad, [size(indices)] + params_shape[1:]),
   * indices=reshape(indices, [size(indices)]), dense_shape=cast(shape(params, int64), int32))}. Ops:
   * {@code Shape} (int64; a {@code Const} when the params' shape is known) and {@code Cast}, colocated with the
   * params; {@code Size}, {@code ExpandDims/dim}, {@code ExpandDims}, {@code strided_slice/…}, {@code concat/axis},
   * {@code concat}, {@code Reshape}, {@code Reshape_1}.
   */
  static List<TensorLike> gatherV2(Ops tf, Operation op, List<TensorLike> grads) {
    Tensor params = op.input(0);
    Tensor indicesIn = op.input(1);
    NdArray axisValue = op.input(2).op().type().equals("Const") ? (NdArray) op.input(2).op().attr("value") : null;
    int rank = params.shape().hasKnownRank() ? params.shape().rank() : -1;
    if (axisValue == null || (axisValue.getLong(0) != 0 && rank < 0)) {
      throw new UnsupportedOperationException("The gradient of GatherV2 '" + op.name() + "' needs a constant axis "
          + "(and, for an axis other than 0, params of known rank)");
    }
    Tensor grad = IndexedSlicesOps.dense(tf, grads.get(0));
    Tensor paramsShape = tf.graph().colocatedWith(params.op(), () -> {
      Tensor shape64 = shape(tf, params, DType.INT64);
      return tf.inScopeLocked(null, "Cast", scope -> tf.graph().addNode("Cast", scope, new Tensor[] {shape64},
          new Object[] {"SrcT", DType.INT64, "DstT", DType.INT32, "Truncate", false}));
    });
    Tensor indicesSize = tf.expandDims(tf.sizeOf(indicesIn, null), 0);
    long axis = axisValue.getLong(0) < 0 ? axisValue.getLong(0) + rank : axisValue.getLong(0);
    if (axis != 0) {
      return Arrays.asList(alongAxis(tf, grad, indicesIn, paramsShape, indicesSize, (int) axis, rank), null, null);
    }
    Tensor tail = IndexedSlicesOps.stridedSlice(tf, paramsShape, new int[] {1}, new int[] {0}, new int[] {1}, 0, 1, 0);
    Tensor valuesShape = tf.concat(List.of(indicesSize, tail), 0);
    Tensor values = tf.reshapeOp(grad, valuesShape, null);
    Tensor indices = tf.reshapeOp(indicesIn, indicesSize, null);
    // TF's shape refiner folds the constant part of the shape tensors: values [size, params.shape[1:]].
    Shape p = params.shape();
    Shape ids = indicesIn.shape();
    long size = ids.isFullyDefined() ? ids.numElements() : -1;
    if (p.hasKnownRank() && p.rank() >= 1) {
      long[] dims = p.dims().clone();
      dims[0] = size;
      values.setShape(Shape.of(dims));
    }
    indices.setShape(Shape.of(size));
    return Arrays.asList(new IndexedSlices(values, indices, paramsShape), null, null);
  }

  /**
   * {@code _GatherV2Grad} for an axis other than 0 (dense, as in TF): the gathered axis is moved to the front,
   * summed per index ({@code UnsortedSegmentSum} with {@code params_shape[axis]} segments) and moved back. TF
   * slices {@code params_shape} with the axis tensor; here the axis is a known constant, so the slices and
   * permutations are constants (same values, fewer ops).
   */
  private static Tensor alongAxis(Ops tf, Tensor grad, Tensor indicesIn, Tensor paramsShape, Tensor indicesSize,
      int axis, int rank) {
    Tensor outer = IndexedSlicesOps.stridedSlice(tf, paramsShape, new int[] {0}, new int[] {axis}, new int[] {1}, 1, 0,
        0);
    Tensor inner = IndexedSlicesOps.stridedSlice(tf, paramsShape, new int[] {axis + 1}, new int[] {0}, new int[] {1},
        0, 1, 0);
    Tensor valuesShape = tf.concat(List.of(outer, indicesSize, inner), 0);
    Tensor values = tf.reshapeOp(grad, valuesShape, null);
    Tensor indices = tf.reshapeOp(indicesIn, indicesSize, null);
    int[] front = new int[rank];
    int[] back = new int[rank];
    front[0] = axis;
    for (int i = 0, k = 1; i < rank; i++) {
      if (i != axis) {
        front[k++] = i;
      }
    }
    for (int i = 0; i < rank; i++) {
      back[front[i]] = i;
    }
    Tensor moved = tf.transpose(values, front);
    Tensor rows = IndexedSlicesOps.stridedSlice(tf, paramsShape, new int[] {axis}, new int[] {axis + 1},
        new int[] {1}, 0, 0, 1);
    Tensor summed = IndexedSlicesOps.unsortedSegmentSum(tf, moved, indices, rows, null);
    return tf.transpose(summed, back);
  }

  /**
   * {@code _DynamicStitchGrads} ({@code ParallelDynamicStitch}): no gradient for the indices; for each data input,
   * {@code gather(grad, indices[i])} (indices cast to int32 first when int64). A sparse {@code grad} arrives
   * densified by the gradient builder (TF sums it with {@code shape(output)[0]} rows instead of
   * {@code dense_shape[0]}: the same values, other op names).
   */
  static List<Tensor> dynamicStitch(Ops tf, Operation op, List<Tensor> grads) {
    int n = op.numInputs() / 2;
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(null);
    }
    List<Tensor> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Tensor idx = op.input(i);
      inputs.add(op.input(0).dtype() == DType.INT32 ? idx : tf.cast(idx, DType.INT32));
    }
    Tensor grad = grads.get(0);
    for (Tensor idx : inputs) {
      out.add(IndexedSlicesOps.gather(tf, grad, idx, 0, null));
    }
    return out;
  }

  /** {@code array_ops.shape(t, out_type)} with {@code optimize}: a {@code Const} {@code Shape} when fully defined. */
  static Tensor shape(Ops tf, Tensor t, DType outType) {
    return tf.inScopeLocked(null, "Shape", scope -> {
      Tensor x = t.value();
      if (x.shape().isFullyDefined()) {
        long[] dims = x.shape().dims();
        NdArray value = outType == DType.INT64 ? NdArray.of(dims) : NdArray.of(Ops.toInts(dims));
        return tf.constOp(value, scope + "/");
      }
      return tf.graph().addNode("Shape", scope, new Tensor[] {x}, new Object[] {"T", x.dtype(), "out_type", outType});
    });
  }
}
