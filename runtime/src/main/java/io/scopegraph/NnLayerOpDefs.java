package io.scopegraph;

import io.scopegraph.kernels.NnLayerKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ops layers are made of (issue 14): {@code LeakyRelu}, {@code Relu6}, {@code Elu}, {@code Rsqrt} and their
 * gradient ops, {@code FusedBatchNormV3}/{@code FusedBatchNormGradV3}, {@code ArgMax}, {@code Equal},
 * {@code NotEqual}, {@code Max} and {@code Split}, with TF 1.15's input names, attributes and shape functions.
 * Kernels in {@link NnLayerKernels}; gradients in {@link NnLayerGrad}.
 */
final class NnLayerOpDefs {
  private NnLayerOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    defs.add(OpDef.builder("LeakyRelu").inputs("features")
        .shape(node -> floating(node, 0, "features"))
        .kernelOf((op, state) -> {
          double alpha = alpha(op.attr("alpha"));
          return in -> NnLayerKernels.leakyRelu(in[0], alpha);
        })
        .gradient(NnLayerGrad::leakyRelu)
        .build());
    defs.add(OpDef.builder("LeakyReluGrad").inputs("gradients", "features")
        .shape(NnLayerOpDefs::sameShapePair)
        .kernelOf((op, state) -> {
          double alpha = alpha(op.attr("alpha"));
          return in -> NnLayerKernels.leakyReluGrad(in[0], in[1], alpha);
        })
        .gradient(NnLayerGrad::leakyReluGrad)
        .build());
    defs.add(OpDef.builder("Relu6").inputs("features")
        .shape(node -> numeric(node, 0, "features"))
        .kernelOf((op, state) -> in -> NnLayerKernels.relu6(in[0]))
        .gradient(NnLayerGrad::relu6)
        .build());
    defs.add(OpDef.builder("Relu6Grad").inputs("gradients", "features")
        .shape(NnLayerOpDefs::sameShapePair)
        .kernelOf((op, state) -> in -> NnLayerKernels.relu6Grad(in[0], in[1]))
        .gradient(NnLayerGrad::relu6Grad)
        .build());
    defs.add(OpDef.builder("Elu").inputs("features")
        .shape(node -> floating(node, 0, "features"))
        .kernelOf((op, state) -> in -> NnLayerKernels.elu(in[0]))
        .gradient(NnLayerGrad::elu)
        .build());
    defs.add(OpDef.builder("EluGrad").inputs("gradients", "outputs")
        .shape(NnLayerOpDefs::sameShapePair)
        .kernelOf((op, state) -> in -> NnLayerKernels.eluGrad(in[0], in[1]))
        .gradient(NnLayerGrad::eluGrad)
        .build());
    defs.add(OpDef.builder("Rsqrt").inputs("x")
        .shape(node -> floating(node, 0, "x"))
        .kernelOf((op, state) -> in -> NnLayerKernels.rsqrt(in[0]))
        .gradient(NnLayerGrad::rsqrt)
        .build());
    defs.add(OpDef.builder("RsqrtGrad").inputs("y", "dy")
        .shape(NnLayerOpDefs::sameShapePair)
        .kernelOf((op, state) -> in -> NnLayerKernels.rsqrtGrad(in[0], in[1]))
        .gradient(NnLayerGrad::rsqrtGrad)
        .build());
    defs.add(OpDef.builder("ArgMax").inputs("input", "dimension")
        .shape(NnLayerOpDefs::argMaxShape)
        .kernelOf((op, state) -> {
          Object out = op.attr("output_type");
          DType outType = out instanceof DType t ? t : DType.INT64;
          return in -> NnLayerKernels.argMax(in[0], in[1], outType);
        })
        .notDifferentiable()
        .build());
    for (String type : List.of("Equal", "NotEqual")) {
      defs.add(OpDef.builder(type).inputs("x", "y")
          .shape(node -> {
            node.requireSameDType(0, "x", 1, "y");
            return OpContext.one(DType.BOOL, ShapeInference.broadcast(node.input(0).shape(), node.input(1).shape(),
                node.name(), type));
          })
          .kernelOf((op, state) -> in -> NnLayerKernels.equal(in[0], in[1], type.equals("Equal")))
          .notDifferentiable()
          .build());
    }
    defs.add(OpDef.builder("Max").inputs("input", "reduction_indices")
        .shape(node -> OpContext.one(node.dtypeOfInput(0), MathOpDefs.reducedShape(node)))
        .kernelOf((op, state) -> {
          boolean keepDims = Boolean.TRUE.equals(op.attr("keep_dims"));
          return in -> NnLayerKernels.max(in[0], in[1], keepDims);
        })
        .gradient(NnLayerGrad::max)
        .build());
    defs.add(OpDef.builder("Split").inputs("split_dim", "value")
        .shape(NnLayerOpDefs::splitShape)
        .multiKernelOf((op, state) -> {
          int num = (int) ((Number) op.attr("num_split")).longValue();
          return in -> NnLayerKernels.split(in[0], in[1], num);
        })
        .gradient(NnLayerGrad::split)
        .build());
    defs.add(OpDef.builder("FusedBatchNormV3").inputs("x", "scale", "offset", "mean", "variance")
        .shape(NnLayerOpDefs::fusedBatchNormShape)
        .multiKernelOf((op, state) -> {
          double epsilon = epsilon(op);
          boolean nchw = nchw(op.attr("data_format"));
          boolean training = isTraining(op.attr("is_training"));
          return in -> NnLayerKernels.fusedBatchNorm(in[0], in[1], in[2], in[3], in[4], epsilon, nchw, training);
        })
        .gradient(NnLayerGrad::fusedBatchNormV3)
        .build());
    defs.add(OpDef.builder("FusedBatchNormGradV3")
        .inputs("y_backprop", "x", "scale", "reserve_space_1", "reserve_space_2", "reserve_space_3")
        .shape(NnLayerOpDefs::fusedBatchNormGradShape)
        .multiKernelOf((op, state) -> {
          double epsilon = epsilon(op);
          boolean nchw = nchw(op.attr("data_format"));
          boolean training = isTraining(op.attr("is_training"));
          return in -> NnLayerKernels.fusedBatchNormGrad(in[0], in[1], in[2], in[3], in[4], epsilon, nchw,
              training);
        })
        .build());
    return defs;
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes

