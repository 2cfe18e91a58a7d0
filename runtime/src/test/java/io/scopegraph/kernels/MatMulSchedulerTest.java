package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link MatMulScheduler} covers C with rectangles exactly once, on helper threads when the work is big. */
class MatMulSchedulerTest {
  /** Records which cells each call covered, and on which thread. */
  private static class Recorder implements MatMulProduct {
    final int blockRows;
    final int align;
    final MatMulDims d;
    final AtomicIntegerArray hits;
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    Recorder(int blockRows, int align, MatMulDims d) {
      this.blockRows = blockRows;
      this.align = align;
      this.d = d;
      this.hits = new AtomicIntegerArray(d.m() * d.n());
    }

    @Override
    public int blockRows() {
      return blockRows;
    }

    @Override
    public int columnAlignment() {
      return align;
    }

    @Override
    public void compute(int i0, int i1, int j0, int j1) {
      assertTrue(i1 - i0 <= blockRows && i0 < i1 && j0 < j1 && j0 % align == 0, i0 + ".." + i1 + ", " + j0);
      threads.add(Thread.currentThread().getName());
      for (int i = i0; i < i1; i++) {
        for (int j = j0; j < j1; j++) {
          hits.incrementAndGet(i * d.n() + j);
        }
      }
      try {
        Thread.sleep(1); // long enough for a helper to start
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Recorder run(int m, int k, int n, int blockRows, int align) {
    MatMulDims d = new MatMulDims(m, k, n, false, false);
    Recorder r = new Recorder(blockRows, align, d);
    MatMulScheduler.run(r, d);
    for (int i = 0; i < m * n; i++) {
      assertEquals(1, r.hits.get(i), "cell " + i + " of " + m + "x" + n);
    }
    return r;
  }

  @Test
  void everyCellOnceWhateverTheShape() {
    run(1, 1, 1, 32, 64);
    run(100, 5000, 37, 6, 16);
    run(5, 100_000, 1000, 48, 16); // one row block: the columns are cut instead
    run(1, 1_000_000, 3, 48, 16);
    run(70, 3, 70, 32, 64); // small: one thread
  }

  @Test
  void bigProductsRunOnHelperThreadsToo() {
    Recorder big = run(400, 1000, 400, 8, 16);
    if (MatMulScheduler.THREADS > 1) {
      assertTrue(big.threads.size() > 1, big.threads.toString());
    }
    Recorder small = run(16, 16, 16, 8, 16);
    assertEquals(Set.of(Thread.currentThread().getName()), small.threads);
  }

  @Test
  void aHelpersFailureIsThrownToTheCaller() {
    MatMulDims d = new MatMulDims(200, 1000, 200, false, false);
    IllegalStateException boom = new IllegalStateException("boom");
    Recorder failing = new Recorder(8, 16, d) {
      @Override
      public void compute(int i0, int i1, int j0, int j1) {
        if (i0 == 96) {
          throw boom;
        }
        super.compute(i0, i1, j0, j1);
      }
    };
    assertSame(boom, assertThrows(IllegalStateException.class, () -> MatMulScheduler.run(failing, d)));
  }
}
