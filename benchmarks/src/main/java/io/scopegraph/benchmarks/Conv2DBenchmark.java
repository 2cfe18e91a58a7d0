package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * float32 {@code Conv2D} of a fed batch of 32 images 28x28x32 with a fed 3x3x32x64 filter, SAME, stride 1: the
 * forward op alone, and forward plus both backprop ops ({@code tf.gradients} of {@code sum(conv)}: the input's
 * and the filter's gradient, {@code Conv2DBackpropInput} and {@code Conv2DBackpropFilter}). scopegraph's
 * {@link Session} with plain Java loops and, in a fork started with the module, with the Vector API, against
 * TensorFlow Java 1.1.0 on the exported graph (optimisers off, its default thread pools: all cores). The set-up
 * checks that both compute the same values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Conv2DBenchmark {
  static final int BATCH = 32;
  static final int SIZE = 28;
  static final int IN = 32;
  static final int OUT = 64;

  private Tensor x;
  private Tensor w;
  private Tensor conv;
  private List<Tensor> all;
  private Map<Tensor, NdArray> feeds;
  private Session session;
  private org.tensorflow.Graph tfGraph;
  private org.tensorflow.Session tfSession;
  private TFloat32 tx;
  private TFloat32 tw;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws ReflectiveOperationException {
    MatMulBenchmark.requireProvider(params.getBenchmark());
    SplittableRandom random = new SplittableRandom(11);
    float[] xs = new float[BATCH * SIZE * SIZE * IN];
    float[] ws = new float[3 * 3 * IN * OUT];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) random.nextDouble(-1, 1);
    }
    for (int i = 0; i < ws.length; i++) {
      ws[i] = (float) random.nextDouble(-0.1, 0.1);
    }
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    x = tf.placeholder(DType.FLOAT32, Shape.of(BATCH, SIZE, SIZE, IN), "x");
    w = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, IN, OUT), "w");
    conv = tf.conv2d(x, w, 1, "SAME");
    all = new ArrayList<>(List.of(conv));
    all.addAll(tf.gradients(tf.sum(conv), List.of(x, w)));
    feeds = Map.of(x, NdArray.create(DType.FLOAT32, Shape.of(BATCH, SIZE, SIZE, IN), xs),
        w, NdArray.create(DType.FLOAT32, Shape.of(3, 3, IN, OUT), ws));
    session = new Session(graph);

    tfGraph = TensorFlowSupport.toTensorFlow(graph);
    tfSession = new org.tensorflow.Session(tfGraph, TensorFlowSupport.optimizerOff());
    tx = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(BATCH, SIZE, SIZE, IN), DataBuffers.of(xs, true, false));
    tw = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(3, 3, IN, OUT), DataBuffers.of(ws, true, false));

    // Same values on both sides: a few elements of the output and of both gradients.
    List<NdArray> mine = forwardBackward();
    try (Result r = runTensorFlow(all)) {
      for (int i = 0; i < all.size(); i++) {
        TFloat32 theirs = (TFloat32) r.get(i);
        float[] own = mine.get(i).toFloatArray();
        for (int k : new int[] {0, 1, 777, own.length / 2, own.length - 1}) {
          float t = theirs.asRawTensor().data().asFloats().getFloat(k);
          if (Math.abs(own[k] - t) > 1e-3f * Math.max(1, Math.abs(t))) {
            throw new IllegalStateException(all.get(i).name() + "[" + k + "] differs: " + own[k] + " vs " + t);
          }
        }
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
    tx.close();
    tw.close();
    tfSession.close();
    tfGraph.close();
  }

  private List<NdArray> forward() {
    return session.run(List.of(conv), feeds);
  }

  private List<NdArray> forwardBackward() {
    return session.run(all, feeds);
  }

  private Result runTensorFlow(List<Tensor> fetches) {
    org.tensorflow.Session.Runner runner = tfSession.runner().feed(x.op().name(), tx).feed(w.op().name(), tw);
    for (Tensor t : fetches) {
      runner.fetch(t.op().name(), t.index());
    }
    return runner.run();
  }

  @Benchmark
  public List<NdArray> scopegraphForward() {
    return forward();
  }

  @Benchmark
  public List<NdArray> scopegraphForwardBackward() {
    return forwardBackward();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = MatMulBenchmark.VECTOR_MODULE)
  public List<NdArray> scopegraphVectorForward() {
    return forward();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = MatMulBenchmark.VECTOR_MODULE)
  public List<NdArray> scopegraphVectorForwardBackward() {
    return forwardBackward();
  }

  @Benchmark
  public int tensorFlowForward() {
    try (Result r = runTensorFlow(List.of(conv))) {
      return r.size();
    }
  }

  @Benchmark
  public int tensorFlowForwardBackward() {
    try (Result r = runTensorFlow(all)) {
      return r.size();
    }
  }
}
