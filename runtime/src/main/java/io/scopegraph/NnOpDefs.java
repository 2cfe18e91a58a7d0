package io.scopegraph;

import java.util.ArrayList;
import java.util.List;

/** Neural-network ops: bias add, log-softmax, the fused cross entropies and the activation gradients. */
final class NnOpDefs {
  private NnOpDefs() {}

  static List<OpDef> all() {
    List<OpDef> defs = new ArrayList<>();
    defs.add(OpDef.builder("BiasAdd").inputs("value", "bias")
        .shape(NnOpDefs::biasAddShape)
        .kernelOf((op, state) -> {
          String format = dataFormat(op);
          return in -> NnKernels.biasAdd(in[0], in[1], format);
        })
        .gradient(NnGrad::biasAdd)
        .build());
    defs.add(OpDef.builder("BiasAddGrad").inputs("out_backprop")
        .shape(node -> {
          Shape s = node.input(0).shape();
          if (s.hasKnownRank() && s.rank() < 2) {
            throw new IncompatibleShapesException("Shape must be at least rank 2 but is rank " + s.rank() + " for '"
                + node.name() + "' (op: 'BiasAddGrad') with input shapes: " + s.toDimsString() + ".");
          }
          boolean nchw = "NCHW".equals(node.hasAttr("data_format") ? node.attr("data_format") : "NHWC");
          long c = !s.hasKnownRank() ? -1 : nchw && s.rank() >= 3 ? s.dim(s.rank() - 3) : s.dim(s.rank() - 1);
          return OpContext.one(node.dtypeOfInput(0), Shape.of(c));
        })
        .kernelOf((op, state) -> {
          String format = dataFormat(op);
          return in -> NnKernels.biasAddGrad(in[0], format);
        })
        .build());
    defs.add(OpDef.builder("ReluGrad").inputs("gradients", "features")
        .shape(NnOpDefs::mergedPair)
        .kernelOf((op, state) -> in -> NnKernels.reluGrad(in[0], in[1], op.name()))
        .build());
    defs.add(OpDef.builder("SigmoidGrad").inputs("y", "dy")
        .shape(NnOpDefs::mergedPair)
        .kernelOf((op, state) -> in -> NnKernels.sigmoidGrad(in[0], in[1]))
        .build());
    defs.add(OpDef.builder("TanhGrad").inputs("y", "dy")
        .shape(NnOpDefs::mergedPair)
        .kernelOf((op, state) -> in -> NnKernels.tanhGrad(in[0], in[1]))
        .build());
    defs.add(OpDef.builder("LogSoftmax").inputs("logits")
        .shape(node -> {
          Shape s = node.input(0).shape();
          if (s.hasKnownRank() && s.rank() < 1) {
            throw new IncompatibleShapesException("Shape must be at least rank 1 but is rank 0 for '" + node.name()
                + "' (op: 'LogSoftmax') with input shapes: [].");
          }
          return node.likeInput(0);
        })
        .kernelOf((op, state) -> in -> NnKernels.logSoftmax(in[0]))
        .gradient(NnGrad::logSoftmax)
        .build());
    defs.add(OpDef.builder("SoftmaxCrossEntropyWithLogits").inputs("features", "labels")
        .shape(node -> {
          node.requireSameDType(0, "features", 1, "labels");
          Shape f = node.input(0).shape();
          Shape l = node.input(1).shape();
          Shape both;
          if (f.hasKnownRank() && l.hasKnownRank() && f.rank() == 2 && l.rank() == 2 && !f.isCompatibleWith(l)) {
            both = ShapeInference.broadcast(f, l, node.name(), node.type());
          } else {
            both = f.mergeWith(l);
          }
          if (both.hasKnownRank() && both.rank() != 2) {
            throw new IncompatibleShapesException("Shape must be rank 2 but is rank " + both.rank() + " for '"
                + node.name() + "' (op: 'SoftmaxCrossEntropyWithLogits') with input shapes: " + f.toDimsString()
                + ", " + l.toDimsString() + ".");
          }
          Shape rows = both.hasKnownRank() ? both : Shape.of(-1, -1);
          DType t = node.input(0).dtype();
          return List.of(new OutputSpec(t, Shape.of(rows.dim(0))), new OutputSpec(t, rows));
        })
        .multiKernelOf((op, state) -> in -> NnKernels.softmaxCrossEntropyWithLogits(in[0], in[1]))
        .gradient(NnGrad::softmaxCrossEntropyWithLogits)
        .build());
    defs.add(OpDef.builder("SparseSoftmaxCrossEntropyWithLogits").inputs("features", "labels")
        .shape(node -> {
          Shape f = node.input(0).shape();
          Shape l = node.input(1).shape();
          if (f.hasKnownRank() && f.rank() != 2) {
            throw new IncompatibleShapesException("Shape must be rank 2 but is rank " + f.rank() + " for '"
                + node.name() + "' (op: 'SparseSoftmaxCrossEntropyWithLogits') with input shapes: "
                + f.toDimsString() + ", " + l.toDimsString() + ".");
          }
          if (l.hasKnownRank() && l.rank() != 1) {
            throw new IncompatibleShapesException("Shape must be rank 1 but is rank " + l.rank() + " for '"
                + node.name() + "' (op: 'SparseSoftmaxCrossEntropyWithLogits') with input shapes: "
                + f.toDimsString() + ", " + l.toDimsString() + ".");
          }
          Shape rows = f.hasKnownRank() ? f : Shape.of(-1, -1);
          long batch = rows.dim(0) >= 0 ? rows.dim(0) : l.hasKnownRank() ? l.dim(0) : -1;
          if (rows.dim(0) >= 0 && l.hasKnownRank() && l.dim(0) >= 0 && rows.dim(0) != l.dim(0)) {
            throw new IncompatibleShapesException("Dimensions must be equal, but are " + rows.dim(0) + " and "
                + l.dim(0) + " for '" + node.name() + "' (op: 'SparseSoftmaxCrossEntropyWithLogits') with input "
                + "shapes: " + f.toDimsString() + ", " + l.toDimsString() + ".");
          }
          DType t = node.input(0).dtype();
          return List.of(new OutputSpec(t, Shape.of(batch)), new OutputSpec(t, Shape.of(batch, rows.dim(1))));
        })
        .multiKernelOf((op, state) -> in -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(in[0], in[1]))
        .gradient(NnGrad::sparseSoftmaxCrossEntropyWithLogits)
        .build());
    return defs;
  }

