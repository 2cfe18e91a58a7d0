package io.scopegraph.tensorflow;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The op types the runtime's {@code Session} runs, with what the importer must supply for each because a
 * GraphDef does not carry it: the number of data inputs, and the dtype and static shape of every output.
 * The runtime keeps its kernel table package-private, so the list is repeated here; a test checks that every
 * type listed runs on a {@code Session} after import.
 */
final class OpTypes {
  /** One output of a node: its dtype and static shape. */
  record Output(DType dtype, Shape shape) {}

  /** A node being imported: its name, op type, converted attrs and data inputs (already in the graph). */
  record Node(String name, String type, Map<String, Object> attrs, List<Tensor> inputs) {
    Object attr(String key) {
      Object value = attrs.get(key);
      if (value == null) {
        throw new IllegalArgumentException("Node '" + name + "' (op '" + type + "') lacks attr '" + key + "'");
      }
      return value;
    }

    <T> T attr(String key, Class<T> kind) {
      Object value = attr(key);
      if (!kind.isInstance(value)) {
        throw new IllegalArgumentException("Attr '" + key + "' of node '" + name + "' (op '" + type + "') must be a "
            + kind.getSimpleName() + ", got " + value);
      }
      return kind.cast(value);
    }

    boolean flag(String key) {
      return Boolean.TRUE.equals(attrs.get(key));
    }

    Tensor input(int i) {
      return inputs.get(i);
    }

    /** The strings of data input {@code i} when a string {@code Const} produces it, else null. */
    String[] constantStrings(int i) {
      Operation op = input(i).op();
      return op.type().equals("Const") && op.attr("value") instanceof NdArray value && value.dtype().isString()
          ? value.toStringArray() : null;
    }

    /** The values of data input {@code i} when a {@code Const} produces it, else null. */
    long[] constantInts(int i) {
      Operation op = input(i).op();
      if (!op.type().equals("Const") || !(op.attr("value") instanceof NdArray value) || value.dtype().isFloating()
          || value.dtype().isBool()) {
        return null;
      }
      return value.toLongArray();
    }
  }

  private static final Set<String> UNARY = Set.of("Identity", "Neg", "Square", "Relu", "Sigmoid", "Tanh", "Exp",
      "Log", "Sqrt", "Abs", "Softmax", "ZerosLike");
  private static final Set<String> BINARY = Set.of("Add", "AddV2", "Sub", "Mul", "RealDiv", "Pow", "Maximum",
      "Minimum", "SquaredDifference");
  private static final Set<String> RANDOM = Set.of("RandomUniform", "RandomStandardNormal", "TruncatedNormal");
  private static final Set<String> OTHER = Set.of("Const", "Placeholder", "VariableV2", "Assign", "NoOp", "Cast",
      "MatMul", "Sum", "Mean", "Reshape", "Fill", "L2Loss", "Slice", "ConcatV2", "PlaceholderWithDefault", "SaveV2",
      "RestoreV2");

  private OpTypes() {}

  /** Every op type the runtime runs, sorted. */
  static Set<String> known() {
    TreeSet<String> all = new TreeSet<>(UNARY);
    all.addAll(BINARY);
    all.addAll(RANDOM);
    all.addAll(OTHER);
    return all;
  }

  static boolean isKnown(String type) {
    return UNARY.contains(type) || BINARY.contains(type) || RANDOM.contains(type) || OTHER.contains(type);
  }

  /** The number of data inputs an op of {@code type} with these attrs takes ({@code ConcatV2}: {@code N} + 1). */
  static int arity(String type, Map<String, Object> attrs) {
    if (UNARY.contains(type) || RANDOM.contains(type) || type.equals("Cast") || type.equals("L2Loss")
        || type.equals("PlaceholderWithDefault")) {
      return 1;
    }
    return switch (type) {
      case "Const", "Placeholder", "VariableV2", "NoOp" -> 0;
      case "Slice", "RestoreV2" -> 3;
      case "SaveV2" -> attrs.get("dtypes") instanceof List<?> dtypes ? 3 + dtypes.size() : -1;
      case "ConcatV2" -> attrs.get("N") instanceof Number n ? Math.toIntExact(n.longValue()) + 1 : -1;
      default -> 2;
    };
  }

