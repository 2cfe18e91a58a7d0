package io.scopegraph;

import java.util.List;

/**
 * A node about to be added, as a {@link ShapeFunction} sees it: its name and type, its data inputs (already in
 * the graph) and its attributes. Attribute and constant-input lookups fail with an {@link IllegalArgumentException}
 * naming the node, as an import of a malformed GraphDef must.
 */
public final class OpContext {
  private final String name;
  private final String type;
  private final List<Tensor> inputs;
  private final Object[] attrs; // key, value, key, value…

  OpContext(String name, String type, List<Tensor> inputs, Object[] attrs) {
    this.name = name;
    this.type = type;
    this.inputs = inputs;
    this.attrs = attrs == null ? new Object[0] : attrs;
  }

  /** The node's full name. */
  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public List<Tensor> inputs() {
    return inputs;
  }

  public int numInputs() {
    return inputs.size();
  }

  public Tensor input(int i) {
    return inputs.get(i);
  }

  /** Whether the attribute is set. */
  public boolean hasAttr(String key) {
    return find(key) >= 0;
  }

  /** The attribute, which must be set. */
  public Object attr(String key) {
    int i = find(key);
    if (i < 0) {
      throw new IllegalArgumentException("Node '" + name + "' (op '" + type + "') lacks attr '" + key + "'");
    }
    return attrs[i + 1];
  }

  /** The attribute, which must be set and of this Java type ({@code DType}, {@code Boolean}, {@code Long}, …). */
  public <T> T attr(String key, Class<T> kind) {
    Object value = attr(key);
    if (!kind.isInstance(value)) {
      throw new IllegalArgumentException("Attr '" + key + "' of node '" + name + "' (op '" + type + "') must be a "
          + kind.getSimpleName() + ", got " + value);
    }
    return kind.cast(value);
  }

  /** A boolean attribute; absent means false. */
  public boolean flag(String key) {
    int i = find(key);
    return i >= 0 && Boolean.TRUE.equals(attrs[i + 1]);
  }

  /** An integer attribute, or {@code defaultValue} when absent. */
  public long intAttr(String key, long defaultValue) {
    int i = find(key);
    return i < 0 ? defaultValue : attr(key, Number.class).longValue();
  }

  /** The values of input {@code i} when a numeric integer {@code Const} produces it, else null. */
  public long[] constantInts(int i) {
    NdArray value = constantValue(i);
    return value != null && value.dtype().isInteger() ? value.toLongArray() : null;
  }

  /** The strings of input {@code i} when a string {@code Const} produces it, else null. */
  public String[] constantStrings(int i) {
    NdArray value = constantValue(i);
    return value != null && value.dtype().isString() ? value.toStringArray() : null;
  }

  /** The value of input {@code i} when a {@code Const} produces it, else null. */
  public NdArray constantValue(int i) {
    Operation op = input(i).op();
    return op.type().equals("Const") && op.attr("value") instanceof NdArray value ? value : null;
  }

  /**
   * The dtype of input {@code i}, which attribute {@code T} must name when set (as TF checks a node's
   * {@code T} against its inputs on import).
   */
  public DType dtypeOfInput(int i) {
    DType dtype = input(i).dtype();
    int at = find("T");
    if (at >= 0 && attrs[at + 1] != dtype) {
      throw new IllegalArgumentException("Node '" + name + "' (op '" + type + "') has attr T=" + attrs[at + 1]
          + " but its input '" + input(i).name() + "' is " + dtype);
    }
    return dtype;
  }

  /** Requires inputs {@code a} and {@code b} (TF arg names {@code argA}, {@code argB}) to have one dtype. */
  public void requireSameDType(int a, String argA, int b, String argB) {
    DType x = input(a).dtype();
    DType y = input(b).dtype();
    if (x != y) {
      throw new DTypeMismatchException("Input '" + argB + "' of '" + type + "' Op has type " + y
          + " that does not match type " + x + " of argument '" + argA + "'.");
    }
  }

  /** One output. */
  public static List<OutputSpec> one(DType dtype, Shape shape) {
    return List.of(new OutputSpec(dtype, shape));
  }

  /** One output with the dtype and shape of input {@code i}. */
  public List<OutputSpec> likeInput(int i) {
    return one(dtypeOfInput(i), input(i).shape());
  }

  /**
   * A shape given by integer vector input {@code i}: its values when constant, else only its length when known
   * ({@code Fill}'s dims, {@code Reshape}'s shape, a random op's shape).
   */
  public Shape shapeFromInput(int i) {
    long[] values = constantInts(i);
    if (values != null) {
      return Shape.of(values);
    }
    return unknownDimsPerElement(i);
  }

  /** A shape of unknown dimensions, one per element of vector input {@code i} when its length is known. */
  public Shape unknownDimsPerElement(int i) {
    Shape s = input(i).shape();
    return s.hasKnownRank() && s.rank() == 1 && s.dim(0) >= 0 ? Shape.unknown((int) s.dim(0)) : Shape.unknown();
  }

  private int find(String key) {
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  Object[] attrArray() {
    return attrs;
  }
}
