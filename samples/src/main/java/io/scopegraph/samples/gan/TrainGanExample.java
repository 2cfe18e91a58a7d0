package io.scopegraph.samples.gan;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.Checkpoints;
import io.scopegraph.tensorflow.Saver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains {@link Gan} to draw numbers like a mixture of two Gaussians (means -2 and 2, standard deviation 0.5): each
 * step trains the discriminator on a real and a generated batch, then the generator. Prints both losses, how the
 * generated numbers spread over the two modes, the variables and Adam's slots as TensorFlow 1.15 names them, and saves
 * a checkpoint. Argument: the output directory (default {@code target/gan}).
 */
public final class TrainGanExample {
  static final int STEPS = 400;
  static final int BATCH = 64;
  static final int NOISE = 4;

  /** What one run printed, the checkpoint's keys, and the share of generated numbers near each mode. */
  public record Result(List<String> lines, Map<String, Shape> checkpoint, double nearLow, double nearHigh) {}

  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "target/gan")).lines().forEach(System.out::println);
  }

  /** The graph of the sample: placeholders {@code real} [?, 1] and {@code z} [?, 4], then {@link Gan#build}. */
  public record Model(Graph graph, Tensor real, Tensor z, Gan.Parts parts) {
    public static Model build(long seed) {
      Graph g = new Graph();
      g.setSeed(seed);
      Ops tf = Ops.on(g);
      Tensor real = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "real");
      Tensor z = tf.placeholder(DType.FLOAT32, Shape.of(-1, NOISE), "z");
      return new Model(g, real, z, ScopedGan.create(tf).build(real, z));
    }
  }

  public static Result run(Path outDir) throws IOException {
    Model m = Model.build(3);
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    lines.add("Training a GAN on a mixture of two Gaussians (means -2 and 2)");
    double nearLow;
    double nearHigh;
    Map<String, Shape> listed;
    try (Session s = new Session(m.graph())) {
      s.run(Ops.on(m.graph()).globalVariablesInitializer());
      for (int step = 1; step <= STEPS; step++) {
        NdArray real = realBatch(random, BATCH);
        NdArray z = noise(random, BATCH);
        s.runner().feed(m.real(), real).feed(m.z(), z).addTarget(m.parts().dTrain()).run();
        s.runner().feed(m.z(), noise(random, BATCH)).addTarget(m.parts().gTrain()).run();
        if (step == 1 || step % 100 == 0) {
          List<NdArray> losses = s.run(List.of(m.parts().dLoss(), m.parts().gLoss()), Map.of(m.real(), real, m.z(), z));
          lines.add(String.format(Locale.ROOT, "  step %3d  discriminator loss %.3f  generator loss %.3f", step,
              losses.get(0).getDouble(0), losses.get(1).getDouble(0)));
        }
      }
      float[] fake = s.run(List.of(m.parts().fake()), Map.of(m.z(), noise(random, 1000))).get(0).toFloatArray();
      nearLow = share(fake, -2);
      nearHigh = share(fake, 2);
      lines.add(String.format(Locale.ROOT, "  generated numbers within 1 of -2: %.0f%%, within 1 of 2: %.0f%%",
          100 * nearLow, 100 * nearHigh));
      lines.add("  variables and slots:");
      for (Variable v : m.graph().globalVariables()) {
        lines.add("    " + v.op().name() + " " + v.shape());
      }
      Files.createDirectories(outDir);
      String prefix = new Saver(m.graph()).save(s, outDir.resolve("gan").toString());
      listed = Checkpoints.listVariables(prefix);
      lines.add("  saved " + prefix + " (" + listed.size() + " keys)");
    }
    return new Result(lines, listed, nearLow, nearHigh);
  }

  static NdArray realBatch(Random random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) ((random.nextBoolean() ? 2 : -2) + 0.5 * random.nextGaussian());
    }
    return NdArray.create(DType.FLOAT32, Shape.of(n, 1), x);
  }

  static NdArray noise(Random random, int n) {
    float[] z = new float[n * NOISE];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return NdArray.create(DType.FLOAT32, Shape.of(n, NOISE), z);
  }

  private static double share(float[] xs, double mode) {
    int near = 0;
    for (float x : xs) {
      near += Math.abs(x - mode) < 1 ? 1 : 0;
    }
    return (double) near / xs.length;
  }
}
