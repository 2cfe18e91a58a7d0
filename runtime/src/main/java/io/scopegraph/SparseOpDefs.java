package io.scopegraph;

import io.scopegraph.kernels.ArrayKernels;
import io.scopegraph.kernels.ShapeFunctions;
import io.scopegraph.kernels.SparseKernels;
import io.scopegraph.kernels.SparseKernels.ScatterMode;
import io.scopegraph.kernels.SparseTrainingKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ops of embeddings and sparse gradients, with TF 1.15's argument names and attributes: {@code GatherV2},
 * {@code StridedSlice}, {@code Unique}, {@code UnsortedSegmentSum}, {@code DynamicPartition},
 * {@code ParallelDynamicStitch}, the in-place row updates {@code ScatterAdd}/{@code ScatterSub}/
 * {@code ScatterUpdate} and the sparse optimizer updates {@code SparseApply*} (whose variable and slots are
 * reference inputs, as in {@link TrainingOpDefs}). Kernels: {@link SparseKernels}, {@link SparseTrainingKernels};
 * gradients: {@link SparseGrad}.
 */
final class SparseOpDefs {
  private SparseOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    defs.add(OpDef.builder("GatherV2").inputs("params", "indices", "axis")
        .shape(SparseOpDefs::gatherShape)
        .kernelOf((op, state) -> {
          String node = where(op);
          return in -> SparseKernels.gatherV2(in[0], in[1], in[2], node);
        })
        .sparseGradient(SparseGrad::gatherV2)
        .build());
    defs.add(OpDef.builder("StridedSlice").inputs("input", "begin", "end", "strides")
        .shape(SparseOpDefs::stridedSliceShape)
        .kernelOf((op, state) -> {
          String node = where(op);
          rejectUnsupportedMasks(op.name(), op.attr("ellipsis_mask"), op.attr("new_axis_mask"));
          long b = mask(op.attr("begin_mask"));
          long e = mask(op.attr("end_mask"));
          long s = mask(op.attr("shrink_axis_mask"));
          return in -> SparseKernels.stridedSlice(in[0], in[1], in[2], in[3], b, e, s, node);
        })
        .build()); // no StridedSliceGrad: slices of shapes need none; differentiating one says so
    defs.add(OpDef.builder("Unique").inputs("x")
        .shape(node -> {
          Shape x = node.input(0).shape();
          if (x.hasKnownRank() && x.rank() != 1) {
            throw new IncompatibleShapesException("Shape must be rank 1 but is rank " + x.rank() + " for '"
                + node.name() + "' (op: 'Unique') with input shapes: " + dims(x) + ".");
          }
          DType outIdx = node.hasAttr("out_idx") ? node.attr("out_idx", DType.class) : DType.INT32;
          return List.of(new OutputSpec(node.input(0).dtype(), Shape.unknown(1)),
              new OutputSpec(outIdx, x.hasKnownRank() ? x : Shape.unknown(1)));
        })
        .multiKernelOf((op, state) -> {
          DType outIdx = op.attr("out_idx") instanceof DType d ? d : DType.INT32;
          return in -> SparseKernels.unique(in[0], outIdx);
        })
        .build()); // no gradient, as in TF (its indices are what gradients flow around)
    defs.add(OpDef.builder("UnsortedSegmentSum").inputs("data", "segment_ids", "num_segments")
        .shape(SparseOpDefs::unsortedSegmentSumShape)
        .kernelOf((op, state) -> {
          String node = where(op);
          return in -> SparseKernels.unsortedSegmentSum(in[0], in[1], in[2], node);
        })
        .build());
    defs.add(OpDef.builder("DynamicPartition").inputs("data", "partitions")
        .shape(SparseOpDefs::dynamicPartitionShape)
        .multiKernelOf((op, state) -> {
          String node = where(op);
          int n = Math.toIntExact(((Number) op.attr("num_partitions")).longValue());
          return in -> SparseKernels.dynamicPartition(in[0], in[1], n, node);
        })
        .build());
    defs.add(OpDef.builder("ParallelDynamicStitch")
        .inputCount(attrs -> attrs.get("N") instanceof Number n ? 2 * Math.toIntExact(n.longValue()) : -1)
        .shape(node -> {
          int n = node.numInputs() / 2;
          Shape[] indices = new Shape[n];
          long[][] values = new long[n][];
          Shape[] data = new Shape[n];
          for (int i = 0; i < n; i++) {
            indices[i] = node.input(i).shape();
            values[i] = node.constantInts(i);
            data[i] = node.input(n + i).shape();
          }
          ShapeFunctions.Output o = ShapeFunctions.dynamicStitch(node.input(n).dtype(), indices, values, data,
              node.name());
          return OpContext.one(o.dtype(), o.shape());
        })
        .kernelOf((op, state) -> in -> {
          int n = in.length / 2;
          return ArrayKernels.dynamicStitch(Arrays.copyOfRange(in, 0, n), Arrays.copyOfRange(in, n, 2 * n));
        })
        .gradient(SparseGrad::dynamicStitch)
        .build());
    defs.add(scatter("ScatterUpdate", ScatterMode.UPDATE));
    defs.add(scatter("ScatterAdd", ScatterMode.ADD));
    defs.add(scatter("ScatterSub", ScatterMode.SUB));
    defs.add(sparseApply("SparseApplyMomentum", new String[] {"var", "accum", "lr", "grad", "indices", "momentum"}, 2,
        (op, in, refs) -> SparseTrainingKernels.sparseApplyMomentum(refs[0], refs[1], in[2], in[3], in[4], in[5],
            Boolean.TRUE.equals(op.attr("use_nesterov")))));
    defs.add(sparseApply("SparseApplyAdagrad", new String[] {"var", "accum", "lr", "grad", "indices"}, 2,
        (op, in, refs) -> SparseTrainingKernels.sparseApplyAdagrad(refs[0], refs[1], in[2], in[3], in[4],
            !Boolean.FALSE.equals(op.attr("update_slots")))));
    defs.add(sparseApply("SparseApplyRMSProp", new String[] {"var", "ms", "mom", "lr", "rho", "momentum", "epsilon",
        "grad", "indices"}, 3,
        (op, in, refs) -> SparseTrainingKernels.sparseApplyRMSProp(refs[0], refs[1], refs[2], in[3], in[4], in[5],
            in[6], in[7], in[8])));
    defs.add(sparseApply("SparseApplyCenteredRMSProp", new String[] {"var", "mg", "ms", "mom", "lr", "rho",
        "momentum", "epsilon", "grad", "indices"}, 4,
        (op, in, refs) -> SparseTrainingKernels.sparseApplyCenteredRMSProp(refs[0], refs[1], refs[2], refs[3], in[4],
            in[5], in[6], in[7], in[8], in[9])));
    return defs;
  }

  // ---------------------------------------------------------------------------------------------
  // Shape functions

  private static List<OutputSpec> gatherShape(OpContext node) {
    requireIndexDType(node, 1, "indices");
    Shape params = node.input(0).shape();
    Shape indices = node.input(1).shape();
    long[] axis = node.constantInts(2);
    if (node.intAttr("batch_dims", 0) != 0) {
      throw new InvalidArgumentException("GatherV2 '" + node.name() + "': only batch_dims = 0 is supported");
    }
    DType dtype = node.input(0).dtype();
    if (axis == null || !params.hasKnownRank() || !indices.hasKnownRank()) {
      return OpContext.one(dtype, Shape.unknown());
    }
    int rank = params.rank();
    long a = axis[0];
    if (a < -rank || a >= rank) {
      throw new IncompatibleShapesException("Shape must be at least rank " + ((a < 0 ? -a : a + 1)) + " but is rank "
          + rank + " for '" + node.name() + "' (op: 'GatherV2') with input shapes: " + dims(params) + ", "
          + dims(indices) + ", " + dims(node.input(2).shape()) + ".");
    }
    int at = (int) (a < 0 ? a + rank : a);
    long[] p = params.dims();
    long[] out = new long[rank - 1 + indices.rank()];
    int k = 0;
    for (int i = 0; i < at; i++) {
      out[k++] = p[i];
    }
    for (long d : indices.dims()) {
      out[k++] = d;
    }
    for (int i = at + 1; i < rank; i++) {
      out[k++] = p[i];
    }
    return OpContext.one(dtype, Shape.of(out));
  }

  private static List<OutputSpec> stridedSliceShape(OpContext node) {
    rejectUnsupportedMasks(node.name(), node.hasAttr("ellipsis_mask") ? node.attr("ellipsis_mask") : null,
        node.hasAttr("new_axis_mask") ? node.attr("new_axis_mask") : null);
    DType dtype = node.input(0).dtype();
    Shape input = node.input(0).shape();
    long[] begin = node.constantInts(1);
    long[] end = node.constantInts(2);
    long[] strides = node.constantInts(3);
    if (!input.hasKnownRank() || begin == null || end == null || strides == null) {
      return OpContext.one(dtype, Shape.unknown());
    }
    return OpContext.one(dtype, SparseKernels.stridedSliceShape(input, begin, end, strides,
        node.intAttr("begin_mask", 0), node.intAttr("end_mask", 0), node.intAttr("shrink_axis_mask", 0),
        node.name()));
  }

  private static List<OutputSpec> unsortedSegmentSumShape(OpContext node) {
    requireIndexDType(node, 1, "segment_ids");
    Shape data = node.input(0).shape();
    Shape ids = node.input(1).shape();
    long[] num = node.constantInts(2);
    DType dtype = node.input(0).dtype();
    if (!data.hasKnownRank() || !ids.hasKnownRank()) {
      return OpContext.one(dtype, Shape.unknown());
    }
    if (!data.isCompatibleWith(ids.hasKnownRank() && data.rank() >= ids.rank() ? prefixOf(data, ids) : ids)) {
      throw new IncompatibleShapesException("Dimensions must be equal for '" + node.name()
          + "' (op: 'UnsortedSegmentSum') with input shapes: " + dims(data) + ", " + dims(ids) + ", "
          + dims(node.input(2).shape()) + ".");
    }
    long[] d = data.dims();
    long[] out = new long[1 + d.length - ids.rank()];
    out[0] = num != null && num.length == 1 ? num[0] : -1;
    System.arraycopy(d, ids.rank(), out, 1, d.length - ids.rank());
    return OpContext.one(dtype, Shape.of(out));
  }

  /** {@code ids} with the rest of {@code data}'s dimensions, to check that {@code ids} prefixes {@code data}. */
  private static Shape prefixOf(Shape data, Shape ids) {
    long[] d = data.dims().clone();
    System.arraycopy(ids.dims(), 0, d, 0, ids.rank());
    return Shape.of(d);
  }

  private static List<OutputSpec> dynamicPartitionShape(OpContext node) {
    int n = Math.toIntExact(node.attr("num_partitions", Number.class).longValue());
    if (n < 1) {
      throw new InvalidArgumentException("Value for attr 'num_partitions' of " + n + " must be at least minimum 1");
    }
    if (node.input(1).dtype() != DType.INT32) {
      throw new DTypeMismatchException("Input 'partitions' of 'DynamicPartition' Op has type "
          + node.input(1).dtype() + " that does not match expected type of int32.");
    }
    Shape data = node.input(0).shape();
    Shape parts = node.input(1).shape();
    Shape each = Shape.unknown();
    if (data.hasKnownRank() && parts.hasKnownRank()) {
      long[] d = data.dims();
      long[] out = new long[1 + d.length - parts.rank()];
      out[0] = -1;
      System.arraycopy(d, parts.rank(), out, 1, d.length - parts.rank());
      each = Shape.of(out);
    }
    List<OutputSpec> outs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      outs.add(new OutputSpec(node.input(0).dtype(), each));
    }
    return outs;
  }

  // ---------------------------------------------------------------------------------------------
  // Stateful ops

  private static OpDef scatter(String type, ScatterMode mode) {
    return OpDef.builder(type).inputs("ref", "indices", "updates").refInputs(0)
        .shape(node -> {
          node.requireSameDType(0, "ref", 2, "updates");
          requireIndexDType(node, 1, "indices");
          Shape ref = node.input(0).shape();
          Shape indices = node.input(1).shape();
          Shape updates = node.input(2).shape();
          if (ref.hasKnownRank() && indices.hasKnownRank() && updates.hasKnownRank() && ref.rank() >= 1) {
            long[] r = ref.dims();
            long[] want = new long[indices.rank() + r.length - 1];
            System.arraycopy(indices.dims(), 0, want, 0, indices.rank());
            System.arraycopy(r, 1, want, indices.rank(), r.length - 1);
            if (!updates.isCompatibleWith(Shape.of(want))) {
              throw new IncompatibleShapesException("Shapes must be equal rank, but are " + updates.rank() + " and "
                  + want.length + " for '" + node.name() + "' (op: '" + type + "') with input shapes: " + dims(ref)
                  + ", " + dims(indices) + ", " + dims(updates) + ".");
            }
          }
          return OpContext.one(node.input(0).dtype(), ref);
        })
        .kernelOf((op, state) -> {
          Operation variable = variableOf(op, 0);
          String node = where(op);
          return in -> {
            NdArray next = SparseKernels.scatter(state.read(variable), in[1], in[2], mode, node);
            state.write(variable, next);
            return next;
          };
        })
        .build();
  }

  /** A {@code SparseApply*} op: inputs {@code 0 .. numRefs-1} are the variable and its slots; the last-but-k is indices. */
  private static OpDef sparseApply(String type, String[] inputs, int numRefs, RefUpdate update) {
    int indicesAt = Arrays.asList(inputs).indexOf("indices");
    int gradAt = Arrays.asList(inputs).indexOf("grad");
    int[] refs = new int[numRefs];
    for (int i = 0; i < numRefs; i++) {
      refs[i] = i;
    }
    return OpDef.builder(type).inputs(inputs).refInputs(refs)
        .shape(node -> {
          DType dtype = node.input(0).dtype();
          if (!dtype.isFloating()) {
            throw new DTypeMismatchException("Value passed to parameter 'var' has DataType " + dtype
                + " not in list of allowed values: float32, float64 (op " + type + ")");
          }
          for (int i = 1; i < inputs.length; i++) {
            if (i != indicesAt) {
              node.requireSameDType(0, "var", i, inputs[i]);
            }
          }
          requireIndexDType(node, indicesAt, "indices");
          Shape var = node.input(0).shape();
          for (int i = 1; i < numRefs; i++) {
            if (!var.isCompatibleWith(node.input(i).shape())) {
              throw new IncompatibleShapesException("Shapes must be equal rank, but are " + var.rank() + " and "
                  + node.input(i).shape().rank() + " for '" + node.name() + "' (op: '" + type + "') with input "
                  + "shapes: " + dims(var) + ", " + dims(node.input(i).shape()) + ".");
            }
            var = var.mergeWith(node.input(i).shape());
          }
          Shape grad = node.input(gradAt).shape();
          if (var.hasKnownRank() && grad.hasKnownRank() && grad.rank() != var.rank()) {
            throw new IncompatibleShapesException("Shape must be rank " + var.rank() + " but is rank " + grad.rank()
                + " for '" + node.name() + "' (op: '" + type + "') with input shapes: " + dims(var) + ", "
                + dims(grad) + ".");
          }
          return OpContext.one(dtype, var);
        })
        .kernelOf(update.kernel(numRefs, SparseOpDefs::variableOf))
        .build();
  }

  /** The {@code VariableV2} op reference input {@code i} of {@code op} names. */
  private static Operation variableOf(Operation op, int i) {
    Operation v = op.input(i).op();
    if (!v.type().equals("VariableV2")) {
      throw new InvalidArgumentException(op.type() + " '" + op.name() + "' needs a variable as input " + i + ", got "
          + op.input(i));
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------

  private static void requireIndexDType(OpContext node, int i, String arg) {
    DType d = node.input(i).dtype();
    if (d != DType.INT32 && d != DType.INT64) {
      throw new DTypeMismatchException("Value passed to parameter '" + arg + "' has DataType " + d
          + " not in list of allowed values: int32, int64 (op " + node.type() + ")");
    }
  }

  private static void rejectUnsupportedMasks(String name, Object ellipsis, Object newAxis) {
    if (mask(ellipsis) != 0 || mask(newAxis) != 0) {
      throw new UnsupportedOperationException("StridedSlice '" + name + "': ellipsis_mask and new_axis_mask are not "
          + "supported by this runtime (begin_mask, end_mask and shrink_axis_mask are)");
    }
  }

  private static long mask(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  /** How a kernel error names its node: {@code embedding_lookup (GatherV2)}. */
  private static String where(Operation op) {
    return op.name() + " (" + op.type() + ")";
  }

  /** TF's shape text in shape-function errors: {@code [2,3]}, {@code [?,4]}, {@code ?}. */
  private static String dims(Shape s) {
    return s.toDimsString();
  }
}
