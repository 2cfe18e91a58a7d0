package io.scopegraph.samples.training;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/**
 * A 2-16-16-2 perceptron that tells two interleaved spirals apart. The same model in TensorFlow 1.15:
 *
 * <pre>{@code
 * def dense(name, x, units):
 *   with tf.variable_scope(name, initializer=tf.glorot_uniform_initializer()):
 *     w = tf.get_variable("kernel", [x.shape[1], units])
 *     b = tf.get_variable("bias", [units], initializer=tf.zeros_initializer())
 *     return tf.matmul(x, w) + b
 * h = tf.nn.relu(dense("hidden1", x, 16))
 * h = tf.nn.relu(dense("hidden2", h, 16))
 * logits = dense("logits", h, 2)
 * }</pre>
 */
@Model
public abstract class SpiralClassifier {
  protected final Ops tf;

  protected SpiralClassifier(Ops tf) {
    this.tf = tf;
  }

  /** A fully connected layer {@code x W + b} in variable scope {@code name}. */
  @VariableScope(defaultName = "dense", initializer = Initializers.GlorotUniform.class)
  public Tensor dense(@ScopeName String name, Tensor x, int units) {
    Tensor w = tf.getVariable("kernel", Shape.of(x.shape().dim(1), units));
    Tensor b = tf.getVariable("bias", Shape.of(units), Initializers.zeros());
    return tf.matMul(x, w).add(b);
  }

  /** The unnormalised class scores of each point. */
  public Tensor logits(Tensor points) {
    Tensor h = tf.relu(dense("hidden1", points, 16));
    h = tf.relu(dense("hidden2", h, 16));
    return dense("logits", h, 2);
  }
}
