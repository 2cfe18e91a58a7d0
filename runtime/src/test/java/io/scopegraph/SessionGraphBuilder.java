package io.scopegraph;

/**
 * Builds the graphs of {@link SessionTest} and {@link KernelsTest} directly through {@link Graph#addOp}, so
 * the executor is tested independently of the {@link Ops} facade. Ops are named exactly as given; computed
 * ops get an unknown static shape unless one is given (only feeds and {@code Assign} look at static shapes).
 */
final class SessionGraphBuilder {
  final Graph g;

  SessionGraphBuilder() {
    this(new Graph());
  }

  SessionGraphBuilder(Graph g) {
    this.g = g;
  }

  /** A single-output op. */
  Tensor op(String type, String name, Tensor[] inputs, Object[] attrs, DType dtype, Shape shape) {
    return g.atomically(() -> g.addOp(type, name, inputs, attrs, dtype, shape));
  }

  /** A single-output op with control inputs. */
  Tensor op(String type, String name, Tensor[] inputs, Operation[] controls, Object[] attrs, DType dtype,
      Shape shape) {
    return g.atomically(() -> g.addOp(type, name, inputs, controls, attrs, new DType[] {dtype},
        new Shape[] {shape}).output(0));
  }

  /** A {@code Const} holding {@code value} converted by {@link NdArray#of(Object)}. */
  Tensor constant(String name, Object value) {
    NdArray v = NdArray.of(value);
    return op("Const", name, new Tensor[0], new Object[] {"value", v, "dtype", v.dtype()}, v.dtype(), v.shape());
  }

  Tensor placeholder(String name, DType dtype, Shape shape) {
    return op("Placeholder", name, new Tensor[0], new Object[] {"dtype", dtype, "shape", shape}, dtype, shape);
  }

  /** A unary op of the input's dtype. */
  Tensor unary(String type, String name, Tensor x) {
    return op(type, name, new Tensor[] {x}, new Object[] {"T", x.dtype()}, x.dtype(), Shape.unknown());
  }

  /** A binary op of the inputs' dtype. */
  Tensor binary(String type, String name, Tensor x, Tensor y) {
    return op(type, name, new Tensor[] {x, y}, new Object[] {"T", x.dtype()}, x.dtype(), Shape.unknown());
  }

  Tensor identity(String name, Tensor x) {
    return unary("Identity", name, x);
  }

  Variable variable(String name, DType dtype, Shape shape) {
    return (Variable) op("VariableV2", name, new Tensor[0],
        new Object[] {"shape", shape, "dtype", dtype, "container", "", "shared_name", ""}, dtype, shape);
  }

  /** {@code Assign} with {@code validate_shape} true. */
  Tensor assign(String name, Variable v, Tensor value) {
    return assign(name, v, value, true);
  }

  Tensor assign(String name, Variable v, Tensor value, boolean validateShape) {
    return op("Assign", name, new Tensor[] {v, value},
        new Object[] {"T", v.dtype(), "validate_shape", validateShape, "use_locking", true}, v.dtype(), v.shape());
  }

  /** A {@code NoOp} depending on {@code controls}. */
  Operation noOp(String name, Operation... controls) {
    return g.atomically(() -> g.addOp("NoOp", name, new Tensor[0], controls, null, new DType[0], new Shape[0]));
  }

  /** A random op of {@code dims} with its shape input as a {@code Const} named {@code name + "/shape"}. */
  Tensor random(String type, String name, DType dtype, long seed, long seed2, int... dims) {
    long[] staticDims = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      staticDims[i] = dims[i];
    }
    Tensor shape = constant(name + "/shape", dims);
    return op(type, name, new Tensor[] {shape},
        new Object[] {"dtype", dtype, "seed", seed, "seed2", seed2, "T", DType.INT32}, dtype, Shape.of(staticDims));
  }
}
