package com.example;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.OpScope;
import io.scopegraph.annotations.VariableOpScope;

/** The seed's deprecated op_scope / variable_op_scope functions. */
@Model
@SuppressWarnings({"deprecation", "scopegraph:DeprecatedScope", "scopegraph:NameScopeOnlyVariable"})
public abstract class MySum {
  protected final Ops tf;

  protected MySum(Ops tf) {
    this.tf = tf;
  }

  @OpScope(defaultName = "mysum")
  public Tensor mysum(Tensor a, Tensor b) {
    tf.getVariable("v", Shape.of(1));
    tf.variable(new int[] {0}, "v2");
    return tf.add(a, b);
  }

  @VariableOpScope(defaultName = "mysum2")
  public Tensor mysum2(Tensor a, Tensor b) {
    tf.getVariable("v", Shape.of(1));
    tf.variable(new int[] {0}, "v2");
    return tf.add(a, b);
  }
}
