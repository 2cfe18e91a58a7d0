package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
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

/**
 * Element-wise kernels on {@value #N} floats, per run: {@code Add} of two fed vectors and {@code Relu} of one,
 * through scopegraph's {@link Session} (feeds, run, fetch), against a plain Java loop that writes a new
 * {@code float[]} ({@code c[i] = a[i] + b[i]}, {@code c[i] = Math.max(a[i], 0f)}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ElementwiseBenchmark {
  static final int N = 1_000_000;

  private float[] a;
  private float[] b;
  private Tensor pa;
  private Tensor pb;
  private Tensor sum;
  private Tensor relu;
  private Map<Tensor, NdArray> feeds;
  private Session session;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    a = new float[N];
    b = new float[N];
    for (int i = 0; i < N; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
      b[i] = (float) random.nextDouble(-1, 1);
    }
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    pa = tf.placeholder(DType.FLOAT32, Shape.of(N), "a");
    pb = tf.placeholder(DType.FLOAT32, Shape.of(N), "b");
    sum = tf.add(pa, pb);
    relu = tf.relu(pa);
    feeds = Map.of(pa, NdArray.create(DType.FLOAT32, Shape.of(N), a),
        pb, NdArray.create(DType.FLOAT32, Shape.of(N), b));
    session = new Session(graph);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  @Benchmark
  public List<NdArray> addScopegraph() {
    return session.run(List.of(sum), feeds);
  }

  @Benchmark
  public float[] addJavaLoop() {
    float[] x = a;
    float[] y = b;
    float[] c = new float[x.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = x[i] + y[i];
    }
    return c;
  }

  @Benchmark
  public List<NdArray> reluScopegraph() {
    return session.run(List.of(relu), feeds);
  }

  @Benchmark
  public float[] reluJavaLoop() {
    float[] x = a;
    float[] c = new float[x.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.max(x[i], 0f);
    }
    return c;
  }
}
