package com.example;

import io.scopegraph.DType;
import io.scopegraph.Initializers;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.ScopeName;
import io.scopegraph.annotations.VariableScope;

/** A multi-layer perceptron whose layers are named per call. */
@Model
class Mlp {
  private final Ops tf;
  private final int inputs;

  Mlp(Ops tf, int inputs) {
    this.tf = tf;
    this.inputs = inputs;
  }

  Ops ops() {
    return tf;
  }

  @VariableScope(defaultName = "dense", initializer = Initializers.GlorotUniform.class, dtype = DType.FLOAT32)
  Tensor dense(@ScopeName String name, Tensor x, int units) {
    long in = x.shape().dim(1);
    Tensor w = tf.getVariable("kernel", Shape.of(in, units));
    Tensor b = tf.getVariable("bias", Shape.of(units), Initializers.zeros());
    return tf.add(tf.matMul(x, w), b);
  }

  Tensor forward(Tensor x) {
    return tf.relu(dense(null, tf.relu(dense("hidden", x, 8)), 2));
  }

  int inputs() {
    return inputs;
  }
}
