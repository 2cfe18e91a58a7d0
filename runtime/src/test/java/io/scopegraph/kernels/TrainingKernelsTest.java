package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingKernels} against the values of TF 1.15's optimizer tests ({@code gradient_descent_test.py},
 * {@code momentum_test.py}, {@code adagrad_test.py}, {@code adam_test.py}) and values computed by hand, in
 * float32 and float64.
 */
class TrainingKernelsTest {

  private static NdArray s(float v) {
    return NdArray.scalar(v);
  }

  private static NdArray s(double v) {
    return NdArray.scalar(v);
  }

  private static void assertClose(double[] expected, NdArray actual, double tolerance) {
    double[] a = actual.toDoubleArray();
    assertEquals(expected.length, a.length, "length");
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], tolerance, "element " + i);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ApplyGradientDescent

  @Test
  void gradientDescentStepsAgainstTheGradient() {
    assertEquals(NdArray.of(-14f, -13f), TrainingKernels.applyGradientDescent(NdArray.of(1f, 2f), s(3f),
        NdArray.of(5f, 5f)));
    assertEquals(NdArray.of(-14.0, -13.0), TrainingKernels.applyGradientDescent(NdArray.of(1.0, 2.0), s(3.0),
        NdArray.of(5.0, 5.0)));
    // gradient_descent_test: lr 3.0, var0 [1, 2] with grad [0.1, 0.1], var1 [3, 4] with grad [0.01, 0.01].
    assertClose(new double[] {1 - 3.0 * 0.1, 2 - 3.0 * 0.1},
        TrainingKernels.applyGradientDescent(NdArray.of(1f, 2f), s(3f), NdArray.of(0.1f, 0.1f)), 1e-6);
    assertClose(new double[] {3 - 3.0 * 0.01, 4 - 3.0 * 0.01},
        TrainingKernels.applyGradientDescent(NdArray.of(3.0, 4.0), s(3.0), NdArray.of(0.01, 0.01)), 1e-12);
  }

  @Test
  void inputsAreNotWritten() {
    NdArray var = NdArray.of(1f, 2f);
    NdArray accum = NdArray.of(0.1f, 0.1f);
    TrainingKernels.applyAdagrad(var, accum, s(3f), NdArray.of(0.1f, 0.1f), true);
    TrainingKernels.applyGradientDescent(var, s(3f), NdArray.of(5f, 5f));
    assertEquals(NdArray.of(1f, 2f), var);
    assertEquals(NdArray.of(0.1f, 0.1f), accum);
  }

  // ---------------------------------------------------------------------------------------------
  // ApplyMomentum

  @Test
  void momentumAccumulatesTheGradient() {
    NdArray var = NdArray.of(1f, 2f);
    NdArray accum = NdArray.of(0f, 0f);
    NdArray grad = NdArray.of(0.1f, 0.1f);
    NdArray[] step1 = TrainingKernels.applyMomentum(var, accum, s(2f), grad, s(0.9f), false);
    assertClose(new double[] {0.1, 0.1}, step1[1], 1e-7);
    assertClose(new double[] {0.8, 1.8}, step1[0], 1e-6);
    NdArray[] step2 = TrainingKernels.applyMomentum(step1[0], step1[1], s(2f), grad, s(0.9f), false);
    assertClose(new double[] {0.19, 0.19}, step2[1], 1e-6);
    assertClose(new double[] {0.42, 1.42}, step2[0], 1e-6);
    // float32 arithmetic, exactly: 0.8 - (0.1 * 0.9 + 0.1) * 2 in float.
    float a2 = 0.1f * 0.9f + 0.1f;
    assertArrayEquals(new float[] {(1f - 0.1f * 2f) - a2 * 2f, (2f - 0.1f * 2f) - a2 * 2f}, step2[0].toFloatArray());
  }

  @Test
  void momentumInFloat64AndWithNesterov() {
    NdArray[] step1 = TrainingKernels.applyMomentum(NdArray.of(1.0, 2.0), NdArray.of(0.0, 0.0), s(2.0),
        NdArray.of(0.1, 0.1), s(0.9), false);
    NdArray[] step2 = TrainingKernels.applyMomentum(step1[0], step1[1], s(2.0), NdArray.of(0.1, 0.1), s(0.9), false);
    assertClose(new double[] {0.42, 1.42}, step2[0], 1e-12);
    assertClose(new double[] {0.19, 0.19}, step2[1], 1e-12);
    // Nesterov: var -= grad * lr + accum * momentum * lr, with the new accum.
    NdArray[] nesterov = TrainingKernels.applyMomentum(NdArray.of(1.0, 2.0), NdArray.of(0.5, 0.0), s(2.0),
        NdArray.of(0.1, 0.1), s(0.9), true);
    double accum0 = 0.5 * 0.9 + 0.1;
    assertClose(new double[] {accum0, 0.1}, nesterov[1], 1e-15);
    assertClose(new double[] {1 - (0.1 * 2 + accum0 * 0.9 * 2), 2 - (0.1 * 2 + 0.1 * 0.9 * 2)}, nesterov[0], 1e-15);
  }

  // ---------------------------------------------------------------------------------------------
  // ApplyAdagrad

  @Test
  void adagradThreeStepsAsInTfsTest() {
    NdArray var0 = NdArray.of(1f, 2f);
    NdArray accum0 = NdArray.of(0.1f, 0.1f);
    NdArray var1 = NdArray.of(3f, 4f);
    NdArray accum1 = NdArray.of(0.1f, 0.1f);
    for (int step = 0; step < 3; step++) {
      NdArray[] r0 = TrainingKernels.applyAdagrad(var0, accum0, s(3f), NdArray.of(0.1f, 0.1f), true);
      NdArray[] r1 = TrainingKernels.applyAdagrad(var1, accum1, s(3f), NdArray.of(0.01f, 0.01f), true);
      var0 = r0[0];
      accum0 = r0[1];
      var1 = r1[0];
      accum1 = r1[1];
    }
    assertClose(new double[] {-1.6026098728179932, -0.6026098728179932}, var0, 1e-6);
    assertClose(new double[] {2.715679168701172, 3.715679168701172}, var1, 1e-6);
    assertClose(new double[] {0.13, 0.13}, accum0, 1e-7);
    // Bit for bit what TF's CPU kernel computes (measured with TF Java); TF's test constant for var0[1],
    // -0.6026098728179932, is the float32 one ulp away, within its assertAllCloseAccordingToType.
    assertArrayEquals(new float[] {-1.6026099f, -0.60260993f}, var0.toFloatArray());
    assertArrayEquals(new float[] {2.7156792f, 3.7156792f}, var1.toFloatArray());
  }

  @Test
  void adagradInFloat64AndWithoutUpdatingTheSlot() {
    NdArray var = NdArray.of(1.0, 2.0);
    NdArray accum = NdArray.of(0.1, 0.1);
    for (int step = 0; step < 3; step++) {
      NdArray[] r = TrainingKernels.applyAdagrad(var, accum, s(3.0), NdArray.of(0.1, 0.1), true);
      var = r[0];
      accum = r[1];
    }
    double expected = 1 - 0.3 / Math.sqrt(0.11) - 0.3 / Math.sqrt(0.12) - 0.3 / Math.sqrt(0.13);
    assertClose(new double[] {expected, expected + 1}, var, 1e-12);
    assertClose(new double[] {-1.6026098728179932, -0.6026098728179932}, var, 1e-6);
    NdArray slot = NdArray.of(4.0);
    NdArray[] fixed = TrainingKernels.applyAdagrad(NdArray.of(1.0), slot, s(1.0), NdArray.of(2.0), false);
    assertEquals(NdArray.of(0.0), fixed[0]); // 1 - 2 * 1 / sqrt(4)
    assertSame(slot, fixed[1]);
  }

  // ---------------------------------------------------------------------------------------------
  // ApplyAdam

  @Test
  void adamOneStepAsInTfsTest() {
    NdArray[] r = TrainingKernels.applyAdam(NdArray.of(1f, 2f), NdArray.of(0f, 0f), NdArray.of(0f, 0f), s(0.9f),
        s(0.999f), s(0.001f), s(0.9f), s(0.999f), s(1e-8f), NdArray.of(0.1f, 0.1f), false);
    assertClose(new double[] {0.999, 1.999}, r[0], 1e-6);
    // float32: 1 - 0.9f and 1 - 0.999f are not exactly 0.1 and 0.001
    assertClose(new double[] {0.01, 0.01}, r[1], 1e-8);
    assertClose(new double[] {1e-5, 1e-5}, r[2], 1e-9);
    NdArray[] d = TrainingKernels.applyAdam(NdArray.of(1.0, 2.0), NdArray.of(0.0, 0.0), NdArray.of(0.0, 0.0), s(0.9),
        s(0.999), s(0.001), s(0.9), s(0.999), s(1e-8), NdArray.of(0.1, 0.1), false);
    double alpha = 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9);
    double update = 0.01 * alpha / (Math.sqrt(1e-5) + 1e-8);
    assertClose(new double[] {1 - update, 2 - update}, d[0], 1e-15);
    assertClose(new double[] {0.999, 1.999}, d[0], 1e-8);
    assertClose(new double[] {0.01, 0.01}, d[1], 1e-15);
    assertClose(new double[] {1e-5, 1e-5}, d[2], 1e-18);
  }

  @Test
  void adamSecondStepAndNesterov() {
    // Step 2 of adam_test: beta powers 0.81 and 0.998001, from the slots step 1 left.
    NdArray[] r = TrainingKernels.applyAdam(NdArray.of(1.0, 2.0), NdArray.of(0.01, 0.01), NdArray.of(1e-5, 1e-5),
        s(0.81), s(0.998001), s(0.001), s(0.9), s(0.999), s(1e-8), NdArray.of(0.1, 0.1), false);
    double m = 0.01 + (0.1 - 0.01) * 0.1;
    double v = 1e-5 + (0.01 - 1e-5) * (1 - 0.999);
    double alpha = 0.001 * Math.sqrt(1 - 0.998001) / (1 - 0.81);
    assertClose(new double[] {m, m}, r[1], 1e-15);
    assertClose(new double[] {v, v}, r[2], 1e-18);
    assertClose(new double[] {1 - m * alpha / (Math.sqrt(v) + 1e-8), 2 - m * alpha / (Math.sqrt(v) + 1e-8)}, r[0],
        1e-15);
    NdArray[] n = TrainingKernels.applyAdam(NdArray.of(1.0), NdArray.of(0.0), NdArray.of(0.0), s(0.9), s(0.999),
        s(0.001), s(0.9), s(0.999), s(1e-8), NdArray.of(0.1), true);
    double a1 = 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9);
    double m1 = 0.01;
    assertClose(new double[] {1 - (0.1 * 0.1 + 0.9 * m1) * a1 / (Math.sqrt(1e-5) + 1e-8)}, n[0], 1e-15);
  }

  // ---------------------------------------------------------------------------------------------
  // ApplyRMSProp, ApplyCenteredRMSProp

  @Test
  void rmsPropOneStep() {
    // lr 0.01, rho 0.9, momentum 0.5, epsilon 1e-10; ms starts at 1, mom at 0.
    NdArray[] r = TrainingKernels.applyRMSProp(NdArray.of(1.0, 2.0), NdArray.of(1.0, 1.0), NdArray.of(0.0, 0.0),
        s(0.01), s(0.9), s(0.5), s(1e-10), NdArray.of(0.1, 0.2));
    assertClose(new double[] {0.9989464925660887, 1.997896484190558}, r[0], 1e-15);
    assertClose(new double[] {0.901, 0.904}, r[1], 1e-15);
    assertClose(new double[] {0.0010535074339112847, 0.0021035158094420115}, r[2], 1e-15);
    NdArray[] f = TrainingKernels.applyRMSProp(NdArray.of(1f, 2f), NdArray.of(1f, 1f), NdArray.of(0f, 0f),
        s(0.01f), s(0.9f), s(0.5f), s(1e-10f), NdArray.of(0.1f, 0.2f));
    assertClose(new double[] {0.9989464925660887, 1.997896484190558}, f[0], 1e-6);
    // The second step carries the momentum: mom = mom * 0.5 + grad * lr / sqrt(ms + eps).
    NdArray[] r2 = TrainingKernels.applyRMSProp(r[0], r[1], r[2], s(0.01), s(0.9), s(0.5), s(1e-10),
        NdArray.of(0.1, 0.2));
    double ms2 = 0.901 + (0.01 - 0.901) * 0.1;
    double mom2 = 0.0010535074339112847 * 0.5 + 0.001 / Math.sqrt(ms2 + 1e-10);
    assertClose(new double[] {0.9989464925660887 - mom2}, NdArray.of(r2[0].toDoubleArray()[0]), 1e-15);
  }

  @Test
  void centeredRmsPropOneStep() {
    NdArray[] r = TrainingKernels.applyCenteredRMSProp(NdArray.of(1.0, 2.0), NdArray.of(0.0, 0.0),
        NdArray.of(1.0, 1.0), NdArray.of(0.0, 0.0), s(0.01), s(0.9), s(0.0), s(1e-10), NdArray.of(0.1, 0.2));
    assertClose(new double[] {0.9989464340979901, 1.9978960186564572}, r[0], 1e-15);
    assertClose(new double[] {0.01, 0.02}, r[1], 1e-15);
    assertClose(new double[] {0.901, 0.904}, r[2], 1e-15);
    assertClose(new double[] {0.0010535659020098837, 0.0021039813435429215}, r[3], 1e-15);
    NdArray[] f = TrainingKernels.applyCenteredRMSProp(NdArray.of(1f, 2f), NdArray.of(0f, 0f), NdArray.of(1f, 1f),
        NdArray.of(0f, 0f), s(0.01f), s(0.9f), s(0f), s(1e-10f), NdArray.of(0.1f, 0.2f));
    assertEquals(DType.FLOAT32, f[0].dtype());
    assertClose(new double[] {0.9989464340979901, 1.9978960186564572}, f[0], 1e-6);
  }

  // ---------------------------------------------------------------------------------------------
  // AssignAdd, AssignSub

  @Test
  void assignAddAndSubCombineRefAndValue() {
    assertEquals(NdArray.of(4f, 6f), TrainingKernels.assignAdd(NdArray.of(1f, 2f), NdArray.of(3f, 4f)));
    assertEquals(NdArray.of(-2.0, -2.0), TrainingKernels.assignSub(NdArray.of(1.0, 2.0), NdArray.of(3.0, 4.0)));
    assertEquals(NdArray.scalar(Integer.MIN_VALUE), TrainingKernels.assignAdd(NdArray.scalar(Integer.MAX_VALUE),
        NdArray.scalar(1)));
    assertEquals(NdArray.scalar(41L), TrainingKernels.assignSub(NdArray.scalar(42L), NdArray.scalar(1L)));
    assertEquals("Parameters and update must be the same size", assertThrows(InvalidArgumentException.class,
        () -> TrainingKernels.assignAdd(NdArray.of(1f, 2f), NdArray.of(1f))).getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Checks

  @Test
  void hyperParametersMustBeScalarsAndSlotsShapedLikeTheVariable() {
    assertEquals("lr is not a scalar: [1]", assertThrows(InvalidArgumentException.class,
        () -> TrainingKernels.applyMomentum(NdArray.of(new float[] {1}), NdArray.of(new float[] {1}),
            NdArray.of(new float[] {1}), NdArray.of(new float[] {1}), s(1f),
            false)).getMessage());
    assertEquals("var and accum do not have the same shape[2] [3]", assertThrows(InvalidArgumentException.class,
        () -> TrainingKernels.applyAdagrad(NdArray.of(1f, 2f), NdArray.of(1f, 2f, 3f), s(1f), NdArray.of(1f, 2f),
            true)).getMessage());
    assertEquals("var and delta do not have the same shape[2] [1,2]", assertThrows(InvalidArgumentException.class,
        () -> TrainingKernels.applyGradientDescent(NdArray.of(1.0, 2.0), s(1.0), NdArray.of(new double[][] {{1, 2}})))
            .getMessage());
    assertEquals("beta2_power is not a scalar: [2]", assertThrows(InvalidArgumentException.class,
        () -> TrainingKernels.applyAdam(NdArray.of(1f, 2f), NdArray.of(0f, 0f), NdArray.of(0f, 0f), s(0.9f),
            NdArray.of(0.9f, 0.9f), s(0.1f), s(0.9f), s(0.999f), s(1e-8f), NdArray.of(0.1f, 0.1f), false))
            .getMessage());
    assertEquals("var and mom do not have the same shape[2] [1]", assertThrows(InvalidArgumentException.class,
        () -> TrainingKernels.applyRMSProp(NdArray.of(1f, 2f), NdArray.of(1f, 1f), NdArray.of(new float[] {0}), s(0.1f),
            s(0.9f), s(0f), s(1e-10f), NdArray.of(1f, 1f))).getMessage());
    assertEquals("ApplyGradientDescent takes alpha of dtype float32, got float64",
        assertThrows(InvalidArgumentException.class,
            () -> TrainingKernels.applyGradientDescent(NdArray.of(1f), s(1.0), NdArray.of(1f))).getMessage());
    assertThrows(UnsupportedOperationException.class,
        () -> TrainingKernels.applyGradientDescent(NdArray.of(1), NdArray.scalar(1), NdArray.of(1)));
  }
}
