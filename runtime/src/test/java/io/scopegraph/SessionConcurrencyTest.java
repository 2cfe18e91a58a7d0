package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One {@link Session} run from 8 threads at once (its runs are serialised, as documented): each thread feeds its
 * own values, alternating three fetch signatures (a fused {@code relu(x W + b)} with a sum, a {@code MatMul} large
 * enough to use the MatMul pool, and an {@code AssignAdd} target), while another thread keeps adding ops to the
 * graph, which drops the session's plans. Every result equals what the same feeds gave single-threaded, and no
 * {@code AssignAdd} is lost.
 */
class SessionConcurrencyTest {
  private static final int THREADS = 8;
  private static final int RUNS = 150; // per thread and signature

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private static NdArray random(SplittableRandom r, int rows, int cols) {
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.nextDouble(-1, 1);
    }
    return NdArray.of(values).reshape(Shape.of(rows, cols));
  }

  @Test
  @DisplayName("Session.run from 8 threads with different feeds gives the single-threaded results")
  void concurrentRunsOnOneSession() throws Exception {
    g.setSeed(7);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 64), "x");
    Variable w = tf.getVariable("w", Shape.of(64, 32));
    Variable b = tf.getVariable("b", Shape.of(32), Initializers.constant(0.1));
    Tensor h = tf.relu(tf.biasAdd(tf.matMul(x, w), b));
    Tensor total = tf.sum(h);
    Tensor xBig = tf.placeholder(DType.FLOAT32, Shape.of(-1, 160), "x_big");
    Variable wBig = tf.getVariable("w_big", Shape.of(160, 160));
    Tensor yBig = tf.matMul(xBig, wBig);
    Variable counter = tf.getVariable("counter", Shape.scalar(), DType.INT32, Initializers.zeros());
    Operation increment = tf.assignAdd(counter, 1).op();

    try (Session session = new Session(g)) {
      session.run(tf.globalVariablesInitializer());
      List<NdArray> feeds = new ArrayList<>();
      List<NdArray> bigFeeds = new ArrayList<>();
      List<List<NdArray>> expected = new ArrayList<>();
      List<NdArray> expectedBig = new ArrayList<>();
      SplittableRandom r = new SplittableRandom(42);
      for (int t = 0; t < THREADS; t++) {
        feeds.add(random(r, 3 + t, 64));
        bigFeeds.add(random(r, 160, 160));
        expected.add(session.run(List.of(h, total), Map.of(x, feeds.get(t))));
        expectedBig.add(session.run(List.of(yBig), Map.of(xBig, bigFeeds.get(t))).get(0));
      }

      AtomicBoolean running = new AtomicBoolean(true);
      Thread builder = new Thread(() -> {
        for (int i = 0; running.get(); i++) {
          tf.constant(i, "unrelated");
          Thread.yield();
        }
      });
      builder.start();
      int[] next = {0};
      List<Integer> mismatches;
      try {
        mismatches = ConcurrencyStressTest.runConcurrently(THREADS, () -> {
          int t;
          synchronized (next) {
            t = next[0]++;
          }
          int wrong = 0;
          for (int i = 0; i < RUNS; i++) {
            if (!session.run(List.of(h, total), Map.of(x, feeds.get(t))).equals(expected.get(t))) {
              wrong++;
            }
            if (!session.run(List.of(yBig), Map.of(xBig, bigFeeds.get(t))).get(0).equals(expectedBig.get(t))) {
              wrong++;
            }
            session.run(increment);
          }
          return wrong;
        });
      } finally {
        running.set(false);
        builder.join();
      }
      assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), mismatches);
      assertEquals(NdArray.of(THREADS * RUNS), session.run(counter.value()));
    }
  }
}
