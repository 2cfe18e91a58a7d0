package io.scopegraph.samples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.tensorflow.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training samples learn, print TF 1.15's variable and slot names, save a checkpoint and draw the curve. */
class TrainingExamplesTest {
  @TempDir
  Path work;

  @Test
  @DisplayName("the spiral MLP learns with Adam: loss falls, accuracy >= 95%, TF's names, a checkpoint and the SVG")
  void mlpLearns() throws Exception {
    TrainMlpExample.Result result = TrainMlpExample.run(work);
    List<Float> losses = result.losses();
    assertEquals(TrainMlpExample.STEPS, losses.size());
    assertTrue(losses.get(0) > 0.6f && losses.get(losses.size() - 1) < 0.05f, "loss " + losses.get(0) + " → "
        + losses.get(losses.size() - 1));
    assertTrue(result.accuracy() >= 0.95, "accuracy " + result.accuracy());
    List<String> lines = result.lines();
    assertEquals("  accuracy " + String.format(java.util.Locale.ROOT, "%.1f", 100 * result.accuracy())
        + "% after 400 steps (global_step = 400)", lines.get(10));
    assertEquals(List.of("  train op: Adam (AssignAdd)", "  variables:", "    hidden1/kernel (2, 16)",
        "    hidden1/bias (16,)", "    hidden2/kernel (16, 16)", "    hidden2/bias (16,)", "    logits/kernel (16, 2)",
        "    logits/bias (2,)", "    global_step ()", "    beta1_power ()", "    beta2_power ()",
        "    hidden1/kernel/Adam (2, 16)", "    hidden1/kernel/Adam_1 (2, 16)", "    hidden1/bias/Adam (16,)",
        "    hidden1/bias/Adam_1 (16,)", "    hidden2/kernel/Adam (16, 16)", "    hidden2/kernel/Adam_1 (16, 16)",
        "    hidden2/bias/Adam (16,)", "    hidden2/bias/Adam_1 (16,)", "    logits/kernel/Adam (16, 2)",
        "    logits/kernel/Adam_1 (16, 2)", "    logits/bias/Adam (2,)", "    logits/bias/Adam_1 (2,)",
        "  Adam's slots of hidden1/kernel: m = hidden1/kernel/Adam, v = hidden1/kernel/Adam_1",
        "  saved mlp.ckpt-400", "  loss curve: mlp-loss.svg"), lines.subList(11, lines.size()));
    assertEquals(List.of("beta1_power", "beta2_power", "global_step", "hidden1/bias", "hidden1/bias/Adam",
        "hidden1/bias/Adam_1", "hidden1/kernel", "hidden1/kernel/Adam", "hidden1/kernel/Adam_1", "hidden2/bias",
        "hidden2/bias/Adam", "hidden2/bias/Adam_1", "hidden2/kernel", "hidden2/kernel/Adam", "hidden2/kernel/Adam_1",
        "logits/bias", "logits/bias/Adam", "logits/bias/Adam_1", "logits/kernel", "logits/kernel/Adam",
        "logits/kernel/Adam_1"), List.copyOf(Checkpoints.listVariables(work.resolve("mlp.ckpt-400").toString())
        .keySet()));
    assertCurveMatchesDocs(Files.readString(work.resolve("mlp-loss.svg")));
  }

  /**
   * The README shows {@code docs/mlp-loss.svg}, written by this sample: the shipped curve must be this run's
   * (within 3 pixels: kernels that round differently, e.g. the Vector API's MatMul, move it by about one). To refresh it:
   * {@code cp target/training/mlp-loss.svg ../docs/} after running the sample.
   */
  private static void assertCurveMatchesDocs(String svg) throws Exception {
    Path shipped = Path.of("..", "docs", "mlp-loss.svg");
    List<double[]> fresh = points(svg);
    List<double[]> docs = points(Files.readString(shipped));
    assertEquals(fresh.size(), docs.size());
    for (int i = 0; i < fresh.size(); i++) {
      assertTrue(Math.abs(fresh.get(i)[1] - docs.get(i)[1]) <= 3.0, "point " + i + " of " + shipped);
    }
  }

  private static List<double[]> points(String svg) {
    Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
    assertTrue(m.find());
    List<double[]> points = new ArrayList<>();
    for (String p : m.group(1).split(" ")) {
      String[] xy = p.split(",");
      points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
    }
    return points;
  }

  @Test
  @DisplayName("the RNN cell shared by 5 steps learns; each weight's gradient is one AddN of 5 steps")
  void rnnLearns() {
    List<String> lines = TrainRnnExample.run();
    float first = Float.parseFloat(lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1));
    float last = Float.parseFloat(lines.get(5).substring(lines.get(5).lastIndexOf(' ') + 1));
    assertTrue(first > 0.1f && last < 0.005f, first + " → " + last);
    assertEquals(List.of(
        "  trainable variables: [rnn_cell/W, rnn_cell/U, rnn_cell/b, readout/w]",
        "  Adam slots: [rnn_cell/W/Adam, rnn_cell/W/Adam_1, rnn_cell/U/Adam, rnn_cell/U/Adam_1, rnn_cell/b/Adam, "
            + "rnn_cell/b/Adam_1, readout/w/Adam, readout/w/Adam_1]",
        "  gradient sums over the steps: [gradients/AddN (5 inputs), gradients/AddN_1 (5 inputs), "
            + "gradients/AddN_2 (5 inputs)]"), lines.subList(6, lines.size()));
  }
}
