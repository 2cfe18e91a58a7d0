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

/** The shape and index kernels of training graphs in {@link ArrayKernels}, on values computed by hand or by TF. */
class ArrayKernelsTest {

  private static NdArray iota(DType dtype, long... dims) {
    Shape shape = Shape.of(dims);
    int n = (int) shape.numElements();
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return NdArray.wrap(DType.INT32, shape, v).cast(dtype);
  }

  private static void assertThrowsMessage(String message, Class<? extends Throwable> type,
      org.junit.jupiter.api.function.Executable body) {
    assertEquals(message, assertThrows(type, body).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Shape, Size, Rank, OnesLike, identities

  @Test
  void shapeSizeAndRankDescribeTheInput() {
    NdArray x = iota(DType.FLOAT32, 2, 3, 4);
    assertEquals(NdArray.of(2, 3, 4), ArrayKernels.shape(x, DType.INT32));
    assertEquals(NdArray.of(2L, 3L, 4L), ArrayKernels.shape(x, DType.INT64));
    assertEquals(NdArray.scalar(24), ArrayKernels.size(x, DType.INT32));
    assertEquals(NdArray.scalar(24L), ArrayKernels.size(x, DType.INT64));
    assertEquals(NdArray.scalar(3), ArrayKernels.rank(x));
    NdArray scalar = NdArray.scalar(1.5f);
    assertEquals(NdArray.create(DType.INT32, Shape.of(0), new int[0]), ArrayKernels.shape(scalar, DType.INT32));
    assertEquals(NdArray.scalar(1), ArrayKernels.size(scalar, DType.INT32));
    assertEquals(NdArray.scalar(0), ArrayKernels.rank(scalar));
  }

  @Test
  void onesLikeAndTheGradientBarriersKeepShapeAndDtype() {
    assertEquals(NdArray.of(new float[][] {{1, 1}, {1, 1}}), ArrayKernels.onesLike(iota(DType.FLOAT32, 2, 2)));
    assertEquals(NdArray.of(1L, 1L), ArrayKernels.onesLike(NdArray.of(5L, 6L)));
    assertEquals(NdArray.of(true, true), ArrayKernels.onesLike(NdArray.of(false, true)));
    NdArray x = NdArray.of(1.0, 2.0);
    assertSame(x, ArrayKernels.identity(x));
  }

  // ---------------------------------------------------------------------------------------------
  // Tile

  @Test
  void tileRepeatsAlongEachDimension() {
    NdArray x = NdArray.of(new int[][] {{1, 2}, {3, 4}});
    assertEquals(NdArray.of(new int[][] {
        {1, 2, 1, 2, 1, 2}, {3, 4, 3, 4, 3, 4}, {1, 2, 1, 2, 1, 2}, {3, 4, 3, 4, 3, 4}}),
        ArrayKernels.tile(x, NdArray.of(2, 3)));
    assertEquals(NdArray.of(new int[][] {{1, 2}, {3, 4}, {1, 2}, {3, 4}}), ArrayKernels.tile(x, NdArray.of(2L, 1L)));
    assertEquals(NdArray.create(DType.INT32, Shape.of(0, 2), new int[0]), ArrayKernels.tile(x, NdArray.of(0, 1)));
  }

  @Test
  void tileOfRankThreeAndOfStrings() {
    NdArray x = iota(DType.FLOAT64, 1, 2, 1); // [[[0], [1]]]
    NdArray t = ArrayKernels.tile(x, NdArray.of(2, 1, 3));
    assertEquals(Shape.of(2, 2, 3), t.shape());
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1}, t.toDoubleArray());
    assertArrayEquals(new String[] {"a", "b", "a", "b"}, ArrayKernels.tile(NdArray.of("a", "b"), NdArray.of(new int[] {2}))
        .toStringArray());
    NdArray scalar = NdArray.scalar(7);
    assertSame(scalar, ArrayKernels.tile(scalar, NdArray.create(DType.INT32, Shape.of(0), new int[0])));
  }

  @Test
  void tileRejectsMultiplesOfTheWrongLengthOrSign() {
    NdArray x = NdArray.of(new int[][] {{1, 2}, {3, 4}});
    assertThrowsMessage("Expected multiples argument to be a vector of length 2 but got length 3",
        InvalidArgumentException.class, () -> ArrayKernels.tile(x, NdArray.of(1, 2, 3)));
    assertThrowsMessage("Expected multiples[1] >= 0, but got -1", InvalidArgumentException.class,
        () -> ArrayKernels.tile(x, NdArray.of(1, -1)));
  }

