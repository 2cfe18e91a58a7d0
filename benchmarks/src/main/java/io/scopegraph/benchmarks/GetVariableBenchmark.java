package io.scopegraph.benchmarks;

import io.scopegraph.Graph;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code get_variable} of an existing variable under {@code variable_scope("layer", reuse=AUTO)}: time per
 * {@code getVariable("w", [64, 64])} call that returns the existing {@code layer/w}. The scope is entered once
 * per iteration (on the benchmark thread), so only the lookup is measured. TensorFlow Java has no variable
 * scopes, so there is no peer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GetVariableBenchmark {
  private Ops tf;
  private VarScope scope;
  private final Shape shape = Shape.of(64, 64);

  @Setup(Level.Trial)
  public void createVariable() {
    tf = Ops.on(new Graph());
    try (VarScope s = tf.variableScope("layer")) {
      tf.getVariable("w", shape);
    }
  }

  @Setup(Level.Iteration)
  public void enterScope() {
    scope = tf.variableScope("layer", Reuse.AUTO);
  }

  @TearDown(Level.Iteration)
  public void exitScope() {
    scope.close();
  }

  @Benchmark
  public Variable getVariableReuseAuto() {
    return tf.getVariable("w", shape);
  }
}
