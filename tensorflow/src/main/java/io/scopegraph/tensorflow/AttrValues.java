package io.scopegraph.tensorflow;

import com.google.protobuf.ByteString;
import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.TensorShapeProto;

/**
 * An op attribute as the runtime holds it ↔ {@link AttrValue}: {@link DType} is {@code type}, {@link Shape}
 * {@code shape}, {@link NdArray} {@code tensor}, {@code Boolean} {@code b}, integers {@code i} (read back as
 * {@code Long}), {@code Float}/{@code Double} {@code f} (read back as {@code Float}), {@code String}
 * {@code s}, and a {@code List} of one of these {@code list}.
 */
final class AttrValues {
  private AttrValues() {}

  /** The proto form of {@code value}; {@code where} names the op and attr in error messages. */
  static AttrValue toProto(Object value, String where) {
    AttrValue.Builder proto = AttrValue.newBuilder();
    if (value instanceof List<?> items) {
      AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
      for (Object item : items) {
        addToList(list, item, where);
      }
      return proto.setList(list).build();
    }
    if (value instanceof DType t) {
      return proto.setType(DataTypes.toProto(t)).build();
    }
    if (value instanceof Shape s) {
      return proto.setShape(TensorShapes.toProto(s)).build();
    }
    if (value instanceof NdArray a) {
      return proto.setTensor(TensorProtos.toProto(a)).build();
    }
    if (value instanceof Boolean b) {
      return proto.setB(b).build();
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return proto.setI(((Number) value).longValue()).build();
    }
    if (value instanceof Float || value instanceof Double) {
      return proto.setF(((Number) value).floatValue()).build();
    }
    if (value instanceof String s) {
      return proto.setS(ByteString.copyFromUtf8(s)).build();
    }
    throw unsupported(value, where);
  }

  private static void addToList(AttrValue.ListValue.Builder list, Object item, String where) {
    if (item instanceof DType t) {
      list.addType(DataTypes.toProto(t));
    } else if (item instanceof Shape s) {
      list.addShape(TensorShapes.toProto(s));
    } else if (item instanceof NdArray a) {
      list.addTensor(TensorProtos.toProto(a));
    } else if (item instanceof Boolean b) {
      list.addB(b);
    } else if (item instanceof Long || item instanceof Integer || item instanceof Short || item instanceof Byte) {
      list.addI(((Number) item).longValue());
    } else if (item instanceof Float || item instanceof Double) {
      list.addF(((Number) item).floatValue());
    } else if (item instanceof String s) {
      list.addS(ByteString.copyFromUtf8(s));
    } else {
      throw unsupported(item, where);
    }
  }

  private static IllegalArgumentException unsupported(Object value, String where) {
    String kind = value == null ? "null" : value.getClass().getName();
    return new IllegalArgumentException(where + " has a value of type " + kind + ", which has no AttrValue form "
        + "(use DType, Shape, NdArray, Boolean, a number, String or a List of one of these)");
  }

  /** The runtime form of an attr value; {@code where} names the node and attr in error messages. */
  static Object fromProto(AttrValue proto, String where) {
    return switch (proto.getValueCase()) {
      case S -> proto.getS().toStringUtf8();
      case I -> proto.getI();
      case F -> proto.getF();
      case B -> proto.getB();
      case TYPE -> DataTypes.fromProto(proto.getType(), where);
      case SHAPE -> TensorShapes.fromProto(proto.getShape());
      case TENSOR -> TensorProtos.fromProto(proto.getTensor(), where);
      case LIST -> fromList(proto.getList(), where);
      default -> throw new IllegalArgumentException(where + " is an attr of kind " + proto.getValueCase()
          + ", which the scopegraph runtime does not support");
    };
  }

  /** A list attr: TF fills only one of its fields (a list is of one kind), so the fields are concatenated. */
  private static List<Object> fromList(AttrValue.ListValue list, String where) {
    int kinds = 0;
    for (int count : new int[] {list.getSCount(), list.getICount(), list.getFCount(), list.getBCount(),
        list.getTypeCount(), list.getShapeCount(), list.getTensorCount(), list.getFuncCount()}) {
      kinds += count > 0 ? 1 : 0;
    }
    if (kinds > 1) {
      throw new IllegalArgumentException(where + " is a list mixing " + kinds + " kinds of values: "
          + list.toString().replace('\n', ' ').trim());
    }
    List<Object> out = new ArrayList<>();
    for (ByteString s : list.getSList()) {
      out.add(s.toStringUtf8());
    }
    out.addAll(list.getIList());
    out.addAll(list.getFList());
    out.addAll(list.getBList());
    for (int i = 0; i < list.getTypeCount(); i++) {
      out.add(DataTypes.fromProto(list.getType(i), where));
    }
    for (TensorShapeProto shape : list.getShapeList()) {
      out.add(TensorShapes.fromProto(shape));
    }
    for (int i = 0; i < list.getTensorCount(); i++) {
      out.add(TensorProtos.fromProto(list.getTensor(i), where));
    }
    if (list.getFuncCount() > 0) {
      throw new IllegalArgumentException(where + " is a list of functions, which the scopegraph runtime does not "
          + "support");
    }
    return List.copyOf(out);
  }
}