  // ---------------------------------------------------------------------------------------------
  // Transpose, InvertPermutation

  @Test
  void transposeOfRankThreeMovesEveryElement() {
    NdArray x = iota(DType.INT32, 2, 3, 4); // x[j][k][i] = 12 j + 4 k + i
    NdArray t = ArrayKernels.transpose(x, NdArray.of(2, 0, 1));
    assertEquals(Shape.of(4, 2, 3), t.shape());
    int[] v = t.toIntArray();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(12 * j + 4 * k + i, v[i * 6 + j * 3 + k], "t[" + i + "][" + j + "][" + k + "]");
        }
      }
    }
    NdArray u = ArrayKernels.transpose(x, NdArray.of(1L, 0L, 2L)); // int64 permutation
    assertEquals(Shape.of(3, 2, 4), u.shape());
    assertEquals(12 * 1 + 4 * 2 + 3, u.toIntArray()[2 * 8 + 1 * 4 + 3]); // u[2][1][3] = x[1][2][3]
  }

  @Test
  void transposeOfAMatrixAndTheIdentityPermutation() {
    NdArray x = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.of(new float[][] {{1, 4}, {2, 5}, {3, 6}}), ArrayKernels.transpose(x, NdArray.of(1, 0)));
    assertSame(x, ArrayKernels.transpose(x, NdArray.of(0, 1)));
    assertArrayEquals(new String[] {"a", "c", "b", "d"},
        ArrayKernels.transpose(NdArray.of(new String[][] {{"a", "b"}, {"c", "d"}}), NdArray.of(1, 0))
            .toStringArray());
  }

  @Test
  void transposeRejectsWhatIsNotAPermutation() {
    NdArray x = iota(DType.INT32, 2, 3, 4);
    assertThrowsMessage("3 is out of range [0 .. 3)", InvalidArgumentException.class,
        () -> ArrayKernels.transpose(x, NdArray.of(0, 1, 3)));
    assertThrowsMessage("1 is missing from {0,0,2}.", InvalidArgumentException.class,
        () -> ArrayKernels.transpose(x, NdArray.of(0, 0, 2)));
    assertThrowsMessage("transpose expects a vector of size 3. But input(1) is a vector of size 2",
        InvalidArgumentException.class, () -> ArrayKernels.transpose(x, NdArray.of(0, 1)));
    assertThrowsMessage("perm must be a vector, not []", InvalidArgumentException.class,
        () -> ArrayKernels.transpose(x, NdArray.scalar(0)));
  }

  @Test
  void invertPermutationInvertsAndChecks() {
    assertEquals(NdArray.of(2, 4, 3, 0, 1), ArrayKernels.invertPermutation(NdArray.of(3, 4, 0, 2, 1)));
    assertEquals(NdArray.of(1L, 0L), ArrayKernels.invertPermutation(NdArray.of(1L, 0L)));
    assertThrowsMessage("1 is duplicated in the input.", InvalidArgumentException.class,
        () -> ArrayKernels.invertPermutation(NdArray.of(1, 1, 0)));
    assertThrowsMessage("3 is not between 0 and 3", InvalidArgumentException.class,
        () -> ArrayKernels.invertPermutation(NdArray.of(0, 3, 1)));
  }

  // ---------------------------------------------------------------------------------------------
  // ExpandDims, Squeeze

  @Test
  void expandDimsInsertsAOne() {
    NdArray x = iota(DType.FLOAT32, 2, 3);
    assertEquals(Shape.of(1, 2, 3), ArrayKernels.expandDims(x, NdArray.scalar(0)).shape());
    assertEquals(Shape.of(2, 1, 3), ArrayKernels.expandDims(x, NdArray.scalar(1L)).shape());
    assertEquals(Shape.of(2, 3, 1), ArrayKernels.expandDims(x, NdArray.scalar(2)).shape());
    assertEquals(Shape.of(2, 3, 1), ArrayKernels.expandDims(x, NdArray.scalar(-1)).shape());
    assertEquals(Shape.of(1, 2, 3), ArrayKernels.expandDims(x, NdArray.of(-3)).shape());
    assertEquals(Shape.of(1), ArrayKernels.expandDims(NdArray.scalar(5), NdArray.scalar(-1)).shape());
    assertArrayEquals(x.toFloatArray(), ArrayKernels.expandDims(x, NdArray.scalar(0)).toFloatArray());
    assertThrowsMessage("Tried to expand dim index 3 for tensor with 2 dimensions.", InvalidArgumentException.class,
        () -> ArrayKernels.expandDims(x, NdArray.scalar(3)));
    assertThrowsMessage("Tried to expand dim index -4 for tensor with 2 dimensions.",
        InvalidArgumentException.class, () -> ArrayKernels.expandDims(x, NdArray.scalar(-4)));
    assertThrowsMessage("'dim' must be a tensor with a single value", InvalidArgumentException.class,
        () -> ArrayKernels.expandDims(x, NdArray.of(0, 1)));
  }

  @Test
  void squeezeRemovesOnes() {
    NdArray x = iota(DType.INT64, 1, 2, 1, 3);
    assertEquals(Shape.of(2, 3), ArrayKernels.squeeze(x, new int[0]).shape());
    assertEquals(Shape.of(2, 1, 3), ArrayKernels.squeeze(x, new int[] {0}).shape());
    assertEquals(Shape.of(1, 2, 3), ArrayKernels.squeeze(x, new int[] {-2}).shape());
    assertEquals(Shape.of(2, 3), ArrayKernels.squeeze(x, new int[] {0, 2}).shape());
    assertThrowsMessage("Can not squeeze dim[1], expected a dimension of 1, got 2", InvalidArgumentException.class,
        () -> ArrayKernels.squeeze(x, new int[] {1}));
    assertThrowsMessage("Tried to squeeze dim index 4 for tensor with 4 dimensions.",
        InvalidArgumentException.class, () -> ArrayKernels.squeeze(x, new int[] {4}));
  }

  // ---------------------------------------------------------------------------------------------
  // BroadcastGradientArgs

  private static void assertReduction(long[] s0, long[] s1, int[] r0, int[] r1) {
    NdArray[] r = ArrayKernels.broadcastGradientArgs(NdArray.of(toInts(s0)), NdArray.of(toInts(s1)));
    assertEquals(NdArray.create(DType.INT32, Shape.of(r0.length), r0), r[0], "r0 of " + s0.length);
    assertEquals(NdArray.create(DType.INT32, Shape.of(r1.length), r1), r[1], "r1");
  }

  private static int[] toInts(long[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  @Test
  void broadcastGradientArgsAreTheAxesEachOperandIsStretchedAlong() {
    assertReduction(new long[] {2, 3}, new long[] {3}, new int[] {}, new int[] {0});
    assertReduction(new long[] {3}, new long[] {2, 3}, new int[] {0}, new int[] {});
    // A dimension of size 1 in both (here the last) is summed for both.
    assertReduction(new long[] {1}, new long[] {2, 1}, new int[] {0, 1}, new int[] {1});
    assertReduction(new long[] {2, 1, 3}, new long[] {4, 1}, new int[] {1}, new int[] {0, 2});
    assertReduction(new long[] {}, new long[] {2, 3}, new int[] {0, 1}, new int[] {});
    assertReduction(new long[] {2, 1}, new long[] {1, 3}, new int[] {1}, new int[] {0});
    // Equal shapes reduce nothing, even where their dimensions are 1.
    assertReduction(new long[] {1}, new long[] {1}, new int[] {}, new int[] {});
    assertReduction(new long[] {2, 1, 3}, new long[] {2, 1, 3}, new int[] {}, new int[] {});
    assertReduction(new long[] {}, new long[] {}, new int[] {}, new int[] {});
    assertReduction(new long[] {}, new long[] {1}, new int[] {0}, new int[] {0});
  }

  @Test
  void broadcastGradientArgsOfInt64AndIncompatibleShapes() {
    NdArray[] r = ArrayKernels.broadcastGradientArgs(NdArray.of(4L, 1L, 5L), NdArray.of(new long[] {5}));
    assertEquals(NdArray.of(new long[] {1}), r[0]);
    assertEquals(NdArray.of(0L, 1L), r[1]);
    assertThrowsMessage("Incompatible shapes: [2,3] vs. [4]", InvalidArgumentException.class,
        () -> ArrayKernels.broadcastGradientArgs(NdArray.of(2, 3), NdArray.of(new int[] {4})));
    assertThrowsMessage("In[1] must be a vector.[]", InvalidArgumentException.class,
        () -> ArrayKernels.broadcastGradientArgs(NdArray.of(2, 3), NdArray.scalar(4)));
  }

  // ---------------------------------------------------------------------------------------------
  // DynamicStitch

  @Test
  void dynamicStitchMergesAsInTheTfDocumentation() {
    NdArray[] indices = {NdArray.scalar(6), NdArray.of(4, 1), NdArray.of(new int[][] {{5, 2}, {0, 3}})};
    NdArray[] data = {
      NdArray.of(61f, 62f),
      NdArray.of(new float[][] {{41, 42}, {11, 12}}),
      NdArray.of(new float[][][] {{{51, 52}, {21, 22}}, {{1, 2}, {31, 32}}})};
    assertEquals(NdArray.of(new float[][] {{1, 2}, {11, 12}, {21, 22}, {31, 32}, {41, 42}, {51, 52}, {61, 62}}),
        ArrayKernels.dynamicStitch(indices, data));
  }

  @Test
  void dynamicStitchLetsLaterIndicesWinAndLeavesGapsZero() {
    assertEquals(NdArray.of(1, 3, 0, 4),
        ArrayKernels.dynamicStitch(new NdArray[] {NdArray.of(0, 1), NdArray.of(1, 3)},
            new NdArray[] {NdArray.of(1, 2), NdArray.of(3, 4)}));
    // The gradient of a reduction: dynamic_stitch([range(rank), axes], [shape, ones]).
    assertEquals(NdArray.of(2, 1, 4),
        ArrayKernels.dynamicStitch(new NdArray[] {NdArray.of(0, 1, 2), NdArray.of(new int[] {1})},
            new NdArray[] {NdArray.of(2, 3, 4), NdArray.of(new int[] {1})}));
    NdArray empty = ArrayKernels.dynamicStitch(new NdArray[] {NdArray.create(DType.INT32, Shape.of(0), new int[0])},
        new NdArray[] {NdArray.create(DType.FLOAT32, Shape.of(0, 2), new float[0])});
    assertEquals(Shape.of(0, 2), empty.shape());
  }

  @Test
  void dynamicStitchChecksShapesAndIndices() {
    assertThrowsMessage("indices[1] is out of range", InvalidArgumentException.class,
        () -> ArrayKernels.dynamicStitch(new NdArray[] {NdArray.of(0, -1)}, new NdArray[] {NdArray.of(1, 2)}));
    assertThrowsMessage("data[0].shape = [3] does not start with indices[0].shape = [2]",
        InvalidArgumentException.class,
        () -> ArrayKernels.dynamicStitch(new NdArray[] {NdArray.of(0, 1)}, new NdArray[] {NdArray.of(1, 2, 3)}));
    assertThrowsMessage("Need data[0].shape[1:] = data[1].shape[1:], got data[0].shape = [2,2], data[1].shape = "
        + "[1,3], indices[0].shape = [2], indices[1].shape = [1]", InvalidArgumentException.class,
        () -> ArrayKernels.dynamicStitch(new NdArray[] {NdArray.of(0, 1), NdArray.of(new int[] {2})},
            new NdArray[] {NdArray.of(new int[][] {{1, 2}, {3, 4}}), NdArray.of(new int[][] {{5, 6, 7}})}));
  }

  // ---------------------------------------------------------------------------------------------
  // Range

  @Test
  void rangeCountsByDelta() {
    assertEquals(NdArray.of(0, 3, 6, 9), ArrayKernels.range(NdArray.scalar(0), NdArray.scalar(10), NdArray.scalar(3)));
    assertEquals(NdArray.of(10, 7, 4, 1),
        ArrayKernels.range(NdArray.scalar(10), NdArray.scalar(0), NdArray.scalar(-3)));
    assertEquals(NdArray.of(0L, 1L, 2L), ArrayKernels.range(NdArray.scalar(0L), NdArray.scalar(3L), NdArray.scalar(1L)));
    assertEquals(NdArray.create(DType.INT32, Shape.of(0), new int[0]),
        ArrayKernels.range(NdArray.scalar(4), NdArray.scalar(4), NdArray.scalar(1)));
    assertEquals(NdArray.of(0f, 0.25f, 0.5f, 0.75f),
        ArrayKernels.range(NdArray.scalar(0f), NdArray.scalar(1f), NdArray.scalar(0.25f)));
    // Each element adds delta to the previous one in the dtype, as TF's kernel does.
    NdArray tenths = ArrayKernels.range(NdArray.scalar(0f), NdArray.scalar(1f), NdArray.scalar(0.1f));
    assertEquals(10, tenths.size());
    float v = 0;
    for (int i = 0; i < 10; i++) {
      assertEquals(v, tenths.toFloatArray()[i]);
      v += 0.1f;
    }
    assertEquals(NdArray.of(1.0, 1.5, 2.0, 2.5),
        ArrayKernels.range(NdArray.scalar(1.0), NdArray.scalar(2.6), NdArray.scalar(0.5)));
  }

  @Test
  void rangeRejectsAnEmptyOrBackwardStep() {
    assertThrowsMessage("Requires delta != 0: 0", InvalidArgumentException.class,
        () -> ArrayKernels.range(NdArray.scalar(0), NdArray.scalar(10), NdArray.scalar(0)));
    assertThrowsMessage("Requires start <= limit when delta > 0: 5/1", InvalidArgumentException.class,
        () -> ArrayKernels.range(NdArray.scalar(5), NdArray.scalar(1), NdArray.scalar(1)));
    assertThrowsMessage("Requires start >= limit when delta < 0: 1/5", InvalidArgumentException.class,
        () -> ArrayKernels.range(NdArray.scalar(1), NdArray.scalar(5), NdArray.scalar(-1)));
    assertThrowsMessage("Requires start <= limit when delta > 0: 5.5/1", InvalidArgumentException.class,
        () -> ArrayKernels.range(NdArray.scalar(5.5f), NdArray.scalar(1f), NdArray.scalar(1f)));
    assertThrowsMessage("limit must be a scalar, not shape [2]", InvalidArgumentException.class,
        () -> ArrayKernels.range(NdArray.scalar(0), NdArray.of(1, 2), NdArray.scalar(1)));
  }

  // ---------------------------------------------------------------------------------------------
  // ConcatOffset, AddN

  @Test
  void concatOffsetIsTheRunningSumAlongTheAxis() {
    NdArray[] out = ArrayKernels.concatOffset(NdArray.scalar(1),
        new NdArray[] {NdArray.of(2, 2, 5, 7), NdArray.of(2, 3, 5, 7), NdArray.of(2, 4, 5, 7)});
    assertEquals(NdArray.of(0, 0, 0, 0), out[0]);
    assertEquals(NdArray.of(0, 2, 0, 0), out[1]);
    assertEquals(NdArray.of(0, 5, 0, 0), out[2]);
    NdArray[] last = ArrayKernels.concatOffset(NdArray.scalar(-1), new NdArray[] {NdArray.of(2, 3), NdArray.of(2, 4)});
    assertEquals(NdArray.of(0, 3), last[1]);
  }

  @Test
  void concatOffsetChecksTheOtherDimensions() {
    assertThrowsMessage("All dimensions except 1 must match. Input 1 has shape [2 3 6 7] and doesn't match input 0 "
        + "with shape [2 2 5 7].", InvalidArgumentException.class,
        () -> ArrayKernels.concatOffset(NdArray.scalar(1), new NdArray[] {NdArray.of(2, 2, 5, 7), NdArray.of(2, 3, 6, 7)}));
    assertThrowsMessage("Concat dim is out of range: 2 vs. 2", InvalidArgumentException.class,
        () -> ArrayKernels.concatOffset(NdArray.scalar(2), new NdArray[] {NdArray.of(2, 2)}));
    assertThrowsMessage("input 1 should contain 2 elements, but got 3", InvalidArgumentException.class,
        () -> ArrayKernels.concatOffset(NdArray.scalar(0), new NdArray[] {NdArray.of(2, 2), NdArray.of(2, 2, 1)}));
  }

  @Test
  void addNSumsInputsOfOneShape() {
    assertEquals(NdArray.of(new float[][] {{111, 222}}), ArrayKernels.addN(new NdArray[] {
        NdArray.of(new float[][] {{1, 2}}), NdArray.of(new float[][] {{10, 20}}), NdArray.of(new float[][] {{100, 200}})},
        "AddN"));
    assertEquals(NdArray.of(Integer.MIN_VALUE), ArrayKernels.addN(
        new NdArray[] {NdArray.of(Integer.MAX_VALUE), NdArray.of(1)}, "AddN"));
    // Added left to right in float32: (1e8 + 1 + 1) is 1e8 in float, 1e8 + 2 is not.
    assertEquals(NdArray.of(1e8f), ArrayKernels.addN(
        new NdArray[] {NdArray.of(1e8f), NdArray.of(1f), NdArray.of(1f)}, "AddN"));
    NdArray one = NdArray.of(1.0);
    assertSame(one, ArrayKernels.addN(new NdArray[] {one}, "AddN"));
    assertThrowsMessage("Inputs to operation gradients/AddN of type AddN must have the same size and shape.  "
        + "Input 0: [2] != input 1: [3]", InvalidArgumentException.class,
        () -> ArrayKernels.addN(new NdArray[] {NdArray.of(1, 2), NdArray.of(1, 2, 3)}, "gradients/AddN"));
  }
}