  /** The outputs of {@code node}, whose input count has been checked against {@link #arity}. */
  static List<Output> outputs(Node node) {
    String type = node.type();
    if (UNARY.contains(type)) {
      return one(sameTypeAsFirstInput(node), node.input(0).shape());
    }
    if (BINARY.contains(type)) {
      DType dtype = sameTypeAsFirstInput(node);
      requireSameDType(node, "x", "y");
      return one(dtype, StaticShapes.broadcast(node.input(0).shape(), node.input(1).shape(), node.name(), type));
    }
    if (RANDOM.contains(type)) {
      return one(node.attr("dtype", DType.class), StaticShapes.fromShapeInput(node.constantInts(0),
          node.input(0).shape()));
    }
    return switch (type) {
      case "Const" -> {
        NdArray value = node.attr("value", NdArray.class);
        if (node.attrs().containsKey("dtype") && node.attr("dtype") != value.dtype()) {
          throw new IllegalArgumentException("Node '" + node.name() + "' (op 'Const') has dtype " + node.attr("dtype")
              + " but a value of dtype " + value.dtype());
        }
        yield one(value.dtype(), value.shape());
      }
      case "Placeholder" -> one(node.attr("dtype", DType.class),
          node.attrs().containsKey("shape") ? node.attr("shape", Shape.class) : Shape.unknown());
      case "VariableV2" -> one(node.attr("dtype", DType.class), node.attr("shape", Shape.class));
      case "NoOp", "SaveV2" -> List.of();
      case "PlaceholderWithDefault" -> {
        Shape shape = node.attr("shape", Shape.class);
        if (!node.input(0).shape().isCompatibleWith(shape)) {
          throw new IllegalArgumentException("Node '" + node.name() + "' (op 'PlaceholderWithDefault') has shape "
              + shape + " but an input of shape " + node.input(0).shape());
        }
        yield one(sameTypeAsFirstInput(node), shape);
      }
      case "RestoreV2" -> {
        // As TF's shape function: a slice's shape from its constant spec, a whole tensor's only when read.
        String[] specs = node.constantStrings(2);
        List<?> dtypes = node.attr("dtypes", List.class);
        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < dtypes.size(); i++) {
          boolean slice = specs != null && i < specs.length && !specs[i].isEmpty();
          outputs.add(new Output((DType) dtypes.get(i), slice ? ShapeAndSlice.parse(specs[i]).sliceShape()
              : Shape.unknown()));
        }
        yield outputs;
      }
      case "Assign" -> {
        requireSameDType(node, "ref", "value");
        yield one(sameTypeAsFirstInput(node), node.input(0).shape());
      }
      case "Cast" -> one(node.attr("DstT", DType.class), node.input(0).shape());
      case "MatMul" -> {
        requireSameDType(node, "a", "b");
        yield one(sameTypeAsFirstInput(node), StaticShapes.matMul(node.input(0).shape(), node.input(1).shape(),
            node.flag("transpose_a"), node.flag("transpose_b"), node.name()));
      }
      case "Sum", "Mean" -> one(sameTypeAsFirstInput(node), StaticShapes.reduce(node.input(0).shape(),
          node.constantInts(1), node.flag("keep_dims"), node.name(), type));
      case "Reshape" -> {
        long[] dims = node.constantInts(1);
        Shape shape = dims == null ? StaticShapes.fromShapeInput(null, node.input(1).shape())
            : StaticShapes.reshape(node.input(0).shape(), dims, node.name());
        yield one(sameTypeAsFirstInput(node), shape);
      }
      case "Fill" -> one(node.input(1).dtype(), StaticShapes.fromShapeInput(node.constantInts(0),
          node.input(0).shape()));
      case "L2Loss" -> one(sameTypeAsFirstInput(node), Shape.scalar());
      case "Slice" -> one(sameTypeAsFirstInput(node), StaticShapes.slice(node.input(0).shape(), node.constantInts(1),
          node.constantInts(2), node.input(1).shape(), node.name()));
      case "ConcatV2" -> {
        int n = node.inputs().size() - 1;
        Shape[] shapes = new Shape[n];
        for (int i = 0; i < n; i++) {
          if (i > 0 && node.input(i).dtype() != node.input(0).dtype()) {
            throw new IllegalArgumentException("Node '" + node.name() + "' (op 'ConcatV2') concatenates values of "
                + "dtypes " + node.input(0).dtype() + " and " + node.input(i).dtype());
          }
          shapes[i] = node.input(i).shape();
        }
        yield one(sameTypeAsFirstInput(node), StaticShapes.concat(shapes, node.constantInts(n), node.name()));
      }
      default -> throw new IllegalArgumentException("Node '" + node.name() + "' has op type '" + type
          + "', which the scopegraph runtime has no kernel for");
    };
  }

  private static List<Output> one(DType dtype, Shape shape) {
    return List.of(new Output(dtype, shape));
  }

  /** The dtype of input 0, which an attr {@code T}, when given, must name. */
  private static DType sameTypeAsFirstInput(Node node) {
    DType dtype = node.input(0).dtype();
    Object t = node.attrs().get("T");
    if (t != null && t != dtype) {
      throw new IllegalArgumentException("Node '" + node.name() + "' (op '" + node.type() + "') has attr T=" + t
          + " but its input '" + node.input(0).name() + "' is " + dtype);
    }
    return dtype;
  }

  private static void requireSameDType(Node node, String first, String second) {
    DType a = node.input(0).dtype();
    DType b = node.input(1).dtype();
    if (a != b) {
      throw new IllegalArgumentException("Input '" + second + "' of '" + node.type() + "' Op has type " + b
          + " that does not match type " + a + " of argument '" + first + "' (node '" + node.name() + "').");
    }
  }
}
