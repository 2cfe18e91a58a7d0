package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MatMulKernel} against a naive triple loop, in all four transpose forms, for sizes around every block
 * edge of both providers (odd sizes, an empty dimension, one row, more rows or columns than one block or pass,
 * products big enough to run on two threads), with the provider this JVM chose and with plain loops forced.
 * Run twice by the build: without and with {@code --add-modules jdk.incubator.vector}.
 */
class MatMulKernelTest {
  /** m, k, n. */
  private static final int[][] SIZES = {
      {1, 1, 1}, {7, 13, 5}, {65, 129, 33}, {0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 300, 700}, {5, 300, 700},
      {130, 70, 300}, {200, 257, 150}, {97, 520, 33}, {6, 16, 16}, {48, 256, 64}, {49, 257, 65},
  };

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (int[] s : SIZES) {
      for (int form = 0; form < 4; form++) {
        cases.add(Arguments.of(s[0], s[1], s[2], (form & 1) != 0, (form & 2) != 0));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transposeA={3} transposeB={4}")
  @MethodSource("cases")
  void float32MatchesANaiveProduct(int m, int k, int n, boolean ta, boolean tb) {
    SplittableRandom rng = new SplittableRandom(31L * m + 7L * k + n);
    float[] a = floats(rng, m * k);
    float[] b = floats(rng, k * n);
    NdArray product = MatMulKernel.matMul(floatMatrix(a, ta ? k : m, ta ? m : k),
        floatMatrix(b, tb ? n : k, tb ? k : n), ta, tb);
    assertEquals(Shape.of(m, n), product.shape());
    float[] expected = naive(a, b, m, k, n, ta, tb);
    assertClose(expected, product.toFloatArray(), a, b, new MatMulDims(m, k, n, ta, tb), 3e-7);
    float[] plain = new float[m * n];
    if ((long) m * k * n > 0) {
      MatMulDims dims = new MatMulDims(m, k, n, ta, tb);
      MatMulScheduler.run(PlainMatMul.INSTANCE.floats(a, b, plain, dims), dims);
    }
    assertClose(expected, plain, a, b, new MatMulDims(m, k, n, ta, tb), 3e-7);
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transposeA={3} transposeB={4}")
  @MethodSource("cases")
  void float64MatchesANaiveProduct(int m, int k, int n, boolean ta, boolean tb) {
    SplittableRandom rng = new SplittableRandom(17L * m + 5L * k + n);
    double[] a = rng.doubles(m * k, -1, 1).toArray();
    double[] b = rng.doubles(k * n, -1, 1).toArray();
    NdArray product = MatMulKernel.matMul(NdArray.create(DType.FLOAT64, Shape.of(ta ? k : m, ta ? m : k), a),
        NdArray.create(DType.FLOAT64, Shape.of(tb ? n : k, tb ? k : n), b), ta, tb);
    double[] expected = naive(a, b, m, k, n, ta, tb);
    double[] actual = (double[]) NdArrayAccess.data(product);
    double[] plain = new double[m * n];
    if ((long) m * k * n > 0) {
      MatMulDims dims = new MatMulDims(m, k, n, ta, tb);
      MatMulScheduler.run(PlainMatMul.INSTANCE.doubles(a, b, plain, dims), dims);
    }
    for (double[] c : List.of(actual, plain)) {
      assertEquals(expected.length, c.length);
      for (int i = 0; i < c.length; i++) {
        if (Math.abs(c[i] - expected[i]) > 1e-12 * (k + 1)) {
          fail("element " + i + ": expected " + expected[i] + " but was " + c[i]);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transposeA={3} transposeB={4}")
  @MethodSource("cases")
  void integersMatchANaiveProductWrappingAsJavaDoes(int m, int k, int n, boolean ta, boolean tb) {
    SplittableRandom rng = new SplittableRandom(m + 3L * k + 11L * n);
    int[] a = rng.ints(m * k).toArray(); // products overflow: int32 wraps like TensorFlow's int32 arithmetic
    int[] b = rng.ints(k * n).toArray();
    NdArray product = MatMulKernel.matMul(NdArray.create(DType.INT32, Shape.of(ta ? k : m, ta ? m : k), a),
        NdArray.create(DType.INT32, Shape.of(tb ? n : k, tb ? k : n), b), ta, tb);
    int[] expected = new int[m * n];
    long[] expectedLongs = new long[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          int x = a[ta ? p * m + i : i * k + p];
          int y = b[tb ? j * k + p : p * n + j];
          expected[i * n + j] += x * y;
          expectedLongs[i * n + j] += (long) x * y;
        }
      }
    }
    assertArrayEquals(expected, (int[]) NdArrayAccess.data(product));
    long[] al = new long[a.length];
    long[] bl = new long[b.length];
    for (int i = 0; i < a.length; i++) {
      al[i] = a[i];
    }
    for (int i = 0; i < b.length; i++) {
      bl[i] = b[i];
    }
    NdArray longs = MatMulKernel.matMul(NdArray.create(DType.INT64, Shape.of(ta ? k : m, ta ? m : k), al),
        NdArray.create(DType.INT64, Shape.of(tb ? n : k, tb ? k : n), bl), ta, tb);
    assertArrayEquals(expectedLongs, (long[]) NdArrayAccess.data(longs));
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transposeA={3} transposeB={4}")
  @MethodSource("cases")
  void infinityAndNaNLandWhereTheNaiveProductPutsThem(int m, int k, int n, boolean ta, boolean tb) {
    if ((long) m * k * n == 0) {
      return;
    }
    SplittableRandom rng = new SplittableRandom(m * 3L + k + n);
    float[] a = floats(rng, m * k);
    float[] b = floats(rng, k * n);
    a[rng.nextInt(a.length)] = Float.POSITIVE_INFINITY; // one row of C goes infinite or NaN
    b[rng.nextInt(b.length)] = Float.NaN; // one column of C goes NaN
    NdArray product = MatMulKernel.matMul(floatMatrix(a, ta ? k : m, ta ? m : k),
        floatMatrix(b, tb ? n : k, tb ? k : n), ta, tb);
    float[] expected = naive(a, b, m, k, n, ta, tb);
    float[] actual = product.toFloatArray();
    for (int i = 0; i < actual.length; i++) {
      if (Float.isNaN(expected[i]) || Float.isInfinite(expected[i])) {
        assertEquals(expected[i], actual[i], "element " + i);
      } else {
        assertTrue(Float.isFinite(actual[i]), "element " + i + ": " + actual[i]);
      }
    }
  }

  private static float[] floats(SplittableRandom rng, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    return x;
  }

  private static NdArray floatMatrix(float[] data, int rows, int cols) {
    return NdArray.create(DType.FLOAT32, Shape.of(rows, cols), data);
  }

  /** The textbook loop, summing in float like TensorFlow's kernel (the order differs; checked within rounding). */
  private static float[] naive(float[] a, float[] b, int m, int k, int n, boolean ta, boolean tb) {
    float[] c = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0;
        for (int p = 0; p < k; p++) {
          s += a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  private static double[] naive(double[] a, double[] b, int m, int k, int n, boolean ta, boolean tb) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  /**
   * Equal within float rounding: summed in another order, each element may differ by about k units of
   * rounding of the sum of the absolute products, {@code tolerance} per step of k.
   */
  private static void assertClose(float[] expected, float[] actual, float[] a, float[] b, MatMulDims d,
      double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < d.m(); i++) {
      for (int j = 0; j < d.n(); j++) {
        double abs = 0;
        for (int p = 0; p < d.k(); p++) {
          abs += Math.abs((double) a[d.transposeA() ? p * d.m() + i : i * d.k() + p]
              * b[d.transposeB() ? j * d.k() + p : p * d.n() + j]);
        }
        float e = expected[i * d.n() + j];
        float x = actual[i * d.n() + j];
        if (Math.abs(e - x) > tolerance * d.k() * abs + Float.MIN_NORMAL) {
          fail("C[" + i + ", " + j + "]: expected " + e + " but was " + x + " (sum of |products| " + abs + ")");
        }
      }
    }
  }
}
