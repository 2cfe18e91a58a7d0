package io.scopegraph.benchmarks;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.train.AdamOptimizer;
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
import org.tensorflow.Output;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Training: one Adam step of an MLP 784-256-256-10 with a softmax cross-entropy loss on a batch of 64, on the
 * built-in executor against TensorFlow Java running the exported training graph (same names, same initial
 * values; TensorFlow's default thread pools, i.e. all cores, optimisers off); and building the gradient graph
 * of a 100-layer MLP with {@code Ops.gradients} against TensorFlow Java's {@code Graph.addGradients} on the same
 * forward graph.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingBenchmark {
  static final int BATCH = 64;
  static final int LAYERS = 100;
  static final int WIDTH = 32;

  /** The MLP, its Adam train op, a session on each side with the same initial values, and a batch. */
  @State(Scope.Thread)
  public static class Step {
    Session session;
    Operation train;
    Tensor x;
    Tensor labels;
    Map<Tensor, NdArray> feeds;
    org.tensorflow.Graph tfGraph;
    org.tensorflow.Session tfSession;
    TFloat32 tx;
    TFloat32 tlabels;

    @Setup(Level.Trial)
    public void setUp() {
      Graph g = new Graph();
      g.setSeed(1);
      Ops tf = Ops.on(g);
      x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 784), "x");
      labels = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "labels");
      Tensor h = tf.relu(dense(tf, "layer1", x, 256));
      h = tf.relu(dense(tf, "layer2", h, 256));
      Tensor logits = dense(tf, "logits", h, 10);
      Tensor loss = tf.mean(tf.softmaxCrossEntropyWithLogits(labels, logits), "loss");
      train = new AdamOptimizer(0.001).minimize(loss);

      SplittableRandom random = new SplittableRandom(5);
      float[] xs = new float[BATCH * 784];
      float[] ys = new float[BATCH * 10];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (float) random.nextDouble();
      }
      for (int i = 0; i < BATCH; i++) {
        ys[i * 10 + random.nextInt(10)] = 1;
      }
      feeds = Map.of(x, NdArray.create(DType.FLOAT32, Shape.of(BATCH, 784), xs),
          labels, NdArray.create(DType.FLOAT32, Shape.of(BATCH, 10), ys));
      session = new Session(g);
      session.run(tf.globalVariablesInitializer());

      tfGraph = TensorFlowSupport.toTensorFlow(g);
      tfSession = new org.tensorflow.Session(tfGraph, TensorFlowSupport.optimizerOff());
      for (Variable v : g.globalVariables()) { // TF's random generators differ: start from our values
        float[] value = session.run(v).toFloatArray();
        try (TFloat32 t = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(v.shape().dims()),
            DataBuffers.of(value, true, false))) {
          tfSession.runner().feed(v.initialValue().op().name(), v.initialValue().index(), t)
              .addTarget(v.initializer().name()).run().close();
        }
      }
      tx = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(BATCH, 784), DataBuffers.of(xs, true, false));
      tlabels = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(BATCH, 10), DataBuffers.of(ys, true, false));
    }

    private static Tensor dense(Ops tf, String scope, Tensor in, int units) {
      try (VarScope s = tf.variableScope(scope)) {
        Tensor w = tf.getVariable("kernel", Shape.of(in.shape().dim(1), units), Initializers.glorotUniform());
        Tensor b = tf.getVariable("bias", Shape.of(units), Initializers.zeros());
        return tf.matMul(in, w).add(b);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      session.close();
      tx.close();
      tlabels.close();
      tfSession.close();
      tfGraph.close();
    }
  }

  @Benchmark
  public Object stepScopegraph(Step s) {
    return s.session.runner().feed(s.x, s.feeds.get(s.x)).feed(s.labels, s.feeds.get(s.labels))
        .addTarget(s.train).run();
  }

  @Benchmark
  public Object stepTensorFlow(Step s) {
    s.tfSession.runner().feed(s.x.op().name(), s.tx).feed(s.labels.op().name(), s.tlabels)
        .addTarget(s.train.name()).run().close();
    return s;
  }

  /** A fresh 100-layer forward graph (weights are placeholders) for each gradient build, on each side. */
  @State(Scope.Thread)
  public static class Deep {
    Ops tf;
    Tensor loss;
    List<Tensor> params;
    org.tensorflow.Graph tfGraph;
    Output<TFloat32> tfLoss;
    Output<?>[] tfParams;

    @Setup(Level.Invocation)
    public void setUp() {
      tf = Ops.on(new Graph());
      params = new ArrayList<>();
      Tensor h = tf.placeholder(DType.FLOAT32, Shape.of(-1, WIDTH), "x");
      for (int i = 0; i < LAYERS; i++) {
        Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(WIDTH, WIDTH), "w" + i);
        Tensor b = tf.placeholder(DType.FLOAT32, Shape.of(WIDTH), "b" + i);
        params.add(w);
        params.add(b);
        h = tf.relu(tf.matMul(h, w).add(b));
      }
      loss = tf.sum(h);

      TensorFlowSupport.init();
      tfGraph = new org.tensorflow.Graph();
      org.tensorflow.op.Ops t = org.tensorflow.op.Ops.create(tfGraph);
      List<Output<?>> ps = new ArrayList<>();
      org.tensorflow.Operand<TFloat32> th = t.placeholder(TFloat32.class,
          Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, WIDTH)));
      for (int i = 0; i < LAYERS; i++) {
        Placeholder<TFloat32> w = t.placeholder(TFloat32.class,
            Placeholder.shape(org.tensorflow.ndarray.Shape.of(WIDTH, WIDTH)));
        Placeholder<TFloat32> b = t.placeholder(TFloat32.class,
            Placeholder.shape(org.tensorflow.ndarray.Shape.of(WIDTH)));
        ps.add(w.output());
        ps.add(b.output());
        th = t.nn.relu(t.math.add(t.linalg.matMul(th, w), b));
      }
      tfLoss = t.reduceSum(th, t.constant(new int[] {0, 1})).output();
      tfParams = ps.toArray(new Output<?>[0]);
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
      tfGraph.close();
    }
  }

  @Benchmark
  public List<Tensor> gradientsScopegraph(Deep d) {
    return d.tf.gradients(d.loss, d.params);
  }

  @Benchmark
  public Output<?>[] gradientsTensorFlow(Deep d) {
    return d.tfGraph.addGradients(d.tfLoss, d.tfParams);
  }
}
