package io.scopegraph;

import java.util.Arrays;

/**
 * The stateless op kernels: the output value of an op from its input values. {@link #kernel} resolves an
 * op's {@link Operation#type()} to a {@link Kernel} once, when a run is planned; the math lives in
 * {@link ElementwiseKernels}, {@link ReductionKernels}, {@link MatMulKernel} and {@link ArrayKernels}. Ops with
 * state or feeds ({@code Placeholder}, {@code VariableV2}, {@code Assign}, the random ops) are run by {@link Session}, not here.
 *
 * <p>An op type without a kernel, or a dtype its kernel does not support, throws
 * {@link UnsupportedOperationException}: {@code No kernel for op type 'X' (op 'name')}. Input values a
 * kernel rejects at run time throw {@link InvalidArgumentException} with TensorFlow's message.
 */
final class Kernels {
  private Kernels() {}

  /** Whether {@link #kernel} has a kernel for {@code type}. */
  static boolean supports(String type) {
    return switch (type) {
      case "Const", "Identity", "PlaceholderWithDefault", "NoOp", "Softmax", "MatMul", "Sum", "Mean", "Reshape", "Cast",
          "Fill", "L2Loss", "ZerosLike",
          "ConcatV2", "Slice" -> true;
      default -> BinaryOp.of(type) != null || UnaryOp.of(type) != null;
    };
  }

  /**
   * The kernel of {@code op}, whose type {@link #supports} must accept. The op type is resolved here, once:
   * the element-wise ops get their {@link BinaryOp} or {@link UnaryOp}, constants their value; dtypes are
   * checked when the kernel runs, on the actual values.
   */
  static Kernel kernel(Operation op) {
    BinaryOp binary = BinaryOp.of(op.type());
    if (binary != null) {
      return in -> binary(op, binary, in[0], in[1]);
    }
    UnaryOp unary = UnaryOp.of(op.type());
    if (unary != null) {
      return in -> unary(op, unary, in[0]);
    }
    switch (op.type()) {
      case "Const": {
        // An NdArray, or a Java value OpBuilder users may set (converted on each run, as it may be mutable).
        Object value = op.attr("value");
        if (value instanceof NdArray array) {
          return in -> array;
        }
        return in -> NdArray.of(value);
      }
      case "Identity", "PlaceholderWithDefault": // a placeholder with a default passes its input unless fed
        return in -> in[0];
      case "NoOp":
        return in -> null;
      case "Softmax", "MatMul", "Sum", "Mean", "Reshape", "Cast", "Fill", "L2Loss", "ConcatV2", "Slice", "ZerosLike":
        return in -> compute(op, in);
      default:
        throw noKernel(op);
    }
  }

  /** The output of the ops {@link #kernel} does not specialise, given the values of their data inputs. */
  private static NdArray compute(Operation op, NdArray[] inputs) {
    String type = op.type();
    switch (type) {
      case "Softmax":
        requireFloating(op, inputs[0]);
        return ReductionKernels.softmax(inputs[0]);
      case "MatMul":
        requireSameNumeric(op, inputs[0], inputs[1]);
        return MatMulKernel.matMul(inputs[0], inputs[1], flag(op, "transpose_a"), flag(op, "transpose_b"));
      case "Sum":
      case "Mean":
        requireNumeric(op, inputs[0]);
        return ReductionKernels.reduce(inputs[0], inputs[1], flag(op, "keep_dims"), type.equals("Mean"));
      case "Reshape":
        return reshape(inputs[0], inputs[1]);
      case "Cast":
        return inputs[0].cast((DType) op.attr("DstT"));
      case "Fill":
        return fill(inputs[0], inputs[1]);
      case "ZerosLike":
        return zerosLike(inputs[0]);
      case "L2Loss":
        requireFloating(op, inputs[0]);
        return ArrayKernels.l2Loss(inputs[0]);
      case "ConcatV2":
        return ArrayKernels.concat(Arrays.copyOf(inputs, inputs.length - 1), inputs[inputs.length - 1]);
      case "Slice":
        return ArrayKernels.slice(inputs[0], inputs[1], inputs[2]);
      default:
        throw noKernel(op);
    }
  }

  private static NdArray binary(Operation op, BinaryOp binary, NdArray x, NdArray y) {
    requireSameNumeric(op, x, y);
    if (!binary.supports(x.dtype())) {
      throw noKernel(op, x.dtype());
    }
    return ElementwiseKernels.binary(binary, x, y);
  }

  private static NdArray unary(Operation op, UnaryOp unary, NdArray x) {
    if (!unary.supports(x.dtype())) {
      throw noKernel(op, x.dtype());
    }
    return ElementwiseKernels.unary(unary, x);
  }

  /** A boolean attr; absent means false. */
  private static boolean flag(Operation op, String attr) {
    return Boolean.TRUE.equals(op.attr(attr));
  }

