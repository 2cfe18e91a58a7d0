package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * How the elements of each numeric dtype move between tensors or Java arrays and a byte buffer in bulk, in the
 * buffer's byte order (view buffers, no per-element boxing): the one place the data file's layout of numbers is
 * known.
 */
enum ElementCodec {
  FLOAT32(4) {
    @Override
    Object source(NdArray value) {
      return value.asReadOnlyBuffer();
    }

    @Override
    Object newArray(int n) {
      return new float[n];
    }

    @Override
    void put(ByteBuffer at, Object source, int from, int count) {
      at.asFloatBuffer().put(((FloatBuffer) source).slice(from, count));
    }

    @Override
    void get(ByteBuffer from, Object array, int to, int count) {
      from.asFloatBuffer().get((float[]) array, to, count);
    }
  },
  FLOAT64(8) {
    @Override
    Object source(NdArray value) {
      return value.asReadOnlyBuffer();
    }

    @Override
    Object newArray(int n) {
      return new double[n];
    }

    @Override
    void put(ByteBuffer at, Object source, int from, int count) {
      at.asDoubleBuffer().put(((DoubleBuffer) source).slice(from, count));
    }

    @Override
    void get(ByteBuffer from, Object array, int to, int count) {
      from.asDoubleBuffer().get((double[]) array, to, count);
    }
  },
  INT32(4) {
    @Override
    Object source(NdArray value) {
      return value.asReadOnlyBuffer();
    }

    @Override
    Object newArray(int n) {
      return new int[n];
    }

    @Override
    void put(ByteBuffer at, Object source, int from, int count) {
      at.asIntBuffer().put(((IntBuffer) source).slice(from, count));
    }

    @Override
    void get(ByteBuffer from, Object array, int to, int count) {
      from.asIntBuffer().get((int[]) array, to, count);
    }
  },
  INT64(8) {
    @Override
    Object source(NdArray value) {
      return value.asReadOnlyBuffer();
    }

    @Override
    Object newArray(int n) {
      return new long[n];
    }

    @Override
    void put(ByteBuffer at, Object source, int from, int count) {
      at.asLongBuffer().put(((LongBuffer) source).slice(from, count));
    }

    @Override
    void get(ByteBuffer from, Object array, int to, int count) {
      from.asLongBuffer().get((long[]) array, to, count);
    }
  },
  /** One byte an element, 0 or 1. */
  BOOL(1) {
    @Override
    Object source(NdArray value) {
      return value.toBooleanArray();
    }

    @Override
    Object newArray(int n) {
      return new boolean[n];
    }

    @Override
    void put(ByteBuffer at, Object source, int from, int count) {
      boolean[] a = (boolean[]) source;
      for (int i = 0; i < count; i++) {
        at.put(i, (byte) (a[from + i] ? 1 : 0));
      }
    }

    @Override
    void get(ByteBuffer from, Object array, int to, int count) {
      boolean[] a = (boolean[]) array;
      for (int i = 0; i < count; i++) {
        a[to + i] = from.get(i) != 0;
      }
    }
  };

  /** Bytes an element takes. */
  final int width;

  ElementCodec(int width) {
    this.width = width;
  }

  static ElementCodec of(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> FLOAT32;
      case FLOAT64 -> FLOAT64;
      case INT32 -> INT32;
      case INT64 -> INT64;
      case BOOL -> BOOL;
      case STRING -> throw new IllegalArgumentException("strings have no fixed-width encoding");
    };
  }

  /**
   * The value's elements for {@link #put}: a read-only view of them (no copy) for the numbers, a copy in a
   * {@code boolean[]} for bool, which has no NIO buffer.
   */
  abstract Object source(NdArray value);

  abstract Object newArray(int n);

  /** Puts {@code count} elements of {@code source} ({@link #source}), from {@code from}, at the start of {@code at}. */
  abstract void put(ByteBuffer at, Object source, int from, int count);

  /** Gets {@code count} elements from the start of {@code from} into {@code array} at {@code to}. */
  abstract void get(ByteBuffer from, Object array, int to, int count);
}
