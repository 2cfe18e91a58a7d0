package io.scopegraph.kernels;

/**
 * How float32 and float64 products are computed: with plain loops the JIT vectorises ({@link PlainMatMul}) or
 * with the JDK's incubating Vector API ({@code VectorMatMul}). {@link MatMulProviders} picks one per JVM.
 */
interface MatMulProvider {
  /** {@code "plain"} or {@code "vector"}, for tests and benchmarks that check which one runs. */
  String name();

  /** A product writing into {@code c} ({@code m * n} zeros), with {@code b} packed; no dimension is 0. */
  MatMulProduct floats(float[] a, float[] b, float[] c, MatMulDims dims);

  /** As {@link #floats}, in float64. */
  MatMulProduct doubles(double[] a, double[] b, double[] c, MatMulDims dims);
}
