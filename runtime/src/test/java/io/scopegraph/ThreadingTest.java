package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-thread scope stacks, a graph shared by threads, and no graph kept alive by a pooled thread. */
class ThreadingTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("no lost or duplicate names when threads create ops with one name concurrently")
  void concurrentUniqueNames() throws Exception {
    int threads = 4;
    int perThread = 2000;
    List<List<String>> names = runConcurrently(threads, () -> {
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(tf.constant(i, "c").op().name());
      }
      return mine;
    });
    Set<String> all = new HashSet<>();
    names.forEach(all::addAll);
    Set<String> expected = new HashSet<>();
    expected.add("c");
    for (int i = 1; i < threads * perThread; i++) {
      expected.add("c_" + i);
    }
    assertEquals(expected, all);
    assertEquals(threads * perThread, g.size());
  }

  @Test
  @DisplayName("AUTO reuse from several threads shares one variable")
  void concurrentAutoReuse() throws Exception {
    List<Variable> vars = runConcurrently(4, () -> {
      Variable last = null;
      for (int i = 0; i < 200; i++) {
        try (VarScope s = tf.variableScope("shared", Reuse.AUTO)) {
          last = tf.getVariable("w", Shape.of(3));
        }
      }
      return last;
    });
    vars.forEach(v -> assertSame(vars.get(0), v));
    assertEquals(List.of("shared/w"), List.copyOf(g.variableStore().keySet()));
  }

  @Test
  @DisplayName("name and variable scopes are per thread: each thread starts at the root")
  void scopesArePerThread() throws Exception {
    try (VarScope outer = tf.variableScope("main_thread")) {
      List<String> seen = runConcurrently(1, () -> {
        Variable v = tf.getVariable("v", Shape.of(1));
        return tf.currentNameScope() + "|" + tf.getVariableScope().name() + "|" + v.name();
      });
      assertEquals(List.of("||v:0"), seen);
      assertEquals("main_thread", tf.getVariableScope().name());
    }
  }

  @Test
  @DisplayName("a captured scope re-entered on another thread (TF's advice for threads)")
  void capturedScopeOnAnotherThread() throws Exception {
    VarScope captured;
    try (VarScope s = tf.variableScope("main")) {
      captured = s;
    }
    List<String> names = runConcurrently(1, () -> {
      try (VarScope s = tf.variableScope(captured)) {
        return tf.getVariable("v", Shape.of(1)).name();
      }
    });
    assertEquals(List.of("main/v:0"), names);
  }

  @Test
  @DisplayName("closing a scope on another thread is refused")
  void closeOnAnotherThread() throws Exception {
    VarScope vs = tf.variableScope("mine");
    NameScopeHandle ns = tf.nameScope("also_mine");
    List<String> errors = runConcurrently(1, () -> {
      String a = assertThrows(ScopeNestingException.class, ns::close).getMessage();
      String b = assertThrows(ScopeNestingException.class, vs::close).getMessage();
      return a + "\n" + b;
    });
    String main = Thread.currentThread().getName();
    assertTrue(errors.get(0).startsWith("A name_scope opened on thread '" + main + "' cannot be closed on thread '"),
        errors.get(0));
    assertTrue(errors.get(0).contains("A variable_scope opened on thread '" + main + "'"), errors.get(0));
    ns.close();
    vs.close();
    assertEquals("", tf.getVariableScope().name());
  }

  @Test
  @DisplayName("a pooled thread that used a graph does not keep it alive")
  void noLeakThroughPooledThreads() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      WeakReference<Graph> ref = pool.submit(() -> {
        Graph graph = new Graph();
        Ops ops = Ops.on(graph);
        try (VarScope s = ops.variableScope("a"); NameScopeHandle n = ops.nameScope("b")) {
          ops.getVariable("v", Shape.of(1)).add(1f);
        }
        try (DefaultGraphHandle d = graph.asDefault()) {
          ops.constant(1f);
        }
        return new WeakReference<>(graph);
      }).get();
      for (int i = 0; i < 100 && ref.get() != null; i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertNull(ref.get(), "the graph was collected while the pool thread lives on");
    } finally {
      pool.shutdown();
    }
  }
}
