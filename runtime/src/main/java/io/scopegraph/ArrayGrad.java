package io.scopegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gradient functions of array ops, as TF 1.15's {@code array_grad.py} builds them. */
final class ArrayGrad {
  private ArrayGrad() {}

  /** {@code Reshape}, {@code ExpandDims}, {@code Squeeze}: {@code reshape(grad, shape(op.inputs[0]))}. */
  static List<Tensor> reshapeToInput(Ops tf, Operation op, List<Tensor> grads) {
    Tensor shape = tf.shapeOf(op.input(0), true, null);
    Tensor reshaped = tf.reshapeOp(grads.get(0), shape, null);
    return op.numInputs() == 1 ? List.of(reshaped) : Arrays.asList(reshaped, null); // Squeeze has one input
  }

  static List<Tensor> fill(Ops tf, Operation op, List<Tensor> grads) {
    return Arrays.asList(null, tf.reduceAll("Sum", grads.get(0)));
  }

  static List<Tensor> transpose(Ops tf, Operation op, List<Tensor> grads) {
    Tensor p = op.input(1);
    Tensor inverse = tf.rawOp("InvertPermutation", Ops.typeAttr(p), p);
    Tensor g = grads.get(0);
    Tensor out = tf.inScopeLocked(null, "transpose", scope -> tf.graph().addNode("Transpose", scope,
        new Tensor[] {g, inverse}, new Object[] {"T", g.dtype(), "Tperm", inverse.dtype()}));
    return Arrays.asList(out, null);
  }

  static List<Tensor> tile(Ops tf, Operation op, List<Tensor> grads) {
    Tensor inputShape = tf.shapeOf(op.input(0), true, null);
    Tensor stacked = tf.stack(List.of(op.input(1), inputShape));
    Tensor transposed = tf.inScopeLocked(null, "transpose", scope -> {
      Tensor perm = tf.constOp(NdArray.of(1, 0), "perm");
      return tf.graph().addNode("Transpose", scope, new Tensor[] {stacked, perm},
          new Object[] {"T", stacked.dtype(), "Tperm", DType.INT32});
    });
    Tensor splitShape = tf.reshapeOp(transposed, new int[] {-1}, null);
    Tensor axes = tf.rangeOp(0, tf.sizeOf(splitShape, null), 2);
    Tensor inputGrad = tf.sumOp(tf.reshapeOp(grads.get(0), splitShape, null), axes, false);
    inputGrad.setShape(op.input(0).shape());
    return Arrays.asList(inputGrad, null);
  }

  static List<Tensor> preventGradient(Ops tf, Operation op, List<Tensor> grads) {
    Object message = op.attr("message");
    throw new NoGradientException("Gradient explicitly disabled. Reason: " + (message == null ? "" : message));
  }

  static List<Tensor> slice(Ops tf, Operation op, List<Tensor> grads) {
    Tensor input = op.input(0);
    Tensor begin = op.input(1);
    Tensor inputRank = tf.rankOf(input, null);
    Tensor sliceSize = tf.shapeOf(op.output(0), true, null);
    Tensor shape = tf.stack(List.of(inputRank, 1));
    Tensor beforePad = tf.reshapeOp(begin, shape, null);
    Tensor afterPad = tf.reshapeOp(tf.operator("sub", tf.operator("sub", tf.shapeOf(input, true, null), sliceSize),
        begin), shape, null);
    Tensor paddings = tf.concat(List.of(beforePad, afterPad), 1);
    Tensor g = grads.get(0);
    Tensor padded = tf.inScopeLocked(null, "Pad", scope -> tf.graph().addNode("Pad", scope,
        new Tensor[] {g, paddings}, new Object[] {"T", g.dtype(), "Tpaddings", DType.INT32}));
    return Arrays.asList(padded, null, null);
  }

