package io.scopegraph.tensorflow;

import io.scopegraph.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tensorflow.proto.TensorSliceProto;

/**
 * A slice of a tensor, as TensorFlow's {@code TensorSlice}: per dimension a start and a length, or the whole
 * dimension ({@code -} in a slice string, an empty extent in the proto, length -1 here). Immutable.
 */
final class TensorSlice {
  private static final long FULL = -1;

  private final long[] starts;
  private final long[] lengths;

  private TensorSlice(long[] starts, long[] lengths) {
    this.starts = starts;
    this.lengths = lengths;
  }

  /** Every element of a tensor of the given rank. */
  static TensorSlice full(int rank) {
    long[] lengths = new long[rank];
    Arrays.fill(lengths, FULL);
    return new TensorSlice(new long[rank], lengths);
  }

  /** A slice string such as {@code 0,2:-}: {@code start,length} or {@code -} per dimension, joined by colons. */
  static TensorSlice parse(String spec) {
    String[] items = Arrays.stream(spec.split(":")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    long[] starts = new long[items.length];
    long[] lengths = new long[items.length];
    for (int d = 0; d < items.length; d++) {
      if (items[d].equals("-")) {
        lengths[d] = FULL;
        continue;
      }
      String[] pair = Arrays.stream(items[d].split(",")).filter(s -> !s.isEmpty()).toArray(String[]::new);
      try {
        if (pair.length != 2) {
          throw new NumberFormatException();
        }
        starts[d] = Long.parseLong(pair[0]);
        lengths[d] = Long.parseLong(pair[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Expected a pair of numbers or '-' but got '" + items[d] + "': string = " + spec);
      }
      if (starts[d] < 0 || lengths[d] <= 0) {
        throw new IllegalArgumentException("Expected non-negative start and positive length but got start = "
            + starts[d] + ", length = " + lengths[d] + ": string = " + spec);
      }
    }
    return new TensorSlice(starts, lengths);
  }

  /** The slice a checkpoint entry lists; {@code where} names the entry for the error message. */
  static TensorSlice fromProto(TensorSliceProto proto, String where) {
    int rank = proto.getExtentCount();
    long[] starts = new long[rank];
    long[] lengths = new long[rank];
    for (int d = 0; d < rank; d++) {
      TensorSliceProto.Extent e = proto.getExtent(d);
      starts[d] = e.getStart();
      lengths[d] = e.hasLength() ? e.getLength() : FULL;
      boolean full = starts[d] == 0 && lengths[d] == FULL;
      if (!full && (starts[d] < 0 || lengths[d] <= 0 || starts[d] + lengths[d] < 0)) {
        throw new CorruptCheckpointException(where + ": invalid slice extent start = " + starts[d]
            + ", length = " + lengths[d]);
      }
    }
    return new TensorSlice(starts, lengths);
  }

  /** The proto of the slice: an empty extent for a whole dimension, a start (omitted when 0) and a length. */
  TensorSliceProto toProto() {
    TensorSliceProto.Builder proto = TensorSliceProto.newBuilder();
    for (int d = 0; d < rank(); d++) {
      TensorSliceProto.Extent.Builder e = proto.addExtentBuilder();
      if (!isFullAt(d)) {
        e.setStart(starts[d]).setLength(lengths[d]);
      }
    }
    return proto.build();
  }

  int rank() {
    return starts.length;
  }

  boolean isFullAt(int d) {
    return lengths[d] == FULL;
  }

  /** The first index of dimension {@code d} in the slice. */
  long start(int d) {
    return isFullAt(d) ? 0 : starts[d];
  }

  /** The number of indices of dimension {@code d} in the slice, for a tensor whose dimension has {@code size}. */
  long length(int d, long size) {
    return isFullAt(d) ? size : lengths[d];
  }

  /**
   * The shape of the slice taken from a tensor of shape {@code full} (TensorFlow's {@code SliceTensorShape});
   * null when the ranks differ or an extent goes past its dimension, with the reason in {@link #misfit}.
   */
  Shape shapeIn(Shape full) {
    if (misfit(full) != null) {
      return null;
    }
    long[] dims = new long[rank()];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = length(d, full.dim(d));
    }
    return Shape.of(dims);
  }

  /** Why the slice does not fit a tensor of shape {@code full} (TensorFlow's text), or null when it does. */
  String misfit(Shape full) {
    if (full.rank() != rank()) {
      return "Mismatching ranks: shape = " + full.toDimsString() + ", slice = " + this;
    }
    for (int d = 0; d < rank(); d++) {
      if (!isFullAt(d) && starts[d] + lengths[d] > full.dim(d)) {
        return "Extent in dimension " + d + " out of bounds: shape = " + full.toDimsString() + ", slice = " + this;
      }
    }
    return null;
  }

  /** Whether the slice is the whole of a tensor of shape {@code full} (TensorFlow's {@code IsFullSlice}). */
  boolean coversAll(Shape full) {
    return full.equals(shapeIn(full));
  }

  /** The elements both slices hold, or null when they share none (or differ in rank). */
  TensorSlice intersect(TensorSlice other) {
    if (rank() != other.rank()) {
      return null;
    }
    long[] s = new long[rank()];
    long[] l = new long[rank()];
    for (int d = 0; d < rank(); d++) {
      if (isFullAt(d) || other.isFullAt(d)) {
        TensorSlice narrower = isFullAt(d) ? other : this;
        s[d] = narrower.starts[d];
        l[d] = narrower.lengths[d];
      } else {
        s[d] = Math.max(starts[d], other.starts[d]);
        l[d] = Math.min(starts[d] + lengths[d], other.starts[d] + other.lengths[d]) - s[d];
        if (l[d] <= 0) {
          return null;
        }
      }
    }
    return new TensorSlice(s, l);
  }

  /**
   * The key of this slice of tensor {@code name} in a checkpoint (TensorFlow's {@code EncodeTensorNameSlice}):
   * OrderedCode of 0, the name, the rank, then start and length per dimension (0 and -1 for a whole one).
   */
  byte[] checkpointKey(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OrderedCode.writeNumIncreasing(out, 0);
    OrderedCode.writeString(out, name.getBytes(StandardCharsets.UTF_8));
    OrderedCode.writeNumIncreasing(out, rank());
    for (int d = 0; d < rank(); d++) {
      OrderedCode.writeSignedNumIncreasing(out, starts[d]);
      OrderedCode.writeSignedNumIncreasing(out, lengths[d]);
    }
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSlice s && Arrays.equals(starts, s.starts) && Arrays.equals(lengths, s.lengths);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(starts) + Arrays.hashCode(lengths);
  }

  /** The slice string ({@code 0,2:-}). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < rank(); d++) {
      if (d > 0) {
        sb.append(':');
      }
      sb.append(isFullAt(d) ? "-" : starts[d] + "," + lengths[d]);
    }
    return sb.toString();
  }
}
