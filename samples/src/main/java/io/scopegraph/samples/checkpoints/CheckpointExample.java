package io.scopegraph.samples.checkpoints;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.tensorflow.CheckpointNotFoundException;
import io.scopegraph.tensorflow.Checkpoints;
import io.scopegraph.tensorflow.Saver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints by name: the {@link ClassifierModel} restores the weights TensorFlow saved, predicts, saves its own
 * checkpoint, which restores into a fresh graph built from the same model; a model whose scope was renamed fails
 * to restore with every missing key and the key it most likely meant (and, with {@code @Checkpoint}, fails javac).
 *
 * <p>Run: {@code mvn -q -B -pl samples exec:java -Dexec.mainClass=io.scopegraph.samples.checkpoints.CheckpointExample}.
 */
public final class CheckpointExample {
  /** The checkpoint TensorFlow wrote, shipped as a resource (prefix; the files add .index and .data-…). */
  public static final String SHIPPED = "checkpoints/classifier/model.ckpt";

  private CheckpointExample() {}

  public static void main(String[] args) throws IOException {
    Path work = Files.createTempDirectory("scopegraph-checkpoints");
    run(work).forEach(System.out::println);
  }

  /** Runs the example, saving under {@code work}; returns the lines it prints. */
  public static List<String> run(Path work) {
    List<String> lines = new ArrayList<>();
    String shipped = shippedPrefix(work);
    lines.add("Checkpoint written by TensorFlow (" + SHIPPED + "):");
    Checkpoints.listVariables(shipped).forEach((name, shape) -> lines.add("  " + name + " " + shape));

    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor logits = ScopedClassifierModel.create(tf).logits(x);
    Saver saver = new Saver(g);
    NdArray batch = NdArray.of(new float[][] {{2, 0, 1}, {0, 3, 1}, {1, 0, 4}});
    String saved;
    try (Session s = new Session(g)) {
      saver.restore(s, shipped);
      lines.add("Restored into the DSL model by name: " + saver.keys());
      NdArray scores = s.run(List.of(logits), Map.of(x, batch)).get(0);
      lines.add("  logits of " + batch + ": " + scores);

      Variable bias = g.variableStore().get("classifier/output/bias");
      s.run(tf.assign(bias, tf.constant(new float[] {1, -1})).op());
      saved = saver.save(s, work.resolve("run/model.ckpt").toString(), 1);
      lines.add("Saved (output bias set to [1, -1]): " + work.relativize(Path.of(saved)) + " with "
          + String.join(", ", checkpointFiles(work.resolve("run"))));
    }

    Graph fresh = new Graph();
    Ops tf2 = Ops.on(fresh);
    Tensor x2 = tf2.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Tensor logits2 = ScopedClassifierModel.create(tf2).logits(x2);
    Saver saver2 = new Saver(fresh);
    try (Session s = new Session(fresh)) {
      saver2.restore(s, Checkpoints.latestCheckpoint(work.resolve("run").toString()));
      lines.add("Restored into a fresh graph: classifier/output/bias = "
          + s.run(fresh.variableStore().get("classifier/output/bias")));
      lines.add("  logits: " + s.run(List.of(logits2), Map.of(x2, batch)).get(0));
    }

    lines.add("A scope renamed to 'classifier_v2' cannot restore the shipped checkpoint:");
    Graph renamed = new Graph();
    Ops tf3 = Ops.on(renamed);
    try (VarScope scope = tf3.variableScope("classifier_v2")) {
      for (String layer : List.of("hidden", "output")) {
        try (VarScope l = tf3.variableScope(layer)) {
          tf3.getVariable("kernel", layer.equals("hidden") ? Shape.of(3, 4) : Shape.of(4, 2));
          tf3.getVariable("bias", Shape.of(layer.equals("hidden") ? 4 : 2));
        }
      }
    }
    try (Session s = new Session(renamed)) {
      new Saver(renamed).restore(s, shipped);
    } catch (CheckpointNotFoundException e) {
      // After TensorFlow's preamble, one line per missing key.
      for (String line : e.getMessage().substring(e.getMessage().indexOf("\n\n") + 2).split("\n")) {
        lines.add("  " + line);
      }
    }
    return lines;
  }

  private static List<String> checkpointFiles(Path dir) {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shipped checkpoint's prefix on disk: the resource itself when the class path is a directory, else (a
   * jar) a copy of its two files under {@code work}.
   */
  static String shippedPrefix(Path work) {
    URL index = CheckpointExample.class.getClassLoader().getResource(SHIPPED + ".index");
    if (index == null) {
      throw new IllegalStateException("Resource " + SHIPPED + ".index is missing from the class path");
    }
    try {
      if (index.getProtocol().equals("file")) {
        String path = Path.of(index.toURI()).toString();
        return path.substring(0, path.length() - ".index".length());
      }
      Path copy = work.resolve("shipped/model.ckpt");
      Files.createDirectories(copy.getParent());
      for (String suffix : List.of(".index", ".data-00000-of-00001")) {
        try (InputStream in = CheckpointExample.class.getClassLoader().getResourceAsStream(SHIPPED + suffix)) {
          Files.copy(in, Path.of(copy + suffix), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return copy.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
