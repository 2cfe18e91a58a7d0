package io.scopegraph.samples.checkpoints;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Checkpoint;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * A small classifier whose weights come from a checkpoint TensorFlow wrote
 * ({@code src/main/resources/checkpoints/classifier/model.ckpt}). Its TF 1.15 twin:
 *
 * <pre>
 * def logits(x):
 *   with tf.variable_scope("classifier"):
 *     with tf.variable_scope("hidden"):
 *       h = tf.nn.relu(tf.matmul(x, tf.get_variable("kernel", [3, 4])) + tf.get_variable("bias", [4]))
 *     with tf.variable_scope("output"):
 *       return tf.matmul(h, tf.get_variable("kernel", [4, 2])) + tf.get_variable("bias", [2])
 * </pre>
 */
@Model
public abstract class ClassifierModel {
  protected final Ops tf;

  protected ClassifierModel(Ops tf) {
    this.tf = tf;
  }

  /**
   * Two class scores per row of {@code x} ({@code [batch, 3]}). {@code @Checkpoint}: the processor compares the
   * variables this creates with the shipped checkpoint's keys, so a renamed scope fails javac.
   */
  @VariableScope("classifier")
  @Checkpoint("checkpoints/classifier/model.ckpt")
  public Tensor logits(Tensor x) {
    return output(tf.relu(hidden(x)));
  }

  @VariableScope("hidden")
  protected Tensor hidden(Tensor x) {
    Tensor kernel = tf.getVariable("kernel", Shape.of(3, 4));
    Tensor bias = tf.getVariable("bias", Shape.of(4), Initializers.zeros());
    return tf.add(tf.matMul(x, kernel), bias);
  }

  @VariableScope("output")
  protected Tensor output(Tensor h) {
    Tensor kernel = tf.getVariable("kernel", Shape.of(4, 2));
    Tensor bias = tf.getVariable("bias", Shape.of(2), Initializers.zeros());
    return tf.add(tf.matMul(h, kernel), bias);
  }
}
