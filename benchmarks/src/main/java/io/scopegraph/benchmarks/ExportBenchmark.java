package io.scopegraph.benchmarks;

import io.scopegraph.Graph;
import io.scopegraph.tensorflow.GraphDefs;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.proto.GraphDef;

/**
 * GraphDef export of a graph of 100,001 nodes (a placeholder and 100k {@code Add} ops), per export:
 * scopegraph's {@link GraphDefs#export} against TensorFlow Java's {@code Graph.toGraphDef()} on the same graph
 * imported into TensorFlow. Both produce a {@code org.tensorflow.proto.GraphDef} message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ExportBenchmark {
  private Graph graph;
  private org.tensorflow.Graph tfGraph;

  @Setup(Level.Trial)
  public void setUp() {
    graph = GraphBuildingBenchmark.buildFlat(GraphBuildingBenchmark.OPS);
    tfGraph = TensorFlowSupport.toTensorFlow(graph);
    int mine = GraphDefs.export(graph).getNodeCount();
    int theirs = tfGraph.toGraphDef().getNodeCount();
    if (mine != theirs) {
      throw new IllegalStateException("node counts differ: " + mine + " vs " + theirs);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tfGraph.close();
  }

  @Benchmark
  public GraphDef scopegraph() {
    return GraphDefs.export(graph);
  }

  @Benchmark
  public GraphDef tensorFlow() {
    return tfGraph.toGraphDef();
  }
}
