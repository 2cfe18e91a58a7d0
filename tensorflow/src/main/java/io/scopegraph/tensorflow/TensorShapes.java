package io.scopegraph.tensorflow;

import io.scopegraph.Shape;
import org.tensorflow.proto.TensorShapeProto;

/** {@link Shape} ↔ {@link TensorShapeProto}: unknown rank is {@code unknown_rank: true}, an unknown dimension -1. */
final class TensorShapes {
  private TensorShapes() {}

  static TensorShapeProto toProto(Shape shape) {
    TensorShapeProto.Builder proto = TensorShapeProto.newBuilder();
    if (!shape.hasKnownRank()) {
      return proto.setUnknownRank(true).build();
    }
    for (long d : shape.dims()) {
      proto.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return proto.build();
  }

  /** The shape; any negative size is an unknown dimension (TF writes -1). */
  static Shape fromProto(TensorShapeProto proto) {
    if (proto.getUnknownRank()) {
      return Shape.unknown();
    }
    long[] dims = new long[proto.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.max(proto.getDim(i).getSize(), -1);
    }
    return Shape.of(dims);
  }
}
