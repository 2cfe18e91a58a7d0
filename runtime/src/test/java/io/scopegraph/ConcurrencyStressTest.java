package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@link Graph} promises to threads ("creation is thread-safe; each public call that adds something is
 * atomic"), under load: 8 threads build into one graph in shared scopes, creating ops, sharing variables and
 * making calls that fail part-way, and afterwards no name is lost or handed out twice, every shared variable is
 * one object, and no failed call left an op or a used name behind.
 *
 * <p>8 threads × {@value #DEFAULT_PER_THREAD} iterations (each: two ops and one {@code getVariable}; every 16th also
 * two failing calls), about 15 s on two cores; {@code -Dscopegraph.stressPerThread=N} changes the count.
 */
class ConcurrencyStressTest {
  static final int DEFAULT_PER_THREAD = 100_000;
  private static final int THREADS = 8;
  private static final int VARIABLES = 500; // shared by all threads: vs/v0 … vs/v499
  private static final int FAILURE_EVERY = 16; // each thread: one failing call of each kind per 16 iterations

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** What one thread saw. */
  private record Seen(List<String> constants, List<String> noOps, Variable[] variables, int duplicates,
      int alreadyExists) {}

  @Test
  @DisplayName("8 threads creating ops and variables in shared scopes: no lost or duplicate names, failures atomic")
  void sharedScopesUnderLoad() throws Exception {
    int perThread = Integer.getInteger("scopegraph.stressPerThread", DEFAULT_PER_THREAD);
    VarScope shared;
    try (VarScope s = tf.variableScope("vs", Reuse.AUTO)) {
      shared = s;
    }
    VarScope strict;
    try (VarScope s = tf.variableScope("strict")) {
      strict = s;
      tf.getVariable("x", Shape.of(2), Initializers.zeros());
    }
    // The op vs/dupv exists but its name was never marked used (TF's verbatim name/ form), so getVariable("dupv")
    // in vs picks the name vs/dupv, builds its initializer, then fails on the duplicate VariableV2 op.
    tf.constant(0f, "vs/dupv/");
    int opsBefore = g.size();

    List<Seen> seen = runConcurrently(THREADS, () -> {
      List<String> constants = new ArrayList<>(perThread);
      List<String> noOps = new ArrayList<>(perThread);
      Variable[] variables = new Variable[VARIABLES];
      int duplicates = 0;
      int alreadyExists = 0;
      try (VarScope s = tf.variableScope(shared); NameScopeHandle n = tf.nameScope("shared/")) {
        for (int i = 0; i < perThread; i++) {
          constants.add(tf.constant(i, "c").op().name());
          noOps.add(tf.noOp("n").name());
          Variable v = tf.getVariable("v" + i % VARIABLES, Shape.of(2), Initializers.zeros());
          if (variables[i % VARIABLES] == null) {
            variables[i % VARIABLES] = v;
          } else {
            assertSame(variables[i % VARIABLES], v);
          }
          if (i % FAILURE_EVERY == 0) {
            try {
              tf.getVariable("dupv", Shape.of(2), Initializers.zeros());
            } catch (DuplicateOpNameException e) {
              assertEquals("Duplicate node name in graph: 'vs/dupv'", e.getMessage());
              duplicates++;
            }
            try (VarScope again = tf.variableScope(strict)) {
              tf.getVariable("x", Shape.of(2), Initializers.zeros());
            } catch (VariableAlreadyExistsException e) {
              alreadyExists++;
            }
          }
        }
      }
      return new Seen(constants, noOps, variables, duplicates, alreadyExists);
    });

    int total = THREADS * perThread;
    int failures = THREADS * ((perThread + FAILURE_EVERY - 1) / FAILURE_EVERY);
    assertEquals(failures, seen.stream().mapToInt(Seen::duplicates).sum(), "failed getVariable(dupv) calls");
    assertEquals(failures, seen.stream().mapToInt(Seen::alreadyExists).sum(), "refused getVariable(x) calls");
    assertExactlyNumbered("shared/c", total, seen.stream().flatMap(s -> s.constants().stream()).toList());
    assertExactlyNumbered("shared/n", total, seen.stream().flatMap(s -> s.noOps().stream()).toList());

    Map<String, Variable> store = g.variableStore();
    assertEquals(VARIABLES + 1, store.size()); // vs/v0 … and strict/x
    for (Seen s : seen) {
      for (int j = 0; j < VARIABLES; j++) {
        assertSame(store.get("vs/v" + j), s.variables()[j], "vs/v" + j);
      }
    }
    // Exactly the ops that succeeded: 2 per iteration and 4 per variable (Initializer/zeros, the variable,
    // Assign, read); nothing of the failed calls.
    List<Operation> ops = g.operations();
    assertEquals(opsBefore + 2 * total + 4 * VARIABLES, ops.size());
    Set<String> names = new HashSet<>();
    for (Operation op : ops) {
      assertTrue(names.add(op.name()), "op name handed out twice: " + op.name());
      assertSame(op, g.operation(op.name()));
      assertTrue(!op.name().startsWith("vs/dupv/") && !op.name().startsWith("strict/x_"), op.name());
    }
    assertNull(g.operation("vs/dupv/Initializer/zeros"));
    // No failed call left a used name: the names the failing getVariable took are free again.
    assertEquals("vs/dupv/Initializer", g.uniqueName("vs/dupv/Initializer", false));
    assertEquals("vs/dupv", g.uniqueName("vs/dupv", false));
    assertEquals("shared/c_" + total, g.uniqueName("shared/c", false));
  }

  /** {@code names} are exactly {@code base}, {@code base_1}, …, {@code base_(count - 1)}, each once. */
  private static void assertExactlyNumbered(String base, int count, List<String> names) {
    assertEquals(count, names.size());
    BitSet taken = new BitSet(count);
    for (String name : names) {
      int k = name.equals(base) ? 0 : Integer.parseInt(name.substring(base.length() + 1));
      assertTrue(name.equals(base) || (name.startsWith(base + "_") && k > 0), name);
      assertTrue(k < count && !taken.get(k), "lost or duplicate name: " + name);
      taken.set(k);
    }
    assertEquals(count, taken.cardinality());
  }

  /** Runs {@code task} on {@code threads} threads that start together; their results in thread order. */
  static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
