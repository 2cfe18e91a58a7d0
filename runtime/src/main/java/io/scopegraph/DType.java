package io.scopegraph;

/** Element types of tensors, named as TensorFlow names them ({@code float32}, {@code int64}, …). */
public enum DType {
  FLOAT32("float32", "float", Kind.FLOATING),
  FLOAT64("float64", "double", Kind.FLOATING),
  INT32("int32", "int32", Kind.INTEGER),
  INT64("int64", "int64", Kind.INTEGER),
  BOOL("bool", "bool", Kind.BOOL),
  /** Byte strings ({@code tf.string}): checkpoint file names and keys; no arithmetic. */
  STRING("string", "string", Kind.STRING);

  private enum Kind { FLOATING, INTEGER, BOOL, STRING }

  private final String tfName;
  private final String protoName;
  private final Kind kind;
  /** {@code {"T", this}}: shared by every op whose only attribute is its type (attributes are never mutated). */
  private final Object[] typeAttr = {"T", this};

  DType(String tfName, String protoName, Kind kind) {
    this.tfName = tfName;
    this.protoName = protoName;
    this.kind = kind;
  }

  /** The Python name, as TF error messages print it: {@code float32}. */
  public String tfName() {
    return tfName;
  }

  /** The name the TF runtime (C++) prints in executor messages: {@code float}, {@code int32}. */
  public String protoName() {
    return protoName;
  }

  /** Python's {@code repr}: {@code <dtype: 'int32'>}. */
  public String repr() {
    return "<dtype: '" + tfName + "'>";
  }

  Object[] typeAttr() {
    return typeAttr;
  }

  public boolean isFloating() {
    return kind == Kind.FLOATING;
  }

  public boolean isInteger() {
    return kind == Kind.INTEGER;
  }

  public boolean isBool() {
    return kind == Kind.BOOL;
  }

  public boolean isString() {
    return kind == Kind.STRING;
  }

  /** Whether values of this dtype are numbers (floating or integer), which arithmetic accepts. */
  public boolean isNumeric() {
    return kind == Kind.FLOATING || kind == Kind.INTEGER;
  }

  @Override
  public String toString() {
    return tfName;
  }
}
