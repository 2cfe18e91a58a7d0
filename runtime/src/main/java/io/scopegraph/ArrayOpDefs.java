package io.scopegraph;

import io.scopegraph.kernels.ArrayKernels;
import io.scopegraph.kernels.Kernels;
import java.util.Arrays;
import java.util.List;

/** Shapes and layout: reshape, fill, slice, concatenation, zeros of a shape. */
final class ArrayOpDefs {
  private ArrayOpDefs() {}

  static List<OpDef> all() {
    return List.of(
        OpDef.builder("Reshape").inputs("tensor", "shape")
            .shape(node -> {
              long[] dims = node.constantInts(1);
              Shape shape = dims == null ? node.shapeFromInput(1)
                  : ShapeInference.reshape(node.input(0).shape(), dims, node.name());
              return OpContext.one(node.dtypeOfInput(0), shape);
            })
            .kernelOf((op, state) -> in -> Kernels.reshape(in[0], in[1]))
            .gradient(ArrayGrad::reshapeToInput)
            .build(),
        OpDef.builder("Fill").inputs("dims", "value")
            .shape(node -> OpContext.one(node.input(1).dtype(), node.shapeFromInput(0)))
            .kernelOf((op, state) -> in -> Kernels.fill(in[0], in[1]))
            .gradient(ArrayGrad::fill)
            .build(),
        OpDef.builder("ZerosLike").inputs("x")
            .shape(node -> node.likeInput(0))
            .kernelOf((op, state) -> in -> Kernels.zerosLike(in[0]))
            .notDifferentiable()
            .build(),
        OpDef.builder("Slice").inputs("input", "begin", "size")
            .shape(node -> OpContext.one(node.dtypeOfInput(0), sliceShape(node)))
            .kernelOf((op, state) -> in -> ArrayKernels.slice(in[0], in[1], in[2]))
            .gradient(ArrayGrad::slice)
            .build(),
        OpDef.builder("ConcatV2")
            .inputCount(attrs -> attrs.get("N") instanceof Number n ? Math.toIntExact(n.longValue()) + 1 : -1)
            .shape(ArrayOpDefs::concat)
            .kernelOf((op, state) -> in ->
                ArrayKernels.concat(Arrays.copyOf(in, in.length - 1), in[in.length - 1]))
            .gradient(ArrayGrad::concatV2)
            .build());
  }

  /** {@code Slice} with constant begin and size; otherwise only the rank. */
  private static Shape sliceShape(OpContext node) {
    Shape x = node.input(0).shape();
    long[] begin = node.constantInts(1);
    long[] size = node.constantInts(2);
    if (begin != null && size != null) {
      return ShapeInference.slice(x, Ops.toInts(begin), Ops.toInts(size), node.name());
    }
    if (x.hasKnownRank()) {
      return Shape.unknown(x.rank());
    }
    return node.unknownDimsPerElement(1); // one dimension per element of begin
  }

  private static List<OutputSpec> concat(OpContext node) {
    int n = node.numInputs() - 1;
    Shape[] shapes = new Shape[n];
    DType dtype = node.dtypeOfInput(0);
    for (int i = 0; i < n; i++) {
      if (node.input(i).dtype() != dtype) {
        throw new DTypeMismatchException("Node '" + node.name() + "' (op 'ConcatV2') concatenates values of dtypes "
            + dtype + " and " + node.input(i).dtype());
      }
      shapes[i] = node.input(i).shape();
    }
    long[] axis = node.constantInts(n);
    if (axis != null && axis.length == 1) {
      return OpContext.one(dtype, ShapeInference.concat(shapes, axis[0], node.name()));
    }
    for (Shape s : shapes) {
      if (s.hasKnownRank()) {
        return OpContext.one(dtype, Shape.unknown(s.rank()));
      }
    }
    return OpContext.one(dtype, Shape.unknown());
  }
}