  static double alpha(Object attr) {
    return attr instanceof Number n ? n.doubleValue() : 0.2;
  }

  private static double epsilon(Operation op) {
    Object e = op.attr("epsilon");
    return e instanceof Number n ? n.floatValue() : 1e-4f; // a float attr in TF: the kernel sees its float value
  }

  private static boolean isTraining(Object attr) {
    return attr == null || Boolean.TRUE.equals(attr); // TF's default is true
  }

  static boolean nchw(Object format) {
    if (format == null || format.equals("NHWC")) {
      return false;
    }
    if (format.equals("NCHW")) {
      return true;
    }
    throw new InvalidArgumentException("Invalid data format");
  }

  // ---------------------------------------------------------------------------------------------
  // Shape functions

  private static List<OutputSpec> floating(OpContext node, int i, String arg) {
    DType t = node.dtypeOfInput(i);
    if (!t.isFloating()) {
      throw new DTypeMismatchException("Value passed to parameter '" + arg + "' has DataType " + t
          + " not in list of allowed values: float32, float64 (op " + node.type() + ")");
    }
    return node.likeInput(i);
  }

  private static List<OutputSpec> numeric(OpContext node, int i, String arg) {
    DType t = node.dtypeOfInput(i);
    if (!t.isNumeric()) {
      throw new DTypeMismatchException("Value passed to parameter '" + arg + "' has DataType " + t
          + " not in list of allowed values: float32, float64, int32, int64 (op " + node.type() + ")");
    }
    return node.likeInput(i);
  }

