package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.lang.reflect.Method;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * float32 {@code MatMul} of two fed {@code size x size} matrices, per product, in all four forms
 * ({@code transpose_a}, {@code transpose_b}, both, neither; square, so the same feeds serve all four):
 * <ul>
 *   <li>scopegraph's {@link Session} (feeds, run, fetch) with plain Java loops, in a JVM without the Vector API;
 *   <li>the same with the Vector API: a fork started with {@code --add-modules jdk.incubator.vector};
 *   <li>TensorFlow Java 1.1.0 on the same graph, exported and imported, its tensors fed from memory already in
 *       TensorFlow, graph optimisers off, its default thread pools: intra-op 0, i.e. one thread per core;
 *   <li>EJML 0.46.1 single-threaded ({@code CommonOps_FDRM.mult}) and multi-threaded
 *       ({@code CommonOps_MT_FDRM.mult}, its default pool: one thread per core), into a preallocated result.
 * </ul>
 * The set-up checks that all of them compute the same product and that each scopegraph fork runs the
 * implementation its name says.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MatMulBenchmark {
  static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

  @Param({"512", "1024"})
  public int size;

  /** Fetches: neither, transpose_a, transpose_b, both. */
  private final Tensor[] products = new Tensor[4];
  private Tensor pa;
  private Tensor pb;
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
  public void setUp(BenchmarkParams params) throws ReflectiveOperationException {
    requireProvider(params.getBenchmark());
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
    products[0] = tf.matMul(pa, pb);
    products[1] = tf.matMul(pa, pb, true, false, null);
    products[2] = tf.matMul(pa, pb, false, true, null);
    products[3] = tf.matMul(pa, pb, true, true, null);
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

    // Same results from all (up to float rounding), in every form: element (1, 2) of each product.
    for (int form = 0; form < 4; form++) {
      float mine = run(form).get(0).toFloatArray()[size + 2];
      FMatrixRMaj expected = new FMatrixRMaj(size, size);
      switch (form) {
        case 0 -> CommonOps_FDRM.mult(ea, eb, expected);
        case 1 -> CommonOps_FDRM.multTransA(ea, eb, expected);
        case 2 -> CommonOps_FDRM.multTransB(ea, eb, expected);
        default -> CommonOps_FDRM.multTransAB(ea, eb, expected);
      }
      float theirs = expected.get(1, 2);
      float tfs;
      try (Result r = runTensorFlow(form)) {
        tfs = ((TFloat32) r.get(0)).getFloat(1, 2);
      }
      if (Math.abs(mine - theirs) > 1e-2f || Math.abs(tfs - theirs) > 1e-2f) {
        throw new IllegalStateException("MatMul results differ in form " + form + ": " + mine + ", " + theirs
            + ", " + tfs);
      }
    }
  }

  /**
   * The scopegraph benchmarks must run the implementation they are named for: the Vector API in the forks
   * started with the module, plain loops in the others (the provider is package-private, so reflection).
   */
  static void requireProvider(String benchmark) throws ReflectiveOperationException {
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    if (!method.startsWith("scopegraph")) {
      return;
    }
    Method get = Class.forName("io.scopegraph.kernels.MatMulProviders").getDeclaredMethod("get");
    get.setAccessible(true);
    Object provider = get.invoke(null);
    Method name = Class.forName("io.scopegraph.kernels.MatMulProvider").getDeclaredMethod("name");
    name.setAccessible(true);
    String expected = method.startsWith("scopegraphVector") ? "vector" : "plain";
    if (!expected.equals(name.invoke(provider))) {
      throw new IllegalStateException(method + " needs the " + expected + " MatMul provider, this JVM has "
          + name.invoke(provider));
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

  private List<NdArray> run(int form) {
    return session.run(List.of(products[form]), feeds);
  }

  private Result runTensorFlow(int form) {
    return tfSession.runner().feed(pa.op().name(), ta).feed(pb.op().name(), tb)
        .fetch(products[form].op().name()).run();
  }

  private float tensorFlow(int form) {
    try (Result r = runTensorFlow(form)) {
      return ((TFloat32) r.get(0)).getFloat(0, 0);
    }
  }

  // scopegraph, plain Java loops (no --add-modules in this fork).

  @Benchmark
  public List<NdArray> scopegraph() {
    return run(0);
  }

  @Benchmark
  public List<NdArray> scopegraphTransposeA() {
    return run(1);
  }

  @Benchmark
  public List<NdArray> scopegraphTransposeB() {
    return run(2);
  }

  @Benchmark
  public List<NdArray> scopegraphTransposeBoth() {
    return run(3);
  }

  // scopegraph with the Vector API.

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = VECTOR_MODULE)
  public List<NdArray> scopegraphVector() {
    return run(0);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = VECTOR_MODULE)
  public List<NdArray> scopegraphVectorTransposeA() {
    return run(1);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = VECTOR_MODULE)
  public List<NdArray> scopegraphVectorTransposeB() {
    return run(2);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = VECTOR_MODULE)
  public List<NdArray> scopegraphVectorTransposeBoth() {
    return run(3);
  }

  // TensorFlow Java, default intra-op pool (one thread per core).

  @Benchmark
  public float tensorFlow() {
    return tensorFlow(0);
  }

  @Benchmark
  public float tensorFlowTransposeA() {
    return tensorFlow(1);
  }

  @Benchmark
  public float tensorFlowTransposeB() {
    return tensorFlow(2);
  }

  @Benchmark
  public float tensorFlowTransposeBoth() {
    return tensorFlow(3);
  }

  // EJML, plain product only.

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
}
