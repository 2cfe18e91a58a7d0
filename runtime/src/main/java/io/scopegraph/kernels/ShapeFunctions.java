package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.IncompatibleShapesException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import io.scopegraph.ShapeInference;
import java.util.Arrays;

/**
 * TensorFlow 1.15's shape functions for the ops of training graphs: each op's output dtype and static shape
 * from its input shapes (a dimension of -1 is unknown, {@link Shape#unknown()} an unknown rank), its attrs,
 * and — where TF's shape function reads them — the values of constant inputs ({@code long[]}, or null when the
 * input is not a constant; a scalar's value is a one-element array). Each follows TF's function step by step
 * ({@code WithRank}, {@code Merge}, …), so what it infers and what it rejects are TF's.
 *
 * <p>Input shapes that cannot fit throw {@link IncompatibleShapesException} with TF's message and context:
 * {@code Shape must be rank 1 but is rank 2 for 'Tile' (op: 'Tile') with input shapes: [2,3], [2,1].}. Like TF's
 * shape refiner, a function that reads constant inputs runs first without their values and then again with
 * them; an error only the values reveal names them: {@code … with input shapes: [2], [] and with computed input
 * tensors: input[1] = <5>.} (or {@code … and with input tensors computed as partial shapes: input[1] = [2,3].}
 * for a shape vector).
 */
public final class ShapeFunctions {
  private ShapeFunctions() {}

  /** The dtype and static shape of one output of an op. */
  public record Output(DType dtype, Shape shape) {}

  // ---------------------------------------------------------------------------------------------
  // Array and shape ops

  /** {@code Shape}: a vector of {@code outType} with one element per dimension of {@code input} ({@code [?]} when its rank is unknown). */
  public static Output shape(Shape input, DType outType) {
    return new Output(outType, Shape.of(input.rank()));
  }

  /** {@code Size}: a scalar of {@code outType}. */
  public static Output size(Shape input, DType outType) {
    return new Output(outType, Shape.scalar());
  }

  /** {@code Rank}: an int32 scalar. */
  public static Output rank(Shape input) {
    return new Output(DType.INT32, Shape.scalar());
  }

  /**
   * The output is the input: {@code Identity}, {@code StopGradient}, {@code PreventGradient}, {@code OnesLike},
   * {@code ZerosLike}, {@code Reciprocal} (TF's {@code UnchangedShape}).
   */
  public static Output unchanged(DType t, Shape input) {
    return new Output(t, input);
  }

  /**
   * {@code Tile}: each dimension of {@code input} times the matching multiple. Unknown multiples of known count
   * give unknown dimensions of that rank; {@code multiples} must be a vector as long as the input's rank.
   */
  public static Output tile(DType t, Shape input, Shape multiplesShape, long[] multiples, String opName) {
    Output first = tilePass(t, input, multiplesShape, null, opName);
    return multiples == null ? first : tilePass(t, input, multiplesShape, multiples, opName);
  }

