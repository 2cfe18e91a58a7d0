package io.scopegraph.layers;

import io.scopegraph.Graph;
import io.scopegraph.Initializer;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import java.util.function.Function;

/**
 * TF 1.15's {@code tf.contrib.layers.fully_connected} and {@code conv2d}, for ports of contrib-built models, which
 * name things differently from {@code tf.layers}: default scopes {@code fully_connected} and {@code Conv}, variables
 * {@code weights} and {@code biases} (also in {@code MODEL_VARIABLES}), ReLU by default, {@code SAME} padding.
 * Reached as {@code tf.layers().contrib()}.
 */
public final class ContribLayers {
  /** {@code tf.GraphKeys.MODEL_VARIABLES}. */
  public static final String MODEL_VARIABLES = "model_variables";

  private final Ops tf;

  ContribLayers(Ops tf) {
    this.tf = tf;
  }

  public static Options options() {
    return new Options();
  }

  /** {@code tf.contrib.layers.fully_connected(inputs, num_outputs)}: scope {@code fully_connected}, ReLU. */
  public Tensor fullyConnected(Tensor inputs, int numOutputs) {
    return fullyConnected(inputs, numOutputs, options());
  }

  public Tensor fullyConnected(Tensor inputs, int numOutputs, Options o) {
    return inScope("fully_connected", o, sc -> new Dense(tf, numOutputs, Dense.options()
        .kernelInitializer(o.weightsInitializer).biasInitializer(o.biasesInitializer).trainable(o.trainable), sc,
        o.reuse).apply(inputs));
  }

  /** {@code tf.contrib.layers.conv2d(inputs, num_outputs, kernel_size)}: scope {@code Conv}, SAME, ReLU. */
  public Tensor conv2d(Tensor inputs, int numOutputs, int kernelSize) {
    return conv2d(inputs, numOutputs, new int[] {kernelSize}, options());
  }

  public Tensor conv2d(Tensor inputs, int numOutputs, int[] kernelSize, Options o) {
    return inScope("Conv", o, sc -> new Conv2D(tf, numOutputs, kernelSize, Conv2D.options().strides(o.stride)
        .padding(o.padding).kernelInitializer(o.weightsInitializer).biasInitializer(o.biasesInitializer)
        .trainable(o.trainable), sc, o.reuse).apply(inputs));
  }

  /** contrib's {@code variable_scope(scope, default_name, reuse=reuse, custom_getter=renaming)}, activation inside. */
  private Tensor inScope(String defaultName, Options o, Function<VarScope, Tensor> layer) {
    return tf.graph().atomically(() -> {
      try (VarScope sc = tf.variableScopeBuilder((String) o.scope).defaultName(defaultName).reuse(o.reuse)
          .customGetter(ContribLayers::modelVariable).enter()) {
        Tensor out = layer.apply(sc);
        return o.activation == null ? out : o.activation.apply(tf, out);
      }
    });
  }

  /** contrib's {@code _model_variable_getter}: {@code kernel} → {@code weights}, {@code bias} → {@code biases}. */
  private static Tensor modelVariable(io.scopegraph.VariableGetter getter, io.scopegraph.VariableRequest request) {
    String name = request.name();
    int slash = name.lastIndexOf('/');
    String shortName = name.substring(slash + 1);
    String renamed = switch (shortName) {
      case "kernel" -> "weights";
      case "bias" -> "biases";
      default -> shortName;
    };
    Tensor v = getter.get(request.withName(name.substring(0, slash + 1) + renamed));
    Graph g = v.graph();
    if (!g.collection(MODEL_VARIABLES).contains(v)) {
      g.addToCollection(MODEL_VARIABLES, v);
    }
    return v;
  }

  /** contrib's keyword arguments (its defaults). */
  public static final class Options {
    private Activation activation = Activation.RELU;
    private String scope;
    private Reuse reuse;
    private Initializer weightsInitializer = Initializers.glorotUniform();
    private Initializer biasesInitializer = Initializers.zeros();
    private int stride = 1;
    private String padding = "SAME";
    private boolean trainable = true;

    Options() {}

    /** {@code activation_fn}; null is linear (default ReLU). */
    public Options activationFn(Activation activation) {
      this.activation = activation;
      return this;
    }

    /** The variable scope (default: {@code fully_connected} / {@code Conv}, numbered). */
    public Options scope(String scope) {
      this.scope = scope;
      return this;
    }

    public Options reuse(Reuse reuse) {
      this.reuse = reuse;
      return this;
    }

    public Options weightsInitializer(Initializer weightsInitializer) {
      this.weightsInitializer = weightsInitializer;
      return this;
    }

    public Options biasesInitializer(Initializer biasesInitializer) {
      this.biasesInitializer = biasesInitializer;
      return this;
    }

    /** conv2d only (default 1). */
    public Options stride(int stride) {
      this.stride = stride;
      return this;
    }

    /** conv2d only (default {@code SAME}). */
    public Options padding(String padding) {
      this.padding = padding;
      return this;
    }

    public Options trainable(boolean trainable) {
      this.trainable = trainable;
      return this;
    }
  }
}
