package io.scopegraph;

/**
 * An output of an {@link Operation}, named {@code "<op name>:<index>"} as in TensorFlow. Arithmetic methods
 * behave like TensorFlow's Python operators: {@code x.add(y)} opens a name scope {@code add} (uniquified:
 * {@code add_1}, …) in the current name scope and creates an {@code AddV2} op named like that scope; a Java
 * number operand becomes a constant {@code y} inside that scope, converted to this tensor's dtype
 * ({@code x.add(1.0f)} creates {@code add/y} and {@code add}). The reflected forms ({@code radd}, …) stand
 * for {@code number + x} and name the constant {@code x}.
 */
public non-sealed class Tensor implements TensorLike {
  private final Operation op;
  private final DType dtype;
  private Shape shape; // refined only by setShape (TF's set_shape), e.g. on a computed gradient
  // No index field: it is found in the op's outputs (one for most ops), which keeps a tensor at 24 bytes.

  Tensor(Operation op, DType dtype, Shape shape) {
    this.op = op;
    this.dtype = dtype;
    this.shape = shape;
  }

  public Operation op() {
    return op;
  }

  /** Output index in {@link #op()}. */
  public int index() {
    return op.outputIndex(this);
  }

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  /**
   * TF's {@code Tensor.set_shape}: merges {@code other} into the static shape ({@link IncompatibleShapesException}
   * when incompatible), e.g. what a layer knows of its output that shape inference cannot see; undone when an
   * enclosing {@link Graph#atomically} call fails.
   */
  public void setShape(Shape other) {
    graph().atomically(() -> {
      Shape merged = shape.mergeWith(other);
      if (!merged.equals(shape)) {
        Shape before = shape;
        shape = merged;
        graph().onUndo(() -> shape = before);
      }
      return null;
    });
  }

  public Graph graph() {
    return op.graph();
  }

  /** {@code "<op name>:<index>"}, e.g. {@code "my_scope/Add:0"}. */
  public String name() {
    return op.name() + ":" + index();
  }

  /** The tensor an op reads when this is an input (a variable's {@code read} snapshot; itself otherwise). */
  Tensor value() {
    return this;
  }

  private Ops ops() {
    return Ops.on(graph());
  }

  /** {@code this + y}. */
  public Tensor add(Tensor y) {
    return ops().binaryOperator("add", this, y);
  }

  /** {@code this + y} with {@code y} a constant named {@code y}. */
  public Tensor add(Number y) {
    return ops().binaryOperator("add", this, y);
  }

  /** {@code x + this}, the constant named {@code x}. */
  public Tensor radd(Number x) {
    return ops().reflectedOperator("add", x, this);
  }

  public Tensor sub(Tensor y) {
    return ops().binaryOperator("sub", this, y);
  }

  public Tensor sub(Number y) {
    return ops().binaryOperator("sub", this, y);
  }

  public Tensor rsub(Number x) {
    return ops().reflectedOperator("sub", x, this);
  }

  public Tensor mul(Tensor y) {
    return ops().binaryOperator("mul", this, y);
  }

  public Tensor mul(Number y) {
    return ops().binaryOperator("mul", this, y);
  }

  public Tensor rmul(Number x) {
    return ops().reflectedOperator("mul", x, this);
  }

  /** Python 3's {@code /}: integers are cast to float64 first; op type {@code RealDiv}. */
  public Tensor truediv(Tensor y) {
    return ops().binaryOperator("truediv", this, y);
  }

  public Tensor truediv(Number y) {
    return ops().binaryOperator("truediv", this, y);
  }

  public Tensor rtruediv(Number x) {
    return ops().reflectedOperator("truediv", x, this);
  }

  public Tensor pow(Tensor y) {
    return ops().binaryOperator("pow", this, y);
  }

  public Tensor pow(Number y) {
    return ops().binaryOperator("pow", this, y);
  }

  /** {@code -this}: op {@code Neg}. */
  public Tensor neg() {
    return ops().neg(this);
  }

  /** Python's {@code repr}: {@code Tensor("a:0", shape=(2,), dtype=float32)}. */
  @Override
  public String toString() {
    return "Tensor(\"" + name() + "\", shape=" + shape + ", dtype=" + dtype + ")";
  }
}
