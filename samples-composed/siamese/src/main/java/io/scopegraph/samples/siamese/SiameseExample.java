package io.scopegraph.samples.siamese;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import io.scopegraph.train.GradientDescentOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the {@link Siamese} network with a contrastive loss on points of two clusters in the plane: pairs of one
 * cluster are pulled together, pairs of different clusters pushed at least {@code MARGIN} apart. Prints the loss,
 * the mean distance of same- and different-cluster pairs before and after, and the variables (all the tower's, made
 * once and shared by both inputs).
 */
public final class SiameseExample {
  static final int STEPS = 300;
  static final int BATCH = 32;
  static final float MARGIN = 4;

  /** What a run printed, and the mean distances of same- and different-cluster pairs after training. */
  public record Result(List<String> lines, double same, double different) {}

  /** The graph: placeholders {@code left}, {@code right} [?, 2] and {@code same} [?] (1 for a same-cluster pair). */
  public record Model(Graph graph, Tensor left, Tensor right, Tensor same, Tensor distance, Tensor loss) {
    public static Model build() {
      Graph g = new Graph();
      g.setSeed(11);
      Ops tf = Ops.on(g);
      Tensor left = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "left");
      Tensor right = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "right");
      Tensor same = tf.placeholder(DType.FLOAT32, Shape.of(-1), "same");
      Tensor d = ScopedSiamese.create(tf).distance(left, right);
      // same * d + (1 - same) * relu(margin - d)
      Tensor pull = tf.mul(same, d);
      Tensor push = tf.mul(tf.sub(tf.constant(1f), same), tf.relu(tf.sub(tf.constant(MARGIN), d)));
      Tensor loss = tf.mean(tf.add(pull, push), "loss");
      return new Model(g, left, right, same, d, loss);
    }
  }

  public static void main(String[] args) {
    run().lines().forEach(System.out::println);
  }

  public static Result run() {
    Model m = Model.build();
    Random random = new Random(5);
    List<String> lines = new ArrayList<>();
    lines.add("Training a Siamese network whose tower comes from another module (scopegraph-samples-tower)");
    var train = new GradientDescentOptimizer(0.05).minimize(m.loss());
    Pairs test = pairs(new Random(99), 200);
    double[] after;
    try (Session s = new Session(m.graph())) {
      s.run(Ops.on(m.graph()).globalVariablesInitializer());
      double[] before = meanDistances(s, m, test);
      lines.add(String.format(Locale.ROOT, "  before: mean distance same cluster %.3f, different clusters %.3f",
          before[0], before[1]));
      for (int step = 1; step <= STEPS; step++) {
        Pairs p = pairs(random, BATCH);
        s.runner().feed(m.left(), p.left()).feed(m.right(), p.right()).feed(m.same(), p.same()).addTarget(train)
            .run();
        if (step == 1 || step % 100 == 0) {
          double loss = s.run(List.of(m.loss()), Map.of(m.left(), p.left(), m.right(), p.right(), m.same(),
              p.same())).get(0).getDouble(0);
          lines.add(String.format(Locale.ROOT, "  step %3d  loss %.3f", step, loss));
        }
      }
      after = meanDistances(s, m, test);
      lines.add(String.format(Locale.ROOT, "  after:  mean distance same cluster %.3f, different clusters %.3f",
          after[0], after[1]));
    }
    lines.add("  variables (one tower, shared by both inputs):");
    for (Variable v : m.graph().globalVariables()) {
      lines.add("    " + v.op().name() + " " + v.shape());
    }
    return new Result(lines, after[0], after[1]);
  }

  /** Pairs of points, each drawn from cluster (1, 1) or (-1, -1) with spread 0.5. */
  record Pairs(NdArray left, NdArray right, NdArray same) {}

  static Pairs pairs(Random random, int n) {
    float[] left = new float[2 * n];
    float[] right = new float[2 * n];
    float[] same = new float[n];
    for (int i = 0; i < n; i++) {
      boolean a = random.nextBoolean();
      boolean b = random.nextBoolean();
      point(random, a, left, i);
      point(random, b, right, i);
      same[i] = a == b ? 1 : 0;
    }
    return new Pairs(NdArray.create(DType.FLOAT32, Shape.of(n, 2), left),
        NdArray.create(DType.FLOAT32, Shape.of(n, 2), right), NdArray.create(DType.FLOAT32, Shape.of(n), same));
  }

  private static void point(Random random, boolean high, float[] into, int row) {
    float centre = high ? 1 : -1;
    into[2 * row] = (float) (centre + 0.5 * random.nextGaussian());
    into[2 * row + 1] = (float) (centre + 0.5 * random.nextGaussian());
  }

  /** The mean distance of the same-cluster pairs and of the different-cluster pairs. */
  private static double[] meanDistances(Session s, Model m, Pairs p) {
    float[] d = s.run(List.of(m.distance()), Map.of(m.left(), p.left(), m.right(), p.right())).get(0).toFloatArray();
    float[] same = p.same().toFloatArray();
    double[] sum = new double[2];
    int[] count = new int[2];
    for (int i = 0; i < d.length; i++) {
      int k = same[i] == 1 ? 0 : 1;
      sum[k] += d[i];
      count[k]++;
    }
    return new double[] {sum[0] / count[0], sum[1] / count[1]};
  }
}