  /** The activation gradients: two inputs of one dtype, the merged shape (TF's {@code MergeBothInputsShapeFn}). */
  private static List<OutputSpec> sameShapePair(OpContext node) {
    List<String> names = NnLayerOpDefs.argNames(node.type());
    node.requireSameDType(0, names.get(0), 1, names.get(1));
    Shape a = node.input(0).shape();
    Shape b = node.input(1).shape();
    if (!a.isCompatibleWith(b)) {
      throw shapeError(node, a.hasKnownRank() && b.hasKnownRank() && a.rank() != b.rank()
          ? "Shapes must be equal rank, but are " + a.rank() + " and " + b.rank()
          : "Incompatible shapes " + a.toDimsString() + " and " + b.toDimsString());
    }
    return OpContext.one(node.dtypeOfInput(0), a.mergeWith(b));
  }

  private static List<String> argNames(String type) {
    return switch (type) {
      case "RsqrtGrad" -> List.of("y", "dy");
      case "EluGrad" -> List.of("gradients", "outputs");
      default -> List.of("gradients", "features");
    };
  }

  static IncompatibleShapesException shapeError(OpContext node, String message) {
    String shapes = node.inputs().stream().map(t -> t.shape().toDimsString()).collect(Collectors.joining(", "));
    return new IncompatibleShapesException(message + " for '" + node.name() + "' (op: '" + node.type()
        + "') with input shapes: " + shapes + ".");
  }

  private static List<OutputSpec> argMaxShape(OpContext node) {
    Shape x = node.input(0).shape();
    DType out = node.hasAttr("output_type") ? node.attr("output_type", DType.class) : DType.INT64;
    if (!node.input(0).dtype().isNumeric()) {
      throw new DTypeMismatchException("Value passed to parameter 'input' has DataType " + node.input(0).dtype()
          + " not in list of allowed values: float32, float64, int32, int64 (op ArgMax)");
    }
    Shape dimShape = node.input(1).shape();
    if (dimShape.hasKnownRank() && dimShape.rank() != 0) {
      throw shapeError(node, "Shape must be rank 0 but is rank " + dimShape.rank());
    }
    if (!x.hasKnownRank()) {
      return OpContext.one(out, Shape.unknown());
    }
    int rank = x.rank();
    long[] dim = node.constantInts(1);
    if (dim == null) {
      return OpContext.one(out, Shape.unknown(Math.max(rank - 1, 0)));
    }
    long a = dim[0];
    if (a < -rank || a >= rank) {
      throw shapeError(node, "Expected dimension in the range [" + -rank + ", " + rank + "), but got " + a);
    }
    int axis = (int) (a < 0 ? a + rank : a);
    long[] dims = new long[rank - 1];
    for (int d = 0, j = 0; d < rank; d++) {
      if (d != axis) {
        dims[j++] = x.dim(d);
      }
    }
    return OpContext.one(out, Shape.of(dims));
  }

