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
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * float32 {@code MatMul} of two fed {@code size x size} matrices, per product: scopegraph's {@link Session}
 * (feeds, run, fetch) against EJML 0.46.1 single-threaded ({@code CommonOps_FDRM.mult}) and multi-threaded
 * ({@code CommonOps_MT_FDRM.mult}) into a preallocated result, and TensorFlow Java (same graph, exported and
 * imported; tensors fed from memory already in TensorFlow; default thread pools, optimisers off).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MatMulBenchmark {
  @Param({"128", "512", "1024"})
  public int size;

  private Tensor pa;
  private Tensor pb;
  private Tensor product;
  private Map<Tensor, NdArray> feeds;
  private Session session;
  private FMatrixRMaj ea;
  private FMatrixRMaj eb;
  private FMatrixRMaj ec;
  private org.tensorflow.Graph tfGraph;
  private org.tensorflow.Session tfSession;
  private TFloat32 ta;
  private TFloat32 tb;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    float[] a = new float[size * size];
    float[] b = new float[size * size];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
      b[i] = (float) random.nextDouble(-1, 1);
    }
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    pa = tf.placeholder(DType.FLOAT32, Shape.of(size, size), "a");
    pb = tf.placeholder(DType.FLOAT32, Shape.of(size, size), "b");
    product = tf.matMul(pa, pb);
    feeds = Map.of(pa, NdArray.create(DType.FLOAT32, Shape.of(size, size), a),
        pb, NdArray.create(DType.FLOAT32, Shape.of(size, size), b));
    session = new Session(graph);

    ea = new FMatrixRMaj(size, size, true, a);
    eb = new FMatrixRMaj(size, size, true, b);
    ec = new FMatrixRMaj(size, size);

    tfGraph = TensorFlowSupport.toTensorFlow(graph);
    tfSession = new org.tensorflow.Session(tfGraph, TensorFlowSupport.optimizerOff());
    ta = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(size, size), DataBuffers.of(a, true, false));
    tb = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(size, size), DataBuffers.of(b, true, false));

    // Same result from all three (up to float rounding).
    float mine = scopegraph().get(0).toFloatArray()[size + 1];
    CommonOps_FDRM.mult(ea, eb, ec);
    float theirs = ec.get(1, 1);
    float tfs;
    try (Result r = runTensorFlow()) {
      tfs = ((TFloat32) r.get(0)).getFloat(1, 1);
    }
    if (Math.abs(mine - theirs) > 1e-2f || Math.abs(tfs - theirs) > 1e-2f) {
      throw new IllegalStateException("MatMul results differ: " + mine + ", " + theirs + ", " + tfs);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
    ta.close();
    tb.close();
    tfSession.close();
    tfGraph.close();
  }

  @Benchmark
  public List<NdArray> scopegraph() {
    return session.run(List.of(product), feeds);
  }

  @Benchmark
  public FMatrixRMaj ejmlSingleThreaded() {
    CommonOps_FDRM.mult(ea, eb, ec);
    return ec;
  }

  @Benchmark
  public FMatrixRMaj ejmlMultiThreaded() {
    CommonOps_MT_FDRM.mult(ea, eb, ec);
    return ec;
  }

  @Benchmark
  public float tensorFlow() {
    try (Result r = runTensorFlow()) {
      return ((TFloat32) r.get(0)).getFloat(0, 0);
    }
  }

  private Result runTensorFlow() {
    return tfSession.runner().feed(pa.op().name(), ta).feed(pb.op().name(), tb)
        .fetch(product.op().name()).run();
  }
}
