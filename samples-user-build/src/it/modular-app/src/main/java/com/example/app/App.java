package com.example.app;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.List;

/** Builds the tower on two inputs and prints what TensorFlow would name. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    describe().forEach(System.out::println);
  }

  /** The variables and the distance's op name. */
  public static List<String> describe() {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Tensor left = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "left");
    Tensor right = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "right");
    Tensor distance = ScopedTower.create(tf).distance(left, right);
    return List.of(String.join(",", graph.variableStore().keySet()), distance.op().name());
  }
}
