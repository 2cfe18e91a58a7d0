package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import org.tensorflow.proto.DataType;

/** Maps the runtime's {@link DType}s to TensorFlow's {@link DataType} enum and back. */
final class DataTypes {
  private DataTypes() {}

  static DataType toProto(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> DataType.DT_FLOAT;
      case FLOAT64 -> DataType.DT_DOUBLE;
      case INT32 -> DataType.DT_INT32;
      case INT64 -> DataType.DT_INT64;
      case BOOL -> DataType.DT_BOOL;
      case STRING -> DataType.DT_STRING;
    };
  }

  /** TensorFlow's C++ name of a dtype given by its Python name ({@code float32} → {@code float}), as its errors print it. */
  static String cppName(String pythonName) {
    for (DType d : DType.values()) {
      if (d.tfName().equals(pythonName)) {
        return d.protoName();
      }
    }
    return pythonName.equals("float16") ? "half" : pythonName; // the others are spelled alike
  }

  /**
   * The runtime dtype of a TF data type; reference types ({@code DT_FLOAT_REF}, as TF prints a variable's
   * output) map to their base type. {@code where} names the node and attr for the error message.
   */
  static DType fromProto(DataType type, String where) {
    return switch (type) {
      case DT_FLOAT, DT_FLOAT_REF -> DType.FLOAT32;
      case DT_DOUBLE, DT_DOUBLE_REF -> DType.FLOAT64;
      case DT_INT32, DT_INT32_REF -> DType.INT32;
      case DT_INT64, DT_INT64_REF -> DType.INT64;
      case DT_BOOL, DT_BOOL_REF -> DType.BOOL;
      case DT_STRING, DT_STRING_REF -> DType.STRING;
      default -> throw new IllegalArgumentException(where + " has data type " + type
          + ", which the scopegraph runtime does not support (float32, float64, int32, int64, bool, string)");
    };
  }

  /** TensorFlow's Python name of a data type: {@code float32}, {@code float16}, {@code int8}, {@code string}, … */
  static String pythonName(DataType type) {
    String name = type.name().toLowerCase(java.util.Locale.ROOT);
    if (!name.startsWith("dt_")) {
      return name; // UNRECOGNIZED
    }
    String ref = name.endsWith("_ref") ? "_ref" : "";
    String base = name.substring(3, name.length() - ref.length());
    return switch (base) {
      case "float" -> "float32";
      case "double" -> "float64";
      case "half" -> "float16";
      default -> base;
    } + ref;
  }
}
