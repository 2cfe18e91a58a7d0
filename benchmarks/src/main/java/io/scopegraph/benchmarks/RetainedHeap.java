package io.scopegraph.benchmarks;

import io.scopegraph.Graph;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Retained heap per op: for each size, the heap used after {@code System.gc()} before and after building a flat
 * graph of that many {@code Add} ops (the graph kept reachable), divided by the op count; also the wall time of
 * that one build. Prints a table and writes it as tab-separated values to the file named by the first argument
 * (default {@code benchmarks/retained.tsv}). Sizes: the remaining arguments, default 10k, 100k, 1M, 10M. A size
 * that runs out of heap is recorded as {@code OOM}. Run it with a large {@code -Xmx} for 10M (the documented
 * command uses 12 GB).
 */
public final class RetainedHeap {
  private RetainedHeap() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/retained.tsv");
    int[] sizes = {10_000, 100_000, 1_000_000, 10_000_000};
    if (args.length > 1) {
      sizes = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        sizes[i - 1] = Integer.parseInt(args[i]);
      }
    }
    // Warm up the builder so class loading and JIT code are not counted as retained or timed.
    for (int i = 0; i < 5; i++) {
      Reference.reachabilityFence(GraphBuildingBenchmark.buildFlat(100_000));
    }
    StringBuilder tsv = new StringBuilder("ops\tbuild_ms\tretained_bytes\tbytes_per_op\n");
    PrintStream o = System.out;
    o.printf("%12s %12s %16s %12s%n", "ops", "build ms", "retained bytes", "bytes/op");
    for (int n : sizes) {
      try {
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        Graph graph = GraphBuildingBenchmark.buildFlat(n);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long after = usedAfterGc();
        Reference.reachabilityFence(graph);
        graph = null;
        long retained = after - before;
        double perOp = (double) retained / n;
        o.printf("%12d %12d %16d %12.1f%n", n, ms, retained, perOp);
        tsv.append(n).append('\t').append(ms).append('\t').append(retained).append('\t')
            .append(String.format("%.1f", perOp)).append('\n');
      } catch (OutOfMemoryError e) {
        o.printf("%12d %12s%n", n, "OOM (max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)");
        tsv.append(n).append("\tOOM\tOOM\tOOM\n");
      }
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, tsv);
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
