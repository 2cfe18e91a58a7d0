package io.scopegraph.layers;

import io.scopegraph.Shape;

/** TF's {@code InputSpec} checks, with Keras' texts; they run before a call creates anything. */
final class InputChecks {
  private InputChecks() {}

  static void rankDefined(Layer layer, Shape shape) {
    if (shape.rank() < 0) {
      throw incompatible(layer, "its rank is undefined, but the layer requires a defined rank.");
    }
  }

  static void minRank(Layer layer, Shape shape, int minRank) {
    rankDefined(layer, shape);
    if (shape.rank() < minRank) {
      throw incompatible(layer, ": expected min_ndim=" + minRank + ", found ndim=" + shape.rank()
          + ". Full shape received: " + list(shape));
    }
  }

  static void rank(Layer layer, Shape shape, int rank) {
    rankDefined(layer, shape);
    if (shape.rank() != rank) {
      throw incompatible(layer, "expected ndim=" + rank + ", found ndim=" + shape.rank()
          + ". Full shape received: " + list(shape));
    }
  }

  /** The dimension at {@code axis} (negative from the end) must be {@code value} where it is known. */
  static void axis(Layer layer, Shape shape, int axis, long value) {
    int i = axis < 0 ? shape.rank() + axis : axis;
    long d = shape.dim(i);
    if (d >= 0 && d != value) {
      throw incompatible(layer, "expected axis " + axis + " of input shape to have value " + value
          + " but received input with shape " + list(shape));
    }
  }

  private static IncompatibleInputException incompatible(Layer layer, String detail) {
    return new IncompatibleInputException(
        "Input 0 of layer " + layer.name() + " is incompatible with the layer: " + detail);
  }

  /** Python's list form of a shape ({@code [null, 3]}, Java's spelling of None). */
  static String list(Shape shape) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < shape.rank(); i++) {
      b.append(i == 0 ? "" : ", ").append(shape.dim(i) < 0 ? "null" : Long.toString(shape.dim(i)));
    }
    return b.append(']').toString();
  }
}
