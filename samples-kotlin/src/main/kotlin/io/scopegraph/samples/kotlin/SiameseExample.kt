package io.scopegraph.samples.kotlin

import io.scopegraph.DType
import io.scopegraph.Graph
import io.scopegraph.NdArray
import io.scopegraph.Ops
import io.scopegraph.Session
import io.scopegraph.Shape
import io.scopegraph.Tensor

/** The Kotlin Siamese network on a fresh graph: placeholders `left` and `right` of 3 features, and their distance. */
class SiameseExample private constructor(val graph: Graph, val left: Tensor, val right: Tensor, val distance: Tensor) {

  /** The distance of each pair of rows, with freshly initialised weights. */
  fun distances(left: NdArray, right: NdArray): FloatArray =
    Session(graph).use { s ->
      s.run(Ops.on(graph).globalVariablesInitializer())
      s.run(listOf(distance), mapOf(this.left to left, this.right to right))[0].toFloatArray()
    }

  companion object {
    @JvmStatic
    fun build(): SiameseExample {
      val graph = Graph()
      val tf = Ops.on(graph)
      val model = ScopedSiamese.create(tf) // generated Java, called from Kotlin
      val left = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "left")
      val right = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "right")
      return SiameseExample(graph, left, right, model.distance(left, right))
    }
  }
}
