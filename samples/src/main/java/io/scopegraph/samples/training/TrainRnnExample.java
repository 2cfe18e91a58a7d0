package io.scopegraph.samples.training;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.samples.models.RnnModel;
import io.scopegraph.samples.models.ScopedRnnModel;
import io.scopegraph.train.AdamOptimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the shared cell of {@link RnnModel}, unrolled over 5 steps, to output the mean of a sequence: one set
 * of weights ({@code rnn_cell/W}, {@code rnn_cell/U}, {@code rnn_cell/b}) gets the gradients of all 5 steps,
 * summed by one {@code AddN} per weight, as TensorFlow sums them.
 */
public final class TrainRnnExample {
  static final int STEPS = 200;
  static final int LENGTH = 5;

  public static void main(String[] args) {
    run().forEach(System.out::println);
  }

  public static List<String> run() {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    RnnModel model = ScopedRnnModel.create(tf, 1, 4);
    List<Tensor> inputs = new ArrayList<>();
    for (int t = 0; t < LENGTH; t++) {
      inputs.add(tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "x" + t));
    }
    Tensor target = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "target");
    Tensor h0 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "h0");
    List<Tensor> states = model.unroll(inputs, h0);
    Tensor prediction;
    try (VarScope readout = tf.variableScope("readout")) {
      Tensor w = tf.getVariable("w", Shape.of(4, 1), io.scopegraph.Initializers.constant(0.5));
      prediction = tf.matMul(states.get(LENGTH - 1), w);
    }
    Tensor loss = tf.mean(tf.square(prediction.sub(target)), "loss");
    Operation train = new AdamOptimizer(0.05).minimize(loss);

    Map<Tensor, NdArray> batch = batch(inputs, target, h0, 64);
    List<String> lines = new ArrayList<>();
    lines.add("Training an RNN cell shared by " + LENGTH + " unrolled steps to output the mean of its inputs (Adam)");
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int step = 1; step <= STEPS; step++) {
        Session.Runner runner = s.runner().addTarget(train);
        batch.forEach(runner::feed);
        runner.run();
        if (step == 1 || step % 50 == 0) {
          float value = s.run(List.of(loss), batch).get(0).toFloatArray()[0];
          lines.add(String.format(Locale.ROOT, "  step %3d  loss %.5f", step, value));
        }
      }
    }
    lines.add("  trainable variables: " + g.trainableVariables().stream().map(v -> v.op().name()).toList());
    lines.add("  Adam slots: " + g.globalVariables().stream().map(Variable::name)
        .filter(n -> n.contains("/Adam")).map(n -> n.substring(0, n.length() - 2)).toList());
    lines.add("  gradient sums over the steps: " + g.operations().stream()
        .filter(op -> op.type().equals("AddN")).map(op -> op.name() + " (" + op.numInputs() + " inputs)").toList());
    return lines;
  }

  /** Sequences of 5 values in [-1, 1] and their means; the same for every run. */
  private static Map<Tensor, NdArray> batch(List<Tensor> inputs, Tensor target, Tensor h0, int size) {
    Random random = new Random(3);
    float[][][] x = new float[LENGTH][size][1];
    float[][] mean = new float[size][1];
    for (int i = 0; i < size; i++) {
      for (int t = 0; t < LENGTH; t++) {
        x[t][i][0] = 2 * random.nextFloat() - 1;
        mean[i][0] += x[t][i][0] / LENGTH;
      }
    }
    Map<Tensor, NdArray> feeds = new HashMap<>();
    for (int t = 0; t < LENGTH; t++) {
      feeds.put(inputs.get(t), NdArray.of(x[t]));
    }
    feeds.put(target, NdArray.of(mean));
    feeds.put(h0, NdArray.filled(DType.FLOAT32, Shape.of(size, 4), 0));
    return feeds;
  }

  private TrainRnnExample() {}
}
