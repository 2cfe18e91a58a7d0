package io.scopegraph;

import java.util.List;
import java.util.Objects;

/**
 * The keyword arguments of {@code tf.gradients} other than {@code ys} and {@code xs}:
 *
 * <pre>{@code
 * tf.gradients(List.of(loss), vars, GradientOptions.builder()
 *     .gateGradients(true)
 *     .aggregationMethod(AggregationMethod.EXPERIMENTAL_TREE)
 *     .build());
 * }</pre>
 *
 * Defaults as TF: no {@code grad_ys} (ones), no {@code stop_gradients}, {@link AggregationMethod#ADD_N},
 * {@link UnconnectedGradients#NONE}, {@code gate_gradients=False}, name {@code gradients}.
 */
public final class GradientOptions {
  private static final GradientOptions DEFAULTS = builder().build();

  private final List<Tensor> gradYs;
  private final List<Tensor> stopGradients;
  private final AggregationMethod aggregationMethod;
  private final UnconnectedGradients unconnectedGradients;
  private final boolean gateGradients;
  private final String name;

  private GradientOptions(Builder b) {
    gradYs = b.gradYs;
    stopGradients = b.stopGradients;
    aggregationMethod = b.aggregationMethod;
    unconnectedGradients = b.unconnectedGradients;
    gateGradients = b.gateGradients;
    name = b.name;
  }

  public static GradientOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The gradients of the {@code ys} to start from ({@code null} entries: ones), or null: all ones. */
  public List<Tensor> gradYs() {
    return gradYs;
  }

  public List<Tensor> stopGradients() {
    return stopGradients;
  }

  public AggregationMethod aggregationMethod() {
    return aggregationMethod;
  }

  public UnconnectedGradients unconnectedGradients() {
    return unconnectedGradients;
  }

  public boolean gateGradients() {
    return gateGradients;
  }

  /** The name scope's name ({@code null}: {@code gradients}). */
  public String name() {
    return name;
  }

  public static final class Builder {
    private List<Tensor> gradYs;
    private List<Tensor> stopGradients = List.of();
    private AggregationMethod aggregationMethod = AggregationMethod.ADD_N;
    private UnconnectedGradients unconnectedGradients = UnconnectedGradients.NONE;
    private boolean gateGradients;
    private String name;

    private Builder() {}

    /** {@code grad_ys}: one per y, {@code null} entries meaning ones. */
    public Builder gradYs(List<? extends Tensor> gradYs) {
      this.gradYs = gradYs == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(gradYs));
      return this;
    }

    /** {@code stop_gradients}: tensors treated as constants. */
    public Builder stopGradients(List<? extends Tensor> stopGradients) {
      this.stopGradients = List.copyOf(stopGradients);
      return this;
    }

    public Builder aggregationMethod(AggregationMethod method) {
      aggregationMethod = Objects.requireNonNull(method, "method");
      return this;
    }

    public Builder unconnectedGradients(UnconnectedGradients value) {
      unconnectedGradients = Objects.requireNonNull(value, "value");
      return this;
    }

    /** {@code gate_gradients}: pass each op's input gradients through {@code tuple} (the optimizers' GATE_OP). */
    public Builder gateGradients(boolean gate) {
      gateGradients = gate;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public GradientOptions build() {
      return new GradientOptions(this);
    }
  }
}
