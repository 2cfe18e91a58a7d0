package io.scopegraph;

import io.scopegraph.kernels.NdArrayAccess;

import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable n-dimensional array with a {@link DType} and a fully defined {@link Shape}: what
 * {@link Session#run} returns, what feeds and constants are made of. Elements are stored flat in row-major
 * order in a primitive array matching the dtype ({@code float[]}, {@code double[]}, {@code int[]},
 * {@code long[]}, {@code boolean[]}); a string element is a byte string ({@code byte[][]}), read as UTF-8 text
 * by {@link #get(int)} and as bytes by {@link #getBytes(int)}.
 */
public final class NdArray {
  private final DType dtype;
  private final Shape shape;
  private final Object data;

  private NdArray(DType dtype, Shape shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  /**
   * Flat row-major data as an array without copying it: the caller hands the array over and must not write it,
   * nor let anything write it, afterwards (an {@code NdArray} is immutable only as long as its array is not
   * written). For code that fills a new array and then gives it away, such as a checkpoint reader, where
   * {@link #create} would copy it once more. The array's type must match the dtype ({@code float[]} for float32,
   * …, {@code byte[][]} for strings) and its length the shape.
   *
   * @throws IllegalArgumentException when the shape is not fully defined, or the array does not match the
   *     dtype or the shape
   */
  public static NdArray wrap(DType dtype, Shape shape, Object data) {
    if (!shape.isFullyDefined()) {
      throw new IllegalArgumentException("An NdArray needs a fully defined shape, got " + shape);
    }
    if (data.getClass() != storageClass(dtype)) {
      throw new IllegalArgumentException(
          "Storage " + data.getClass().getSimpleName() + " does not match dtype " + dtype);
    }
    if (Array.getLength(data) != shape.numElements()) {
      throw new IllegalArgumentException(
          "Shape " + shape + " needs " + shape.numElements() + " elements, got " + Array.getLength(data));
    }
    return new NdArray(dtype, shape, data);
  }

  /** A copy of flat row-major data with the given shape. */
  public static NdArray create(DType dtype, Shape shape, Object flatData) {
    Object copy = Array.newInstance(storageClass(dtype).getComponentType(), Array.getLength(flatData));
    System.arraycopy(flatData, 0, copy, 0, Array.getLength(flatData));
    return wrap(dtype, shape, copy);
  }

  public static NdArray scalar(float v) {
    return new NdArray(DType.FLOAT32, Shape.scalar(), new float[] {v});
  }

  public static NdArray scalar(double v) {
    return new NdArray(DType.FLOAT64, Shape.scalar(), new double[] {v});
  }

  public static NdArray scalar(int v) {
    return new NdArray(DType.INT32, Shape.scalar(), new int[] {v});
  }

  public static NdArray scalar(long v) {
    return new NdArray(DType.INT64, Shape.scalar(), new long[] {v});
  }

  public static NdArray scalar(boolean v) {
    return new NdArray(DType.BOOL, Shape.scalar(), new boolean[] {v});
  }

  /** A string scalar, its UTF-8 bytes. */
  public static NdArray scalar(String v) {
    return new NdArray(DType.STRING, Shape.scalar(), new byte[][] {utf8(v)});
  }

  /** A string vector of the values' UTF-8 bytes; pass an array for one element ({@code of(x)} is a scalar). */
  public static NdArray of(String... values) {
    byte[][] data = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      data[i] = utf8(values[i]);
    }
    return new NdArray(DType.STRING, Shape.of(values.length), data);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A vector; with one Java value {@code of(x)} is the scalar {@link #of(Object)} makes, so pass an array. */
  public static NdArray of(float... values) {
    return new NdArray(DType.FLOAT32, Shape.of(values.length), values.clone());
  }

  /** A vector; with one Java value {@code of(x)} is the scalar {@link #of(Object)} makes, so pass an array. */
  public static NdArray of(double... values) {
    return new NdArray(DType.FLOAT64, Shape.of(values.length), values.clone());
  }

  /** A vector; with one Java value {@code of(x)} is the scalar {@link #of(Object)} makes, so pass an array. */
  public static NdArray of(int... values) {
    return new NdArray(DType.INT32, Shape.of(values.length), values.clone());
  }

  /** A vector; with one Java value {@code of(x)} is the scalar {@link #of(Object)} makes, so pass an array. */
  public static NdArray of(long... values) {
    return new NdArray(DType.INT64, Shape.of(values.length), values.clone());
  }

  /** A vector; with one Java value {@code of(x)} is the scalar {@link #of(Object)} makes, so pass an array. */
  public static NdArray of(boolean... values) {
    return new NdArray(DType.BOOL, Shape.of(values.length), values.clone());
  }

  /**
   * Converts a Java value: an {@code NdArray} (returned as is), a boxed number or boolean, a string, or a
   * (nested, rectangular) array of primitives or strings. Java types map to their natural dtypes:
   * {@code float} → float32, {@code double} → float64, {@code int} → int32, {@code long} → int64,
   * {@code boolean} → bool, {@code String} → string (its UTF-8 bytes).
   */
  public static NdArray of(Object value) {
    if (value instanceof NdArray a) {
      return a;
    }
    if (value == null) {
      throw new IllegalArgumentException("Cannot convert null to an NdArray");
    }
    if (value instanceof Float f) {
      return scalar(f.floatValue());
    }
    if (value instanceof Double d) {
      return scalar(d.doubleValue());
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return scalar(((Number) value).intValue());
    }
    if (value instanceof Long l) {
      return scalar(l.longValue());
    }
    if (value instanceof Boolean b) {
      return scalar(b.booleanValue());
    }
    if (value instanceof String s) {
      return scalar(s);
    }
    if (!value.getClass().isArray()) {
      throw new IllegalArgumentException(
          "Cannot convert " + value.getClass().getName() + " to an NdArray; use a number, a boolean or a primitive array");
    }
    List<Long> dims = new ArrayList<>();
    Class<?> leaf = value.getClass();
    Object probe = value;
    while (leaf.isArray()) {
      dims.add((long) Array.getLength(probe));
      leaf = leaf.getComponentType();
      if (leaf.isArray()) {
        probe = Array.getLength(probe) > 0 ? Array.get(probe, 0) : Array.newInstance(leaf.getComponentType(), 0);
      }
    }
    DType dtype = dtypeOfPrimitive(leaf);
    long[] shapeDims = dims.stream().mapToLong(Long::longValue).toArray();
    Shape shape = Shape.of(shapeDims);
    Object flat = Array.newInstance(leaf, Math.toIntExact(shape.numElements()));
    int[] pos = {0};
    flatten(value, 0, shapeDims, flat, pos);
    if (flat instanceof String[] strings) {
      byte[][] bytes = new byte[strings.length][];
      for (int i = 0; i < strings.length; i++) {
        bytes[i] = utf8(java.util.Objects.requireNonNull(strings[i], "a string element"));
      }
      flat = bytes;
    }
    return new NdArray(dtype, shape, flat);
  }

  private static void flatten(Object value, int depth, long[] dims, Object flat, int[] pos) {
    int n = Array.getLength(value);
    if (n != dims[depth]) {
      throw new IllegalArgumentException("Ragged array: expected " + dims[depth] + " elements at depth " + depth
          + ", got " + n);
    }
    if (depth == dims.length - 1) {
      System.arraycopy(value, 0, flat, pos[0], n);
      pos[0] += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      flatten(Array.get(value, i), depth + 1, dims, flat, pos);
    }
  }

  private static DType dtypeOfPrimitive(Class<?> c) {
    if (c == float.class) {
      return DType.FLOAT32;
    }
    if (c == double.class) {
      return DType.FLOAT64;
    }
    if (c == int.class) {
      return DType.INT32;
    }
    if (c == long.class) {
      return DType.INT64;
    }
    if (c == boolean.class) {
      return DType.BOOL;
    }
    if (c == String.class) {
      return DType.STRING;
    }
    throw new IllegalArgumentException("Cannot convert arrays of " + c.getName() + " to an NdArray");
  }

  static {
    // The kernels (package io.scopegraph.kernels, not exported) read the storage arrays through this.
    NdArrayAccess.install(NdArray::data);
  }

  static Class<?> storageClass(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> float[].class;
      case FLOAT64 -> double[].class;
      case INT32 -> int[].class;
      case INT64 -> long[].class;
      case BOOL -> boolean[].class;
      case STRING -> byte[][].class;
    };
  }

  /** An array of the given shape with every element {@code value} (converted to the dtype). */
  public static NdArray filled(DType dtype, Shape shape, double value) {
    int n = Math.toIntExact(shape.numElements());
    Object data = switch (dtype) {
      case FLOAT32 -> {
        float[] a = new float[n];
        Arrays.fill(a, (float) value);
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        Arrays.fill(a, value);
        yield a;
      }
      case INT32 -> {
        int[] a = new int[n];
        Arrays.fill(a, (int) value);
        yield a;
      }
      case INT64 -> {
        long[] a = new long[n];
        Arrays.fill(a, (long) value);
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        Arrays.fill(a, value != 0);
        yield a;
      }
      case STRING -> throw new IllegalArgumentException("Cannot fill a string array with the number " + value);
    };
    return wrap(dtype, shape, data);
  }

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  /** Number of elements. */
  public int size() {
    return Array.getLength(data);
  }

  /** The flat storage array itself (callers must not modify it). */
  Object data() {
    return data;
  }

  /**
   * A read-only view of the elements in row-major order, without copying: a {@link FloatBuffer} for float32,
   * {@link DoubleBuffer} for float64, {@link IntBuffer} for int32 and {@link LongBuffer} for int64, from element 0
   * to {@link #size()}, in the platform's native byte order. For bulk transfers (into a direct buffer for I/O,
   * say) without the copy {@link #toFloatArray()} and its kin make.
   *
   * @throws UnsupportedOperationException for bool and string arrays, which have no NIO buffer
   */
  public Buffer asReadOnlyBuffer() {
    return switch (dtype) {
      case FLOAT32 -> FloatBuffer.wrap((float[]) data).asReadOnlyBuffer();
      case FLOAT64 -> DoubleBuffer.wrap((double[]) data).asReadOnlyBuffer();
      case INT32 -> IntBuffer.wrap((int[]) data).asReadOnlyBuffer();
      case INT64 -> LongBuffer.wrap((long[]) data).asReadOnlyBuffer();
      case BOOL, STRING -> throw new UnsupportedOperationException("A " + dtype + " array has no NIO buffer view");
    };
  }

  /** Element {@code i} of the flat row-major data as a double (booleans: 1 or 0; strings are refused). */
  public double getDouble(int i) {
    return switch (dtype) {
      case FLOAT32 -> ((float[]) data)[i];
      case FLOAT64 -> ((double[]) data)[i];
      case INT32 -> ((int[]) data)[i];
      case INT64 -> ((long[]) data)[i];
      case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
      case STRING -> throw new IllegalStateException("A string is not a number: element " + i + " is '" + get(i) + "'");
    };
  }

  /** Element {@code i} as a long (floating values truncated toward zero). */
  public long getLong(int i) {
    return switch (dtype) {
      case INT64 -> ((long[]) data)[i];
      case INT32 -> ((int[]) data)[i];
      default -> (long) getDouble(i);
    };
  }

  /**
   * Element {@code i} boxed in its Java type ({@code Float}, {@code Double}, {@code Integer}, {@code Long},
   * {@code Boolean}); a string element decoded as UTF-8 ({@code String}).
   */
  public Object get(int i) {
    if (data instanceof byte[][] strings) {
      return new String(strings[i], java.nio.charset.StandardCharsets.UTF_8);
    }
    return Array.get(data, i);
  }

  /** The bytes of string element {@code i} (a copy). */
  public byte[] getBytes(int i) {
    if (!(data instanceof byte[][] strings)) {
      throw new IllegalStateException("Not a string array: dtype " + dtype);
    }
    return strings[i].clone();
  }

  /** The value of a one-element array, boxed. */
  public Object scalarValue() {
    if (size() != 1) {
      throw new IllegalStateException("Not a scalar: shape " + shape);
    }
    return get(0);
  }

  public float[] toFloatArray() {
    return (float[]) copyAs(DType.FLOAT32);
  }

  public double[] toDoubleArray() {
    return (double[]) copyAs(DType.FLOAT64);
  }

  public int[] toIntArray() {
    return (int[]) copyAs(DType.INT32);
  }

  public long[] toLongArray() {
    return (long[]) copyAs(DType.INT64);
  }

  public boolean[] toBooleanArray() {
    return (boolean[]) copyAs(DType.BOOL);
  }

  /** The string elements decoded as UTF-8. */
  public String[] toStringArray() {
    if (!dtype.isString()) {
      throw new IllegalStateException("Not a string array: dtype " + dtype);
    }
    String[] out = new String[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (String) get(i);
    }
    return out;
  }

  private Object copyAs(DType target) {
    return target == dtype ? cloneData() : cast(target).data;
  }

  private Object cloneData() {
    Object copy = Array.newInstance(data.getClass().getComponentType(), size());
    System.arraycopy(data, 0, copy, 0, size());
    return copy;
  }

  /**
   * Element-wise conversion, as TF's {@code Cast} does (floating to integer truncates toward zero); strings
   * convert to nothing else, as in TF ({@code Cast string to float is not supported}).
   */
  public NdArray cast(DType target) {
    if (target == dtype) {
      return this;
    }
    if (dtype.isString() || target.isString()) {
      throw new UnsupportedOperationException("Cast " + dtype.protoName() + " to " + target.protoName()
          + " is not supported");
    }
    int n = size();
    Object out = Array.newInstance(storageClass(target).getComponentType(), n);
    for (int i = 0; i < n; i++) {
      switch (target) {
        case FLOAT32 -> ((float[]) out)[i] = (float) getDouble(i);
        case FLOAT64 -> ((double[]) out)[i] = dtype == DType.INT64 ? (double) getLong(i) : getDouble(i);
        case INT32 -> ((int[]) out)[i] = (int) getLong(i);
        case INT64 -> ((long[]) out)[i] = getLong(i);
        case BOOL -> ((boolean[]) out)[i] = getDouble(i) != 0;
        case STRING -> throw new AssertionError("strings are refused above");
      }
    }
    return new NdArray(target, shape, out);
  }

  /** The same elements with another shape of the same size. */
  public NdArray reshape(Shape newShape) {
    return wrap(dtype, newShape, data);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NdArray other) || other.dtype != dtype || !other.shape.equals(shape)) {
      return false;
    }
    return switch (dtype) {
      case FLOAT32 -> Arrays.equals((float[]) data, (float[]) other.data);
      case FLOAT64 -> Arrays.equals((double[]) data, (double[]) other.data);
      case INT32 -> Arrays.equals((int[]) data, (int[]) other.data);
      case INT64 -> Arrays.equals((long[]) data, (long[]) other.data);
      case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) other.data);
      case STRING -> Arrays.deepEquals((byte[][]) data, (byte[][]) other.data);
    };
  }

  @Override
  public int hashCode() {
    return 31 * shape.hashCode() + dtype.hashCode() + Arrays.deepHashCode(new Object[] {data});
  }

  /**
   * Nested brackets in row-major order: {@code 5}, {@code [1.0, 2.0]}, {@code [[1, 2], [3, 4]]}; an empty array of
   * rank 2 or more as {@code []} and its shape (its dimensions before the zero may be huge).
   */
  @Override
  public String toString() {
    if (size() == 0 && shape.rank() > 1) {
      return "[] of shape " + shape;
    }
    StringBuilder sb = new StringBuilder();
    appendNested(sb, 0, 0);
    return sb.toString();
  }

  private int appendNested(StringBuilder sb, int depth, int offset) {
    if (depth == shape.rank()) {
      sb.append(dtype.isString() ? "\"" + get(offset) + "\"" : get(offset));
      return offset + 1;
    }
    sb.append('[');
    long n = shape.dim(depth);
    for (long i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      offset = appendNested(sb, depth + 1, offset);
    }
    sb.append(']');
    return offset;
  }
}
