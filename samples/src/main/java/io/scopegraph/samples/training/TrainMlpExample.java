package io.scopegraph.samples.training;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.Saver;
import io.scopegraph.train.AdamOptimizer;
import io.scopegraph.train.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains {@link SpiralClassifier} with Adam on two interleaved spirals: prints the loss as it falls, the final
 * accuracy, the variables and Adam's slots with the names TensorFlow 1.15 gives them, saves a checkpoint and
 * draws the loss curve as an SVG. Arguments: the output directory (default {@code target/training}).
 *
 * <pre>{@code
 * logits = model(x)
 * loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
 * train = tf.train.AdamOptimizer(0.02).minimize(loss, tf.train.get_or_create_global_step())
 * }</pre>
 */
public final class TrainMlpExample {
  static final int STEPS = 400;

  /** What one run printed, and the loss after each step. */
  public record Result(List<String> lines, List<Float> losses, double accuracy) {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/training");
    Result result = run(out);
    result.lines().forEach(System.out::println);
  }

  public static Result run(Path outDir) throws IOException {
    Spirals data = Spirals.make(100, 7);
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Tensor y = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "y");
    Tensor logits = ScopedSpiralClassifier.create(tf).logits(x);
    Tensor loss = tf.mean(tf.softmaxCrossEntropyWithLogits(y, logits), "loss");
    Variable globalStep = Training.getOrCreateGlobalStep(g);
    AdamOptimizer adam = new AdamOptimizer(0.02);
    Operation train = adam.minimize(loss, globalStep, null, null);

    List<String> lines = new ArrayList<>();
    List<Float> losses = new ArrayList<>();
    Map<Tensor, NdArray> batch = Map.of(x, NdArray.of(data.points()), y, NdArray.of(data.oneHotLabels()));
    double accuracy;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      lines.add("Training a 2-16-16-2 MLP on two spirals (" + data.labels().length + " points) with Adam");
      for (int step = 1; step <= STEPS; step++) {
        s.runner().feed(x, batch.get(x)).feed(y, batch.get(y)).addTarget(train).run();
        float value = s.run(List.of(loss), batch).get(0).toFloatArray()[0];
        losses.add(value);
        if (step == 1 || step % 50 == 0) {
          lines.add(String.format(Locale.ROOT, "  step %3d  loss %.4f", step, value));
        }
      }
      accuracy = accuracy(s.run(List.of(logits), batch).get(0), data.labels());
      lines.add(String.format(Locale.ROOT, "  accuracy %.1f%% after %d steps (global_step = %d)", 100 * accuracy,
          STEPS, s.run(globalStep).getLong(0)));
      lines.add("  train op: " + train.name() + " (" + train.type() + ")");
      lines.add("  variables:");
      for (Variable v : g.globalVariables()) {
        lines.add("    " + v.op().name() + " " + v.shape());
      }
      lines.add("  Adam's slots of hidden1/kernel: m = " + adam.getSlot(variable(g, "hidden1/kernel"), "m").op().name()
          + ", v = " + adam.getSlot(variable(g, "hidden1/kernel"), "v").op().name());
      String saved = new Saver(g).save(s, outDir.resolve("mlp.ckpt").toString(), s.run(globalStep).getLong(0));
      lines.add("  saved " + Path.of(saved).getFileName());
    }
    LossCurve.write(outDir.resolve("mlp-loss.svg"), "MLP on two spirals: training loss (Adam, lr 0.02)", losses);
    lines.add("  loss curve: " + outDir.resolve("mlp-loss.svg").getFileName());
    return new Result(lines, losses, accuracy);
  }

  private static Variable variable(Graph g, String name) {
    return g.globalVariables().stream().filter(v -> v.op().name().equals(name)).findFirst().orElseThrow();
  }

  /** The share of rows whose largest logit is at the label. */
  static double accuracy(NdArray logits, int[] labels) {
    float[] values = logits.toFloatArray();
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int predicted = values[2 * i + 1] > values[2 * i] ? 1 : 0;
      correct += predicted == labels[i] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }

  private TrainMlpExample() {}
}
