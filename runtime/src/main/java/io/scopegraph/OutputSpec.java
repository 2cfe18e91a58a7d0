package io.scopegraph;

import java.util.Objects;

/** One output of an op as its {@link ShapeFunction} declares it: dtype and static shape ({@code -1} = unknown). */
public record OutputSpec(DType dtype, Shape shape) {
  public OutputSpec {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
  }

  @Override
  public String toString() {
    return dtype + " " + shape;
  }
}
