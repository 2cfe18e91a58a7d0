package io.scopegraph;

/** TF's {@code convert_to_tensor} rules for Java values: which conversions between dtypes are allowed. */
final class Conversions {
  private Conversions() {}

  /**
   * Converts {@code value} to {@code target} as {@code tf.constant(value, dtype=target)} does: integers widen
   * to any numeric type, floating values only to floating types, booleans only to bool.
   */
  static NdArray toDType(NdArray value, DType target) {
    DType source = value.dtype();
    if (source == target) {
      return value;
    }
    boolean allowed = (source.isInteger() && target.isNumeric()) || (source.isFloating() && target.isFloating());
    if (!allowed) {
      String shown = value.size() == 1 ? String.valueOf(value.get(0)) : value.toString();
      throw new DTypeMismatchException("Expected " + target + ", got " + shown + " of type '" + source + "' instead.");
    }
    return value.cast(target);
  }
}
