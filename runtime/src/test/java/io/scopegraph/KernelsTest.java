package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.kernels.BinaryOp;
import io.scopegraph.kernels.Broadcast;
import io.scopegraph.kernels.RandomKernels;
import io.scopegraph.kernels.UnaryOp;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The op kernels, run through a {@link Session} on constant inputs. */
class KernelsTest {
  private final SessionGraphBuilder b = new SessionGraphBuilder();
  private int count;

  /** Runs one op of {@code type} on constants made from {@code inputs}. */
  private NdArray eval(String type, Object[] attrs, Object... inputs) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      in[i] = b.constant("input" + count++, inputs[i]);
    }
    DType dtype = in.length > 0 ? in[0].dtype() : DType.FLOAT32;
    Tensor out = b.op(type, type + count++, in, attrs, dtype, Shape.unknown());
    try (Session s = new Session(b.g)) {
      return s.run(out);
    }
  }

  private NdArray eval(String type, Object... inputs) {
    return eval(type, new Object[0], inputs);
  }

  private static NdArray array(DType dtype, Shape shape, Object data) {
    return NdArray.create(dtype, shape, data);
  }

  // ---------------------------------------------------------------------------------------------
  // Basic ops

  @Test
  void identityReturnsItsInputAndConstItsValue() {
    NdArray value = NdArray.of(new int[][] {{1, 2}, {3, 4}});
    assertSame(value, eval("Identity", value));
  }

  @Test
  void noOpHasNoOutputsAndRunsAsATarget() {
    Operation noOp = b.noOp("nothing");
    try (Session s = new Session(b.g)) {
      s.run(noOp);
    }
  }

  @Test
  void castConvertsLikeTensorFlowTruncatingTowardZero() {
    assertEquals(NdArray.of(1, -1, 2), eval("Cast", new Object[] {"SrcT", DType.FLOAT32, "DstT", DType.INT32},
        NdArray.of(1.9f, -1.9f, 2.0f)));
    assertEquals(NdArray.of(1.0, 2.0), eval("Cast", new Object[] {"DstT", DType.FLOAT64}, NdArray.of(1L, 2L)));
  }

  @Test
  void fillMakesAnArrayOfTheGivenShape() {
    assertEquals(array(DType.FLOAT32, Shape.of(2, 3), new float[] {7, 7, 7, 7, 7, 7}),
        eval("Fill", NdArray.of(2, 3), NdArray.scalar(7f)));
    assertEquals(array(DType.INT64, Shape.of(2), new long[] {Long.MAX_VALUE, Long.MAX_VALUE}),
        eval("Fill", NdArray.of(new int[] {2}), NdArray.scalar(Long.MAX_VALUE)),
        "int64 values are not rounded through double");
    assertEquals("value must be a scalar, got shape [2]",
        assertThrows(InvalidArgumentException.class, () -> eval("Fill", NdArray.of(new int[] {2}), NdArray.of(1f, 2f)))
            .getMessage());
  }

  @Test
  void reshapeInfersOneMinusOneDimension() {
    NdArray x = NdArray.of(1, 2, 3, 4, 5, 6);
    assertEquals(array(DType.INT32, Shape.of(2, 3), new int[] {1, 2, 3, 4, 5, 6}),
        eval("Reshape", x, NdArray.of(2, 3)));
    assertEquals(array(DType.INT32, Shape.of(3, 2), new int[] {1, 2, 3, 4, 5, 6}),
        eval("Reshape", x, NdArray.of(-1, 2)));
    assertEquals(array(DType.INT32, Shape.of(6), new int[] {1, 2, 3, 4, 5, 6}),
        eval("Reshape", x, NdArray.of(new int[] {-1})));
  }

  @Test
  void reshapeToAnotherSizeThrowsTensorFlowsMessage() {
    NdArray x = NdArray.of(1, 2, 3, 4, 5, 6);
    assertEquals("Input to reshape is a tensor with 6 values, but the requested shape has 4",
        assertThrows(InvalidArgumentException.class, () -> eval("Reshape", x, NdArray.of(2, 2))).getMessage());
    assertEquals("Input to reshape is a tensor with 6 values, but the requested shape requires a multiple of 4",
        assertThrows(InvalidArgumentException.class, () -> eval("Reshape", x, NdArray.of(-1, 4))).getMessage());
    assertEquals("Only one input size may be -1, not both 0 and 1",
        assertThrows(InvalidArgumentException.class, () -> eval("Reshape", x, NdArray.of(-1, -1))).getMessage());
  }

  @Test
  void l2LossIsHalfTheSumOfSquares() {
    assertEquals("No kernel for op type 'L2Loss' with dtype int32 (op 'L2Loss1')",
        assertThrows(UnsupportedOperationException.class, () -> eval("L2Loss", NdArray.of(1, 2))).getMessage());
    assertEquals(NdArray.scalar(12.5f), eval("L2Loss", NdArray.of(new float[][] {{3, 4}})));
    assertEquals(NdArray.scalar(7.0), eval("L2Loss", NdArray.of(1.0, 2.0, -3.0)));
    assertEquals(NdArray.scalar(0f), eval("L2Loss", NdArray.create(DType.FLOAT32, Shape.of(0), new float[0])));
  }

  @Test
  void concatJoinsAlongTheAxis() {
    NdArray a = NdArray.of(new int[][] {{1, 2}, {3, 4}});
    NdArray b = NdArray.of(new int[][] {{5, 6}});
    NdArray c = NdArray.of(new int[][] {{7}, {8}});
    assertEquals(NdArray.of(new int[][] {{1, 2}, {3, 4}, {5, 6}}), eval("ConcatV2", a, b, NdArray.scalar(0)));
    assertEquals(NdArray.of(new int[][] {{1, 2, 7}, {3, 4, 8}}), eval("ConcatV2", a, c, NdArray.scalar(1)));
    assertEquals(NdArray.of(new int[][] {{7, 1, 2}, {8, 3, 4}}), eval("ConcatV2", c, a, NdArray.scalar(-1)));
    assertEquals(NdArray.of(1f, 2f, 3f), eval("ConcatV2", NdArray.of(new float[] {1f}), NdArray.of(2f, 3f), NdArray.scalar(0L)));
    assertEquals("ConcatOp : Dimensions of inputs should match: shape[0] = [2,2] vs. shape[1] = [1,2]",
        assertThrows(InvalidArgumentException.class, () -> eval("ConcatV2", a, b, NdArray.scalar(1))).getMessage());
    assertEquals("ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2",
        assertThrows(InvalidArgumentException.class, () -> eval("ConcatV2", a, a, NdArray.scalar(2))).getMessage());
  }

  @Test
  void sliceTakesABlock() {
    NdArray x = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    assertEquals(NdArray.of(new double[][] {{5, 6}, {8, 9}}), eval("Slice", x, NdArray.of(1, 1), NdArray.of(2, 2)));
    assertEquals(NdArray.of(new double[][] {{2, 3}}), eval("Slice", x, NdArray.of(0, 1), NdArray.of(1, -1)));
    assertEquals(NdArray.of(new double[][] {{4}, {7}}), eval("Slice", x, NdArray.of(1, 0), NdArray.of(-1, 1)));
    assertEquals(NdArray.create(DType.FLOAT64, Shape.of(0, 3), new double[0]),
        eval("Slice", x, NdArray.of(3, 0), NdArray.of(0, 3)));
    assertEquals(NdArray.scalar(true), eval("Slice", NdArray.scalar(true), NdArray.create(DType.INT32, Shape.of(0),
        new int[0]), NdArray.create(DType.INT32, Shape.of(0), new int[0])));
    assertEquals("Expected size[0] in [0, 1], but got 2",
        assertThrows(InvalidArgumentException.class, () -> eval("Slice", x, NdArray.of(2, 0), NdArray.of(2, 1)))
            .getMessage());
  }

  @Test
  void unknownOpTypeThrowsUnsupportedOperation() {
    assertEquals("No kernel for op type 'Conv3D' (op 'Conv3D1')",
        assertThrows(UnsupportedOperationException.class, () -> eval("Conv3D", NdArray.of(1f))).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Binary ops and broadcasting

  @Test
  void equalShapesCombineElementByElement() {
    assertEquals(NdArray.of(5f, 7f, 9f), eval("AddV2", NdArray.of(1f, 2f, 3f), NdArray.of(4f, 5f, 6f)));
    assertEquals(NdArray.of(5.0, 7.0), eval("Add", NdArray.of(1.0, 2.0), NdArray.of(4.0, 5.0)));
    assertEquals(NdArray.of(-3, -3), eval("Sub", NdArray.of(1, 2), NdArray.of(4, 5)));
    assertEquals(NdArray.of(4L, 10L), eval("Mul", NdArray.of(1L, 2L), NdArray.of(4L, 5L)));
    assertEquals(NdArray.of(0.25f, 0.4f), eval("RealDiv", NdArray.of(1f, 2f), NdArray.of(4f, 5f)));
    assertEquals(NdArray.of(4, 5), eval("Maximum", NdArray.of(1, 5), NdArray.of(4, 2)));
    assertEquals(NdArray.of(1.0, 2.0), eval("Minimum", NdArray.of(1.0, 5.0), NdArray.of(4.0, 2.0)));
    assertEquals(NdArray.of(9f, 9f), eval("SquaredDifference", NdArray.of(1f, 5f), NdArray.of(4f, 2f)));
  }

  @Test
  void broadcastsAVectorAcrossTheRowsOfAMatrix() {
    NdArray m = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.of(new float[][] {{11, 22, 33}, {14, 25, 36}}),
        eval("AddV2", m, NdArray.of(10f, 20f, 30f)));
    assertEquals(NdArray.of(new float[][] {{9, 18, 27}, {6, 15, 24}}),
        eval("Sub", NdArray.of(10f, 20f, 30f), m));
  }

  @Test
  void broadcastsAColumnAgainstARow() {
    NdArray column = NdArray.of(new int[][] {{1}, {2}});
    NdArray row = NdArray.of(new int[][] {{10, 20, 30}});
    assertEquals(NdArray.of(new int[][] {{10, 20, 30}, {20, 40, 60}}), eval("Mul", column, row));
    assertEquals(NdArray.of(new int[][] {{11, 21, 31}, {12, 22, 32}}), eval("AddV2", row, column));
  }

  @Test
  void broadcastsScalarsOnEitherSide() {
    NdArray m = NdArray.of(new double[][] {{1, 2}, {3, 4}});
    assertEquals(NdArray.of(new double[][] {{2, 4}, {6, 8}}), eval("Mul", m, NdArray.scalar(2.0)));
    assertEquals(NdArray.of(new double[][] {{9, 8}, {7, 6}}), eval("Sub", NdArray.scalar(10.0), m));
    assertEquals(NdArray.scalar(5L), eval("AddV2", NdArray.scalar(2L), NdArray.scalar(3L)));
    assertEquals(array(DType.FLOAT32, Shape.of(1, 1, 2), new float[] {3, 4}),
        eval("AddV2", array(DType.FLOAT32, Shape.of(1, 1, 1), new float[] {1}), NdArray.of(2f, 3f)),
        "a one-element operand of higher rank raises the result rank");
  }

  @Test
  void broadcastsOverLeadingAndMiddleAxes() {
    NdArray x = array(DType.INT64, Shape.of(2, 1, 3), new long[] {1, 2, 3, 4, 5, 6});
    NdArray y = array(DType.INT64, Shape.of(2, 1), new long[] {10, 20});
    assertEquals(array(DType.INT64, Shape.of(2, 2, 3), new long[] {11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26}),
        eval("AddV2", x, y));
  }

  @Test
  void incompatibleShapesAtRunTimeThrowTensorFlowsMessage() {
    Tensor x = b.placeholder("x", DType.FLOAT32, Shape.unknown());
    Tensor y = b.placeholder("y", DType.FLOAT32, Shape.unknown());
    Tensor sum = b.binary("AddV2", "sum", x, y);
    try (Session s = new Session(b.g)) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> s.run(List.of(sum),
          Map.of(x, array(DType.FLOAT32, Shape.of(2, 3), new float[6]), y, NdArray.of(1f, 2f, 3f, 4f))));
      assertEquals("Incompatible shapes: [2,3] vs. [4]", e.getMessage());
    }
  }

  @Test
  void float32ArithmeticIsDoneInFloat() {
    float a = 16777216f; // 2^24: a + 1 is not a float, so float and double arithmetic differ on a - c below
    float c = 0.75f;
    NdArray out = eval("SquaredDifference", NdArray.of(a, 0.1f), NdArray.of(c, 0.3f));
    float d0 = a - c;
    float d1 = 0.1f - 0.3f;
    assertArrayEquals(new float[] {d0 * d0, d1 * d1}, out.toFloatArray());
    assertEquals(NdArray.of(0.1f + 0.2f, 0.7f - 0.1f), eval("AddV2", NdArray.of(0.1f, 0.7f), NdArray.of(0.2f, -0.1f)));
    assertEquals(NdArray.of(0.1f * 3f, 1f / 3f), eval("Mul", NdArray.of(0.1f, 1f / 3f), NdArray.of(3f, 1f)));
    assertEquals(NdArray.of(1f / 3f), eval("RealDiv", NdArray.of(1f), NdArray.of(3f)));
  }

  @Test
  void integerArithmeticWrapsOnOverflow() {
    assertEquals(NdArray.of(Integer.MIN_VALUE), eval("AddV2", NdArray.of(Integer.MAX_VALUE), NdArray.of(1)));
    assertEquals(NdArray.of(Integer.MAX_VALUE * 3), eval("Mul", NdArray.of(Integer.MAX_VALUE), NdArray.of(3)));
    assertEquals(NdArray.of(Long.MIN_VALUE), eval("AddV2", NdArray.of(Long.MAX_VALUE), NdArray.of(1L)));
  }

  @Test
  void integerPowIsExact() {
    assertEquals(NdArray.of(81, 1, 0, -8), eval("Pow", NdArray.of(3, 5, 0, -2), NdArray.of(4, 0, 3, 3)));
    long big = 1L;
    for (int i = 0; i < 39; i++) {
      big *= 3;
    }
    assertEquals(NdArray.of(big), eval("Pow", NdArray.of(3L), NdArray.of(39L)), "3^39 is beyond double precision");
    assertEquals(NdArray.of(8f, 0.5f), eval("Pow", NdArray.of(2f, 4f), NdArray.of(3f, -0.5f)));
  }

  @Test
  void integerPowToANegativeExponentThrows() {
    assertEquals("Integers to negative integer powers are not allowed",
        assertThrows(InvalidArgumentException.class, () -> eval("Pow", NdArray.of(2), NdArray.of(-1))).getMessage());
  }

  @Test
  void realDivOfIntegersHasNoKernel() {
    assertEquals("No kernel for op type 'RealDiv' with dtype int32 (op 'RealDiv2')",
        assertThrows(UnsupportedOperationException.class, () -> eval("RealDiv", NdArray.of(1), NdArray.of(2)))
            .getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Unary ops and softmax

  @Test
  void unaryOpsOfFloats() {
    NdArray x = NdArray.of(-2f, 0f, 4f);
    assertEquals(NdArray.of(2f, -0f, -4f), eval("Neg", x));
    assertEquals(NdArray.of(4f, 0f, 16f), eval("Square", x));
    assertEquals(NdArray.of(0f, 0f, 4f), eval("Relu", x));
    assertEquals(NdArray.of(2f, 0f, 4f), eval("Abs", x));
    assertEquals(NdArray.of(0f, 1f, 2f), eval("Sqrt", NdArray.of(0f, 1f, 4f)));
    assertEquals(NdArray.of(0.0, 1.0), eval("Log", NdArray.of(1.0, Math.E)));
    assertEquals(NdArray.of(1.0, Math.exp(2)), eval("Exp", NdArray.of(0.0, 2.0)));
    assertEquals(NdArray.of(0.5f, (float) (1 / (1 + Math.exp(-2)))), eval("Sigmoid", NdArray.of(0f, 2f)));
    assertEquals(NdArray.of(0.0, Math.tanh(1)), eval("Tanh", NdArray.of(0.0, 1.0)));
  }

  @Test
  void unaryOpsOfIntegers() {
    NdArray x = NdArray.of(-3L, 0L, 5L);
    assertEquals(NdArray.of(3L, 0L, -5L), eval("Neg", x));
    assertEquals(NdArray.of(9L, 0L, 25L), eval("Square", x));
    assertEquals(NdArray.of(0L, 0L, 5L), eval("Relu", x));
    assertEquals(NdArray.of(3, Integer.MIN_VALUE), eval("Abs", NdArray.of(-3, Integer.MIN_VALUE)));
  }

  /** The TF op type of each unary op (the inverse of {@link UnaryOp#of}). */
  private static String typeOf(UnaryOp op) {
    return switch (op) {
      case NEG -> "Neg";
      case SQUARE -> "Square";
      case RELU -> "Relu";
      case SIGMOID -> "Sigmoid";
      case TANH -> "Tanh";
      case EXP -> "Exp";
      case LOG -> "Log";
      case SQRT -> "Sqrt";
      case ABS -> "Abs";
    };
  }

  /** Special values first (signed zeros, infinities, NaN, extremes, subnormals), then random ones of both signs. */
  private static double[] unaryInputs() {
    double[] special = {0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-3, 80.0, -80.0, 1e30, -1e30,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Float.MIN_VALUE, -Float.MIN_VALUE,
        Float.MAX_VALUE, -Float.MAX_VALUE, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    SplittableRandom random = new SplittableRandom(7);
    double[] x = new double[1037]; // not a multiple of any vector width: the loops' tails run too
    System.arraycopy(special, 0, x, 0, special.length);
    for (int i = special.length; i < x.length; i++) {
      x[i] = random.nextDouble(-10, 10) * Math.pow(10, random.nextInt(-3, 4));
    }
    return x;
  }

  @Test
  void everyUnaryKernelOfFloat32MatchesTheScalarMathRoundedToFloat() {
    double[] values = unaryInputs();
    float[] x = new float[values.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) values[i];
    }
    for (UnaryOp op : UnaryOp.values()) {
      float[] expected = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        expected[i] = (float) op.apply((double) x[i]);
      }
      NdArray out = eval(typeOf(op), NdArray.of(x));
      assertEquals(DType.FLOAT32, out.dtype());
      assertArrayEquals(expected, out.toFloatArray(), op.name()); // bitwise, so -0 and 0 differ; NaN equals NaN
    }
  }

  @Test
  void everyUnaryKernelOfFloat64MatchesTheScalarMath() {
    double[] x = unaryInputs();
    for (UnaryOp op : UnaryOp.values()) {
      double[] expected = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        expected[i] = op.apply(x[i]);
      }
      NdArray out = eval(typeOf(op), array(DType.FLOAT64, Shape.of(x.length / 17, 17), x));
      assertEquals(Shape.of(x.length / 17, 17), out.shape());
      assertArrayEquals(expected, out.toDoubleArray(), op.name());
    }
  }

  @Test
  void everyIntegerUnaryKernelWrapsLikeTheScalarMath() {
    int[] ints = {0, 1, -1, 7, -7, 46341, -46341, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
    long[] longs = {0, 1, -1, 7, -7, 3037000500L, -3037000500L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    for (UnaryOp op : UnaryOp.values()) {
      if (!op.supports(DType.INT32)) {
        continue;
      }
      int[] expectedInts = new int[ints.length];
      long[] expectedLongs = new long[longs.length];
      for (int i = 0; i < ints.length; i++) {
        expectedInts[i] = (int) op.apply((long) ints[i]);
        expectedLongs[i] = op.apply(longs[i]);
      }
      assertArrayEquals(expectedInts, eval(typeOf(op), NdArray.of(ints)).toIntArray(), op.name());
      assertArrayEquals(expectedLongs, eval(typeOf(op), NdArray.of(longs)).toLongArray(), op.name());
    }
    assertEquals(NdArray.of(0, 1, -2147479015), eval("Square", NdArray.of(65536, -1, 46341)), "wraps in 32 bits");
  }

  @Test
  void unaryKernelsKeepTheShapeOfScalarsAndEmptyArrays() {
    assertEquals(NdArray.scalar(3f), eval("Relu", NdArray.scalar(3f)));
    assertEquals(NdArray.scalar(0L), eval("Relu", NdArray.scalar(-3L)));
    NdArray empty = array(DType.FLOAT64, Shape.of(0, 4), new double[0]);
    assertEquals(empty, eval("Tanh", empty));
  }

  @Test
  void unaryOpsOfBoolHaveNoKernel() {
    for (UnaryOp op : UnaryOp.values()) {
      String type = typeOf(op);
      String message = assertThrows(UnsupportedOperationException.class, () -> eval(type, NdArray.of(true)))
          .getMessage();
      assertTrue(message.startsWith("No kernel for op type '" + type + "' with dtype bool"), message);
    }
  }

  @Test
  void transcendentalOpsOfIntegersHaveNoKernel() {
    assertEquals("No kernel for op type 'Exp' with dtype int32 (op 'Exp1')",
        assertThrows(UnsupportedOperationException.class, () -> eval("Exp", NdArray.of(1))).getMessage());
  }

  @Test
  void softmaxNormalisesEachRowOverTheLastAxis() {
    NdArray out = eval("Softmax", NdArray.of(new double[][] {{1, 2, 3}, {0, 0, 0}}));
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double[] expected = {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 1 / 3.0, 1 / 3.0, 1 / 3.0};
    assertArrayEquals(expected, out.toDoubleArray(), 1e-15);
    assertEquals(Shape.of(2, 3), out.shape());
  }

  @Test
  void softmaxIsStableForLargeLogits() {
    assertEquals(NdArray.of(0.5f, 0.5f), eval("Softmax", NdArray.of(1000f, 1000f)));
    assertEquals(NdArray.of(0f, 1f), eval("Softmax", NdArray.of(-1000f, 1000f)));
  }

  // ---------------------------------------------------------------------------------------------
  // Reductions

  private static Object[] keepDims(boolean keep) {
    return new Object[] {"keep_dims", keep};
  }

  @Test
  void sumOverAllAxesAndOverOneAxis() {
    NdArray m = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.scalar(21f), eval("Sum", keepDims(false), m, NdArray.of(0, 1)));
    assertEquals(NdArray.of(5f, 7f, 9f), eval("Sum", keepDims(false), m, NdArray.of(new int[] {0})));
    assertEquals(NdArray.of(6f, 15f), eval("Sum", keepDims(false), m, NdArray.scalar(1)), "a scalar axis");
    assertEquals(NdArray.of(6f, 15f), eval("Sum", keepDims(false), m, NdArray.of(new int[] {-1})),
        "negative axes count from the end");
  }

  @Test
  void keepDimsKeepsReducedAxesAsOne() {
    NdArray m = NdArray.of(new int[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.of(new int[][] {{6}, {15}}), eval("Sum", keepDims(true), m, NdArray.of(1)));
    assertEquals(NdArray.of(new int[][] {{21}}), eval("Sum", keepDims(true), m, NdArray.of(0, 1)));
  }

  @Test
  void reducingOverNoAxesReturnsTheInput() {
    NdArray m = NdArray.of(new double[][] {{1, 2}, {3, 4}});
    assertEquals(m, eval("Sum", keepDims(false), m, new int[0]));
    assertEquals(m, eval("Mean", keepDims(true), m, new int[0]));
  }

  @Test
  void meanOfFloatsAndTruncatingMeanOfIntegers() {
    assertEquals(NdArray.of(2.5, 3.5, 4.5), eval("Mean", keepDims(false),
        NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), NdArray.of(0)));
    assertEquals(NdArray.of(1, -1), eval("Mean", keepDims(false),
        NdArray.of(new int[][] {{1, 2}, {-1, -2}}), NdArray.of(1)), "3/2 and -3/2 truncate toward zero");
    assertEquals(NdArray.scalar(7L), eval("Mean", keepDims(false), NdArray.of(7L, 8L), NdArray.of(0)));
  }

  @Test
  void reductionOverAMiddleAxisOfARank3Array() {
    NdArray x = array(DType.INT64, Shape.of(2, 3, 2), new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    assertEquals(NdArray.of(new long[][] {{9, 12}, {27, 30}}), eval("Sum", keepDims(false), x, NdArray.of(1)));
    assertEquals(NdArray.of(new long[] {21, 57}), eval("Sum", keepDims(false), x, NdArray.of(2, 1)));
  }

  @Test
  void reductionAxisOutOfRangeThrowsTensorFlowsMessage() {
    assertEquals("Invalid reduction dimension (2 for input with 2 dimension(s)",
        assertThrows(InvalidArgumentException.class, () -> eval("Sum", keepDims(false),
            NdArray.of(new float[][] {{1}}), NdArray.of(2))).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // MatMul

  @Test
  void matMulOfTwoByTwoMatricesInEveryNumericDtype() {
    assertEquals(NdArray.of(new float[][] {{19, 22}, {43, 50}}),
        eval("MatMul", NdArray.of(new float[][] {{1, 2}, {3, 4}}), NdArray.of(new float[][] {{5, 6}, {7, 8}})));
    assertEquals(NdArray.of(new double[][] {{19, 22}, {43, 50}}),
        eval("MatMul", NdArray.of(new double[][] {{1, 2}, {3, 4}}), NdArray.of(new double[][] {{5, 6}, {7, 8}})));
    assertEquals(NdArray.of(new int[][] {{19, 22}, {43, 50}}),
        eval("MatMul", NdArray.of(new int[][] {{1, 2}, {3, 4}}), NdArray.of(new int[][] {{5, 6}, {7, 8}})));
    assertEquals(NdArray.of(new long[][] {{19, 22}, {43, 50}}),
        eval("MatMul", NdArray.of(new long[][] {{1, 2}, {3, 4}}), NdArray.of(new long[][] {{5, 6}, {7, 8}})));
  }

  @Test
  void matMulHonoursTransposeAttributes() {
    NdArray a = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}); // 2x3
    NdArray bt = NdArray.of(new float[][] {{1, 0, 1}, {0, 1, 0}}); // 2x3, used as its transpose 3x2
    assertEquals(NdArray.of(new float[][] {{4, 2}, {10, 5}}),
        eval("MatMul", new Object[] {"transpose_a", false, "transpose_b", true}, a, bt));
    assertEquals(NdArray.of(new float[][] {{1, 4}, {2, 5}, {3, 6}}),
        eval("MatMul", new Object[] {"transpose_a", true, "transpose_b", false}, a,
            NdArray.of(new float[][] {{1, 0}, {0, 1}})));
    assertEquals(NdArray.of(new int[][] {{1, 4}, {2, 5}, {3, 6}}),
        eval("MatMul", new Object[] {"transpose_a", true, "transpose_b", true}, NdArray.of(new int[][] {{1, 2, 3},
            {4, 5, 6}}), NdArray.of(new int[][] {{1, 0}, {0, 1}})));
  }

  @Test
  void matMulOfMismatchedOrNonMatrixOperandsThrows() {
    assertEquals("Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3]",
        assertThrows(InvalidArgumentException.class, () -> eval("MatMul", array(DType.FLOAT32, Shape.of(2, 3),
            new float[6]), array(DType.FLOAT32, Shape.of(2, 3), new float[6]))).getMessage());
    assertEquals("In[0] is not a matrix. Instead it has shape [3]",
        assertThrows(InvalidArgumentException.class, () -> eval("MatMul", NdArray.of(1f, 2f, 3f),
            NdArray.of(new float[][] {{1}, {2}, {3}}))).getMessage());
  }

  @Test
  void largeFloatMatMulMatchesANaiveProduct() {
    int m = 67;
    int k = 45;
    int n = 31;
    SplittableRandom rng = new SplittableRandom(42);
    float[] a = new float[m * k];
    float[] c = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    float[] out = eval("MatMul", array(DType.FLOAT32, Shape.of(m, k), a), array(DType.FLOAT32, Shape.of(k, n), c))
        .toFloatArray();
    assertEquals(m * n, out.length);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        for (int p = 0; p < k; p++) {
          expected += (double) a[i * k + p] * c[p * n + j];
        }
        assertEquals(expected, out[i * n + j], 1e-4, "element (" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void largeMatMulWithBothOperandsTransposedMatchesANaiveProduct() {
    int m = 13;
    int k = 29;
    int n = 7;
    SplittableRandom rng = new SplittableRandom(7);
    double[] at = new double[k * m]; // stored [k, m]
    double[] bt = new double[n * k]; // stored [n, k]
    for (int i = 0; i < at.length; i++) {
      at[i] = rng.nextDouble();
    }
    for (int i = 0; i < bt.length; i++) {
      bt[i] = rng.nextDouble();
    }
    double[] out = eval("MatMul", new Object[] {"transpose_a", true, "transpose_b", true},
        array(DType.FLOAT64, Shape.of(k, m), at), array(DType.FLOAT64, Shape.of(n, k), bt)).toDoubleArray();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double expected = 0;
        for (int p = 0; p < k; p++) {
          expected += at[p * m + i] * bt[j * k + p];
        }
        assertEquals(expected, out[i * n + j], 1e-12);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Index mapping

  @Test
  void sourceIndicesMapEachResultElementToTheBroadcastElement() {
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, Broadcast.sourceIndices(Shape.of(3), Shape.of(2, 3)));
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, Broadcast.sourceIndices(Shape.of(2, 1), Shape.of(2, 3)));
    assertArrayEquals(new int[] {0, 0, 0, 0}, Broadcast.sourceIndices(Shape.scalar(), Shape.of(2, 2)));
    assertArrayEquals(new int[] {0, 1, 2, 3}, Broadcast.sourceIndices(Shape.of(2, 2), Shape.of(2, 2)));
  }

  @Test
  void randomSamplesAreDeterministicForSeedsAndFloatUniformsStayBelowOne() {
    NdArray shape = NdArray.of(new int[] {1000});
    NdArray first = RandomKernels.sample("RandomUniform", DType.FLOAT32, shape, RandomKernels.generator(1, 2));
    assertEquals(first, RandomKernels.sample("RandomUniform", DType.FLOAT32, shape, RandomKernels.generator(1, 2)));
    for (float u : first.toFloatArray()) {
      assertTrue(u >= 0f && u < 1f);
    }
  }
}
