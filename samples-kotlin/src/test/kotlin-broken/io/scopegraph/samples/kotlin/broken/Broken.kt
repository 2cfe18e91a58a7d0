package io.scopegraph.samples.kotlin.broken

import io.scopegraph.Ops
import io.scopegraph.Tensor
import io.scopegraph.annotations.Model
import io.scopegraph.annotations.VariableScope

// Models with mistakes, compiled by KaptDiagnosticsTest (not by this module's build): each line number matters.
@Model
abstract class Broken protected constructor(protected val tf: Ops) {

  @VariableScope("tower")
  fun embed(x: Tensor): Tensor {
    return tf.relu(x)
  }

  @VariableScope("tower:0")
  open fun other(x: Tensor): Tensor = x
}

@Model
class Closed(protected val tf: Ops) {
  @VariableScope("head")
  open fun head(x: Tensor): Tensor = x
}
