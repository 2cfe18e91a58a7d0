package io.scopegraph.samples.layers;

import io.scopegraph.NdArray;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.Checkpoints;
import io.scopegraph.tensorflow.Saver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains {@link ShapesCnn} to tell rectangles from ellipses ({@link ShapeImages}) in mini-batches, with batch
 * normalization and dropout on while training and off while evaluating; prints the loss, the accuracy on images it
 * never saw, and the checkpoint's variable names, which are TensorFlow 1.15's ({@code conv2d/kernel},
 * {@code batch_normalization/moving_mean}, {@code dense_1/bias/Adam_1}, …). Argument: the output directory
 * (default {@code target/cnn}).
 */
public final class TrainCnnExample {
  static final int STEPS = 150;
  static final int BATCH = 32;

  /** What one run printed, and its held-out accuracy. */
  public record Result(List<String> lines, double accuracy, Map<String, io.scopegraph.Shape> checkpoint) {}

  public static void main(String[] args) throws IOException {
    Result result = run(Path.of(args.length > 0 ? args[0] : "target/cnn"));
    result.lines().forEach(System.out::println);
  }

  public static Result run(Path outDir) throws IOException {
    ShapeImages train = ShapeImages.make(512, 1);
    ShapeImages test = ShapeImages.make(256, 2);
    ShapesCnn m = ShapesCnn.build(5);
    List<String> lines = new ArrayList<>();
    lines.add("Training a CNN (conv2d, max_pooling2d, batch_normalization, dropout, dense) on 16x16 rectangles vs ellipses");
    double accuracy;
    Map<String, io.scopegraph.Shape> listed;
    try (Session s = new Session(m.graph())) {
      s.run(io.scopegraph.Ops.on(m.graph()).globalVariablesInitializer());
      NdArray on = NdArray.scalar(true);
      for (int step = 1; step <= STEPS; step++) {
        int from = ((step - 1) * BATCH) % train.size();
        Map<Tensor, NdArray> feed = Map.of(m.images(), images(train, from, BATCH), m.labels(),
            labels(train, from, BATCH), m.training(), on);
        s.runner().feed(m.images(), feed.get(m.images())).feed(m.labels(), feed.get(m.labels()))
            .feed(m.training(), on).addTarget(m.train()).run();
        if (step == 1 || step % 25 == 0) {
          float loss = s.run(List.of(m.loss()), Map.of(m.images(), feed.get(m.images()), m.labels(),
              feed.get(m.labels()))).get(0).toFloatArray()[0];
          lines.add(String.format(Locale.ROOT, "  step %3d  loss %.4f", step, loss));
        }
      }
      NdArray logits = s.run(List.of(m.logits()), Map.of(m.images(), images(test, 0, test.size()))).get(0);
      accuracy = accuracy(logits, test.labels());
      lines.add(String.format(Locale.ROOT, "  accuracy on %d new images: %.1f%%", test.size(), 100 * accuracy));
      Files.createDirectories(outDir);
      String prefix = new Saver(m.graph()).save(s, outDir.resolve("cnn").toString());
      listed = Checkpoints.listVariables(prefix);
      lines.add("  checkpoint " + prefix + ":");
      listed.forEach((name, shape) -> lines.add("    " + name + " " + shape));
    }
    return new Result(lines, accuracy, listed);
  }

  static NdArray images(ShapeImages data, int from, int count) {
    float[][][][] batch = new float[count][][][];
    for (int i = 0; i < count; i++) {
      batch[i] = data.images()[(from + i) % data.size()];
    }
    return NdArray.of(batch);
  }

  static NdArray labels(ShapeImages data, int from, int count) {
    int[] batch = new int[count];
    for (int i = 0; i < count; i++) {
      batch[i] = data.labels()[(from + i) % data.size()];
    }
    return NdArray.of(batch);
  }

  static double accuracy(NdArray logits, int[] labels) {
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      int predicted = logits.getDouble(2 * i + 1) > logits.getDouble(2 * i) ? 1 : 0;
      right += predicted == labels[i] ? 1 : 0;
    }
    return (double) right / labels.length;
  }
}
