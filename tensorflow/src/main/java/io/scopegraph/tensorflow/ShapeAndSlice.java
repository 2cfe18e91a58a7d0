package io.scopegraph.tensorflow;

import io.scopegraph.Shape;

/**
 * A {@code shape_and_slices} string of {@code SaveV2} / {@code RestoreV2} ({@code "4 2 0,2:-"}): the full
 * shape of a tensor, then the slice of it (TensorFlow's {@code ParseShapeAndSlice}).
 *
 * @param fullShape the whole tensor's shape
 * @param slice the part of it
 * @param sliceShape the shape of the part
 */
record ShapeAndSlice(Shape fullShape, TensorSlice slice, Shape sliceShape) {

  /** Parses a non-empty spec; {@link IllegalArgumentException} with TensorFlow's text when it is malformed. */
  static ShapeAndSlice parse(String spec) {
    String[] splits = spec.split(" ", -1);
    if (splits.length < 2) {
      throw new IllegalArgumentException("Need least two elements in shape_and_slice specification: " + spec);
    }
    TensorSlice slice = TensorSlice.parse(splits[splits.length - 1]);
    long[] dims = new long[splits.length - 1];
    for (int d = 0; d < dims.length; d++) {
      try {
        dims[d] = Long.parseLong(splits[d]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Non numerical dimension in shape_and_slice: " + spec);
      }
      if (dims[d] < 0) {
        throw new IllegalArgumentException("Negative dimension in shape_and_slice: " + spec);
      }
    }
    Shape full = Shape.of(dims);
    String misfit = slice.misfit(full);
    if (misfit != null) {
      throw new IllegalArgumentException(misfit);
    }
    return new ShapeAndSlice(full, slice, slice.shapeIn(full));
  }
}
