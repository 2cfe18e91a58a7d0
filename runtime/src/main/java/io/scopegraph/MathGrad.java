package io.scopegraph;

import io.scopegraph.kernels.ArrayKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient functions of math ops, as TF 1.15's {@code math_grad.py} builds them (same ops, same order, same
 * names; the pre-2019-09-14 forward-compatibility branches). Each runs in {@code gradients/<op>_grad/} under
 * the graph lock.
 */
final class MathGrad {
  private MathGrad() {}

  static GradientFunction unary(String type) {
    return switch (type) {
      case "Neg" -> (tf, op, g) -> List.of(tf.neg(g.get(0)));
      case "Square" -> MathGrad::square;
      case "Relu" -> NnGrad::relu;
      case "Sigmoid" -> (tf, op, g) -> List.of(tf.graph().withControlDependencies(List.of(g.get(0).op()),
          () -> tf.rawOp("SigmoidGrad", Ops.typeAttr(op.output(0)), op.output(0), g.get(0))));
      case "Tanh" -> (tf, op, g) -> List.of(tf.graph().withControlDependencies(List.of(g.get(0).op()),
          () -> tf.rawOp("TanhGrad", Ops.typeAttr(op.output(0)), op.output(0), g.get(0))));
      case "Exp" -> (tf, op, g) -> List.of(tf.graph().withControlDependencies(List.of(g.get(0).op()),
          () -> tf.operator("mul", g.get(0), op.output(0))));
      case "Log" -> (tf, op, g) -> List.of(tf.graph().withControlDependencies(List.of(g.get(0).op()),
          () -> tf.operator("mul", g.get(0), tf.rawOp("Reciprocal", Ops.typeAttr(op.input(0)), op.input(0)))));
      case "Sqrt" -> (tf, op, g) -> List.of(tf.rawOp("SqrtGrad", Ops.typeAttr(op.output(0)), op.output(0), g.get(0)));
      case "Abs" -> (tf, op, g) -> List.of(tf.operator("mul", g.get(0),
          tf.rawOp("Sign", Ops.typeAttr(op.input(0)), op.input(0))));
      default -> throw new IllegalArgumentException("No gradient for " + type);
    };
  }

