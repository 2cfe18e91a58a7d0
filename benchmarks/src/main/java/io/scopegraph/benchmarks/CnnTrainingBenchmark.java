package io.scopegraph.benchmarks;

import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.samples.layers.ShapeImages;
import io.scopegraph.samples.layers.ShapesCnn;
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
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One training step of the layers sample's CNN ({@link ShapesCnn}: two conv2d + max_pooling2d, batch
 * normalization, dropout, two dense; Adam) on a batch of 32 16x16 images, with training on (batch statistics,
 * moving averages, dropout): the built-in executor against TensorFlow Java running the exported graph (same names,
 * same initial values; TensorFlow's default thread pools, optimisers off).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CnnTrainingBenchmark {
  static final int BATCH = 32;

  /** The CNN with its Adam step, a session on each side with the same initial values, and one batch. */
  @State(Scope.Thread)
  public static class Step {
    ShapesCnn model;
    Session session;
    NdArray images;
    NdArray labels;
    NdArray on = NdArray.scalar(true);
    org.tensorflow.Graph tfGraph;
    org.tensorflow.Session tfSession;
    TFloat32 tImages;
    TInt32 tLabels;
    TBool tOn;

    @Setup(Level.Trial)
    public void setUp() {
      model = ShapesCnn.build(5);
      ShapeImages data = ShapeImages.make(BATCH, 1);
      float[] pixels = new float[BATCH * ShapeImages.SIZE * ShapeImages.SIZE];
      int k = 0;
      for (float[][][] image : data.images()) {
        for (float[][] row : image) {
          for (float[] pixel : row) {
            pixels[k++] = pixel[0];
          }
        }
      }
      io.scopegraph.Shape shape = io.scopegraph.Shape.of(BATCH, ShapeImages.SIZE, ShapeImages.SIZE, 1);
      images = NdArray.create(io.scopegraph.DType.FLOAT32, shape, pixels);
      labels = NdArray.of(data.labels());
      session = new Session(model.graph());
      session.run(Ops.on(model.graph()).globalVariablesInitializer());

      tfGraph = TensorFlowSupport.toTensorFlow(model.graph());
      tfSession = new org.tensorflow.Session(tfGraph, TensorFlowSupport.optimizerOff());
      for (Variable v : model.graph().globalVariables()) { // TF's random generators differ: start from our values
        float[] value = session.run(v).toFloatArray();
        try (TFloat32 t = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(v.shape().dims()),
            DataBuffers.of(value, true, false))) {
          tfSession.runner().feed(v.initialValue().op().name(), v.initialValue().index(), t)
              .addTarget(v.initializer().name()).run().close();
        }
      }
      tImages = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(shape.dims()), DataBuffers.of(pixels, true, false));
      tLabels = TInt32.vectorOf(data.labels());
      tOn = TBool.scalarOf(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      session.close();
      tImages.close();
      tLabels.close();
      tOn.close();
      tfSession.close();
      tfGraph.close();
    }
  }

  @Benchmark
  public Object stepScopegraph(Step s) {
    ShapesCnn m = s.model;
    return s.session.runner().feed(m.images(), s.images).feed(m.labels(), s.labels).feed(m.training(), s.on)
        .addTarget(m.train()).run();
  }

  @Benchmark
  public Object stepTensorFlow(Step s) {
    ShapesCnn m = s.model;
    s.tfSession.runner().feed(m.images().op().name(), s.tImages).feed(m.labels().op().name(), s.tLabels)
        .feed(m.training().op().name(), s.tOn).addTarget(m.train().name()).run().close();
    return s;
  }
}
