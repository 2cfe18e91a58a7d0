package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.List;
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
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Executor overhead per op: one {@code Session.run} of a chain of {@value #LENGTH} scalar float adds
 * ({@code y = y + 1}, starting from a fed placeholder so nothing can be folded), fetching the end of the chain.
 * scopegraph's {@link Session} against the same graph (exported and imported) in a TensorFlow Java session with
 * its optimisers off ({@link TensorFlowSupport#optimizerOff()}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ChainBenchmark {
  static final int LENGTH = 10_000;

  private Tensor x;
  private Tensor end;
  private Session session;
  private final NdArray feed = NdArray.scalar(1.0f);
  private org.tensorflow.Graph tfGraph;
  private org.tensorflow.Session tfSession;
  private TFloat32 tfFeed;

  @Setup(Level.Trial)
  public void setUp() {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    Tensor one = tf.constant(1.0f, "one");
    Tensor y = x;
    for (int i = 0; i < LENGTH; i++) {
      y = tf.add(y, one);
    }
    end = y;
    session = new Session(graph);
    tfGraph = TensorFlowSupport.toTensorFlow(graph);
    tfSession = new org.tensorflow.Session(tfGraph, TensorFlowSupport.optimizerOff());
    tfFeed = TFloat32.scalarOf(1.0f);
    float a = scopegraph().get(0).toFloatArray()[0];
    float b;
    try (Result r = runTensorFlow()) {
      b = ((TFloat32) r.get(0)).getFloat();
    }
    if (a != LENGTH + 1 || b != LENGTH + 1) {
      throw new IllegalStateException("chain computed " + a + " and " + b);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
    tfFeed.close();
    tfSession.close();
    tfGraph.close();
  }

  @Benchmark
  public List<NdArray> scopegraph() {
    return session.runner().feed(x, feed).fetch(end).run();
  }

  @Benchmark
  public float tensorFlow() {
    try (Result r = runTensorFlow()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  private Result runTensorFlow() {
    return tfSession.runner().feed(x.op().name(), tfFeed).fetch(end.op().name()).run();
  }
}
