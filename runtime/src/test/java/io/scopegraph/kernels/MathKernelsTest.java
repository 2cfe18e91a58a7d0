package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import org.junit.jupiter.api.Test;

/** {@code Prod} and {@code Max} ({@link ReductionKernels}), {@code FloorDiv}, {@code FloorMod}, {@code Reciprocal} ({@link MathKernels}). */
class MathKernelsTest {

  // ---------------------------------------------------------------------------------------------
  // Prod, Max

  @Test
  void prodMultipliesOverTheAxes() {
    NdArray x = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.of(6f, 120f), ReductionKernels.prod(x, NdArray.scalar(1), false));
    assertEquals(NdArray.of(new float[][] {{4, 10, 18}}), ReductionKernels.prod(x, NdArray.of(0), true));
    assertEquals(NdArray.scalar(720f), ReductionKernels.prod(x, NdArray.of(0, 1), false));
    assertEquals(NdArray.of(new double[][] {{720}}), ReductionKernels.prod(x.cast(DType.FLOAT64), NdArray.of(-1L, 0L), true));
    assertEquals(NdArray.of(6, 120), ReductionKernels.prod(x.cast(DType.INT32), NdArray.scalar(-1), false));
    assertSame(x, ReductionKernels.prod(x, NdArray.create(DType.INT32, Shape.of(0), new int[0]), false));
    // An empty product is 1; int32 products wrap.
    assertEquals(NdArray.of(1f, 1f), ReductionKernels.prod(NdArray.create(DType.FLOAT32, Shape.of(2, 0), new float[0]),
        NdArray.scalar(1), false));
    assertEquals(NdArray.scalar(0), ReductionKernels.prod(NdArray.of(65536, 65536), NdArray.scalar(0), false));
    assertEquals(NdArray.scalar(1L << 32), ReductionKernels.prod(NdArray.of(65536L, 65536L), NdArray.scalar(0), false));
  }

  @Test
  void maxTakesTheLargestPassingOverNaN() {
    NdArray x = NdArray.of(new float[][] {{1, 7, 3}, {4, -5, 6}});
    assertEquals(NdArray.of(7f, 6f), ReductionKernels.max(x, NdArray.scalar(1), false));
    assertEquals(NdArray.of(new float[][] {{4, 7, 6}}), ReductionKernels.max(x, NdArray.of(0), true));
    assertEquals(NdArray.scalar(7.0), ReductionKernels.max(x.cast(DType.FLOAT64), NdArray.of(0, 1), false));
    assertEquals(NdArray.of(7L, 6L), ReductionKernels.max(x.cast(DType.INT64), NdArray.scalar(1), false));
    assertEquals(NdArray.scalar(2f), ReductionKernels.max(NdArray.of(Float.NaN, 2f, 1f), NdArray.scalar(0), false));
    // Eigen's MaxReducer starts from the lowest value: the max of nothing, or of -inf only.
    assertEquals(NdArray.scalar(-Float.MAX_VALUE),
        ReductionKernels.max(NdArray.create(DType.FLOAT32, Shape.of(0), new float[0]), NdArray.scalar(0), false));
    assertEquals(NdArray.scalar(-Float.MAX_VALUE), ReductionKernels.max(
        NdArray.of(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY), NdArray.scalar(0), false));
    assertEquals(NdArray.scalar(Integer.MIN_VALUE),
        ReductionKernels.max(NdArray.create(DType.INT32, Shape.of(0), new int[0]), NdArray.scalar(0), false));
  }

  @Test
  void reductionsRejectAxesOutOfRange() {
    assertEquals("Invalid reduction dimension (2 for input with 2 dimension(s)",
        assertThrows(InvalidArgumentException.class,
            () -> ReductionKernels.max(NdArray.of(new int[][] {{1}}), NdArray.scalar(2), false)).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // FloorDiv, FloorMod

  @Test
  void floorDivAndFloorModOfIntegersFollowPython() {
    NdArray x = NdArray.of(-7, 7, -7, 7, 6, -6, 0);
    NdArray y = NdArray.of(2, 2, -2, -2, 3, 3, -5);
    assertEquals(NdArray.of(-4, 3, 3, -4, 2, -2, 0), MathKernels.floorDiv(x, y));
    assertEquals(NdArray.of(1, 1, -1, -1, 0, 0, 0), MathKernels.floorMod(x, y));
    assertEquals(NdArray.of(-4L, 3L), MathKernels.floorDiv(NdArray.of(-7L, 7L), NdArray.of(2L)));
    assertEquals(NdArray.of(1L, 1L), MathKernels.floorMod(NdArray.of(-7L, 7L), NdArray.scalar(2L)));
  }

  @Test
  void floorDivAndFloorModOfFloats() {
    NdArray x = NdArray.of(-7.5f, 7.5f, -7.5f, 7.5f);
    NdArray y = NdArray.of(2f, 2f, -2f, -2f);
    assertEquals(NdArray.of(-4f, 3f, 3f, -4f), MathKernels.floorDiv(x, y));
    assertEquals(NdArray.of(0.5f, 1.5f, -1.5f, -0.5f), MathKernels.floorMod(x, y));
    assertEquals(NdArray.of(-4.0, 3.0, 3.0, -4.0), MathKernels.floorDiv(x.cast(DType.FLOAT64), y.cast(DType.FLOAT64)));
    assertEquals(NdArray.of(0.5, 1.5, -1.5, -0.5), MathKernels.floorMod(x.cast(DType.FLOAT64), y.cast(DType.FLOAT64)));
    // Float division by zero is IEEE's.
    assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY},
        MathKernels.floorDiv(NdArray.of(1f, -1f), NdArray.scalar(0f)).toFloatArray());
  }

  @Test
  void floorDivBroadcastsAndRejectsIntegerDivisionByZero() {
    NdArray x = NdArray.of(new int[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.of(new int[][] {{0, 1, 1}, {2, 2, 3}}), MathKernels.floorDiv(x, NdArray.scalar(2)));
    assertEquals(NdArray.of(new int[][] {{1, 0, 1}, {0, 1, 0}}), MathKernels.floorMod(x, NdArray.of(2)));
    assertEquals(NdArray.of(new int[][] {{1, 1, 1}, {4, 2, 2}}),
        MathKernels.floorDiv(x, NdArray.of(new int[][] {{1, 2, 3}})));
    assertEquals("Integer division by zero", assertThrows(InvalidArgumentException.class,
        () -> MathKernels.floorDiv(x, NdArray.of(1, 0, 1))).getMessage());
    assertEquals("Integer division by zero", assertThrows(InvalidArgumentException.class,
        () -> MathKernels.floorMod(NdArray.of(1L), NdArray.of(0L))).getMessage());
    assertEquals("Incompatible shapes: [2,3] vs. [2]", assertThrows(InvalidArgumentException.class,
        () -> MathKernels.floorDiv(x, NdArray.of(1, 2))).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Reciprocal

  @Test
  void reciprocalOfFloats() {
    assertEquals(NdArray.of(0.5f, 0.25f, Float.POSITIVE_INFINITY, -10f),
        MathKernels.reciprocal(NdArray.of(2f, 4f, 0f, -0.1f)));
    assertEquals(NdArray.of(new double[][] {{0.5}, {-2.0}}), MathKernels.reciprocal(NdArray.of(new double[][] {{2}, {-0.5}})));
    assertThrows(UnsupportedOperationException.class, () -> MathKernels.reciprocal(NdArray.of(2)));
  }
}
