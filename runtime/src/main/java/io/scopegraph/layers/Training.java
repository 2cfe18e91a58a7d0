package io.scopegraph.layers;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Tensor;

/** The {@code training} argument of dropout and batch normalization: a Java boolean or a bool tensor. */
final class Training {
  private Training() {}

  static Object check(Object training) {
    if (training instanceof Boolean) {
      return training;
    }
    if (training instanceof Tensor t && t.dtype() == DType.BOOL && t.shape().rank() <= 0) {
      return training;
    }
    throw new LayerArgumentException("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: "
        + training);
  }

  /** TF's {@code constant_value}: the value of a Java boolean or of a bool Const, else null (known only at run time). */
  static Boolean staticValue(Object training) {
    if (training instanceof Boolean b) {
      return b;
    }
    Tensor t = (Tensor) training;
    if (t.op().type().equals("Const") && t.op().attr("value") instanceof NdArray value) {
      return (Boolean) value.get(0);
    }
    return null;
  }
}
