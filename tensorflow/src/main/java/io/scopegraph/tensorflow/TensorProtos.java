package io.scopegraph.tensorflow;

import com.google.protobuf.ByteString;
import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.TensorProto;

/**
 * {@link NdArray} ↔ {@link TensorProto}, written as TensorFlow's Python {@code make_tensor_proto} writes
 * a constant: more than one number in {@code tensor_content} (little-endian bytes), a single value or any
 * bool in the typed {@code *_val} field. Reading accepts every form TF accepts, including a short
 * {@code *_val} list whose last value fills the rest (how TF stores {@code tf.zeros}) and no values at all
 * (zeros). Strings are always in {@code string_val}, as TF writes them.
 */
final class TensorProtos {
  private TensorProtos() {}

  static TensorProto toProto(NdArray value) {
    TensorProto.Builder proto = TensorProto.newBuilder()
        .setDtype(DataTypes.toProto(value.dtype()))
        .setTensorShape(TensorShapes.toProto(value.shape()));
    int n = value.size();
    if (n > 1 && value.dtype().isNumeric()) {
      return proto.setTensorContent(content(value)).build();
    }
    for (int i = 0; i < n; i++) {
      switch (value.dtype()) {
        case FLOAT32 -> proto.addFloatVal((Float) value.get(i));
        case FLOAT64 -> proto.addDoubleVal((Double) value.get(i));
        case INT32 -> proto.addIntVal((Integer) value.get(i));
        case INT64 -> proto.addInt64Val((Long) value.get(i));
        case BOOL -> proto.addBoolVal((Boolean) value.get(i));
        case STRING -> proto.addStringVal(ByteString.copyFrom(value.getBytes(i)));
      }
    }
    return proto.build();
  }

  private static ByteString content(NdArray value) {
    int n = value.size();
    ByteBuffer bytes = ByteBuffer.allocate(n * itemSize(value.dtype())).order(ByteOrder.LITTLE_ENDIAN);
    switch (value.dtype()) {
      case FLOAT32 -> bytes.asFloatBuffer().put(value.toFloatArray());
      case FLOAT64 -> bytes.asDoubleBuffer().put(value.toDoubleArray());
      case INT32 -> bytes.asIntBuffer().put(value.toIntArray());
      case INT64 -> bytes.asLongBuffer().put(value.toLongArray());
      case BOOL, STRING -> throw new AssertionError("only numbers go to tensor_content");
    }
    return ByteString.copyFrom(bytes.array());
  }

  private static int itemSize(DType dtype) {
    return switch (dtype) {
      case FLOAT32, INT32 -> 4;
      case FLOAT64, INT64 -> 8;
      case BOOL -> 1;
      case STRING -> throw new AssertionError("strings have no item size");
    };
  }

  /**
   * The most elements a tensor proto may fill in beyond the values it stores (a short {@code *_val} list, or none):
   * 2^24, 64 MiB of float32. A proto claiming more (a constant of shape {@code [2^40]} with one value) is rejected
   * rather than allocated; TensorFlow itself writes large filled constants as {@code Fill} ops.
   */
  static final long MAX_FILLED_ELEMENTS = 1L << 24;

