package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.OpDef;
import io.scopegraph.Operation;
import io.scopegraph.Shape;
import java.util.Arrays;

/**
 * Shared pieces of the built-in kernels that the {@link OpDef}s of the runtime resolve once per plan: dtype
 * checks, attribute flags, and the small array ops; the math lives in {@link ElementwiseKernels},
 * {@link ReductionKernels}, {@link MatMulKernel} and {@link ArrayKernels}.
 *
 * <p>An op type without a kernel, or a dtype its kernel does not support, throws
 * {@link UnsupportedOperationException}: {@code No kernel for op type 'X' (op 'name')}. Input values a
 * kernel rejects at run time throw {@link InvalidArgumentException} with TensorFlow's message.
 */
public final class Kernels {
  private Kernels() {}

  public static NdArray binary(Operation op, BinaryOp binary, NdArray x, NdArray y) {
    requireSameNumeric(op, x, y);
    if (!binary.supports(x.dtype())) {
      throw noKernel(op, x.dtype());
    }
    return ElementwiseKernels.binary(binary, x, y);
  }

  public static NdArray unary(Operation op, UnaryOp unary, NdArray x) {
    if (!unary.supports(x.dtype())) {
      throw noKernel(op, x.dtype());
    }
    return ElementwiseKernels.unary(unary, x);
  }

  /** A boolean attr; absent means false. */
  public static boolean flag(Operation op, String attr) {
    return Boolean.TRUE.equals(op.attr(attr));
  }

  public static UnsupportedOperationException noKernel(Operation op) {
    return new UnsupportedOperationException("No kernel for op type '" + op.type() + "' (op '" + op.name() + "')");
  }

  public static UnsupportedOperationException noKernel(Operation op, DType dtype) {
    return new UnsupportedOperationException(
        "No kernel for op type '" + op.type() + "' with dtype " + dtype + " (op '" + op.name() + "')");
  }

  public static void requireNumeric(Operation op, NdArray x) {
    if (!x.dtype().isNumeric()) {
      throw noKernel(op, x.dtype());
    }
  }

  public static void requireFloating(Operation op, NdArray x) {
    if (!x.dtype().isFloating()) {
      throw noKernel(op, x.dtype());
    }
  }

  /** Binary ops take two operands of one numeric dtype (the graph builder checks this; fed values may not). */
  public static void requireSameNumeric(Operation op, NdArray x, NdArray y) {
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
  public static long[] dims(NdArray shape, String opType) {
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
  public static NdArray reshape(NdArray x, NdArray shape) {
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
  public static NdArray zerosLike(NdArray x) {
    if (x.dtype().isString()) {
      byte[][] empty = new byte[x.size()][];
      Arrays.fill(empty, new byte[0]);
      return NdArray.wrap(DType.STRING, x.shape(), empty);
    }
    return NdArray.filled(x.dtype(), x.shape(), 0);
  }

  /** {@code Fill}: an array of shape {@code dims} with every element the scalar {@code value}. */
  public static NdArray fill(NdArray dims, NdArray value) {
    if (value.shape().rank() != 0) {
      throw new InvalidArgumentException("value must be a scalar, got shape " + value.shape().toDimsString());
    }
    Shape shape = Shape.of(dims(dims, "Fill"));
    int n = Math.toIntExact(shape.numElements());
    Object data = switch (value.dtype()) {
      case FLOAT32 -> {
        float[] a = new float[n];
        Arrays.fill(a, ((float[]) NdArrayAccess.data(value))[0]);
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        Arrays.fill(a, ((double[]) NdArrayAccess.data(value))[0]);
        yield a;
      }
      case INT32 -> {
        int[] a = new int[n];
        Arrays.fill(a, ((int[]) NdArrayAccess.data(value))[0]);
        yield a;
      }
      case INT64 -> {
        long[] a = new long[n];
        Arrays.fill(a, ((long[]) NdArrayAccess.data(value))[0]);
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        Arrays.fill(a, ((boolean[]) NdArrayAccess.data(value))[0]);
        yield a;
      }
      case STRING -> {
        byte[][] a = new byte[n][];
        Arrays.fill(a, ((byte[][]) NdArrayAccess.data(value))[0]);
        yield a;
      }
    };
    return NdArray.wrap(value.dtype(), shape, data);
  }
}
