package io.scopegraph.samples.checkpoints;

import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Checkpoint;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.VariableScope;

/**
 * ClassifierModel with its scope renamed to "classifier_v2": its names no longer match the shipped checkpoint,
 * so javac fails (this file is not part of the build; RenamedClassifierCompileTest compiles it).
 */
@Model
public abstract class RenamedClassifierModel {
  protected final Ops tf;

  protected RenamedClassifierModel(Ops tf) {
    this.tf = tf;
  }

  @VariableScope("classifier_v2")
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
