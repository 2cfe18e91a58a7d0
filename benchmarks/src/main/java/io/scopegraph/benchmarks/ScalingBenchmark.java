package io.scopegraph.benchmarks;

import io.scopegraph.Graph;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scaling of graph building: time to build a flat graph of {@code ops} {@code Add} ops, for 10k, 100k, 1M and
 * 10M ops (the report divides by {@code ops} for the time per op). Retained bytes per op are measured by
 * {@link RetainedHeap}. The heap is large enough for the 10M graph (about 1.8 GB) and the copies the
 * collector makes while it grows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx10g")
@State(Scope.Thread)
public class ScalingBenchmark {
  @Param({"10000", "100000", "1000000", "10000000"})
  public int ops;

  @Benchmark
  public Graph buildFlat() {
    return GraphBuildingBenchmark.buildFlat(ops);
  }
}