  static UnsupportedOperationException noKernel(Operation op) {
    return new UnsupportedOperationException("No kernel for op type '" + op.type() + "' (op '" + op.name() + "')");
  }

  static UnsupportedOperationException noKernel(Operation op, DType dtype) {
    return new UnsupportedOperationException(
        "No kernel for op type '" + op.type() + "' with dtype " + dtype + " (op '" + op.name() + "')");
  }

  private static void requireNumeric(Operation op, NdArray x) {
    if (!x.dtype().isNumeric()) {
      throw noKernel(op, x.dtype());
    }
  }

  private static void requireFloating(Operation op, NdArray x) {
    if (!x.dtype().isFloating()) {
      throw noKernel(op, x.dtype());
    }
  }

  /** Binary ops take two operands of one numeric dtype (the graph builder checks this; fed values may not). */
  private static void requireSameNumeric(Operation op, NdArray x, NdArray y) {
    requireNumeric(op, x);
    if (x.dtype() != y.dtype()) {
      throw new InvalidArgumentException("Op '" + op.name() + "' (" + op.type() + ") has inputs of dtypes "
          + x.dtype() + " and " + y.dtype() + "; they must be the same");
    }
  }

  /**
   * The dimensions in an integer vector (a {@code shape} or {@code dims} input); each must be non-negative.
   * {@code opType} names the op in the message.
   */
  static long[] dims(NdArray shape, String opType) {
    if (shape.shape().rank() != 1 || !shape.dtype().isInteger()) {
      throw new InvalidArgumentException(opType + " needs its shape as an integer vector, got " + shape.dtype()
          + " of shape " + shape.shape().toDimsString());
    }
    long[] dims = shape.toLongArray();
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new InvalidArgumentException("Dimension " + i + " must be non-negative, not " + dims[i]
            + " (" + opType + " shape " + Arrays.toString(dims) + ")");
      }
    }
    return dims;
  }

  /** {@code Reshape}: the same elements in the shape {@code shape}; one {@code -1} takes what is left. */
  static NdArray reshape(NdArray x, NdArray shape) {
    if (shape.shape().rank() != 1 || !shape.dtype().isInteger()) {
      throw new InvalidArgumentException("shape must be a vector of integers, got " + shape.dtype()
          + " of shape " + shape.shape().toDimsString());
    }
    long[] dims = shape.toLongArray();
    int unknownAt = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (unknownAt >= 0) {
          throw new InvalidArgumentException("Only one input size may be -1, not both " + unknownAt + " and " + i);
        }
        unknownAt = i;
      } else if (dims[i] < 0) {
        throw new InvalidArgumentException("Size " + i + " must be non-negative, not " + dims[i]);
      } else {
        known *= dims[i];
      }
    }
    long size = x.size();
    if (unknownAt >= 0) {
      if (known == 0 || size % known != 0) {
        throw new InvalidArgumentException("Input to reshape is a tensor with " + size
            + " values, but the requested shape requires a multiple of " + known);
      }
      dims[unknownAt] = size / known;
    } else if (known != size) {
      throw new InvalidArgumentException("Input to reshape is a tensor with " + size
          + " values, but the requested shape has " + known);
    }
    return x.reshape(Shape.of(dims));
  }

  /** {@code ZerosLike}: zeros (false, empty strings) of the input's shape and dtype. */
  static NdArray zerosLike(NdArray x) {
    if (x.dtype().isString()) {
      byte[][] empty = new byte[x.size()][];
      Arrays.fill(empty, new byte[0]);
      return NdArray.wrap(DType.STRING, x.shape(), empty);
    }
    return NdArray.filled(x.dtype(), x.shape(), 0);
  }

  /** {@code Fill}: an array of shape {@code dims} with every element the scalar {@code value}. */
  static NdArray fill(NdArray dims, NdArray value) {
    if (value.shape().rank() != 0) {
      throw new InvalidArgumentException("value must be a scalar, got shape " + value.shape().toDimsString());
    }
    Shape shape = Shape.of(dims(dims, "Fill"));
    int n = Math.toIntExact(shape.numElements());
    Object data = switch (value.dtype()) {
      case FLOAT32 -> {
        float[] a = new float[n];
        Arrays.fill(a, ((float[]) value.data())[0]);
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        Arrays.fill(a, ((double[]) value.data())[0]);
        yield a;
      }
      case INT32 -> {
        int[] a = new int[n];
        Arrays.fill(a, ((int[]) value.data())[0]);
        yield a;
      }
      case INT64 -> {
        long[] a = new long[n];
        Arrays.fill(a, ((long[]) value.data())[0]);
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        Arrays.fill(a, ((boolean[]) value.data())[0]);
        yield a;
      }
      case STRING -> {
        byte[][] a = new byte[n][];
        Arrays.fill(a, ((byte[][]) value.data())[0]);
        yield a;
      }
    };
    return NdArray.wrap(value.dtype(), shape, data);
  }
}
