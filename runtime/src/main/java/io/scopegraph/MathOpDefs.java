package io.scopegraph;

import io.scopegraph.kernels.ArrayKernels;
import io.scopegraph.kernels.BinaryOp;
import io.scopegraph.kernels.Kernels;
import io.scopegraph.kernels.MatMulKernel;
import io.scopegraph.kernels.ReductionKernels;
import io.scopegraph.kernels.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/** Element-wise math, matrix products, reductions and casts. */
final class MathOpDefs {
  private MathOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    for (String type : List.of("Neg", "Square", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Abs")) {
      UnaryOp unary = UnaryOp.of(type);
      defs.add(OpDef.builder(type).inputs("x")
          .shape(node -> node.likeInput(0))
          .kernelOf((op, state) -> in -> Kernels.unary(op, unary, in[0]))
          .gradient(MathGrad.unary(type))
          .build());
    }
    defs.add(OpDef.builder("Identity").inputs("input")
        .shape(node -> node.likeInput(0))
        .kernelOf((op, state) -> in -> in[0])
        .sparseGradient((tf, op, grads) -> grads) // an IndexedSlices passes unchanged, as in TF
        .build());
    defs.add(OpDef.builder("Softmax").inputs("logits")
        .shape(node -> {
          Shape s = node.input(0).shape();
          if (s.hasKnownRank() && s.rank() < 1) {
            throw new IncompatibleShapesException("Shape must be at least rank 1 but is rank 0 for '" + node.name()
                + "' (op: 'Softmax') with input shapes: [].");
          }
          return node.likeInput(0);
        })
        .kernelOf((op, state) -> in -> {
          Kernels.requireFloating(op, in[0]);
          return ReductionKernels.softmax(in[0]);
        })
        .gradient(NnGrad::softmax)
        .build());
    for (String type : List.of("Add", "AddV2", "Sub", "Mul", "RealDiv", "Pow", "Maximum", "Minimum",
        "SquaredDifference")) {
      BinaryOp binary = BinaryOp.of(type);
      defs.add(OpDef.builder(type).inputs("x", "y")
          .shape(node -> {
            node.requireSameDType(0, "x", 1, "y");
            return OpContext.one(node.dtypeOfInput(0), ShapeInference.broadcast(node.input(0).shape(),
                node.input(1).shape(), node.name(), type));
          })
          .kernelOf((op, state) -> in -> Kernels.binary(op, binary, in[0], in[1]))
          .gradient(MathGrad.binary(type))
          .build());
    }
    defs.add(OpDef.builder("MatMul").inputs("a", "b")
        .shape(node -> {
          node.requireSameDType(0, "a", 1, "b");
          return OpContext.one(node.dtypeOfInput(0), ShapeInference.matMul(node.input(0).shape(),
              node.input(1).shape(), node.flag("transpose_a"), node.flag("transpose_b"), node.name()));
        })
        .kernelOf((op, state) -> {
          boolean ta = Kernels.flag(op, "transpose_a");
          boolean tb = Kernels.flag(op, "transpose_b");
          return in -> {
            Kernels.requireSameNumeric(op, in[0], in[1]);
            return MatMulKernel.matMul(in[0], in[1], ta, tb);
          };
        })
        .gradient(MathGrad::matMul)
        .build());
    defs.add(reduction("Sum"));
    defs.add(reduction("Mean"));
    defs.add(OpDef.builder("Cast").inputs("x")
        .shape(node -> OpContext.one(node.attr("DstT", DType.class), node.input(0).shape()))
        .kernelOf((op, state) -> {
          DType dst = (DType) op.attr("DstT");
          return in -> in[0].cast(dst);
        })
        .gradient(MathGrad::cast)
        .build());
    defs.add(OpDef.builder("L2Loss").inputs("t")
        .shape(node -> OpContext.one(node.dtypeOfInput(0), Shape.scalar()))
        .kernelOf((op, state) -> in -> {
          Kernels.requireFloating(op, in[0]);
          return ArrayKernels.l2Loss(in[0]);
        })
        .gradient(NnGrad::l2Loss)
        .build());
    return defs;
  }

  private static OpDef reduction(String type) {
    boolean mean = type.equals("Mean");
    return OpDef.builder(type).inputs("input", "reduction_indices")
        .shape(node -> OpContext.one(node.dtypeOfInput(0), reducedShape(node)))
        .kernelOf((op, state) -> {
          boolean keepDims = Kernels.flag(op, "keep_dims");
          return in -> {
            Kernels.requireNumeric(op, in[0]);
            return ReductionKernels.reduce(in[0], in[1], keepDims, mean);
          };
        })
        .gradient(mean ? MathGrad::mean : MathGrad::sum)
        .build();
  }

  /** A reduction's shape: exact with constant axes, else only what is certain. */
  static Shape reducedShape(OpContext node) {
    Shape x = node.input(0).shape();
    boolean keepDims = node.flag("keep_dims");
    if (!x.hasKnownRank()) {
      return Shape.unknown();
    }
    long[] axes = node.constantInts(1);
    if (axes == null) {
      return keepDims ? Shape.unknown(x.rank()) : Shape.unknown();
    }
    int[] intAxes = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      intAxes[i] = Math.toIntExact(axes[i]);
    }
    return ShapeInference.reduce(x, intAxes, keepDims, node.name(), node.type());
  }
}
