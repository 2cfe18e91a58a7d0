package io.scopegraph.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link MatMulProduct} on all cores when it is big enough: {@code C} is cut into rectangles (row blocks
 * of the product's size; when there are too few rows for every core, column blocks too), and the calling
 * thread and up to {@code cores - 1} helpers take rectangles from a shared counter until none are left.
 *
 * <p>The caller works too and waits only for rectangles a helper has started, never for a helper still queued:
 * a busy pool (or a concurrent product) makes a product slower, never stuck.
 */
final class MatMulScheduler {
  static final int THREADS = Runtime.getRuntime().availableProcessors();
  /**
   * Products of at most this many multiply-adds (about 100³) stay on the calling thread: handing work to a
   * helper costs tens of microseconds, and on two cores 64³ to 80³ products measured slower on two threads.
   */
  static final long PARALLEL_WORK = 1 << 20;

  private MatMulScheduler() {}

  static void run(MatMulProduct product, MatMulDims d) {
    boolean parallel = THREADS > 1 && d.work() > PARALLEL_WORK;
    int rowBlocks = ceilDiv(d.m(), product.blockRows());
    int align = product.columnAlignment();
    int colBlocks = 1;
    if (parallel && rowBlocks < 4 * THREADS) {
      // Few rows (a small batch): cut the columns too, about four rectangles per thread for balance.
      colBlocks = Math.min(ceilDiv(d.n(), align), ceilDiv(4 * THREADS, rowBlocks));
    }
    int colWidth = ceilDiv(ceilDiv(d.n(), colBlocks), align) * align;
    Grid grid = new Grid(product, d, rowBlocks, ceilDiv(d.n(), colWidth), colWidth);
    forEach(grid.count, parallel ? THREADS : 1, (worker, t) -> grid.compute(t));
  }

  /** Task {@code task} run by worker {@code worker} (0 the caller, 1.. the helpers): one worker runs it once. */
  @FunctionalInterface
  interface Task {
    void run(int worker, int task);
  }

  /**
   * Runs tasks {@code 0 .. count-1} as {@link #run} runs rectangles: the caller and up to {@code workers - 1}
   * helpers take them from a shared counter. A worker's tasks run one after another, so per-worker buffers
   * (indexed by the worker number, below {@code workers}) need no locking (convolutions per image).
   */
  static void forEach(int count, int workers, Task task) {
    int helpers = Math.min(Math.min(workers, THREADS) - 1, count - 1);
    if (helpers <= 0) {
      for (int t = 0; t < count; t++) {
        task.run(0, t);
      }
      return;
    }
    Shared shared = new Shared(count, task);
    for (int h = 0; h < helpers; h++) {
      int worker = h + 1;
      Pool.POOL.execute(() -> shared.work(worker));
    }
    shared.work(0);
    shared.await();
  }

  static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  /** The rectangles of C, numbered row-major. */
  private static final class Grid {
    final MatMulProduct product;
    final MatMulDims d;
    final int colBlocks;
    final int colWidth;
    final int count;

    Grid(MatMulProduct product, MatMulDims d, int rowBlocks, int colBlocks, int colWidth) {
      this.product = product;
      this.d = d;
      this.colBlocks = colBlocks;
      this.colWidth = colWidth;
      this.count = rowBlocks * colBlocks;
    }

    void compute(int t) {
      int i0 = (t / colBlocks) * product.blockRows();
      int j0 = (t % colBlocks) * colWidth;
      product.compute(i0, Math.min(d.m(), i0 + product.blockRows()), j0, Math.min(d.n(), j0 + colWidth));
    }
  }

  /** The rectangles still to take, those still running, and the first failure. */
  private static final class Shared {
    static final long SPIN_NANOS = 50_000;
    final int count;
    final Task task;
    final AtomicInteger next = new AtomicInteger();
    final CountDownLatch done;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Shared(int count, Task task) {
      this.count = count;
      this.task = task;
      this.done = new CountDownLatch(count);
    }

    void work(int worker) {
      int t;
      while ((t = next.getAndIncrement()) < count) {
        try {
          if (failure.get() == null) {
            task.run(worker, t);
          }
        } catch (Throwable e) { // an OutOfMemoryError in a helper: rethrown on the caller's thread
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    }

    void await() {
      // A helper's last rectangle usually ends within microseconds of the caller's: spin that long rather than
      // park, since waking a parked thread costs tens of microseconds, a good part of a small product.
      long start = System.nanoTime();
      while (done.getCount() > 0 && System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      }
      boolean interrupted = false;
      while (true) {
        try {
          done.await(); // uninterruptibly: helpers may still be writing into C
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable e = failure.get();
      if (e instanceof RuntimeException r) {
        throw r;
      }
      if (e instanceof Error err) {
        throw err;
      }
    }
  }

  /** Helper threads, made on first use; daemons, so they never keep the JVM alive, and gone when idle. */
  private static final class Pool {
    static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, THREADS - 1), pool -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName("scopegraph-matmul-" + t.getPoolIndex());
      return t;
    }, null, true);
  }
}
