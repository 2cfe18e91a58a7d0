package corpus;

import io.scopegraph.DType;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;
import io.scopegraph.layers.Activation;
import io.scopegraph.layers.BatchNormalization;
import io.scopegraph.layers.Conv2D;
import io.scopegraph.layers.Dense;
import io.scopegraph.layers.Dropout;
import io.scopegraph.layers.Layers;

/** Layers (tf.layers' scope rules, cases L1, L3, L5, L6, L11): what each call creates, and in which scope. */
@Model
@SuppressWarnings("try")
public abstract class LayerScopes {
  private static final String HIDDEN = "hidden";

  protected final Ops tf;
  protected final Layers layers;

  protected LayerScopes(Ops tf) {
    this.tf = tf;
    this.layers = tf.layers();
  }

  /** L10: a name scope does not prefix the layer's variables: dense/kernel. */
  @NameScope("foo")
  public Tensor nameScoped(Tensor x) {
    return layers.dense(x, 2);
  }

  /** L1: dense, dense_1. */
  public Tensor unnamedTwice(Tensor x) {
    layers.dense(x, 2);
    return layers.dense(x, 3);
  }

  /** L6: fc shared by TRUE and AUTO; a constant name. */
  public Tensor namedShared(Tensor x) {
    Tensor a = tf.layers().dense(x, 2, "fc");
    tf.layers().dense(x, 2, Dense.options().name("fc").reuse(Reuse.TRUE));
    tf.layers().dense(x, 2, Dense.options().name("fc").reuse(Reuse.AUTO).activation(Activation.RELU));
    return a.add(layers.dense(x, 2, HIDDEN));
  }

  /** A layer object creates on its first call and shares later; named objects count: fc, fc_1 (L5's class form). */
  public Tensor objects(Tensor x) {
    Dense d = layers.denseLayer(2);
    d.apply(x);
    d.apply(x);
    layers.denseLayer(2, Dense.options().name("fc")).apply(x);
    return layers.denseLayer(2, Dense.options().name("fc").useBias(false)).apply(x);
  }

  /** L11 with reuse: discriminator/dense, discriminator/dense_1, shared by the second build. */
  @VariableScope(value = "discriminator", reuse = Reuse.AUTO)
  public Tensor disc(Tensor x) {
    Tensor h = layers.dense(x, 4, Dense.options().activation(Activation.RELU));
    return layers.dense(h, 1);
  }

  public Tensor gan(Tensor real, Tensor fake) {
    return disc(real).sub(disc(fake));
  }

  /** Default names skip what scopes without variables and string scopes took: dense_1 by dropout, dense_2 literal. */
  public Tensor blocked(Tensor x) {
    layers.dense(x, 2);
    layers.dropout(x, 0.5, false, Dropout.options().name("dense"));
    layers.dense(x, 2, "dense_2");
    return layers.dense(x, 2); // dense_3
  }

  /** Counters per scope: outer/dense, outer/dense_1, then dense at the root; batch normalization's four variables. */
  public Tensor nested(Tensor x) {
    try (VarScope s = tf.variableScope("outer")) {
      layers.dense(x, 2);
      layers.dense(x, 2);
      layers.batchNormalization(x, BatchNormalization.options().scale(false));
    }
    layers.batchNormalization(x);
    return layers.dense(x, 2);
  }

  /** An object made once and applied in a loop creates once; objects made in a loop are not counted (incomplete). */
  public Tensor loops(Tensor x) {
    Dense d = layers.denseLayer(2, Dense.options().name("once"));
    for (int i = 0; i < 3; i++) {
      d.apply(x);
    }
    for (int i = 0; i < 2; i++) {
      Dense each = layers.denseLayer(2);
      each.apply(x);
      layers.dense(x, 2);
    }
    return layers.dense(x, 2, "after");
  }

  /** conv2d kernels [k, k, in, filters]; pooling takes a default name of its own. */
  public Tensor convolutions(Tensor x) {
    Tensor images = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "images");
    Tensor c = layers.conv2d(images, 4, 3);
    layers.maxPooling2d(c, 2, 2, "conv2d");
    layers.averagePooling2d(c, 2, 2);
    layers.conv2d(images, 4, new int[] {3, 5}, Conv2D.options().name("c").useBias(false));
    return layers.conv2d(images, 2, 1);
  }
}
