package io.scopegraph;

import io.scopegraph.kernels.ArrayKernels;
import io.scopegraph.kernels.Broadcast;
import io.scopegraph.kernels.Kernels;
import io.scopegraph.kernels.MathKernels;
import io.scopegraph.kernels.ReductionKernels;
import io.scopegraph.kernels.ShapeFunctions;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape, index and bookkeeping ops that gradients create ({@code Shape}, {@code BroadcastGradientArgs},
 * {@code DynamicStitch}, {@code Tile}, …) and the small element-wise ops of the gradient catalogue
 * ({@code FloorDiv}, {@code Reciprocal}, comparisons, {@code Select}, …), with TF 1.15's shape functions.
 * Kernels from {@link ArrayKernels}, {@link MathKernels}, {@link ReductionKernels}; the few not there are
 * minimal ones at the end of this class.
 */
final class ShapeOpDefs {
  private ShapeOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    defs.add(OpDef.builder("Shape").inputs("input")
        .shape(node -> one(ShapeFunctions.shape(node.input(0).shape(), outType(node))))
        .kernelOf((op, state) -> {
          DType out = (DType) op.attr("out_type");
          return in -> ArrayKernels.shape(in[0], out);
        })
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("ShapeN")
        .inputCount(attrs -> attrs.get("N") instanceof Number n ? Math.toIntExact(n.longValue()) : -1)
        .shape(node -> {
          List<OutputSpec> out = new ArrayList<>();
          for (Tensor t : node.inputs()) {
            out.add(new OutputSpec(outType(node), ShapeFunctions.shape(t.shape(), outType(node)).shape()));
          }
          return out;
        })
        .multiKernelOf((op, state) -> {
          DType out = (DType) op.attr("out_type");
          return in -> {
            NdArray[] r = new NdArray[in.length];
            for (int i = 0; i < in.length; i++) {
              r[i] = ArrayKernels.shape(in[i], out);
            }
            return r;
          };
        })
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("Size").inputs("input")
        .shape(node -> one(ShapeFunctions.size(node.input(0).shape(), outType(node))))
        .kernelOf((op, state) -> {
          DType out = (DType) op.attr("out_type");
          return in -> ArrayKernels.size(in[0], out);
        })
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("Rank").inputs("input")
        .shape(node -> one(ShapeFunctions.rank(node.input(0).shape())))
        .kernelOf((op, state) -> in -> ArrayKernels.rank(in[0]))
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("Tile").inputs("input", "multiples")
        .shape(node -> one(ShapeFunctions.tile(node.dtypeOfInput(0), node.input(0).shape(), node.input(1).shape(),
            node.constantInts(1), node.name())))
        .kernelOf((op, state) -> in -> ArrayKernels.tile(in[0], in[1]))
        .gradient(ArrayGrad::tile)
        .build());
    defs.add(OpDef.builder("Transpose").inputs("x", "perm")
        .shape(node -> one(ShapeFunctions.transpose(node.dtypeOfInput(0), node.input(0).shape(),
            node.input(1).shape(), node.constantInts(1), node.name())))
        .kernelOf((op, state) -> in -> ArrayKernels.transpose(in[0], in[1]))
        .gradient(ArrayGrad::transpose)
        .build());
    defs.add(OpDef.builder("InvertPermutation").inputs("x")
        .shape(node -> {
          Shape s = node.input(0).shape();
          if (s.hasKnownRank() && s.rank() != 1) {
            throw new IncompatibleShapesException("Shape must be rank 1 but is rank " + s.rank() + " for '"
                + node.name() + "' (op: 'InvertPermutation') with input shapes: " + s.toDimsString() + ".");
          }
          return OpContext.one(node.input(0).dtype(), s.hasKnownRank() ? s : Shape.of(-1));
        })
        .kernelOf((op, state) -> in -> ArrayKernels.invertPermutation(in[0]))
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("ExpandDims").inputs("input", "dim")
        .shape(node -> one(ShapeFunctions.expandDims(node.dtypeOfInput(0), node.input(0).shape(),
            node.input(1).shape(), node.constantInts(1), node.name())))
        .kernelOf((op, state) -> in -> ArrayKernels.expandDims(in[0], in[1]))
        .gradient(ArrayGrad::reshapeToInput)
        .build());
    defs.add(OpDef.builder("BroadcastGradientArgs").inputs("s0", "s1")
        .shape(node -> {
          node.requireSameDType(0, "s0", 1, "s1");
          return many(ShapeFunctions.broadcastGradientArgs(node.input(0).dtype(), node.input(0).shape(),
              node.input(1).shape(), node.name()));
        })
        .multiKernelOf((op, state) -> in -> ArrayKernels.broadcastGradientArgs(in[0], in[1]))
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("DynamicStitch")
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
          return one(ShapeFunctions.dynamicStitch(node.input(n).dtype(), indices, values, data, node.name()));
        })
        .kernelOf((op, state) -> in -> {
          int n = in.length / 2;
          return ArrayKernels.dynamicStitch(Arrays.copyOfRange(in, 0, n), Arrays.copyOfRange(in, n, 2 * n));
        })
        .notDifferentiable() // TF has a gradient; gradients never differentiate through their own shape math
        .build());
    defs.add(OpDef.builder("Range").inputs("start", "limit", "delta")
        .shape(node -> one(ShapeFunctions.range(node.input(0).dtype(), node.input(0).shape(), node.input(1).shape(),
            node.input(2).shape(), scalarOf(node, 0), scalarOf(node, 1), scalarOf(node, 2), node.name())))
        .kernelOf((op, state) -> in -> ArrayKernels.range(in[0], in[1], in[2]))
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("ConcatOffset")
        .inputCount(attrs -> attrs.get("N") instanceof Number n ? Math.toIntExact(n.longValue()) + 1 : -1)
        .shape(node -> {
          Shape[] shapes = new Shape[node.numInputs() - 1];
          for (int i = 1; i < node.numInputs(); i++) {
            shapes[i - 1] = node.input(i).shape();
          }
          return many(ShapeFunctions.concatOffset(node.input(0).shape(), shapes, node.name()));
        })
        .multiKernelOf((op, state) -> in -> ArrayKernels.concatOffset(in[0], Arrays.copyOfRange(in, 1, in.length)))
        .notDifferentiable()
        .build());
    for (String type : List.of("AddN", "AccumulateNV2")) {
      defs.add(OpDef.builder(type)
          .inputCount(attrs -> attrs.get("N") instanceof Number n ? Math.toIntExact(n.longValue()) : -1)
          .shape(node -> {
            Shape[] shapes = new Shape[node.numInputs()];
            for (int i = 0; i < shapes.length; i++) {
              shapes[i] = node.input(i).shape();
            }
            DType t = node.dtypeOfInput(0);
            for (Tensor in : node.inputs()) {
              if (in.dtype() != t) {
                throw new DTypeMismatchException("Tensors in list passed to 'inputs' of '" + node.type()
                    + "' Op have types [" + node.inputs().stream().map(i -> i.dtype().toString())
                    .collect(java.util.stream.Collectors.joining(", ")) + "] that don't all match.");
              }
            }
            return one(ShapeFunctions.addN(t, shapes, node.name()));
          })
          .kernelOf((op, state) -> in -> ArrayKernels.addN(in.clone(), op.name()))
          .gradient(MathGrad::addN)
          .build());
    }
    defs.add(OpDef.builder("OnesLike").inputs("x")
        .shape(node -> node.likeInput(0))
        .kernelOf((op, state) -> in -> ArrayKernels.onesLike(in[0]))
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("Prod").inputs("input", "reduction_indices")
        .shape(node -> one(ShapeFunctions.reduction(node.dtypeOfInput(0), node.input(0).shape(),
            node.input(1).shape(), node.constantInts(1), node.flag("keep_dims"), node.name(), "Prod")))
        .kernelOf((op, state) -> {
          boolean keepDims = Kernels.flag(op, "keep_dims");
          return in -> ReductionKernels.prod(in[0], in[1], keepDims);
        })
        .build());
    defs.add(binary("FloorDiv", MathKernels::floorDiv));
    defs.add(binary("FloorMod", MathKernels::floorMod));
    defs.add(OpDef.builder("Reciprocal").inputs("x")
        .shape(node -> node.likeInput(0))
        .kernelOf((op, state) -> in -> MathKernels.reciprocal(in[0]))
        .gradient(MathGrad::reciprocal)
        .build());
    defs.add(OpDef.builder("StopGradient").inputs("input")
        .shape(node -> node.likeInput(0))
        .kernelOf((op, state) -> in -> in[0])
        .notDifferentiable()
        .build());
    defs.add(OpDef.builder("PreventGradient").inputs("input")
        .shape(node -> node.likeInput(0))
        .kernelOf((op, state) -> in -> in[0])
        .gradient(ArrayGrad::preventGradient)
        .build());
    defs.add(OpDef.builder("Pack")
        .inputCount(attrs -> attrs.get("N") instanceof Number n ? Math.toIntExact(n.longValue()) : -1)
        .shape(ShapeOpDefs::packShape)
        .kernelOf((op, state) -> {
          int axis = (int) ((Number) op.attr("axis")).longValue();
          return in -> pack(in.clone(), axis);
        })
        .build());
    defs.add(OpDef.builder("Pad").inputs("input", "paddings")
        .shape(ShapeOpDefs::padShape)
        .kernelOf((op, state) -> in -> pad(in[0], in[1]))
        .gradient(ArrayGrad::pad)
        .build());
    defs.add(OpDef.builder("Squeeze").inputs("input")
        .shape(node -> one(ShapeFunctions.squeeze(node.dtypeOfInput(0), node.input(0).shape(), squeezeDims(node),
            node.name())))
        .kernelOf((op, state) -> {
          Object dims = op.attr("squeeze_dims");
          int[] sd = dims instanceof List<?> l ? l.stream().mapToInt(v -> ((Number) v).intValue()).toArray()
              : new int[0];
          return in -> ArrayKernels.squeeze(in[0], sd);
        })
        .gradient(ArrayGrad::reshapeToInput)
        .build());
    defs.add(OpDef.builder("SplitV").inputs("value", "size_splits", "split_dim")
        .shape(ShapeOpDefs::splitVShape)
        .multiKernelOf((op, state) -> {
          int num = (int) ((Number) op.attr("num_split")).longValue();
          return in -> splitV(in[0], in[1], in[2], num);
        })
        .gradient(ArrayGrad::splitV)
        .build());
    defs.add(OpDef.builder("Sign").inputs("x")
        .shape(node -> node.likeInput(0))
        .kernelOf((op, state) -> in -> map(in[0], Math::signum))
        .gradient((tf, op, grads) -> List.of(MathGrad.zerosOfShape(tf, tf.shapeOf(op.input(0), true, null),
            op.input(0).dtype())))
        .build());
    defs.add(OpDef.builder("SqrtGrad").inputs("y", "dy")
        .shape(node -> OpContext.one(node.dtypeOfInput(0), node.input(0).shape().mergeWith(node.input(1).shape())))
        .kernelOf((op, state) -> in -> zip(in[0], in[1], (y, dy) -> dy * 0.5 / y))
        .gradient(MathGrad::sqrtGrad)
        .build());
    defs.add(OpDef.builder("ReciprocalGrad").inputs("y", "dy")
        .shape(node -> OpContext.one(node.dtypeOfInput(0), node.input(0).shape().mergeWith(node.input(1).shape())))
        .kernelOf((op, state) -> in -> zip(in[0], in[1], (y, dy) -> -dy * y * y))
        .gradient(MathGrad::reciprocalGrad)
        .build());
    for (String type : List.of("Greater", "GreaterEqual", "Less", "LessEqual")) {
      defs.add(OpDef.builder(type).inputs("x", "y")
          .shape(node -> {
            node.requireSameDType(0, "x", 1, "y");
            return OpContext.one(DType.BOOL, ShapeInference.broadcast(node.input(0).shape(),
                node.input(1).shape(), node.name(), type));
          })
          .kernelOf((op, state) -> in -> compare(type, in[0], in[1]))
          .notDifferentiable()
          .build());
    }
    defs.add(OpDef.builder("Select").inputs("condition", "t", "e")
        .shape(node -> {
          node.requireSameDType(1, "t", 2, "e");
          return OpContext.one(node.input(1).dtype(), node.input(1).shape().mergeWith(node.input(2).shape()));
        })
        .kernelOf((op, state) -> in -> select(in[0], in[1], in[2]))
        .gradient(MathGrad::select)
        .build());
    return defs;
  }

  static List<OutputSpec> one(ShapeFunctions.Output o) {
    return OpContext.one(o.dtype(), o.shape());
  }

  static List<OutputSpec> many(ShapeFunctions.Output[] outs) {
    List<OutputSpec> list = new ArrayList<>();
    for (ShapeFunctions.Output o : outs) {
      list.add(new OutputSpec(o.dtype(), o.shape()));
    }
    return list;
  }

  private static int[] squeezeDims(OpContext node) {
    Object dims = node.hasAttr("squeeze_dims") ? node.attr("squeeze_dims") : null;
    return dims instanceof List<?> l ? l.stream().mapToInt(v -> ((Number) v).intValue()).toArray() : new int[0];
  }

  /** {@code SplitV}: each output is the value's shape with the split dimension from {@code size_splits} (when known). */
  private static List<OutputSpec> splitVShape(OpContext node) {
    int num = (int) node.intAttr("num_split", 1);
    Shape v = node.input(0).shape();
    long[] dim = node.constantInts(2);
    long[] sizes = node.constantInts(1);
    // TF's shape function checks these; an imported graph may hold anything here
    if (dim != null && v.hasKnownRank() && (dim.length != 1 || v.rank() == 0 || dim[0] < -v.rank()
        || dim[0] >= v.rank())) {
      throw new InvalidArgumentException("split_dim of '" + node.name() + "' (op 'SplitV') must be a scalar in [-"
          + v.rank() + ", " + v.rank() + "), got " + java.util.Arrays.toString(dim));
    }
    if (sizes != null && sizes.length != num) {
      throw new InvalidArgumentException("size_splits of '" + node.name() + "' (op 'SplitV') has " + sizes.length
          + " values for num_split " + num);
    }
    List<OutputSpec> out = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      Shape s;
      if (!v.hasKnownRank()) {
        s = Shape.unknown();
      } else if (dim == null) {
        s = Shape.unknown(v.rank());
      } else {
        long[] dims = v.dims();
        int axis = (int) (dim[0] < 0 ? dim[0] + v.rank() : dim[0]);
        dims[axis] = sizes != null && sizes[i] >= 0 ? sizes[i] : -1;
        s = Shape.of(dims);
      }
      out.add(new OutputSpec(node.dtypeOfInput(0), s));
    }
    return out;
  }

  /** {@code SplitV} kernel: pieces of {@code sizes} along {@code axis} (sizes known at run time, no -1). */
  static NdArray[] splitV(NdArray value, NdArray sizes, NdArray axisValue, int num) {
    int rank = value.shape().rank();
    int axis = (int) axisValue.getLong(0);
    axis = axis < 0 ? axis + rank : axis;
    long[] s = sizes.toLongArray();
    if (s.length != num) {
      throw new InvalidArgumentException("Determined shape must either match input shape along split_dim exactly if "
          + "fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: "
          + s.length);
    }
    NdArray[] out = new NdArray[num];
    long offset = 0;
    for (int i = 0; i < num; i++) {
      long[] begin = new long[rank];
      long[] size = value.shape().dims();
      begin[axis] = offset;
      size[axis] = s[i];
      out[i] = ArrayKernels.slice(value, NdArray.of(begin), NdArray.of(size));
      offset += s[i];
    }
    return out;
  }

  private static Number scalarOf(OpContext node, int i) {
    NdArray v = node.constantValue(i);
    return v == null || v.size() != 1 ? null : v.dtype().isInteger() ? (Number) v.getLong(0) : (Number) v.getDouble(0);
  }

  private static DType outType(OpContext node) {
    return node.hasAttr("out_type") ? node.attr("out_type", DType.class) : DType.INT32;
  }

  private interface BinaryKernel {
    NdArray apply(NdArray x, NdArray y);
  }

  private static OpDef binary(String type, BinaryKernel kernel) {
    return OpDef.builder(type).inputs("x", "y")
        .shape(node -> {
          node.requireSameDType(0, "x", 1, "y");
          return one(ShapeFunctions.broadcastBinary(node.dtypeOfInput(0), node.input(0).shape(),
              node.input(1).shape(), node.name(), type));
        })
        .kernelOf((op, state) -> in -> kernel.apply(in[0], in[1]))
        .gradient(type.equals("FloorMod") ? MathGrad::floorMod : (tf, op, grads) -> Arrays.asList(null, null))
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // Shape functions

  private static List<OutputSpec> packShape(OpContext node) {
    DType dtype = node.dtypeOfInput(0);
    Shape merged = Shape.unknown();
    for (Tensor t : node.inputs()) {
      merged = merged.mergeWith(t.shape());
    }
    if (!merged.hasKnownRank()) {
      return OpContext.one(dtype, Shape.unknown());
    }
    int rank = merged.rank() + 1;
    long axis = node.intAttr("axis", 0);
    int at = (int) (axis < 0 ? axis + rank : axis);
    long[] out = new long[rank];
    for (int i = 0, j = 0; i < rank; i++) {
      out[i] = i == at ? node.numInputs() : merged.dim(j++);
    }
    return OpContext.one(dtype, Shape.of(out));
  }

  private static List<OutputSpec> padShape(OpContext node) {
    Shape x = node.input(0).shape();
    Shape ps = node.input(1).shape();
    // TF's check: paddings is a matrix [rank, 2] (an imported graph may hold anything here)
    if (ps.hasKnownRank() && (ps.rank() != 2 || ps.dim(1) >= 0 && ps.dim(1) != 2
        || x.hasKnownRank() && ps.dim(0) >= 0 && ps.dim(0) != x.rank())) {
      throw new IncompatibleShapesException("Paddings of '" + node.name() + "' (op 'Pad') must be a matrix of shape ["
          + (x.hasKnownRank() ? x.rank() : "?") + ", 2], got " + ps);
    }
    NdArray p = node.constantValue(1);
    if (p == null) {
      int rank = x.hasKnownRank() ? x.rank() : ps.hasKnownRank() && ps.dim(0) >= 0 ? (int) ps.dim(0) : -1;
      return OpContext.one(node.dtypeOfInput(0), Shape.unknown(rank));
    }
    int rank = (int) p.shape().dim(0);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long d = x.hasKnownRank() ? x.dim(i) : -1;
      out[i] = d < 0 ? -1 : d + p.getLong(2 * i) + p.getLong(2 * i + 1);
    }
    return OpContext.one(node.dtypeOfInput(0), Shape.of(out));
  }

  // ---------------------------------------------------------------------------------------------
  // Minimal kernels (not in the kernel classes)

  /** {@code Pack} along {@code axis}. */
  static NdArray pack(NdArray[] values, int axis) {
    Shape s = values[0].shape();
    int rank = s.rank() + 1;
    int at = axis < 0 ? axis + rank : axis;
    long[] dims = new long[rank];
    for (int i = 0, j = 0; i < rank; i++) {
      dims[i] = i == at ? values.length : s.dim(j++);
    }
    long outer = 1;
    for (int i = 0; i < at; i++) {
      outer *= s.dim(i);
    }
    int inner = (int) (s.numElements() / Math.max(outer, 1));
    int n = values.length;
    Object out = ArrayKernels.newStorage(values[0].dtype(), (int) (outer * n * inner));
    int k = 0;
    for (long o = 0; o < outer; o++) {
      for (NdArray v : values) {
        if (!v.shape().equals(s)) {
          throw new InvalidArgumentException("Shapes of all inputs must match: values[0].shape = "
              + s.toDimsString() + " != values[i].shape = " + v.shape().toDimsString());
        }
        System.arraycopy(v.data(), (int) (o * inner), out, k, inner);
        k += inner;
      }
    }
    return NdArray.wrap(values[0].dtype(), Shape.of(dims), out);
  }

  /** {@code Pad} with zeros; {@code paddings} is {@code [rank, 2]}. */
  static NdArray pad(NdArray x, NdArray paddings) {
    int rank = x.shape().rank();
    long[] in = x.shape().dims();
    long[] out = new long[rank];
    long[] before = new long[rank];
    for (int i = 0; i < rank; i++) {
      before[i] = paddings.getLong(2 * i);
      out[i] = in[i] + before[i] + paddings.getLong(2 * i + 1);
      if (before[i] < 0 || out[i] < in[i]) {
        throw new InvalidArgumentException("Paddings must be non-negative");
      }
    }
    Shape shape = Shape.of(out);
    NdArray result = NdArray.filled(x.dtype(), shape, 0);
    Object dst = result.data();
    Object src = x.data();
    long[] outStrides = ArrayKernels.strides(out);
    int[] counter = new int[rank];
    int n = x.size();
    for (int k = 0; k < n; k++) {
      long pos = 0;
      for (int d = 0; d < rank; d++) {
        pos += (counter[d] + before[d]) * outStrides[d];
      }
      Array.set(dst, (int) pos, Array.get(src, k));
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < in[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return result;
  }

  interface DoubleOp {
    double apply(double x);
  }

  interface DoubleOp2 {
    double apply(double x, double y);
  }

  static NdArray map(NdArray x, DoubleOp f) {
    double[] v = x.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = f.apply(v[i]);
    }
    return NdArray.create(DType.FLOAT64, x.shape(), v).cast(x.dtype());
  }

  static NdArray zip(NdArray x, NdArray y, DoubleOp2 f) {
    if (!x.shape().equals(y.shape())) {
      throw new InvalidArgumentException("Incompatible shapes: " + x.shape().toDimsString() + " vs. "
          + y.shape().toDimsString());
    }
    double[] a = x.toDoubleArray();
    double[] b = y.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = f.apply(a[i], b[i]);
    }
    return NdArray.create(DType.FLOAT64, x.shape(), a).cast(x.dtype());
  }

  static NdArray compare(String type, NdArray x, NdArray y) {
    Shape shape = Broadcast.resultShape(x.shape(), y.shape());
    NdArray bx = Broadcast.expand(x, shape);
    NdArray by = Broadcast.expand(y, shape);
    double[] a = bx.toDoubleArray();
    double[] b = by.toDoubleArray();
    boolean[] out = new boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = switch (type) {
        case "Greater" -> a[i] > b[i];
        case "GreaterEqual" -> a[i] >= b[i];
        case "Less" -> a[i] < b[i];
        default -> a[i] <= b[i];
      };
    }
    return NdArray.create(DType.BOOL, shape, out);
  }

  static NdArray select(NdArray c, NdArray t, NdArray e) {
    if (!t.shape().equals(e.shape())) {
      throw new InvalidArgumentException("'then' and 'else' must have the same size.  but received: "
          + t.shape().toDimsString() + " vs. " + e.shape().toDimsString());
    }
    boolean[] cond = c.toBooleanArray();
    int n = t.size();
    int inner = c.size() == n ? 1 : n / Math.max(c.size(), 1);
    Object out = ArrayKernels.newStorage(t.dtype(), n);
    for (int i = 0; i < n; i++) {
      Array.set(out, i, Array.get(cond[i / inner] ? t.data() : e.data(), i));
    }
    return NdArray.wrap(t.dtype(), t.shape(), out);
  }
}