  private static List<OutputSpec> splitShape(OpContext node) {
    int num = (int) node.intAttr("num_split", 1);
    Shape v = node.input(1).shape();
    DType t = node.input(1).dtype();
    long[] dim = node.constantInts(0);
    Shape piece;
    if (!v.hasKnownRank()) {
      piece = Shape.unknown();
    } else if (dim == null) {
      piece = Shape.unknown(v.rank());
    } else {
      int rank = v.rank();
      if (dim.length != 1) { // TF: split_dim is a scalar (an imported graph may hold anything here)
        throw shapeError(node, "split_dim must be a scalar, but has " + dim.length + " values");
      }
      long a = dim[0];
      if (a < -rank || a >= rank) {
        throw shapeError(node, "Dimension must be in range [" + -rank + ", " + rank + "), but is " + a);
      }
      int axis = (int) (a < 0 ? a + rank : a);
      long[] dims = v.dims();
      if (dims[axis] >= 0 && dims[axis] % num != 0) {
        throw shapeError(node, "Dimension size must be evenly divisible by " + num + " but is " + dims[axis]);
      }
      dims[axis] = dims[axis] < 0 ? -1 : dims[axis] / num;
      piece = Shape.of(dims);
    }
    List<OutputSpec> out = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      out.add(new OutputSpec(t, piece));
    }
    return out;
  }

  /** TF's {@code FusedBatchNormV3Shape}: x of rank 4, the channel merged with the 1-D inputs. */
  private static List<OutputSpec> fusedBatchNormShape(OpContext node) {
    node.requireSameDType(1, "scale", 2, "offset");
    DType t = node.dtypeOfInput(0);
    DType u = node.input(1).dtype();
    requireFloatingBn(node, t, u);
    Shape x = node.input(0).shape();
    if (x.hasKnownRank() && x.rank() != 4) {
      throw shapeError(node, "Shape must be rank 4 but is rank " + x.rank());
    }
    boolean training = !node.hasAttr("is_training") || node.flag("is_training");
    boolean nchw = nchw(node.hasAttr("data_format") ? node.attr("data_format") : null);
    int channelDim = nchw ? 1 : 3;
    long channels = x.hasKnownRank() ? x.dim(channelDim) : -1;
    int checked = training ? 3 : 5;
    for (int i = 1; i < checked; i++) {
      channels = mergeChannel(node, i, channels);
    }
    Shape y = x.hasKnownRank() ? withDim(x, channelDim, channels) : Shape.unknown(4);
    Shape vec = Shape.of(channels);
    return List.of(new OutputSpec(t, y), new OutputSpec(u, vec), new OutputSpec(u, vec), new OutputSpec(u, vec),
        new OutputSpec(u, vec), new OutputSpec(u, Shape.unknown()));
  }

  /** TF's {@code FusedBatchNormGradShape}: outputs dx, dscale, doffset and two empty vectors. */
  private static List<OutputSpec> fusedBatchNormGradShape(OpContext node) {
    node.requireSameDType(0, "y_backprop", 1, "x");
    DType t = node.dtypeOfInput(0);
    DType u = node.input(2).dtype();
    requireFloatingBn(node, t, u);
    Shape dy = node.input(0).shape();
    Shape x = node.input(1).shape();
    for (Shape s : List.of(dy, x)) {
      if (s.hasKnownRank() && s.rank() != 4) {
        throw shapeError(node, "Shape must be rank 4 but is rank " + s.rank());
      }
    }
    boolean nchw = nchw(node.hasAttr("data_format") ? node.attr("data_format") : null);
    int channelDim = nchw ? 1 : 3;
    long channels = dy.hasKnownRank() ? dy.dim(channelDim) : -1;
    long xc = x.hasKnownRank() ? x.dim(channelDim) : -1;
    channels = merge(node, channels, xc);
    for (int i = 2; i < 5; i++) {
      channels = mergeChannel(node, i, channels);
    }
    Shape dx = dy.hasKnownRank() ? withDim(dy, channelDim, channels) : Shape.unknown(4);
    return List.of(new OutputSpec(t, dx), new OutputSpec(u, Shape.of(channels)), new OutputSpec(u,
        Shape.of(channels)), new OutputSpec(u, Shape.of(0)), new OutputSpec(u, Shape.of(0)));
  }

  private static void requireFloatingBn(OpContext node, DType t, DType u) {
    if (!t.isFloating()) {
      throw new DTypeMismatchException("Value passed to parameter 'x' has DataType " + t
          + " not in list of allowed values: float32, float64 (op " + node.type() + ")");
    }
    if (u != t) {
      throw new DTypeMismatchException("Input 'scale' of '" + node.type() + "' Op has type " + u
          + " that does not match type " + t + " of argument 'x' (scopegraph requires T == U).");
    }
  }

  private static long mergeChannel(OpContext node, int i, long channels) {
    Shape s = node.input(i).shape();
    if (!s.hasKnownRank()) {
      return channels;
    }
    if (s.rank() != 1) {
      throw shapeError(node, "Shape must be rank 1 but is rank " + s.rank());
    }
    return merge(node, channels, s.dim(0));
  }

  private static long merge(OpContext node, long a, long b) {
    if (a >= 0 && b >= 0 && a != b) {
      throw shapeError(node, "Dimensions must be equal, but are " + a + " and " + b);
    }
    return a >= 0 ? a : b;
  }

  private static Shape withDim(Shape s, int d, long value) {
    long[] dims = s.dims();
    dims[d] = value;
    return Shape.of(dims);
  }
}