  /** The array a tensor proto holds; {@code where} names the node and attr in error messages. */
  static NdArray fromProto(TensorProto proto, String where) {
    DType dtype = DataTypes.fromProto(proto.getDtype(), where);
    Shape shape = TensorShapes.fromProto(proto.getTensorShape());
    if (!shape.isFullyDefined()) {
      throw new IllegalArgumentException(where + " is a tensor of shape " + shape + ", which is not fully defined");
    }
    int n = elements(shape, where);
    if (!proto.getTensorContent().isEmpty() && dtype.isString()) {
      return NdArray.wrap(dtype, shape, stringsFromContent(proto.getTensorContent(), n, where));
    }
    if (!proto.getTensorContent().isEmpty()) {
      return NdArray.wrap(dtype, shape, fromContent(proto.getTensorContent(), dtype, n, where));
    }
    int count = valueCount(proto, dtype);
    if (count > n) {
      throw new IllegalArgumentException(where + " holds " + count + " values for shape " + shape);
    }
    if (count < n && n > MAX_FILLED_ELEMENTS) {
      throw new IllegalArgumentException(where + " is a tensor of shape " + shape + " (" + n + " elements) holding "
          + count + " values; filling in more than " + MAX_FILLED_ELEMENTS + " elements is refused");
    }
    Object data = switch (dtype) {
      case FLOAT32 -> {
        float[] a = new float[n];
        for (int i = 0; i < n && count > 0; i++) {
          a[i] = proto.getFloatVal(Math.min(i, count - 1));
        }
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        for (int i = 0; i < n && count > 0; i++) {
          a[i] = proto.getDoubleVal(Math.min(i, count - 1));
        }
        yield a;
      }
      case INT32 -> {
        int[] a = new int[n];
        for (int i = 0; i < n && count > 0; i++) {
          a[i] = proto.getIntVal(Math.min(i, count - 1));
        }
        yield a;
      }
      case INT64 -> {
        long[] a = new long[n];
        for (int i = 0; i < n && count > 0; i++) {
          a[i] = proto.getInt64Val(Math.min(i, count - 1));
        }
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n && count > 0; i++) {
          a[i] = proto.getBoolVal(Math.min(i, count - 1));
        }
        yield a;
      }
      case STRING -> {
        byte[][] a = new byte[n][];
        byte[] last = new byte[0];
        for (int i = 0; i < n; i++) {
          a[i] = i < count ? (last = proto.getStringVal(i).toByteArray()) : last; // the filled ones share one array
        }
        yield a;
      }
    };
    return NdArray.wrap(dtype, shape, data); // arrays made here: no copy
  }

  /** The element count of a fully defined shape, which must fit a Java array (checked without overflow). */
  private static int elements(Shape shape, String where) {
    long[] dims = shape.dims();
    if (java.util.Arrays.stream(dims).anyMatch(d -> d == 0)) {
      return 0;
    }
    long n = 1;
    for (long d : dims) {
      if (n > (Integer.MAX_VALUE - 8) / d) {
        throw new IllegalArgumentException(where + " is a tensor of shape " + shape + ", more elements than a Java "
            + "array holds");
      }
      n *= d;
    }
    return (int) n;
  }

  private static int valueCount(TensorProto proto, DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> proto.getFloatValCount();
      case FLOAT64 -> proto.getDoubleValCount();
      case INT32 -> proto.getIntValCount();
      case INT64 -> proto.getInt64ValCount();
      case BOOL -> proto.getBoolValCount();
      case STRING -> proto.getStringValCount();
    };
  }

  /**
   * Strings in {@code tensor_content}, as TensorFlow's C++ {@code AsProtoTensorContent} writes them
   * ({@code EncodeStringList}): every length as a varint, then the bytes one after another.
   */
  private static byte[][] stringsFromContent(ByteString content, int n, String where) {
    if (n > content.size()) { // every string takes at least its one-byte length
      throw new IllegalArgumentException(where + " has " + content.size() + " bytes of string tensor_content, too "
          + "few for " + n + " strings");
    }
    try {
      com.google.protobuf.CodedInputStream in = content.newCodedInput();
      int[] lengths = new int[n];
      long total = 0;
      for (int i = 0; i < n; i++) {
        lengths[i] = in.readRawVarint32();
        total += Integer.toUnsignedLong(lengths[i]);
      }
      if (total != content.size() - in.getTotalBytesRead()) {
        throw new IllegalArgumentException(where + " has string tensor_content whose lengths add up to " + total
            + " bytes, but " + (content.size() - in.getTotalBytesRead()) + " follow them");
      }
      byte[][] out = new byte[n][];
      for (int i = 0; i < n; i++) {
        out[i] = in.readRawBytes(lengths[i]);
      }
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(where + " has malformed string tensor_content: " + e.getMessage(), e);
    }
  }

  private static Object fromContent(ByteString content, DType dtype, int n, String where) {
    if (content.size() != (long) n * itemSize(dtype)) {
      throw new IllegalArgumentException(where + " has " + content.size() + " bytes of tensor_content, but "
          + n + " values of " + dtype + " need " + (long) n * itemSize(dtype));
    }
    ByteBuffer bytes = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return switch (dtype) {
      case FLOAT32 -> {
        float[] a = new float[n];
        bytes.asFloatBuffer().get(a);
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        bytes.asDoubleBuffer().get(a);
        yield a;
      }
      case INT32 -> {
        int[] a = new int[n];
        bytes.asIntBuffer().get(a);
        yield a;
      }
      case INT64 -> {
        long[] a = new long[n];
        bytes.asLongBuffer().get(a);
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = bytes.get(i) != 0;
        }
        yield a;
      }
      case STRING -> throw new AssertionError("refused above");
    };
  }
}
