package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import org.junit.jupiter.api.Test;

/** {@link NnKernels}: values computed by hand (softmax of [1, 2, 3] is [0.09003057, 0.24472847, 0.66524096]). */
class NnKernelsTest {
  private static final double LOG_SUM_EXP_123 = 3.40760596444438; // log(e + e² + e³)

  private static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "element " + i);
    }
  }

  private static double[] doubles(NdArray a) {
    return a.toDoubleArray();
  }

  // ---------------------------------------------------------------------------------------------
  // BiasAdd, BiasAddGrad

  @Test
  void biasAddAddsAlongTheLastDimension() {
    NdArray value = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(NdArray.of(new float[][] {{11, 22, 33}, {14, 25, 36}}),
        NnKernels.biasAdd(value, NdArray.of(10f, 20f, 30f), "NHWC"));
    NdArray rank3 = NdArray.of(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
    assertEquals(NdArray.of(new double[][][] {{{1.5, 0}, {3.5, 2}}, {{5.5, 4}, {7.5, 6}}}),
        NnKernels.biasAdd(rank3, NdArray.of(0.5, -2.0), null));
    assertEquals(NdArray.of(new int[][] {{2, 4}}), NnKernels.biasAdd(NdArray.of(new int[][] {{1, 2}}), NdArray.of(1, 2), "NHWC"));
  }

  @Test
  void biasAddInNchwAddsAlongDimensionOne() {
    NdArray value = NdArray.create(DType.FLOAT32, Shape.of(1, 2, 1, 2), new float[] {1, 2, 3, 4});
    NdArray out = NnKernels.biasAdd(value, NdArray.of(10f, 20f), "NCHW");
    assertEquals(Shape.of(1, 2, 1, 2), out.shape());
    assertArrayEquals(new float[] {11, 12, 23, 24}, out.toFloatArray());
    assertEquals("NCHW format supports only 4D input tensor.", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.biasAdd(NdArray.of(new float[][] {{1, 2}}), NdArray.of(1f, 2f), "NCHW")).getMessage());
  }

  @Test
  void biasAddChecksItsOperands() {
    NdArray value = NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals("Must provide as many biases as the last dimension of the input tensor: [2] vs. [2,3]",
        assertThrows(InvalidArgumentException.class, () -> NnKernels.biasAdd(value, NdArray.of(1f, 2f), "NHWC"))
            .getMessage());
    assertEquals("Input tensor must be at least 2D: [3]", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.biasAdd(NdArray.of(1f, 2f, 3f), NdArray.of(1f, 2f, 3f), "NHWC")).getMessage());
    assertEquals("Biases must be 1D: [1,3]", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.biasAdd(value, NdArray.of(new float[][] {{1, 2, 3}}), "NHWC")).getMessage());
  }

  @Test
  void biasAddGradSumsAllButTheChannelDimension() {
    assertEquals(NdArray.of(5f, 7f, 9f), NnKernels.biasAddGrad(NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}), "NHWC"));
    NdArray rank3 = NdArray.of(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
    assertEquals(NdArray.of(16.0, 20.0), NnKernels.biasAddGrad(rank3, "NHWC"));
    assertEquals(NdArray.of(5L, 7L, 9L), NnKernels.biasAddGrad(NdArray.of(new long[][] {{1, 2, 3}, {4, 5, 6}}), null));
    NdArray nchw = NdArray.create(DType.FLOAT32, Shape.of(2, 2, 1, 2), new float[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertEquals(NdArray.of(14f, 22f), NnKernels.biasAddGrad(nchw, "NCHW"));
    assertEquals(NdArray.of(0f, 0f), NnKernels.biasAddGrad(NdArray.create(DType.FLOAT32, Shape.of(0, 2), new float[0]), "NHWC"));
    assertEquals("Input tensor must be at least 2D: [3]", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.biasAddGrad(NdArray.of(1f, 2f, 3f), "NHWC")).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Activation gradients

  @Test
  void reluGradPassesGradientsWhereFeaturesArePositive() {
    // A product, as in TF: -2 * 0 is -0.0.
    assertArrayEquals(new float[] {1, -0f, 0, 4}, NnKernels.reluGrad(NdArray.of(1f, -2f, 3f, 4f),
        NdArray.of(1f, -1f, 0f, 2f), "ReluGrad").toFloatArray());
    assertEquals(NdArray.of(new double[][] {{0.5, 0}}), NnKernels.reluGrad(NdArray.of(new double[][] {{0.5, 0.5}}),
        NdArray.of(new double[][] {{1e-300, -1e-300}}), "ReluGrad"));
    assertEquals(NdArray.of(7, 0), NnKernels.reluGrad(NdArray.of(7, 8), NdArray.of(1, 0), "ReluGrad"));
    assertEquals("Inputs to operation gradients/Relu_grad/ReluGrad of type ReluGrad must have the same size and "
        + "shape.  Input 0: [2] != input 1: [1,2]", assertThrows(InvalidArgumentException.class,
            () -> NnKernels.reluGrad(NdArray.of(1f, 2f), NdArray.of(new float[][] {{1, 2}}),
                "gradients/Relu_grad/ReluGrad")).getMessage());
  }

  @Test
  void sigmoidAndTanhGradientsFromTheOutputs() {
    assertEquals(NdArray.of(0.5f, 0.1875f, 0f), NnKernels.sigmoidGrad(NdArray.of(0.5f, 0.25f, 1f),
        NdArray.of(2f, 1f, 3f)));
    assertEquals(NdArray.of(0.5, 0.1875), NnKernels.sigmoidGrad(NdArray.of(0.5, 0.25), NdArray.of(2.0, 1.0)));
    assertEquals(NdArray.of(1.5f, -0.9375f), NnKernels.tanhGrad(NdArray.of(0.5f, -0.25f), NdArray.of(2f, -1f)));
    assertEquals(NdArray.of(new double[][] {{1.5}}), NnKernels.tanhGrad(NdArray.of(new double[][] {{0.5}}),
        NdArray.of(new double[][] {{2}})));
    assertEquals("The two arguments to a cwise op must have same number of elements, got 2 and 3",
        assertThrows(InvalidArgumentException.class,
            () -> NnKernels.tanhGrad(NdArray.of(1f, 2f), NdArray.of(1f, 2f, 3f))).getMessage());
    assertThrows(UnsupportedOperationException.class, () -> NnKernels.sigmoidGrad(NdArray.of(1), NdArray.of(1)));
  }

  // ---------------------------------------------------------------------------------------------
  // LogSoftmax

  @Test
  void logSoftmaxIsShiftedLogitsLessTheLogOfTheirExponentialSum() {
    NdArray out = NnKernels.logSoftmax(NdArray.of(new double[][] {{1, 2, 3}, {1000, 1001, 1002}}));
    double[] expected = {1 - LOG_SUM_EXP_123, 2 - LOG_SUM_EXP_123, 3 - LOG_SUM_EXP_123,
      1 - LOG_SUM_EXP_123, 2 - LOG_SUM_EXP_123, 3 - LOG_SUM_EXP_123};
    assertClose(expected, doubles(out), 1e-12);
    NdArray f = NnKernels.logSoftmax(NdArray.of(1f, 2f, 3f));
    assertEquals(DType.FLOAT32, f.dtype());
    assertClose(new double[] {-2.4076059644, -1.4076059644, -0.4076059644}, doubles(f), 1e-6);
    assertEquals("logits must have >= 1 dimension, got []", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.logSoftmax(NdArray.scalar(1f))).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // SoftmaxCrossEntropyWithLogits

  private static final double[] SOFTMAX_123 = {0.09003057317038046, 0.24472847105479764, 0.6652409557748219};

  @Test
  void softmaxCrossEntropyLossAndBackprop() {
    NdArray features = NdArray.of(new double[][] {{1, 2, 3}, {1, 1, 1}});
    NdArray labels = NdArray.of(new double[][] {{0, 0, 1}, {0.5, 0.5, 0}});
    NdArray[] out = NnKernels.softmaxCrossEntropyWithLogits(features, labels);
    assertEquals(Shape.of(2), out[0].shape());
    assertEquals(Shape.of(2, 3), out[1].shape());
    assertClose(new double[] {LOG_SUM_EXP_123 - 3, Math.log(3)}, doubles(out[0]), 1e-12);
    assertClose(new double[] {SOFTMAX_123[0], SOFTMAX_123[1], SOFTMAX_123[2] - 1, 1.0 / 3 - 0.5, 1.0 / 3 - 0.5,
      1.0 / 3}, doubles(out[1]), 1e-12);
  }

  @Test
  void softmaxCrossEntropyOfFloatsAndOfHugeLogits() {
    NdArray features = NdArray.of(new float[][] {{1000, 1001, 1002}, {-1000, -1000, -1000}});
    NdArray labels = NdArray.of(new float[][] {{0, 0, 1}, {0.5f, 0.5f, 0}});
    NdArray[] out = NnKernels.softmaxCrossEntropyWithLogits(features, labels);
    assertEquals(DType.FLOAT32, out[0].dtype());
    assertClose(new double[] {0.40760596, 1.0986123}, doubles(out[0]), 1e-6);
    assertClose(new double[] {0.09003057, 0.24472847, -0.33475904, -0.16666667, -0.16666667, 0.33333334},
        doubles(out[1]), 1e-7);
  }

  @Test
  void softmaxCrossEntropyBroadcastsLabels() {
    NdArray features = NdArray.of(new float[][] {{1, 2, 3}, {1, 2, 3}});
    NdArray[] out = NnKernels.softmaxCrossEntropyWithLogits(features, NdArray.of(new float[][] {{0, 0, 1}}));
    assertEquals(Shape.of(2, 3), out[1].shape());
    assertClose(new double[] {0.40760596, 0.40760596}, doubles(out[0]), 1e-6);
    assertEquals("logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,2]",
        assertThrows(InvalidArgumentException.class, () -> NnKernels.softmaxCrossEntropyWithLogits(features,
            NdArray.of(new float[][] {{0, 1}, {1, 0}}))).getMessage());
    assertEquals("logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional",
        assertThrows(InvalidArgumentException.class, () -> NnKernels.softmaxCrossEntropyWithLogits(
            NdArray.of(1f, 2f), NdArray.of(0f, 1f))).getMessage());
  }

  /**
   * float32 outputs of TF's CPU kernels for these inputs (run through TF Java, whose kernels compute these ops
   * with the same Eigen expressions as TF 1.15's), which the kernels reproduce bit for bit.
   */
  @Test
  void float32ResultsEqualTfsBitForBit() {
    NdArray features = NdArray.of(new float[][] {{1, 2, 3}, {1, 1, 1}});
    NdArray[] xent = NnKernels.softmaxCrossEntropyWithLogits(features,
        NdArray.of(new float[][] {{0, 0, 1}, {0.5f, 0.5f, 0}}));
    assertArrayEquals(new float[] {0.40760595f, 1.0986123f}, xent[0].toFloatArray());
    assertArrayEquals(new float[] {0.09003057f, 0.24472848f, -0.33475906f, -0.16666666f, -0.16666666f, 0.33333334f},
        xent[1].toFloatArray());
    NdArray[] sparse = NnKernels.sparseSoftmaxCrossEntropyWithLogits(features, NdArray.of(2, 0));
    assertArrayEquals(new float[] {0.40760595f, 1.0986123f}, sparse[0].toFloatArray());
    assertArrayEquals(new float[] {0.09003057f, 0.24472848f, -0.33475906f, -0.6666666f, 0.33333334f, 0.33333334f},
        sparse[1].toFloatArray());
    assertArrayEquals(new float[] {-2.407606f, -1.4076059f, -0.40760595f, -1.0986123f, -1.0986123f, -1.0986123f},
        NnKernels.logSoftmax(features).toFloatArray());
    // Eleven elements: one packet of 8 computed as dy * (y * (1 - y)), then 3 as (dy * y) * (1 - y).
    float[] y = new float[11];
    float[] dy = new float[11];
    for (int i = 0; i < 11; i++) {
      y[i] = 0.05f + 0.09f * i;
      dy[i] = 1.3f - 0.37f * i;
    }
    assertArrayEquals(new float[] {0.06175f, 0.111972f, 0.09917599f, 0.041343987f, -0.04354202f, -0.13750002f,
        -0.22254802f, -0.28070405f, -0.293986f, -0.24441189f, -0.1139999f},
        NnKernels.sigmoidGrad(NdArray.of(y), NdArray.of(dy)).toFloatArray());
  }

  // ---------------------------------------------------------------------------------------------
  // SparseSoftmaxCrossEntropyWithLogits

  @Test
  void sparseSoftmaxCrossEntropyLossAndBackprop() {
    NdArray features = NdArray.of(new double[][] {{1, 2, 3}, {1, 1, 1}});
    NdArray[] out = NnKernels.sparseSoftmaxCrossEntropyWithLogits(features, NdArray.of(2, 0));
    assertClose(new double[] {LOG_SUM_EXP_123 - 3, Math.log(3)}, doubles(out[0]), 1e-12);
    assertClose(new double[] {SOFTMAX_123[0], SOFTMAX_123[1], SOFTMAX_123[2] - 1, 1.0 / 3 - 1, 1.0 / 3, 1.0 / 3},
        doubles(out[1]), 1e-12);
    NdArray[] f = NnKernels.sparseSoftmaxCrossEntropyWithLogits(features.cast(DType.FLOAT32), NdArray.of(2L, 0L));
    assertEquals(DType.FLOAT32, f[1].dtype());
    assertClose(new double[] {0.40760596, 1.0986123}, doubles(f[0]), 1e-6);
    assertClose(new double[] {0.09003057, 0.24472847, -0.33475904, -2.0 / 3, 0.33333334, 0.33333334},
        doubles(f[1]), 1e-7);
  }

  @Test
  void sparseSoftmaxCrossEntropyRejectsLabelsOutOfRange() {
    NdArray features = NdArray.of(new float[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}});
    assertEquals("Received a label value of 5 which is outside the valid range of [0, 3).  Label values: 0 5 1",
        assertThrows(InvalidArgumentException.class,
            () -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(features, NdArray.of(0, 5, 1))).getMessage());
    // A negative label is named before a large one, as TF's minmax check does.
    assertEquals("Received a label value of -1 which is outside the valid range of [0, 3).  Label values: 3 -1 1",
        assertThrows(InvalidArgumentException.class,
            () -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(features, NdArray.of(3L, -1L, 1L))).getMessage());
  }

  @Test
  void sparseSoftmaxCrossEntropyChecksShapes() {
    NdArray features = NdArray.of(new float[][] {{1, 2, 3}, {1, 2, 3}});
    assertEquals("logits and labels must have the same first dimension, got logits shape [2,3] and labels shape [3]",
        assertThrows(InvalidArgumentException.class,
            () -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(features, NdArray.of(0, 1, 2))).getMessage());
    assertEquals("logits must be 2-D, but got shape [3]", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(NdArray.of(1f, 2f, 3f), NdArray.of(0))).getMessage());
    assertEquals("labels must be 1-D, but got shape [2,1]", assertThrows(InvalidArgumentException.class,
        () -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(features, NdArray.of(new int[][] {{0}, {1}})))
            .getMessage());
    assertEquals("Must have at least one class, but got logits shape [2,0]", assertThrows(
        InvalidArgumentException.class, () -> NnKernels.sparseSoftmaxCrossEntropyWithLogits(
            NdArray.create(DType.FLOAT32, Shape.of(2, 0), new float[0]), NdArray.of(0, 0))).getMessage());
    // An empty batch has no labels to check.
    NdArray[] empty = NnKernels.sparseSoftmaxCrossEntropyWithLogits(
        NdArray.create(DType.FLOAT32, Shape.of(0, 3), new float[0]), NdArray.create(DType.INT32, Shape.of(0), new int[0]));
    assertEquals(Shape.of(0), empty[0].shape());
    assertEquals(Shape.of(0, 3), empty[1].shape());
  }
}
