package io.scopegraph;

import io.scopegraph.kernels.NnKernels;
import io.scopegraph.kernels.ShapeFunctions;
import java.util.ArrayList;
import java.util.List;

/** Neural-network ops: bias add, log-softmax, the fused cross entropies and the activation gradients. */
final class NnOpDefs {
  private NnOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    defs.add(OpDef.builder("BiasAdd").inputs("value", "bias")
        .shape(node -> {
          node.requireSameDType(0, "value", 1, "bias");
          return ShapeOpDefs.one(ShapeFunctions.biasAdd(node.input(0).dtype(), node.input(0).shape(),
              node.input(1).shape(), format(node), node.name()));
        })
        .kernelOf((op, state) -> {
          String format = dataFormat(op);
          return in -> NnKernels.biasAdd(in[0], in[1], format);
        })
        .gradient(NnGrad::biasAdd)
        .build());
    defs.add(OpDef.builder("BiasAddGrad").inputs("out_backprop")
        .shape(node -> ShapeOpDefs.one(ShapeFunctions.biasAddGrad(node.dtypeOfInput(0), node.input(0).shape(),
            format(node), node.name())))
        .kernelOf((op, state) -> {
          String format = dataFormat(op);
          return in -> NnKernels.biasAddGrad(in[0], format);
        })
        .build());
    defs.add(OpDef.builder("ReluGrad").inputs("gradients", "features")
        .shape(node -> {
          node.requireSameDType(0, "gradients", 1, "features");
          return ShapeOpDefs.one(ShapeFunctions.reluGrad(node.input(0).dtype(), node.input(0).shape(),
              node.input(1).shape(), node.name()));
        })
        .kernelOf((op, state) -> in -> NnKernels.reluGrad(in[0], in[1], op.name()))
        .gradient(NnGrad::reluGrad)
        .build());
    defs.add(OpDef.builder("SigmoidGrad").inputs("y", "dy")
        .shape(node -> {
          node.requireSameDType(0, "y", 1, "dy");
          return ShapeOpDefs.one(ShapeFunctions.sigmoidGrad(node.input(0).dtype(), node.input(0).shape(),
              node.input(1).shape()));
        })
        .kernelOf((op, state) -> in -> NnKernels.sigmoidGrad(in[0], in[1]))
        .gradient(NnGrad::sigmoidGrad)
        .build());
    defs.add(OpDef.builder("TanhGrad").inputs("y", "dy")
        .shape(node -> {
          node.requireSameDType(0, "y", 1, "dy");
          return ShapeOpDefs.one(ShapeFunctions.tanhGrad(node.input(0).dtype(), node.input(0).shape(),
              node.input(1).shape()));
        })
        .kernelOf((op, state) -> in -> NnKernels.tanhGrad(in[0], in[1]))
        .gradient(NnGrad::tanhGrad)
        .build());
    defs.add(OpDef.builder("LogSoftmax").inputs("logits")
        .shape(node -> ShapeOpDefs.one(ShapeFunctions.logSoftmax(node.dtypeOfInput(0), node.input(0).shape(),
            node.name())))
        .kernelOf((op, state) -> in -> NnKernels.logSoftmax(in[0]))
        .gradient(NnGrad::logSoftmax)
        .build());
    defs.add(OpDef.builder("SoftmaxCrossEntropyWithLogits").inputs("features", "labels")
        .shape(node -> {
          node.requireSameDType(0, "features", 1, "labels");
          return ShapeOpDefs.many(ShapeFunctions.softmaxCrossEntropyWithLogits(node.input(0).dtype(),
              node.input(0).shape(), node.input(1).shape(), node.name()));
        })
        .multiKernelOf((op, state) -> in -> NnKernels.softmaxCrossEntropyWithLogits(in[0], in[1]))
        .gradient(NnGrad::softmaxCrossEntropyWithLogits)
        .build());
    defs.add(OpDef.builder("SparseSoftmaxCrossEntropyWithLogits").inputs("features", "labels")
        .shape(node -> ShapeOpDefs.many(ShapeFunctions.sparseSoftmaxCrossEntropyWithLogits(node.input(0).dtype(),
            node.input(0).shape(), node.input(1).shape(), node.name())))
        .multiKernelOf((op, state) -> in -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(in[0], in[1]))
        .gradient(NnGrad::sparseSoftmaxCrossEntropyWithLogits)
        .build());
    return defs;
  }

  private static String format(OpContext node) {
    return node.hasAttr("data_format") ? node.attr("data_format").toString() : "NHWC";
  }

  private static String dataFormat(Operation op) {
    Object f = op.attr("data_format");
    return f == null ? "NHWC" : f.toString();
  }


}
