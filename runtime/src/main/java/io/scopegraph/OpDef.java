package io.scopegraph;

import io.scopegraph.kernels.RunPlan;
import io.scopegraph.kernels.Kernel;
import io.scopegraph.kernels.SessionState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Everything the project knows about one op type, in one place: its data inputs, which of them are variable
 * references, its shape function, its kernel and its gradient. {@link Ops} and {@link OpBuilder} read the shape
 * function when they add a node, the {@link Session} the kernel, {@link Ops#gradients} the gradient, and the
 * GraphDef importer all three. Built-in types are defined by the runtime; users add theirs with
 * {@link OpRegistry#register}:
 *
 * <pre>{@code
 * OpRegistry.register(OpDef.builder("Swish")
 *     .inputs("x")
 *     .shape(node -> node.likeInput(0))
 *     .kernel((op, in) -> List.of(swish(in.get(0))))
 *     .gradient((tf, op, grads) -> List.of(swishGrad(tf, op.input(0), grads.get(0))))
 *     .build());
 * Tensor y = graph.opBuilder("Swish", "swish").addInput(x).build().output(0);
 * }</pre>
 */
public final class OpDef {
  private final String type;
  private final List<String> inputNames;
  private final ToIntFunction<Map<String, Object>> inputCount;
  private final int[] refInputs;
  private final ShapeFunction shapes;
  private final Object kernel; // an OpKernel, a KernelFactory or a MultiKernelFactory; null: none
  private final GradientFunction gradient;
  private final SparseGradientFunction sparseGradient;
  private final boolean notDifferentiable;

  private OpDef(Builder b) {
    type = b.type;
    inputNames = b.inputNames;
    inputCount = b.inputCount;
    refInputs = b.refInputs;
    shapes = b.shapes;
    kernel = b.kernel;
    gradient = b.gradient;
    sparseGradient = b.sparseGradient;
    notDifferentiable = b.notDifferentiable;
  }

  public static Builder builder(String type) {
    return new Builder(type);
  }

  public String type() {
    return type;
  }

  /** The names of the data inputs (TF's op-def argument names), when their number is fixed; else empty. */
  public List<String> inputNames() {
    return inputNames;
  }

  /**
   * The number of data inputs a node with these attributes takes ({@code ConcatV2}: {@code N + 1}), or -1
   * when an attribute it depends on is missing.
   */
  public int numInputs(Map<String, Object> attrs) {
    return inputCount != null ? inputCount.applyAsInt(attrs) : inputNames.size();
  }

  /** Whether data input {@code i} is a variable reference that the kernel writes (not a value it reads). */
  public boolean isRefInput(int i) {
    for (int r : refInputs) {
      if (r == i) {
        return true;
      }
    }
    return false;
  }

  /** The dtypes and static shapes of the outputs of {@code node}, or the error TF would raise building it. */
  public List<OutputSpec> outputs(OpContext node) {
    return shapes.outputs(node);
  }

  /** Whether the {@link Session} can run ops of this type. */
  public boolean hasKernel() {
    return kernel != null;
  }

  /** The gradient function, or null: none registered (or {@link #isNotDifferentiable()}). */
  public GradientFunction gradient() {
    return gradient;
  }

  /**
   * The gradient that takes and may return {@link IndexedSlices}, or null: the op has none, or a dense
   * {@link #gradient()} (which receives {@code IndexedSlices} converted to dense tensors).
   */
  public SparseGradientFunction sparseGradient() {
    return sparseGradient;
  }

  /** Registered as not differentiable ({@code ops.NotDifferentiable}): its inputs get no gradient through it. */
  public boolean isNotDifferentiable() {
    return notDifferentiable;
  }

  Object kernel() {
    return kernel;
  }

  @Override
  public String toString() {
    return "OpDef(" + type + ")";
  }

  /** Builds an {@link OpDef}; the inputs and the shape function are required. */
  public static final class Builder {
    private final String type;
    private List<String> inputNames = List.of();
    private ToIntFunction<Map<String, Object>> inputCount;
    private int[] refInputs = {};
    private ShapeFunction shapes;
    private Object kernel;
    private GradientFunction gradient;
    private SparseGradientFunction sparseGradient;
    private boolean notDifferentiable;
    private boolean inputsSet;

    private Builder(String type) {
      if (type == null || !type.matches("[A-Z][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("Op type '" + type + "' must be a CamelCase name like TensorFlow's "
            + "(letters, digits, '_', starting with a capital)");
      }
      this.type = type;
    }

    /** The data inputs, by their TF argument names, in order. */
    public Builder inputs(String... names) {
      inputNames = List.of(names);
      inputCount = null;
      inputsSet = true;
      return this;
    }

    /** A variable number of data inputs, counted from the node's attributes (-1 when one is missing). */
    public Builder inputCount(ToIntFunction<Map<String, Object>> count) {
      inputNames = List.of();
      inputCount = Objects.requireNonNull(count, "count");
      inputsSet = true;
      return this;
    }

    public Builder shape(ShapeFunction function) {
      shapes = Objects.requireNonNull(function, "function");
      return this;
    }

    public Builder kernel(OpKernel kernel) {
      this.kernel = Objects.requireNonNull(kernel, "kernel");
      return this;
    }

    public Builder gradient(GradientFunction function) {
      gradient = Objects.requireNonNull(function, "function");
      sparseGradient = null;
      notDifferentiable = false;
      return this;
    }

    /**
     * A gradient that receives each output's gradient as TF passes it, a {@link Tensor} or an
     * {@link IndexedSlices}, and may return {@code IndexedSlices} ({@code GatherV2}, {@code Identity}).
     */
    public Builder sparseGradient(SparseGradientFunction function) {
      sparseGradient = Objects.requireNonNull(function, "function");
      gradient = null;
      notDifferentiable = false;
      return this;
    }

    /** {@code ops.NotDifferentiable(type)}: gradients stop here without an error. */
    public Builder notDifferentiable() {
      gradient = null;
      sparseGradient = null;
      notDifferentiable = true;
      return this;
    }

    /** Data inputs that are variable references (the first of {@code Assign}, {@code ApplyAdam}, …). */
    Builder refInputs(int... inputs) {
      refInputs = inputs.clone();
      return this;
    }

    Builder kernelOf(KernelFactory factory) {
      kernel = factory;
      return this;
    }

    Builder multiKernelOf(MultiKernelFactory factory) {
      kernel = factory;
      return this;
    }

    public OpDef build() {
      if (!inputsSet) {
        throw new IllegalStateException("OpDef " + type + " needs inputs(...) or inputCount(...)");
      }
      if (shapes == null) {
        throw new IllegalStateException("OpDef " + type + " needs a shape function");
      }
      Arrays.sort(refInputs);
      return new OpDef(this);
    }
  }

  /** Resolves an op's single-output kernel once per plan (internal kernels; the session's state given). */
  @FunctionalInterface
  interface KernelFactory {
    Kernel create(Operation op, SessionState state);
  }

  /** Resolves a kernel of several outputs once per plan. */
  @FunctionalInterface
  interface MultiKernelFactory {
    RunPlan.MultiKernel create(Operation op, SessionState state);
  }
}
