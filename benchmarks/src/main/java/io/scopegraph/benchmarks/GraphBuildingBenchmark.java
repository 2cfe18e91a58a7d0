package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.types.TFloat32;

/**
 * Graph building, time per graph of {@value #OPS} {@code Add} ops (each {@code add(x, x)} on one scalar
 * placeholder):
 *
 * <ul>
 *   <li>{@link #flatScopegraph}: all ops in the root scope ({@code add}, {@code add_1}, …);
 *   <li>{@link #nestedScopegraph}: the same ops inside 1,100 scopes: 100 variable scopes with 10 name scopes
 *       each, 100 ops per inner scope;
 *   <li>{@link #flatTensorFlow}: the peer, TensorFlow Java's {@code Ops} API ({@code tf.math.add}) on a native
 *       graph (closed after each invocation, outside the measurement).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class GraphBuildingBenchmark {
  static final int OPS = 100_000;

  private org.tensorflow.Graph tfGraph;

  // More forks and iterations than the peer: one build is about 30 ms and a young collection inside it doubles
  // that, and each JVM sizes its young generation its own way, so one fork of five iterations left the
  // nested/flat ratio to chance on this 2-core machine (medians of single forks ranged 0.7-1.3).
  @Benchmark
  @Fork(3)
  @Warmup(iterations = 5, time = 2)
  @Measurement(iterations = 10, time = 2)
  public Graph flatScopegraph() {
    return buildFlat(OPS);
  }

  @Benchmark
  @Fork(3)
  @Warmup(iterations = 5, time = 2)
  @Measurement(iterations = 10, time = 2)
  public Graph nestedScopegraph() {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    for (int o = 0; o < 100; o++) {
      try (VarScope outer = tf.variableScope("outer" + o)) {
        for (int i = 0; i < 10; i++) {
          try (NameScopeHandle inner = tf.nameScope("inner" + i)) {
            for (int k = 0; k < 100; k++) {
              tf.add(x, x);
            }
          }
        }
      }
    }
    return graph;
  }

  @Benchmark
  public org.tensorflow.Graph flatTensorFlow() {
    TensorFlowSupport.init();
    tfGraph = new org.tensorflow.Graph();
    org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(tfGraph);
    org.tensorflow.Operand<TFloat32> x = tf.placeholder(TFloat32.class);
    for (int i = 0; i < OPS; i++) {
      tf.math.add(x, x);
    }
    return tfGraph;
  }

  @TearDown(Level.Invocation)
  public void closeTensorFlowGraph() {
    if (tfGraph != null) {
      tfGraph.close();
      tfGraph = null;
    }
  }

  /** A graph with one placeholder and {@code ops} {@code Add} ops in the root scope. */
  static Graph buildFlat(int ops) {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    for (int i = 0; i < ops; i++) {
      tf.add(x, x);
    }
    return graph;
  }
}
