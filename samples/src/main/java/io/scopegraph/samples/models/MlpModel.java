package io.scopegraph.samples.models;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/** A two-layer perceptron whose layers are named by the caller ({@code @ScopeName}). */
@Model
public abstract class MlpModel {
  protected final Ops tf;

  protected MlpModel(Ops tf) {
    this.tf = tf;
  }

  /** A fully connected layer {@code x W + b} in variable scope {@code name} (default {@code dense}). */
  @VariableScope(defaultName = "dense", initializer = Initializers.GlorotUniform.class)
  public Tensor dense(@ScopeName String name, Tensor x, int units) {
    Tensor w = tf.getVariable("kernel", Shape.of(x.shape().dim(1), units));
    Tensor b = tf.getVariable("bias", Shape.of(units), Initializers.zeros());
    return tf.add(tf.matMul(x, w), b);
  }

  @NameScope("mlp")
  public Tensor forward(Tensor x) {
    Tensor hidden = tf.relu(dense("hidden", x, 4));
    return tf.softmax(dense("output", hidden, 2));
  }
}
