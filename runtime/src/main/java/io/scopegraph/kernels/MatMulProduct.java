package io.scopegraph.kernels;

/**
 * One float32 or float64 product under way, its right operand already packed: {@link #compute} fills one
 * rectangle of {@code C}. {@link MatMulScheduler} cuts {@code C} into rectangles and hands each to exactly one
 * thread; rectangles never overlap, so threads share nothing but the packed operand, which they only read.
 */
interface MatMulProduct {
  /** Rows per rectangle: few enough to balance the cores, enough to reuse each packed part of {@code B}. */
  int blockRows();

  /** Rectangles start at multiples of this column (the width the packed operand is laid out in). */
  int columnAlignment();

  /**
   * Adds {@code op(A)[i0:i1, :] · op(B)[:, j0:j1]} into {@code C[i0:i1, j0:j1]} (which start at zero), where
   * {@code j0} is a multiple of {@link #columnAlignment} and {@code j1} is one too or the last column.
   */
  void compute(int i0, int i1, int j0, int j1);
}
