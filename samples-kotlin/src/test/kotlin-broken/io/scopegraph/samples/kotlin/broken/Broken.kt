package io.scopegraph.samples.kotlin

import io.scopegraph.Ops
import io.scopegraph.Tensor
import io.scopegraph.annotations.Model
import io.scopegraph.annotations.VariableScope

@Model
abstract class Broken protected constructor(protected val tf: Ops) {

  @VariableScope("tower")
  fun embed(x: Tensor): Tensor {
    return tf.relu(x)
  }

  @VariableScope("tower:0")
  open fun other(x: Tensor): Tensor = x
}