  private static String dataFormat(Operation op) {
    Object f = op.attr("data_format");
    return f == null ? "NHWC" : f.toString();
  }

  private static List<OutputSpec> mergedPair(OpContext node) {
    node.requireSameDType(0, node.type().equals("ReluGrad") ? "gradients" : "y", 1,
        node.type().equals("ReluGrad") ? "features" : "dy");
    Shape a = node.input(0).shape();
    Shape b = node.input(1).shape();
    if (!a.isCompatibleWith(b)) {
      throw new IncompatibleShapesException("Incompatible shapes " + a.toDimsString() + " and " + b.toDimsString()
          + " for '" + node.name() + "' (op: '" + node.type() + "')");
    }
    return OpContext.one(node.input(0).dtype(), a.mergeWith(b));
  }

  private static List<OutputSpec> biasAddShape(OpContext node) {
    node.requireSameDType(0, "value", 1, "bias");
    Shape v = node.input(0).shape();
    Shape b = node.input(1).shape();
    if (b.hasKnownRank() && b.rank() != 1) {
      throw new IncompatibleShapesException("Shape must be rank 1 but is rank " + b.rank() + " for '" + node.name()
          + "' (op: 'BiasAdd') with input shapes: " + v.toDimsString() + ", " + b.toDimsString() + ".");
    }
    if (!v.hasKnownRank()) {
      return OpContext.one(node.input(0).dtype(), Shape.unknown());
    }
    if (v.rank() < 2) {
      throw new IncompatibleShapesException("Shape must be at least rank 2 but is rank " + v.rank() + " for '"
          + node.name() + "' (op: 'BiasAdd') with input shapes: " + v.toDimsString() + ", " + b.toDimsString() + ".");
    }
    boolean nchw = "NCHW".equals(node.hasAttr("data_format") ? node.attr("data_format") : "NHWC");
    int c = nchw && v.rank() >= 3 ? v.rank() - 3 : v.rank() - 1;
    long[] dims = v.dims();
    long bias = b.hasKnownRank() ? b.dim(0) : -1;
    if (dims[c] >= 0 && bias >= 0 && dims[c] != bias) {
      throw new IncompatibleShapesException("Dimensions must be equal, but are " + dims[c] + " and " + bias
          + " for '" + node.name() + "' (op: 'BiasAdd') with input shapes: " + v.toDimsString() + ", "
          + b.toDimsString() + ".");
    }
    if (dims[c] < 0) {
      dims[c] = bias;
    }
    return OpContext.one(node.input(0).dtype(), Shape.of(dims));
  }
}