  private static Output tilePass(DType t, Shape input, Shape multiplesShape, long[] multiples, String opName) {
    Ctx c = new Ctx(opName, "Tile", input, multiplesShape).partialShape(1, multiples);
    Shape m = c.makeShapeFromShapeTensor(1, multiples);
    if (input.hasKnownRank()) {
      m = c.withRank(m, input.rank());
      c.merge(multiplesShape, Shape.of(input.rank()));
    }
    if (!m.hasKnownRank()) {
      return new Output(t, Shape.unknown());
    }
    int rank = m.rank();
    Shape in = c.withRank(input, rank);
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = multiply(in.dim(i), m.dim(i));
    }
    return new Output(t, Shape.of(dims));
  }

  /**
   * {@code Transpose}: output dimension {@code i} is input dimension {@code perm[i]} when {@code perm} is a
   * constant; otherwise the rank (from the input, or the length of {@code perm}) with unknown dimensions.
   */
  public static Output transpose(DType t, Shape input, Shape permShape, long[] perm, String opName) {
    Output first = transposePass(t, input, permShape, null, opName);
    return perm == null ? first : transposePass(t, input, permShape, perm, opName);
  }

  private static Output transposePass(DType t, Shape input, Shape permShape, long[] perm, String opName) {
    Ctx c = new Ctx(opName, "Transpose", input, permShape).computed(1, perm);
    long permElems = permShape.isFullyDefined() ? permShape.numElements() : -1;
    if (!input.hasKnownRank() && permElems < 0 && perm == null) {
      return new Output(t, Shape.unknown());
    }
    int rank;
    if (input.hasKnownRank()) {
      rank = input.rank();
    } else if (permElems >= 0) {
      rank = (int) permElems;
    } else {
      rank = perm.length;
    }
    if (!input.hasKnownRank() && rank < 2) {
      // One permutation element could mean a scalar or a vector; both are returned unchanged.
      return new Output(t, input);
    }
    Shape in = c.withRank(input, rank);
    c.withRank(permShape, 1);
    c.withValue(permElems, rank);
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      if (perm == null) {
        dims[i] = -1;
        continue;
      }
      long inIdx = perm[i];
      if (inIdx >= rank || inIdx < -rank) {
        throw c.error("perm dim " + inIdx + " is out of range of input rank " + rank);
      }
      dims[i] = in.dim((int) (inIdx < 0 ? inIdx + rank : inIdx));
    }
    return new Output(t, Shape.of(dims));
  }

  /** {@code InvertPermutation}: a vector like its input. */
  public static Output invertPermutation(DType t, Shape x, String opName) {
    Ctx c = new Ctx(opName, "InvertPermutation", x);
    return new Output(t, c.withRank(x, 1));
  }

  /**
   * {@code ExpandDims}: the input with a 1 inserted at the constant {@code dim} (in {@code [-rank-1, rank]});
   * unknown when {@code dim} is not a constant or the input's rank is unknown.
   */
  public static Output expandDims(DType t, Shape input, Shape dimShape, long[] dim, String opName) {
    Output first = expandDimsPass(t, input, dimShape, null, opName);
    return dim == null ? first : expandDimsPass(t, input, dimShape, dim, opName);
  }

  private static Output expandDimsPass(DType t, Shape input, Shape dimShape, long[] dim, String opName) {
    Ctx c = new Ctx(opName, "ExpandDims", input, dimShape).computed(1, dim);
    if (dim != null && dim.length != 1) {
      throw c.error("'dim' input must be a tensor with a single value");
    }
    if (dim == null || !input.hasKnownRank()) {
      return new Output(t, Shape.unknown());
    }
    long d = dim[0];
    int rank = input.rank();
    long min = -1L * rank - 1;
    if (d < min || d > rank) {
      throw c.error("dim " + d + " not in the interval [" + min + ", " + rank + "].");
    }
    if (d < 0) {
      d += rank + 1;
    }
    long[] in = input.dims();
    long[] out = new long[rank + 1];
    System.arraycopy(in, 0, out, 0, (int) d);
    out[(int) d] = 1;
    System.arraycopy(in, (int) d, out, (int) d + 1, rank - (int) d);
    return new Output(t, Shape.of(out));
  }

  /**
   * {@code Squeeze}: without the listed dimensions (an unknown one listed is taken to be 1), or without every
   * dimension known to be 1 when the list is empty (then any unknown dimension makes the result unknown).
   */
  public static Output squeeze(DType t, Shape input, int[] squeezeDims, String opName) {
    Ctx c = new Ctx(opName, "Squeeze", input);
    if (!input.hasKnownRank()) {
      return new Output(t, Shape.unknown());
    }
    int rank = input.rank();
    int[] wrapped = squeezeDims.clone();
    for (int i = 0; i < wrapped.length; i++) {
      if (wrapped[i] < -rank || wrapped[i] >= rank) {
        throw c.error("squeeze_dims[" + i + "] not in [" + -rank + "," + rank + ").");
      }
      if (wrapped[i] < 0) {
        wrapped[i] += rank;
      }
    }
    long[] out = new long[rank];
    int n = 0;
    for (int i = 0; i < rank; i++) {
      boolean listed = false;
      for (int w : wrapped) {
        listed |= w == i;
      }
      long dim = input.dim(i);
      if (dim < 0) {
        if (listed) {
          continue;
        }
        if (wrapped.length == 0) {
          return new Output(t, Shape.unknown());
        }
      } else if (dim == 1) {
        if (listed || wrapped.length == 0) {
          continue;
        }
      } else if (listed) {
        throw c.error("Can not squeeze dim[" + i + "], expected a dimension of 1, got " + dim);
      }
      out[n++] = dim;
    }
    return new Output(t, Shape.of(Arrays.copyOf(out, n)));
  }

  /** {@code BroadcastGradientArgs}: two vectors of unknown length, of the shapes' dtype {@code t}. */
  public static Output[] broadcastGradientArgs(DType t, Shape s0, Shape s1, String opName) {
    Ctx c = new Ctx(opName, "BroadcastGradientArgs", s0, s1);
    c.withRank(s0, 1);
    c.withRank(s1, 1);
    return new Output[] {new Output(t, Shape.of(-1)), new Output(t, Shape.of(-1))};
  }

  /**
   * {@code DynamicStitch}: {@code [max(indices) + 1] + data[m].shape[indices[m].rank:]}, the first dimension
   * known when every {@code indices[m]} is a constant ({@code indicesValues[m]} non-null; flattened values).
   * Each {@code data[m]} shape must start with its {@code indices[m]} shape, and the rest agree across inputs.
   */
  public static Output dynamicStitch(DType t, Shape[] indices, long[][] indicesValues, Shape[] data, String opName) {
    Output first = dynamicStitchPass(t, indices, null, data, opName);
    boolean any = false;
    for (int i = 0; indicesValues != null && i < indicesValues.length; i++) {
      any |= indicesValues[i] != null;
    }
    return any ? dynamicStitchPass(t, indices, indicesValues, data, opName) : first;
  }

  private static Output dynamicStitchPass(DType t, Shape[] indices, long[][] indicesValues, Shape[] data,
      String opName) {
    int n = indices.length;
    Shape[] inputs = new Shape[2 * n];
    System.arraycopy(indices, 0, inputs, 0, n);
    System.arraycopy(data, 0, inputs, n, n);
    Ctx c = new Ctx(opName, "DynamicStitch", inputs);
    for (int i = 0; i < n; i++) {
      c.computed(i, indicesValues == null ? null : indicesValues[i]);
    }
    boolean allConstant = true;
    long maxIndex = 0;
    Shape extra = Shape.unknown();
    for (int i = 0; i < n; i++) {
      long[] values = indicesValues == null ? null : indicesValues[i];
      if (values == null) {
        allConstant = false;
      }
      Shape is = indices[i];
      Shape ds = data[i];
      if (!is.hasKnownRank()) {
        continue;
      }
      c.mergePrefix(ds, is);
      Shape rest = ds.hasKnownRank() ? Shape.of(Arrays.copyOfRange(ds.dims(), is.rank(), ds.rank())) : ds;
      extra = c.merge(extra, rest);
      if (values != null) {
        for (long v : values) {
          maxIndex = Math.max(maxIndex, v);
        }
      }
    }
    if (!extra.hasKnownRank()) {
      return new Output(t, Shape.unknown());
    }
    long[] out = new long[1 + extra.rank()];
    out[0] = allConstant ? maxIndex + 1 : -1;
    System.arraycopy(extra.dims(), 0, out, 1, extra.rank());
    return new Output(t, Shape.of(out));
  }

  /**
   * {@code Range}: a vector of {@code tidx} (int32, int64, float32, float64), its length computed as the kernel
   * does when start, limit and delta are all constants (given as numbers, or null when unknown), else unknown.
   */
  public static Output range(DType tidx, Shape start, Shape limit, Shape delta, Number startValue, Number limitValue,
      Number deltaValue, String opName) {
    Output first = rangePass(tidx, start, limit, delta, null, null, null, opName);
    if (startValue == null && limitValue == null && deltaValue == null) {
      return first;
    }
    return rangePass(tidx, start, limit, delta, startValue, limitValue, deltaValue, opName);
  }

  private static Output rangePass(DType tidx, Shape start, Shape limit, Shape delta, Number startValue,
      Number limitValue, Number deltaValue, String opName) {
    Ctx c = new Ctx(opName, "Range", start, limit, delta);
    c.computed(0, number(tidx, startValue));
    c.computed(1, number(tidx, limitValue));
    c.computed(2, number(tidx, deltaValue));
    c.withRank(start, 0, " for 'start'");
    c.withRank(limit, 0, " for 'limit'");
    c.withRank(delta, 0, " for 'delta'");
    if (startValue == null || limitValue == null || deltaValue == null) {
      return new Output(tidx, Shape.of(-1));
    }
    long size;
    switch (tidx) {
      case INT32: {
        int s = startValue.intValue();
        int l = limitValue.intValue();
        int d = deltaValue.intValue();
        checkRange(c, s > l && d > 0, s < l && d < 0, d == 0, s + "/" + l);
        size = (Math.abs(l - s) + Math.abs(d) - 1) / Math.abs(d);
        break;
      }
      case INT64: {
        long s = startValue.longValue();
        long l = limitValue.longValue();
        long d = deltaValue.longValue();
        checkRange(c, s > l && d > 0, s < l && d < 0, d == 0, s + "/" + l);
        size = (Math.abs(l - s) + Math.abs(d) - 1) / Math.abs(d);
        break;
      }
      case FLOAT32: {
        float s = startValue.floatValue();
        float l = limitValue.floatValue();
        float d = deltaValue.floatValue();
        checkRange(c, s > l && d > 0, s < l && d < 0, d == 0, TfFormat.number(s) + "/" + TfFormat.number(l));
        size = (long) (float) Math.ceil(Math.abs((l - s) / d));
        break;
      }
      case FLOAT64: {
        double s = startValue.doubleValue();
        double l = limitValue.doubleValue();
        double d = deltaValue.doubleValue();
        checkRange(c, s > l && d > 0, s < l && d < 0, d == 0, TfFormat.number(s) + "/" + TfFormat.number(l));
        size = (long) Math.ceil(Math.abs((l - s) / d));
        break;
      }
      default:
        throw new IllegalArgumentException("Range takes int32, int64, float32 or float64, not " + tidx);
    }
    return new Output(tidx, Shape.of(size));
  }

  private static void checkRange(Ctx c, boolean startAbove, boolean startBelow, boolean zero, String values) {
    if (startAbove) {
      throw c.error("Requires start <= limit when delta > 0: " + values);
    }
    if (startBelow) {
      throw c.error("Requires start >= limit when delta < 0: " + values);
    }
    if (zero) {
      throw c.error("Requires delta != 0");
    }
  }

  /** A constant Range operand as TF prints it (its summary), or null. */
  private static String number(DType t, Number v) {
    if (v == null) {
      return null;
    }
    return switch (t) {
      case FLOAT32 -> TfFormat.number(v.floatValue());
      case FLOAT64 -> TfFormat.number(v.doubleValue());
      default -> Long.toString(v.longValue());
    };
  }

  /** {@code ConcatOffset}: one int32 vector per shape input, each the shape of that input. */
  public static Output[] concatOffset(Shape concatDim, Shape[] shapes, String opName) {
    Output[] out = new Output[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      out[i] = new Output(DType.INT32, shapes[i]);
    }
    return out;
  }

  /** {@code AddN}: the inputs' shapes merged (from the last to the first); they must be compatible. */
  public static Output addN(DType t, Shape[] inputs, String opName) {
    Ctx c = new Ctx(opName, "AddN", inputs);
    Shape cur = inputs[inputs.length - 1];
    for (int i = inputs.length - 2; i >= 0; i--) {
      cur = c.merge(inputs[i], cur, "\n\tFrom merging shape " + i + " with other shapes.");
    }
    return new Output(t, cur);
  }

  /**
   * A reduction ({@code Sum}, {@code Mean}, {@code Prod}, {@code Max}, …) over the constant {@code axes}
   * (negative count from the end): the input without (or, with {@code keepDims}, with 1 for) the reduced
   * dimensions. Unknown axes give an unknown shape, or with {@code keepDims} unknown dimensions of the input's
   * rank.
   */
  public static Output reduction(DType t, Shape input, Shape axesShape, long[] axes, boolean keepDims, String opName,
      String opType) {
    Output first = reductionPass(t, input, axesShape, null, keepDims, opName, opType);
    return axes == null ? first : reductionPass(t, input, axesShape, axes, keepDims, opName, opType);
  }

  private static Output reductionPass(DType t, Shape input, Shape axesShape, long[] axes, boolean keepDims,
      String opName, String opType) {
    Ctx c = new Ctx(opName, opType, input, axesShape).computed(1, axes);
    c.withRankAtMost(axesShape, 1);
    if (axes == null || !input.hasKnownRank()) {
      if (keepDims && input.hasKnownRank()) {
        return new Output(t, Shape.unknown(input.rank()));
      }
      return new Output(t, Shape.unknown());
    }
    int rank = input.rank();
    boolean[] reduced = new boolean[rank];
    for (long axis : axes) {
      if (axis < -rank || axis >= rank) {
        throw c.error("Invalid reduction dimension " + axis + " for input with " + rank + " dimensions.");
      }
      reduced[(int) (axis < 0 ? axis + rank : axis)] = true;
    }
    long[] out = new long[rank];
    int n = 0;
    for (int i = 0; i < rank; i++) {
      if (!reduced[i]) {
        out[n++] = input.dim(i);
      } else if (keepDims) {
        out[n++] = 1;
      }
    }
    return new Output(t, Shape.of(Arrays.copyOf(out, n)));
  }

  /** A broadcasting binary op ({@code FloorDiv}, {@code FloorMod}, …): the broadcast of the two shapes. */
  public static Output broadcastBinary(DType t, Shape x, Shape y, String opName, String opType) {
    return new Output(t, ShapeInference.broadcast(x, y, opName, opType));
  }

  /** {@code Fill}: the shape the constant {@code dims} vector gives (unknown dimensions of its length if not constant). */
  public static Output fill(DType t, Shape dimsShape, Shape value, long[] dims, String opName) {
    Output first = fillPass(t, dimsShape, value, null, opName);
    return dims == null ? first : fillPass(t, dimsShape, value, dims, opName);
  }

  private static Output fillPass(DType t, Shape dimsShape, Shape value, long[] dims, String opName) {
    Ctx c = new Ctx(opName, "Fill", dimsShape, value).partialShape(0, dims);
    c.withRank(dimsShape, 1);
    c.withRank(value, 0);
    if (dims != null) {
      for (long d : dims) {
        if (d < 0) {
          throw c.error("Fill dimensions must be >= 0");
        }
      }
    }
    return new Output(t, c.makeShapeFromShapeTensor(0, dims));
  }

  // ---------------------------------------------------------------------------------------------
  // NN ops

  /**
   * {@code BiasAdd}: the value's shape with its channel dimension (the last for {@code "NHWC"}, the third from
   * the end for {@code "NCHW"}) merged with the bias length. The value needs rank ≥ 2 (NHWC) or ≥ 3 (NCHW).
   */
  public static Output biasAdd(DType t, Shape value, Shape bias, String dataFormat, String opName) {
    Ctx c = new Ctx(opName, "BiasAdd", value, bias);
    boolean nchw = "NCHW".equals(dataFormat);
    Shape in = c.withRankAtLeast(value, nchw ? 3 : 2);
    Shape b = c.withRank(bias, 1);
    if (!in.hasKnownRank()) {
      return new Output(t, Shape.unknown());
    }
    long[] dims = in.dims();
    int channel = nchw ? dims.length - 3 : dims.length - 1;
    dims[channel] = c.mergeDim(dims[channel], b.dim(0));
    return new Output(t, Shape.of(dims));
  }

  /** {@code BiasAddGrad}: a vector of the channel dimension (the last for NHWC, third from the end for NCHW). */
  public static Output biasAddGrad(DType t, Shape outBackprop, String dataFormat, String opName) {
    Ctx c = new Ctx(opName, "BiasAddGrad", outBackprop);
    boolean nchw = "NCHW".equals(dataFormat);
    Shape in = c.withRankAtLeast(outBackprop, nchw ? 3 : 2);
    if (!in.hasKnownRank()) {
      return new Output(t, Shape.of(-1));
    }
    return new Output(t, Shape.of(in.dim(in.rank() - (nchw ? 3 : 1))));
  }

  /** {@code ReluGrad}: the gradients' and features' shapes merged. */
  public static Output reluGrad(DType t, Shape gradients, Shape features, String opName) {
    return mergeBoth(t, gradients, features, opName, "ReluGrad");
  }

  /** {@code SigmoidGrad}: the shape of {@code y}. */
  public static Output sigmoidGrad(DType t, Shape y, Shape dy) {
    return new Output(t, y);
  }

  /** {@code TanhGrad}: the shape of {@code y}. */
  public static Output tanhGrad(DType t, Shape y, Shape dy) {
    return new Output(t, y);
  }

  /** {@code LogSoftmax} (and {@code Softmax}): the logits' shape, of rank at least 1. */
  public static Output logSoftmax(DType t, Shape logits, String opName) {
    Ctx c = new Ctx(opName, "LogSoftmax", logits);
    return new Output(t, c.withRankAtLeast(logits, 1));
  }

  /**
   * {@code SoftmaxCrossEntropyWithLogits}: {@code {[batch], [batch, classes]}} from features and labels merged as
   * matrices, or, when they do not merge, broadcast (which must give rank 2).
   */
  public static Output[] softmaxCrossEntropyWithLogits(DType t, Shape features, Shape labels, String opName) {
    Ctx c = new Ctx(opName, "SoftmaxCrossEntropyWithLogits", features, labels);
    Shape merged = null;
    try {
      merged = c.merge(c.withRank(features, 2), labels);
    } catch (IncompatibleShapesException e) {
      // not matrices of one shape: TF falls back to broadcasting
    }
    if (merged == null) {
      merged = ShapeInference.broadcast(features, labels, opName, "SoftmaxCrossEntropyWithLogits");
      if (!merged.hasKnownRank()) {
        throw c.error("Shape must be broadcasted with rank 2, but is rank is unknown.");
      }
      if (merged.rank() != 2) {
        throw c.error("Shape must be broadcasted with rank 2, but is rank " + merged.rank());
      }
    }
    return new Output[] {new Output(t, Shape.of(merged.dim(0))), new Output(t, merged)};
  }

  /**
   * {@code SparseSoftmaxCrossEntropyWithLogits}: {@code {[batch], [batch, classes]}} from features
   * {@code [batch, classes]} and labels {@code [batch]}, the batch dimensions merged.
   */
  public static Output[] sparseSoftmaxCrossEntropyWithLogits(DType t, Shape features, Shape labels, String opName) {
    Ctx c = new Ctx(opName, "SparseSoftmaxCrossEntropyWithLogits", features, labels);
    Shape f = c.withRank(features, 2);
    Shape l = c.withRank(labels, 1);
    long batch = c.mergeDim(f.dim(0), l.dim(0));
    return new Output[] {new Output(t, Shape.of(batch)), new Output(t, Shape.of(batch, f.dim(1)))};
  }

  // ---------------------------------------------------------------------------------------------
  // Training ops: the output is the variable, its shape merged with the slots' and the gradient's; the
  // hyper-parameters are scalars. Shapes are checked in the order of TF's shape functions.

  /** {@code ApplyGradientDescent(var, alpha, delta)}. */
  public static Output applyGradientDescent(DType t, Shape var, Shape alpha, Shape delta, String opName) {
    Ctx c = new Ctx(opName, "ApplyGradientDescent", var, alpha, delta);
    c.withRank(alpha, 0);
    return new Output(t, c.merge(var, delta));
  }

  /** {@code ApplyMomentum(var, accum, lr, grad, momentum)}. */
  public static Output applyMomentum(DType t, Shape var, Shape accum, Shape lr, Shape grad, Shape momentum,
      String opName) {
    Ctx c = new Ctx(opName, "ApplyMomentum", var, accum, lr, grad, momentum);
    Shape s = c.merge(var, accum);
    c.withRank(lr, 0);
    s = c.merge(s, grad);
    c.withRank(momentum, 0);
    return new Output(t, s);
  }

  /** {@code ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad)}. */
  public static Output applyAdam(DType t, Shape var, Shape m, Shape v, Shape beta1Power, Shape beta2Power, Shape lr,
      Shape beta1, Shape beta2, Shape epsilon, Shape grad, String opName) {
    Ctx c = new Ctx(opName, "ApplyAdam", var, m, v, beta1Power, beta2Power, lr, beta1, beta2, epsilon, grad);
    Shape s = c.merge(c.merge(var, m), v);
    for (Shape scalar : new Shape[] {beta1Power, beta2Power, lr, beta1, beta2, epsilon}) {
      c.withRank(scalar, 0);
    }
    return new Output(t, c.merge(s, grad));
  }

  /** {@code ApplyRMSProp(var, ms, mom, lr, rho, momentum, epsilon, grad)}. */
  public static Output applyRMSProp(DType t, Shape var, Shape ms, Shape mom, Shape lr, Shape rho, Shape momentum,
      Shape epsilon, Shape grad, String opName) {
    Ctx c = new Ctx(opName, "ApplyRMSProp", var, ms, mom, lr, rho, momentum, epsilon, grad);
    Shape s = c.merge(c.merge(var, ms), mom);
    for (Shape scalar : new Shape[] {lr, rho, momentum, epsilon}) {
      c.withRank(scalar, 0);
    }
    return new Output(t, c.merge(s, grad));
  }

  /** {@code ApplyCenteredRMSProp(var, mg, ms, mom, lr, rho, momentum, epsilon, grad)}. */
  public static Output applyCenteredRMSProp(DType t, Shape var, Shape mg, Shape ms, Shape mom, Shape lr, Shape rho,
      Shape momentum, Shape epsilon, Shape grad, String opName) {
    Ctx c = new Ctx(opName, "ApplyCenteredRMSProp", var, mg, ms, mom, lr, rho, momentum, epsilon, grad);
    Shape s = c.merge(c.merge(c.merge(var, mg), ms), mom);
    for (Shape scalar : new Shape[] {lr, rho, momentum, epsilon}) {
      c.withRank(scalar, 0);
    }
    return new Output(t, c.merge(s, grad));
  }

  /** {@code ApplyAdagrad(var, accum, lr, grad)}. */
  public static Output applyAdagrad(DType t, Shape var, Shape accum, Shape lr, Shape grad, String opName) {
    Ctx c = new Ctx(opName, "ApplyAdagrad", var, accum, lr, grad);
    Shape s = c.merge(var, accum);
    c.withRank(lr, 0);
    return new Output(t, c.merge(s, grad));
  }

  /** {@code AssignAdd}: the ref's and value's shapes merged. */
  public static Output assignAdd(DType t, Shape ref, Shape value, String opName) {
    return mergeBoth(t, ref, value, opName, "AssignAdd");
  }

  /** {@code AssignSub}: the ref's and value's shapes merged. */
  public static Output assignSub(DType t, Shape ref, Shape value, String opName) {
    return mergeBoth(t, ref, value, opName, "AssignSub");
  }

  private static Output mergeBoth(DType t, Shape a, Shape b, String opName, String opType) {
    Ctx c = new Ctx(opName, opType, a, b);
    return new Output(t, c.merge(a, b));
  }

  // ---------------------------------------------------------------------------------------------
  // TF's InferenceContext operations

  /** {@code InferenceContext::Multiply}: 0 and 1 absorb unknowns; otherwise unknown if either is. */
  public static long multiply(long a, long b) {
    if (a == 0) {
      return 0;
    }
    if (b == 0) {
      return 0;
    }
    if (a == 1) {
      return b;
    }
    if (b == 1) {
      return a;
    }
    if (a < 0 || b < 0) {
      return -1;
    }
    return a * b;
  }

  /** One shape function run: the op it is for, its inputs, and the constant inputs it read (for messages). */
  static final class Ctx {
    private final String opName;
    private final String opType;
    private final Shape[] inputs;
    private final String[] computed;
    private final String[] partial;

    Ctx(String opName, String opType, Shape... inputs) {
      this.opName = opName;
      this.opType = opType;
      this.inputs = inputs;
      this.computed = new String[inputs.length];
      this.partial = new String[inputs.length];
    }

    /** Records that input {@code i}, a shape vector, was read as the partial shape {@code values} (-1 unknown). */
    Ctx partialShape(int i, long[] values) {
      if (values != null) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < values.length; k++) {
          sb.append(k > 0 ? "," : "").append(values[k] < 0 ? "?" : Long.toString(values[k]));
        }
        partial[i] = sb.append(']').toString();
      }
      return this;
    }

    /** Records that input {@code i} was read as the constant {@code values} (nothing when null). */
    Ctx computed(int i, long[] values) {
      if (values != null) {
        Shape s = inputs[i];
        NdArray array = s.isFullyDefined() && s.numElements() == values.length
            ? NdArray.wrap(DType.INT64, s, values.clone())
            : NdArray.of(values);
        computed[i] = TfFormat.summarize(array, 256);
      }
      return this;
    }

    Ctx computed(int i, String summary) {
      computed[i] = summary;
      return this;
    }

    /** TF's message, with the op and its inputs appended as {@code InferenceContext::AttachContext} does. */
    IncompatibleShapesException error(String message) {
      StringBuilder sb = new StringBuilder(message);
      sb.append(" for '").append(opName).append("' (op: '").append(opType).append("') with input shapes: ");
      for (int i = 0; i < inputs.length; i++) {
        sb.append(i > 0 ? ", " : "").append(inputs[i].toDimsString());
      }
      boolean first = true;
      for (int i = 0; i < computed.length; i++) {
        if (computed[i] != null) {
          sb.append(first ? " and with computed input tensors: " : ", ");
          sb.append("input[").append(i).append("] = <").append(computed[i]).append('>');
          first = false;
        }
      }
      first = true;
      for (int i = 0; i < partial.length; i++) {
        if (partial[i] != null) {
          sb.append(first ? " and with input tensors computed as partial shapes: " : ",");
          sb.append("input[").append(i).append("] = ").append(partial[i]);
          first = false;
        }
      }
      return new IncompatibleShapesException(sb.append('.').toString());
    }

    Shape withRank(Shape s, int rank) {
      return withRank(s, rank, "");
    }

    Shape withRank(Shape s, int rank, String context) {
      if (!s.hasKnownRank()) {
        return Shape.unknown(rank);
      }
      if (s.rank() != rank) {
        throw error("Shape must be rank " + rank + " but is rank " + s.rank() + (context.isEmpty() ? "" : "\n\t"
            + context));
      }
      return s;
    }

    Shape withRankAtLeast(Shape s, int rank) {
      if (s.hasKnownRank() && s.rank() < rank) {
        throw error("Shape must be at least rank " + rank + " but is rank " + s.rank());
      }
      return s;
    }

    Shape withRankAtMost(Shape s, int rank) {
      if (s.hasKnownRank() && s.rank() > rank) {
        throw error("Shape must be at most rank " + rank + " but is rank " + s.rank());
      }
      return s;
    }

    /** {@code WithValue}: an unknown dimension takes the value, a known one must equal it. */
    long withValue(long dim, long value) {
      if (dim >= 0 && dim != value) {
        throw error("Dimension must be " + value + " but is " + dim);
      }
      return value;
    }

    long mergeDim(long a, long b) {
      if (a < 0) {
        return b;
      }
      if (b < 0 || a == b) {
        return a;
      }
      throw error("Dimensions must be equal, but are " + a + " and " + b);
    }

    Shape merge(Shape a, Shape b) {
      return merge(a, b, "");
    }

    /** {@code Merge}: the more defined of two compatible shapes; {@code context} follows a mismatch's message. */
    Shape merge(Shape a, Shape b, String context) {
      if (!a.hasKnownRank()) {
        return b;
      }
      if (!b.hasKnownRank()) {
        return a;
      }
      if (a.rank() != b.rank()) {
        throw error("Shapes must be equal rank, but are " + a.rank() + " and " + b.rank() + context);
      }
      long[] out = new long[a.rank()];
      for (int i = 0; i < out.length; i++) {
        long x = a.dim(i);
        long y = b.dim(i);
        if (x >= 0 && y >= 0 && x != y) {
          throw error("Dimension " + i + " in both shapes must be equal, but are " + x + " and " + y
              + ". Shapes are " + a.toDimsString() + " and " + b.toDimsString() + "." + context);
        }
        out[i] = x >= 0 ? x : y;
      }
      return Shape.of(out);
    }

    /** {@code MergePrefix}: {@code s} must start with dimensions compatible with {@code prefix}. */
    void mergePrefix(Shape s, Shape prefix) {
      if (!s.hasKnownRank() || !prefix.hasKnownRank()) {
        return;
      }
      withRankAtLeast(s, prefix.rank());
      for (int i = 0; i < prefix.rank(); i++) {
        mergeDim(s.dim(i), prefix.dim(i));
      }
    }

    /**
     * {@code MakeShapeFromShapeTensor}: input {@code i}, a vector, read as a shape: its constant values (-1 an
     * unknown dimension), else as many unknown dimensions as it has elements, else an unknown shape.
     */
    Shape makeShapeFromShapeTensor(int i, long[] values) {
      Shape vector = withRank(inputs[i], 1);
      if (values != null) {
        for (long v : values) {
          if (v < -1) {
            throw error("Invalid value in tensor used for shape: " + v);
          }
        }
        return Shape.of(values);
      }
      return vector.dim(0) < 0 ? Shape.unknown() : Shape.unknown((int) vector.dim(0));
    }
  }
}