  /** {@code _ConcatGradHelper} for {@code ConcatV2} (values first, axis last). */
  static List<Tensor> concatV2(Ops tf, Operation op, List<Tensor> grads) {
    Tensor grad = grads.get(0);
    int n = op.numInputs() - 1;
    if (op.numInputs() == 2) {
      return Arrays.asList(grad, null);
    }
    Tensor concatDim = op.input(n);
    List<Tensor> values = op.inputs().subList(0, n);
    Tensor nonNegConcatDim = tf.operator("mod", concatDim, tf.rankOf(values.get(0), null));
    List<Tensor> sizes = new ArrayList<>();
    boolean fullyKnown = true;
    for (Tensor v : values) {
      Tensor s = tf.shapeOf(v, true, null);
      if (!s.op().type().equals("Const")) {
        fullyKnown = false;
        break;
      }
      sizes.add(s);
    }
    if (!fullyKnown) {
      Operation shapeN = tf.inScopeLocked(null, "ShapeN", scope -> tf.graph().addNode("ShapeN", scope,
          values.toArray(new Tensor[0]), new Operation[0],
          new Object[] {"N", (long) n, "T", values.get(0).dtype(), "out_type", DType.INT32}));
      sizes = shapeN.outputs();
    }
    if (sizes.size() > 16) {
      // TF: sizes = squeeze(slice(stack(sizes, axis=1), [dim, 0], [1, -1])); split(grad, sizes, dim)
      List<Tensor> all = sizes;
      Tensor stacked = tf.inScopeLocked(null, "stack", scope -> tf.graph().addNode("Pack", scope,
          all.toArray(new Tensor[0]), new Operation[0], new Object[] {"N", (long) n, "T", DType.INT32, "axis", 1L})
          .output(0));
      Tensor row = tf.inScopeLocked(null, "Slice", scope -> {
        Tensor begin = tf.stack(List.of(nonNegConcatDim, 0), "begin");
        Tensor size = tf.constOp(NdArray.of(1, -1), "size");
        return tf.graph().addNode("Slice", scope, new Tensor[] {stacked, begin, size},
            new Object[] {"Index", DType.INT32, "T", DType.INT32});
      });
      Tensor splitSizes = tf.rawOp("Squeeze", new Object[] {"T", DType.INT32, "squeeze_dims", List.of()}, row);
      Operation split = tf.inScopeLocked(null, "split", scope -> tf.graph().addNode("SplitV", scope,
          new Tensor[] {grad, splitSizes, nonNegConcatDim}, new Operation[0],
          new Object[] {"T", grad.dtype(), "Tlen", DType.INT32, "num_split", (long) n}));
      List<Tensor> out = new ArrayList<>(split.outputs());
      out.add(null);
      return out;
    }
    List<Tensor> shapes = sizes;
    Tensor[] in = new Tensor[n + 1];
    in[0] = nonNegConcatDim;
    for (int i = 0; i < n; i++) {
      in[i + 1] = shapes.get(i);
    }
    Operation offset = tf.inScopeLocked(null, "ConcatOffset", scope -> tf.graph().addNode("ConcatOffset", scope,
        in, new Operation[0], new Object[] {"N", (long) n}));
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Tensor b = offset.output(i);
      Tensor s = shapes.get(i);
      out.add(tf.inScopeLocked(null, "Slice", scope -> tf.graph().addNode("Slice", scope,
          new Tensor[] {grad, b, s}, new Object[] {"Index", DType.INT32, "T", grad.dtype()})));
    }
    out.add(null);
    return out;
  }

  /** {@code _PadGrad}: the slice of the gradient where {@code x} was (begin: the paddings' first column). */
  static List<Tensor> pad(Ops tf, Operation op, List<Tensor> grads) {
    Tensor x = op.input(0);
    Tensor a = op.input(1);
    Tensor size = tf.stack(List.of(tf.rankOf(x, null), 1));
    Tensor padBefore = tf.inScopeLocked(null, "Slice", scope -> tf.graph().addNode("Slice", scope,
        new Tensor[] {a, tf.constOp(NdArray.of(0, 0), "begin"), size},
        new Object[] {"Index", DType.INT32, "T", a.dtype()}));
    Tensor begin = tf.reshapeOp(padBefore, new int[] {-1}, null);
    Tensor sizes = tf.shapeOf(x, true, null);
    Tensor g = grads.get(0);
    Tensor xGrad = tf.inScopeLocked(null, "Slice", scope -> tf.graph().addNode("Slice", scope,
        new Tensor[] {g, begin, sizes}, new Object[] {"Index", DType.INT32, "T", g.dtype()}));
    return Arrays.asList(xGrad, null);
  }

  /** {@code _SplitVGrad}: {@code concat(grads, split_dim)} (zeros for pieces without a gradient), None, None. */
  static List<Tensor> splitV(Ops tf, Operation op, List<Tensor> grads) {
    List<Tensor> pieces = new ArrayList<>();
    for (int i = 0; i < grads.size(); i++) {
      Tensor g = grads.get(i);
      pieces.add(g != null ? g : tf.zerosLikeOp(op.output(i), null, true, true));
    }
    Tensor dim = op.input(2);
    Tensor joined = tf.inScopeLocked(null, "concat", scope -> {
      Tensor[] in = new Tensor[pieces.size() + 1];
      for (int i = 0; i < pieces.size(); i++) {
        in[i] = pieces.get(i);
      }
      in[pieces.size()] = dim;
      return tf.graph().addNode("ConcatV2", scope, in, new Object[] {"N", (long) pieces.size(),
          "T", pieces.get(0).dtype(), "Tidx", dim.dtype()});
    });
    return Arrays.asList(joined, null, null);
  }
}
