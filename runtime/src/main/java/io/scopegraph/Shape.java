package io.scopegraph;

import java.util.Arrays;

/**
 * A tensor shape: a list of dimensions where {@code -1} is an unknown dimension (printed {@code ?}), or an
 * unknown rank ({@link #unknown()}). Printed like TensorFlow's {@code TensorShape}: {@code (2, 3)},
 * {@code (2,)}, {@code ()}, {@code (?, 3)}, {@code <unknown>}.
 */
public final class Shape {
  private static final Shape UNKNOWN = new Shape(null);
  private static final Shape SCALAR = new Shape(new long[0]);

  private final long[] dims; // null: unknown rank

  private Shape(long[] dims) {
    this.dims = dims;
  }

  /** A shape with the given dimensions; {@code -1} marks an unknown dimension. */
  public static Shape of(long... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    for (long d : dims) {
      if (d < -1) {
        throw new IllegalArgumentException(
            "Dimension " + d + " in " + Arrays.toString(dims) + " is negative; use -1 for an unknown dimension");
      }
    }
    return new Shape(dims.clone());
  }

  public static Shape scalar() {
    return SCALAR;
  }

  /** A shape of unknown rank (TF's {@code TensorShape(None)}). */
  public static Shape unknown() {
    return UNKNOWN;
  }

  /** A shape of {@code rank} unknown dimensions ({@code (?, ?)} for 2); a negative rank: {@link #unknown()}. */
  public static Shape unknown(int rank) {
    if (rank < 0) {
      return UNKNOWN;
    }
    long[] dims = new long[rank];
    Arrays.fill(dims, -1);
    return of(dims);
  }

  public boolean hasKnownRank() {
    return dims != null;
  }

  /** The rank, or -1 when unknown. */
  public int rank() {
    return dims == null ? -1 : dims.length;
  }

  /** Dimension {@code i}, or -1 when unknown. */
  public long dim(int i) {
    return dims[i];
  }

  /** The dimensions (a copy); requires a known rank. */
  public long[] dims() {
    if (dims == null) {
      throw new IllegalStateException("Shape <unknown> has no dimensions");
    }
    return dims.clone();
  }

  public boolean isFullyDefined() {
    if (dims == null) {
      return false;
    }
    for (long d : dims) {
      if (d < 0) {
        return false;
      }
    }
    return true;
  }

  /** Number of elements of a fully defined shape. */
  public long numElements() {
    if (!isFullyDefined()) {
      throw new IllegalStateException("Shape " + this + " is not fully defined");
    }
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** TF's {@code is_compatible_with}: unknown ranks and dimensions are compatible with anything. */
  public boolean isCompatibleWith(Shape other) {
    if (dims == null || other.dims == null) {
      return true;
    }
    if (dims.length != other.dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] >= 0 && other.dims[i] >= 0 && dims[i] != other.dims[i]) {
        return false;
      }
    }
    return true;
  }

  /** TF's {@code merge_with}: the most specific shape compatible with both (which must be compatible). */
  public Shape mergeWith(Shape other) {
    if (!isCompatibleWith(other)) {
      throw new IncompatibleShapesException("Shapes " + this + " and " + other + " are not compatible");
    }
    if (!hasKnownRank()) {
      return other;
    }
    if (!other.hasKnownRank()) {
      return this;
    }
    long[] dims = new long[rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = dim(i) >= 0 ? dim(i) : other.dim(i);
    }
    return Shape.of(dims);
  }

  /** The dimensions as the TF runtime prints them in shape errors: {@code [2,3]}, {@code [?,3]}, {@code ?}. */
  public String toDimsString() {
    if (dims == null) {
      return "?";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }

  @Override
  public String toString() {
    if (dims == null) {
      return "<unknown>";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
    }
    if (dims.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }
}