  static GradientFunction binary(String type) {
    return switch (type) {
      case "Add", "AddV2" -> MathGrad::add;
      case "Sub" -> MathGrad::sub;
      case "Mul" -> MathGrad::mul;
      case "RealDiv" -> MathGrad::realDiv;
      case "Pow" -> MathGrad::pow;
      case "Maximum" -> (tf, op, g) -> maximumMinimum(tf, op, g.get(0), "GreaterEqual");
      case "Minimum" -> (tf, op, g) -> maximumMinimum(tf, op, g.get(0), "LessEqual");
      case "SquaredDifference" -> MathGrad::squaredDifference;
      default -> throw new IllegalArgumentException("No gradient for " + type);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Broadcasting helpers

  /** One side of {@code SmartBroadcastGradientArgs}: its shape and reduction axes (tensors or Java ints). */
  record Side(Object shape, Object axes, boolean mustReduce) {}

  static boolean shapesFullySpecifiedAndEqual(Tensor x, Tensor y, Tensor grad) {
    return x.shape().equals(y.shape()) && x.shape().equals(grad.shape()) && x.shape().isFullyDefined();
  }

  /** {@code SmartBroadcastGradientArgs}: static reduction axes (cached per graph) when all shapes are known. */
  static Side[] smartBroadcastGradientArgs(Ops tf, Tensor x, Tensor y, Tensor grad) {
    Shape xs = x.shape();
    Shape ys = y.shape();
    if (!xs.isFullyDefined() || !ys.isFullyDefined()) {
      Tensor sx = tf.shapeOf(x, false, null);
      Tensor sy = tf.shapeOf(y, false, null);
      Operation bga = broadcastGradientArgs(tf, sx, sy);
      return new Side[] {new Side(sx, bga.output(0), true), new Side(sy, bga.output(1), true)};
    }
    boolean reduceX = !xs.equals(grad.shape());
    boolean reduceY = !ys.equals(grad.shape());
    int[] sx = Ops.toInts(xs.dims());
    int[] sy = Ops.toInts(ys.dims());
    List<Object> key = List.of("_bcast_grad_args_cache", Arrays.toString(sx), Arrays.toString(sy));
    int[][] cached = (int[][]) tf.graph().gradientCacheGet(key);
    if (cached == null) {
      broadcastGradientArgs(tf, NdArray.of(sx), NdArray.of(sy));
      long[][] r = ArrayKernels.bcastGradReduceIndices(xs.dims(), ys.dims());
      cached = new int[][] {Ops.toInts(r[0]), Ops.toInts(r[1])};
      tf.graph().gradientCachePut(key, cached);
    }
    return new Side[] {new Side(sx, cached[0], reduceX), new Side(sy, cached[1], reduceY)};
  }

  /** {@code gen_array_ops.broadcast_gradient_args(s0, s1)}: op {@code BroadcastGradientArgs} (Java values become {@code /s0}, {@code /s1}). */
  static Operation broadcastGradientArgs(Ops tf, Object s0, Object s1) {
    return tf.genOp("BroadcastGradientArgs", null, new Object[] {s0, s1}, new String[] {"s0", "s1"},
        new Object[] {"T", DType.INT32});
  }

  /** {@code array_ops.reshape(math_ops.reduce_sum(t, axes), shape)}. */
  static Tensor sumToShape(Ops tf, Tensor t, Side side) {
    return tf.reshapeOp(tf.sumOp(t, side.axes(), false), side.shape(), null);
  }

  /** {@code array_ops.shape(x)}, {@code shape(y)}, {@code broadcast_gradient_args}: the plain (not smart) set-up. */
  static Side[] plainBroadcastGradientArgs(Ops tf, Tensor x, Tensor y) {
    Tensor sx = tf.shapeOf(x, true, null);
    Tensor sy = tf.shapeOf(y, true, null);
    Operation bga = broadcastGradientArgs(tf, sx, sy);
    return new Side[] {new Side(sx, bga.output(0), true), new Side(sy, bga.output(1), true)};
  }

  // ---------------------------------------------------------------------------------------------
  // Binary ops

  static List<Tensor> add(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    if (shapesFullySpecifiedAndEqual(x, y, grad)) {
      return Arrays.asList(grad, grad);
    }
    Side[] s = smartBroadcastGradientArgs(tf, x, y, grad);
    Tensor gx = s[0].mustReduce() ? sumToShape(tf, grad, s[0]) : grad;
    Tensor gy = s[1].mustReduce() ? sumToShape(tf, grad, s[1]) : grad;
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> sub(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    if (shapesFullySpecifiedAndEqual(x, y, grad)) {
      return Arrays.asList(grad, tf.neg(grad));
    }
    Side[] s = smartBroadcastGradientArgs(tf, x, y, grad);
    Tensor gx = s[0].mustReduce() ? sumToShape(tf, grad, s[0]) : grad;
    Tensor gy = s[1].mustReduce() ? sumToShape(tf, tf.neg(grad), s[1]) : tf.neg(grad);
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> mul(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    if (shapesFullySpecifiedAndEqual(x, y, grad)
        && (grad.dtype() == DType.INT32 || grad.dtype() == DType.FLOAT32)) {
      return Arrays.asList(tf.mul(grad, y), tf.mul(grad, x));
    }
    Side[] s = smartBroadcastGradientArgs(tf, x, y, grad);
    Tensor gx = s[0].mustReduce() ? sumToShape(tf, tf.mul(grad, y), s[0]) : tf.mul(grad, y);
    Tensor gy = s[1].mustReduce() ? sumToShape(tf, tf.mul(x, grad), s[1]) : tf.mul(x, grad);
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> realDiv(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    Side[] s = plainBroadcastGradientArgs(tf, x, y);
    Tensor gx = sumToShape(tf, tf.realDiv(grad, y), s[0]);
    Tensor negXOverY2 = tf.realDiv(tf.realDiv(tf.neg(x), y), y);
    Tensor gy = sumToShape(tf, tf.operator("mul", grad, negXOverY2), s[1]);
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> pow(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    Side[] s = smartBroadcastGradientArgs(tf, x, y, grad);
    // grad * y * math_ops.pow(x, y - 1): mul, sub, Pow, mul_1 (Python evaluates left to right)
    Tensor gradY = tf.operator("mul", grad, y);
    Tensor yMinus1 = tf.operator("sub", y, 1);
    Tensor powXyMinus1 = tf.inScopeLocked(null, "Pow", scope -> tf.graph().addNode("Pow", scope,
        new Tensor[] {x, yMinus1}, Ops.typeAttr(x)));
    Tensor gx = tf.operator("mul", gradY, powXyMinus1);
    if (s[0].mustReduce()) {
      gx = sumToShape(tf, gx, s[0]);
    }
    Tensor z = op.output(0);
    Tensor mask = tf.inScopeLocked(null, "Greater", scope -> tf.graph().addNode("Greater", scope,
        new Tensor[] {x, tf.constOp(Conversions.toDType(NdArray.scalar(0), x.dtype()), "y")}, Ops.typeAttr(x)));
    Tensor safeX = select(tf, mask, x, tf.onesLike(x));
    Tensor logX = select(tf, mask, tf.log(safeX), tf.zerosLikeOp(x, null, true, true));
    Tensor gy = tf.operator("mul", tf.operator("mul", grad, z), logX);
    if (s[1].mustReduce()) {
      gy = sumToShape(tf, gy, s[1]);
    }
    return Arrays.asList(gx, gy);
  }

  static Tensor select(Ops tf, Tensor c, Tensor x, Tensor y) {
    return tf.rawOp("Select", Ops.typeAttr(x), c, x, y);
  }

  /** {@code array_ops.zeros(shape_tensor, dtype)}: {@code zeros/Const} and the {@code Fill} named {@code zeros}. */
  static Tensor zerosOfShape(Ops tf, Tensor shape, DType dtype) {
    return tf.inScopeLocked(null, "zeros", scope -> {
      Tensor zero = tf.constOp(Conversions.toDType(NdArray.scalar(0), dtype), null);
      return tf.graph().addNode("Fill", scope, new Tensor[] {shape, zero},
          new Object[] {"T", dtype, "index_type", DType.INT32});
    });
  }

  static List<Tensor> maximumMinimum(Ops tf, Operation op, Tensor grad, String selector) {
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    Tensor sx = tf.shapeOf(x, true, null);
    Tensor sy = tf.shapeOf(y, true, null);
    Tensor gradShape = tf.shapeOf(grad, true, null);
    Tensor zeros = zerosOfShape(tf, gradShape, grad.dtype());
    Tensor xmask = tf.rawOp(selector, Ops.typeAttr(x), x, y);
    Operation bga = broadcastGradientArgs(tf, sx, sy);
    Tensor gx = sumToShape(tf, select(tf, xmask, grad, zeros), new Side(sx, bga.output(0), true));
    Tensor gy = sumToShape(tf, select(tf, xmask, zeros, grad), new Side(sy, bga.output(1), true));
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> squaredDifference(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    Tensor xGrad = tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor two = tf.constOp(Conversions.toDType(NdArray.scalar(2.0), grad.dtype()), "scalar");
      Tensor scaled = tf.rawOp("Mul", Ops.typeAttr(grad), two, grad);
      return tf.operator("mul", scaled, tf.operator("sub", x, y));
    });
    if (shapesFullySpecifiedAndEqual(x, y, grad)) {
      return Arrays.asList(xGrad, tf.neg(xGrad));
    }
    Side[] s = smartBroadcastGradientArgs(tf, x, y, grad);
    Tensor gx = s[0].mustReduce() ? sumToShape(tf, xGrad, s[0]) : xGrad;
    Tensor gy = s[1].mustReduce() ? tf.neg(sumToShape(tf, xGrad, s[1])) : tf.neg(xGrad);
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> floorMod(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    Tensor y = op.input(1);
    Side[] s = plainBroadcastGradientArgs(tf, x, y);
    Tensor floorXy = tf.rawOp("FloorDiv", Ops.typeAttr(x), x, y);
    Tensor gx = sumToShape(tf, grad, s[0]);
    Tensor gy = sumToShape(tf, tf.operator("mul", grad, tf.neg(floorXy)), s[1]);
    return Arrays.asList(gx, gy);
  }

  static List<Tensor> select(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor c = op.input(0);
    Tensor zeros = tf.zerosLikeOp(op.input(1), null, true, true);
    return Arrays.asList(null, select(tf, c, grad, zeros), select(tf, c, zeros, grad));
  }

  static List<Tensor> reciprocal(Ops tf, Operation op, List<Tensor> grads) {
    Tensor y = op.output(0);
    return List.of(tf.rawOp("ReciprocalGrad", Ops.typeAttr(y), y, grads.get(0)));
  }

  static List<Tensor> addN(Ops tf, Operation op, List<Tensor> grads) {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < op.numInputs(); i++) {
      out.add(grads.get(0));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Unary ops, MatMul, reductions, Cast

  static List<Tensor> square(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor x = op.input(0);
    return List.of(tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor two = tf.constOp(Conversions.toDType(NdArray.scalar(2.0), x.dtype()), null);
      return tf.mul(grad, tf.mul(x, two));
    }));
  }

  static List<Tensor> matMul(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    boolean ta = Boolean.TRUE.equals(op.attr("transpose_a"));
    boolean tb = Boolean.TRUE.equals(op.attr("transpose_b"));
    Tensor a = op.input(0);
    Tensor b = op.input(1);
    Tensor gradA;
    Tensor gradB;
    if (!ta && !tb) {
      gradA = tf.matMul(grad, b, false, true, null);
      gradB = tf.matMul(a, grad, true, false, null);
    } else if (!ta) {
      gradA = tf.matMul(grad, b, false, false, null);
      gradB = tf.matMul(grad, a, true, false, null);
    } else if (!tb) {
      gradA = tf.matMul(b, grad, false, true, null);
      gradB = tf.matMul(a, grad, false, false, null);
    } else {
      gradA = tf.matMul(b, grad, true, true, null);
      gradB = tf.matMul(grad, a, true, true, null);
    }
    return Arrays.asList(gradA, gradB);
  }

  /** The values of {@code t} when a {@code Const} produces it (TF's {@code constant_value}), else null. */
  static long[] constantInts(Tensor t) {
    Operation op = t.op();
    if (op.type().equals("Const") && op.attr("value") instanceof NdArray v && v.dtype().isInteger()) {
      return v.toLongArray();
    }
    return null;
  }

  static List<Tensor> sum(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor input = op.input(0);
    Shape in = input.shape();
    if (in.hasKnownRank()) {
      long[] axes = constantInts(op.input(1));
      if (axes != null) {
        int rank = in.rank();
        boolean all = op.input(1).shape().equals(Shape.of(rank));
        for (int i = 0; all && i < rank; i++) {
          all = axes[i] == i;
        }
        if (all) {
          int[] ones = new int[rank];
          Arrays.fill(ones, 1);
          Tensor reshaped = tf.reshapeOp(grad, ones, null);
          Tensor inputShape = in.isFullyDefined() ? tf.constOp(NdArray.of(Ops.toInts(in.dims())), null)
              : tf.shapeOf(input, true, null);
          return Arrays.asList(tf.tileOp(reshaped, inputShape), null);
        } else if (in.isFullyDefined()) {
          int[] dims = Ops.toInts(in.dims());
          int[] ax = Ops.toInts(axes);
          List<Object> key = List.of("_reduced_shape_cache", Arrays.toString(dims), Arrays.toString(ax));
          int[][] cached = (int[][]) tf.graph().gradientCacheGet(key);
          if (cached == null) {
            Tensor kept = reducedShape(tf, tf.castConst(NdArray.of(dims)), tf.castConst(NdArray.of(ax)));
            Tensor maxed = tf.maximumOp(kept, NdArray.scalar(1));
            tf.operator("floordiv", NdArray.of(dims), maxed);
            int[] keptDims = dims.clone();
            for (int a : ax) {
              keptDims[a < 0 ? a + rank : a] = 1;
            }
            int[] scaling = new int[rank];
            for (int i = 0; i < rank; i++) {
              scaling[i] = Math.floorDiv(dims[i], Math.max(keptDims[i], 1));
            }
            cached = new int[][] {keptDims, scaling};
            tf.graph().gradientCachePut(key, cached);
          }
          Tensor reshaped = tf.reshapeOp(grad, cached[0], null);
          return Arrays.asList(tf.tileOp(reshaped, cached[1]), null);
        }
      }
    }
    Tensor inputShape = tf.shapeOf(input, true, null);
    Tensor kept = reducedShape(tf, inputShape, op.input(1));
    Tensor tileScaling = tf.operator("floordiv", inputShape, tf.maximumOp(kept, NdArray.scalar(1)));
    Tensor reshaped = tf.reshapeOp(grad, kept, null);
    return Arrays.asList(tf.tileOp(reshaped, tileScaling), null);
  }

  /**
   * {@code math_ops.reduced_shape(input_shape, axes)} on int32 tensors (a Java value was already made a
   * {@code Cast/x} constant): {@code Size}, {@code add}, {@code mod}, {@code Shape}, {@code range},
   * {@code Fill}, {@code DynamicStitch}.
   */
  static Tensor reducedShape(Ops tf, Tensor inputShape, Tensor axes) {
    Tensor inputRank = tf.sizeOf(inputShape, null);
    Tensor normAxes = tf.operator("mod", tf.operator("add", axes, inputRank), inputRank);
    Tensor axesShape = tf.shapeOf(normAxes, true, null);
    Tensor range = tf.rangeOp(0, inputRank, 1);
    Tensor ones = tf.fillOp(axesShape, NdArray.scalar(1));
    return tf.inScopeLocked(null, "DynamicStitch", scope -> tf.graph().addNode("DynamicStitch", scope,
        new Tensor[] {range, normAxes, inputShape, ones}, new Object[] {"N", 2L, "T", DType.INT32}));
  }

  static List<Tensor> mean(Ops tf, Operation op, List<Tensor> grads) {
    Tensor sumGrad = sum(tf, op, grads).get(0);
    Shape in = op.input(0).shape();
    Shape out = op.output(0).shape();
    Tensor factor;
    if (in.isFullyDefined() && out.isFullyDefined()) {
      long f = in.numElements() / Math.max(out.numElements(), 1);
      factor = tf.constOp(Conversions.toDType(NdArray.scalar(f), sumGrad.dtype()), null);
    } else {
      Tensor inputShape = tf.shapeOf(op.input(0), true, null);
      Tensor outputShape = tf.shapeOf(op.output(0), true, null);
      Tensor inSize = tf.reduceAll("Prod", inputShape);
      Tensor outSize = tf.reduceAll("Prod", outputShape);
      factor = tf.operator("floordiv", inSize, tf.maximumOp(outSize, NdArray.scalar(1)));
    }
    return Arrays.asList(tf.operator("truediv", sumGrad, tf.cast(factor, sumGrad.dtype())), null);
  }

  static List<Tensor> cast(Ops tf, Operation op, List<Tensor> grads) {
    DType src = op.input(0).dtype();
    DType dst = grads.get(0).dtype();
    if (src.isFloating() && dst.isFloating()) {
      return List.of(tf.cast(grads.get(0), src));
    }
    return Arrays.asList((Tensor) null);
  }

  /** {@code _SqrtGradGrad}: {@code ga = grad / a}; {@code (-ga * y, 0.5 * ga)}. */
  static List<Tensor> sqrtGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor a = op.input(0);
    Tensor y = op.output(0);
    return tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor ga = tf.operator("truediv", grad, a);
      Tensor first = tf.operator("mul", tf.neg(ga), y);
      return Arrays.asList(first, tf.reflected("mul", 0.5, ga));
    });
  }

  /** {@code _ReciprocalGradGrad}: {@code (grad * -2.0 * b * a, reciprocal_grad(a, grad))}. */
  static List<Tensor> reciprocalGrad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    Tensor a = op.input(0);
    Tensor b = op.input(1);
    return tf.graph().withControlDependencies(List.of(grad.op()), () -> {
      Tensor rg = tf.rawOp("ReciprocalGrad", Ops.typeAttr(a), a, grad);
      Tensor first = tf.operator("mul", tf.operator("mul", tf.operator("mul", grad, -2.0), b), a);
      return Arrays.asList(first, rg);
    });
  }
}
