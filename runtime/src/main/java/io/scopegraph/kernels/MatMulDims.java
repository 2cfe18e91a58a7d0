package io.scopegraph.kernels;

import io.scopegraph.NdArray;

/**
 * The sizes of one {@code MatMul}: {@code C[m, n] = op(A)[m, k] · op(B)[k, n]}, where {@code op} transposes an
 * operand stored transposed ({@code A} as {@code [k, m]}, {@code B} as {@code [n, k]}). Both operands are flat,
 * row-major arrays as {@link NdArray} stores them.
 */
record MatMulDims(int m, int k, int n, boolean transposeA, boolean transposeB) {
  /** Multiply-adds of the product, as a long: {@code m * k * n} overflows an int from about 1290³. */
  long work() {
    return (long) m * k * n;
  }
}
