package io.scopegraph.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution and pooling kernels against direct loops written from the definitions (NHWC, TF's SAME padding:
 * the smaller half before), on odd sizes, strides 1 and 2, dilation 2, batches big enough for several threads.
 */
class ConvKernelsTest {
  private static final long[] ONES = {1, 1, 1, 1};

  /** Input NHWC, filter HWIO, stride, dilation, padding. */
  record Conf(long[] input, long[] filter, int stride, int dilation, String padding) {
    @Override
    public String toString() {
      return Shape.of(input).toDimsString() + " * " + Shape.of(filter).toDimsString() + " s" + stride + " d"
          + dilation + " " + padding;
    }
  }

  static Stream<Arguments> confs() {
    return Stream.of(
        new Conf(new long[] {1, 5, 5, 1}, new long[] {3, 3, 1, 1}, 1, 1, "SAME"),
        new Conf(new long[] {2, 7, 6, 3}, new long[] {3, 2, 3, 4}, 2, 1, "SAME"),
        new Conf(new long[] {2, 7, 6, 3}, new long[] {3, 2, 3, 4}, 2, 1, "VALID"),
        new Conf(new long[] {1, 8, 8, 2}, new long[] {2, 2, 2, 3}, 2, 1, "SAME"),
        new Conf(new long[] {3, 9, 7, 2}, new long[] {3, 3, 2, 5}, 1, 2, "SAME"),
        new Conf(new long[] {3, 9, 7, 2}, new long[] {3, 3, 2, 5}, 2, 2, "VALID"),
        new Conf(new long[] {1, 4, 4, 3}, new long[] {4, 4, 3, 2}, 1, 1, "VALID"),
        // Big enough to spread the images over the cores (more than 2^20 multiply-adds).
        new Conf(new long[] {5, 16, 15, 16}, new long[] {3, 3, 16, 24}, 1, 1, "SAME"),
        // One big image: its products run on all cores.
        new Conf(new long[] {1, 40, 40, 16}, new long[] {3, 3, 16, 32}, 1, 1, "SAME"))
        .map(Arguments::of);
  }

  private static NdArray random(Random r, long[] shape, DType dtype) {
    double[] v = new double[(int) Shape.of(shape).numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return NdArray.create(DType.FLOAT64, Shape.of(shape), v).cast(dtype);
  }

  private static long[] strides(int s) {
    return new long[] {1, s, s, 1};
  }

  /** out[n, oy, ox, o] = sum x[n, oy*s - top + ky*d, ox*s - left + kx*d, c] * w[ky, kx, c, o] over the input. */
  private static double[] naiveConv(NdArray x, NdArray w, Conf c, ConvGeometry g) {
    long[] f = c.filter();
    double[] xs = x.toDoubleArray();
    double[] ws = w.toDoubleArray();
    int depth = g.depth();
    int outDepth = (int) f[3];
    double[] out = new double[g.batch() * g.outRows() * g.outCols() * outDepth];
    for (int n = 0; n < g.batch(); n++) {
      for (int oy = 0; oy < g.outRows(); oy++) {
        for (int ox = 0; ox < g.outCols(); ox++) {
          for (int o = 0; o < outDepth; o++) {
            double sum = 0;
            for (int ky = 0; ky < f[0]; ky++) {
              for (int kx = 0; kx < f[1]; kx++) {
                int y = oy * c.stride() - g.padTop() + ky * c.dilation();
                int xx = ox * c.stride() - g.padLeft() + kx * c.dilation();
                if (y < 0 || y >= g.rows() || xx < 0 || xx >= g.cols()) {
                  continue;
                }
                for (int ci = 0; ci < depth; ci++) {
                  sum += xs[((n * g.rows() + y) * g.cols() + xx) * depth + ci]
                      * ws[(int) (((ky * f[1] + kx) * depth + ci) * outDepth + o)];
                }
              }
            }
            out[((n * g.outRows() + oy) * g.outCols() + ox) * outDepth + o] = sum;
          }
        }
      }
    }
    return out;
  }

  private static ConvGeometry geometry(Conf c) {
    return ConvGeometry.of(c.input(), (int) c.filter()[0], (int) c.filter()[1], c.stride(), c.stride(),
        c.dilation(), c.dilation(), c.padding());
  }

  private static void assertClose(double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("confs")
  void conv2dMatchesDirectLoops(Conf c) {
    Random r = new Random(c.toString().hashCode());
    ConvGeometry g = geometry(c);
    long[] d = {1, c.dilation(), c.dilation(), 1};
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      NdArray x = random(r, c.input(), dtype);
      NdArray w = random(r, c.filter(), dtype);
      NdArray y = ConvKernels.conv2d(x, w, strides(c.stride()), d, c.padding(), "NHWC");
      assertEquals(Shape.of(g.batch(), g.outRows(), g.outCols(), c.filter()[3]), y.shape());
      assertClose(naiveConv(x, w, c, g), y.toDoubleArray(), dtype == DType.FLOAT64 ? 1e-12 : 1e-4);
    }
  }

  /** The backprop ops are the adjoints of the convolution: {@code <conv(x, w), dy> = <x, dx(dy)> = <w, dw(dy)>}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("confs")
  void backpropOpsAreTheAdjoints(Conf c) {
    Random r = new Random(c.toString().hashCode() + 1);
    ConvGeometry g = geometry(c);
    long[] d = {1, c.dilation(), c.dilation(), 1};
    NdArray x = random(r, c.input(), DType.FLOAT64);
    NdArray w = random(r, c.filter(), DType.FLOAT64);
    NdArray dy = random(r, new long[] {g.batch(), g.outRows(), g.outCols(), c.filter()[3]}, DType.FLOAT64);
    double expected = dot(naiveConv(x, w, c, g), dy.toDoubleArray());
    NdArray dx = ConvKernels.conv2dBackpropInput(NdArray.of(toInts(c.input())), w, dy, strides(c.stride()), d,
        c.padding(), "NHWC");
    NdArray dw = ConvKernels.conv2dBackpropFilter(x, NdArray.of(toInts(c.filter())), dy, strides(c.stride()), d,
        c.padding(), "NHWC");
    assertEquals(Shape.of(c.input()), dx.shape());
    assertEquals(Shape.of(c.filter()), dw.shape());
    assertEquals(expected, dot(x.toDoubleArray(), dx.toDoubleArray()), 1e-9 * Math.max(1, Math.abs(expected)));
    assertEquals(expected, dot(w.toDoubleArray(), dw.toDoubleArray()), 1e-9 * Math.max(1, Math.abs(expected)));
  }

  /** Both product orientations (the transposed one is the plain provider's) give the same results. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("confs")
  void bothOrientationsAgree(Conf c) {
    Random r = new Random(c.toString().hashCode() + 2);
    ConvGeometry g = geometry(c);
    int outDepth = (int) c.filter()[3];
    double[] x = random(r, c.input(), DType.FLOAT64).toDoubleArray();
    double[] w = random(r, c.filter(), DType.FLOAT64).toDoubleArray();
    double[] dy = random(r, new long[] {g.batch(), g.outRows(), g.outCols(), outDepth}, DType.FLOAT64)
        .toDoubleArray();
    assertArrayEquals(ConvLoops.forward(x, w, g, outDepth, false), ConvLoops.forward(x, w, g, outDepth, true), 1e-12);
    assertArrayEquals(ConvLoops.backpropFilter(x, dy, g, outDepth, false),
        ConvLoops.backpropFilter(x, dy, g, outDepth, true), 1e-10);
  }

  /**
   * The float filter gradient of a batch big enough to run on every core sums its images in 8 fixed groups (each
   * in image order), then the groups in order: bit for bit the sum of each group's gradient computed on its own,
   * whatever thread took which group (it varied from run to run when each thread summed the images it happened to
   * take).
   */
  @Test
  void filterGradientSumsInAFixedOrder() {
    Random r = new Random(16);
    int batch = 20;
    int outDepth = 16;
    ConvGeometry g = ConvGeometry.of(new long[] {batch, 24, 24, 8}, 3, 3, 1, 1, 1, 1, "SAME");
    float[] x = random(r, new long[] {batch, 24, 24, 8}, DType.FLOAT32).toFloatArray();
    float[] dy = random(r, new long[] {batch, 24, 24, outDepth}, DType.FLOAT32).toFloatArray();
    int perImageIn = 24 * 24 * 8;
    int perImageOut = 24 * 24 * outDepth;
    float[] expected = new float[3 * 3 * 8 * outDepth];
    for (int group = 0; group < 8; group++) {
      int first = batch * group / 8;
      int end = batch * (group + 1) / 8;
      ConvGeometry part = ConvGeometry.of(new long[] {end - first, 24, 24, 8}, 3, 3, 1, 1, 1, 1, "SAME");
      float[] sum = ConvLoops.backpropFilter(Arrays.copyOfRange(x, first * perImageIn, end * perImageIn),
          Arrays.copyOfRange(dy, first * perImageOut, end * perImageOut), part, outDepth, false, 1);
      for (int i = 0; i < sum.length; i++) {
        expected[i] += sum[i];
      }
    }
    for (int run = 0; run < 5; run++) {
      assertArrayEquals(expected, ConvLoops.backpropFilter(x, dy, g, outDepth, false), 0f, "run " + run);
    }
  }

  private static int[] toInts(long[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  /** Hand-computed: SAME pads the odd element after (bottom), not before. */
  @Test
  void samePaddingPutsTheExtraRowAfter() {
    NdArray x = NdArray.create(DType.FLOAT32, Shape.of(1, 4, 1, 1), new float[] {1, 2, 3, 4});
    NdArray w2 = NdArray.create(DType.FLOAT32, Shape.of(2, 1, 1, 1), new float[] {1, 10});
    assertArrayEquals(new float[] {21, 32, 43, 4}, ConvKernels.conv2d(x, w2, ONES, ONES, "SAME", "NHWC")
        .toFloatArray());
    NdArray w3 = NdArray.create(DType.FLOAT32, Shape.of(3, 1, 1, 1), new float[] {1, 10, 100});
    assertArrayEquals(new float[] {321, 43}, ConvKernels.conv2d(x, w3, strides(2), ONES, "SAME", "NHWC")
        .toFloatArray());
    assertArrayEquals(new float[] {321}, ConvKernels.conv2d(x, w3, strides(2), ONES, "VALID", "NHWC")
        .toFloatArray());
  }

  @Test
  void nchwTransposesAroundTheNhwcLoops() {
    Random r = new Random(3);
    NdArray x = random(r, new long[] {2, 3, 5, 4}, DType.FLOAT64); // NCHW
    NdArray w = random(r, new long[] {3, 2, 3, 2}, DType.FLOAT64);
    NdArray nchw = ConvKernels.conv2d(x, w, new long[] {1, 1, 2, 1}, ONES, "SAME", "NCHW");
    NdArray nhwc = ConvKernels.conv2d(ArrayKernels.transpose(x, NdArray.of(0, 2, 3, 1)), w, new long[] {1, 2, 1, 1},
        ONES, "SAME", "NHWC");
    assertEquals(Shape.of(2, 2, 3, 4), nchw.shape());
    assertArrayEquals(ArrayKernels.transpose(nhwc, NdArray.of(0, 3, 1, 2)).toDoubleArray(), nchw.toDoubleArray(),
        1e-12);
  }

  @Test
  void pooling() {
    // 1x3x4x1: rows 1 2 3 4 / 5 6 7 8 / 9 10 11 12.
    NdArray x = NdArray.create(DType.FLOAT64, Shape.of(1, 3, 4, 1), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        12});
    long[] k2 = {1, 2, 2, 1};
    long[] s2 = strides(2);
    assertArrayEquals(new double[] {6, 8}, PoolKernels.maxPool(x, k2, s2, "VALID", "NHWC").toDoubleArray());
    assertArrayEquals(new double[] {6, 8, 10, 12}, PoolKernels.maxPool(x, k2, s2, "SAME", "NHWC").toDoubleArray());
    // SAME averages only the part of the window inside the input.
    assertArrayEquals(new double[] {3.5, 5.5, 9.5, 11.5}, PoolKernels.avgPool(x, k2, s2, "SAME", "NHWC")
        .toDoubleArray());
    NdArray grad = NdArray.create(DType.FLOAT64, Shape.of(1, 2, 2, 1), new double[] {1, 2, 3, 4});
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4},
        PoolKernels.maxPoolGrad(x, PoolKernels.maxPool(x, k2, s2, "SAME", "NHWC"), grad, k2, s2, "SAME", "NHWC")
            .toDoubleArray());
    assertArrayEquals(new double[] {.25, .25, .5, .5, .25, .25, .5, .5, 1.5, 1.5, 2, 2},
        PoolKernels.avgPoolGrad(NdArray.of(1, 3, 4, 1), grad, k2, s2, "SAME", "NHWC").toDoubleArray(), 1e-12);
    // Ties: the first maximum in the window takes the gradient.
    NdArray ties = NdArray.create(DType.FLOAT32, Shape.of(1, 2, 2, 1), new float[] {5, 5, 5, 5});
    NdArray one = NdArray.create(DType.FLOAT32, Shape.of(1, 1, 1, 1), new float[] {7});
    assertArrayEquals(new float[] {7, 0, 0, 0}, PoolKernels.maxPoolGrad(ties, one, one, k2, s2, "VALID", "NHWC")
        .toFloatArray());
  }

  @Test
  void runTimeErrors() {
    NdArray x = NdArray.create(DType.FLOAT32, Shape.of(1, 4, 4, 3), new float[48]);
    NdArray w = NdArray.create(DType.FLOAT32, Shape.of(3, 3, 2, 4), new float[72]);
    assertEquals("input and filter must have the same depth: 3 vs 2", assertThrows(InvalidArgumentException.class,
        () -> ConvKernels.conv2d(x, w, ONES, ONES, "SAME", "NHWC")).getMessage());
    NdArray w3 = NdArray.create(DType.FLOAT32, Shape.of(6, 6, 3, 4), new float[432]);
    assertEquals("Computed output size would be negative: -1 [input_size: 4, effective_filter_size: 6, stride: 1]",
        assertThrows(InvalidArgumentException.class, () -> ConvKernels.conv2d(x, w3, ONES, ONES, "VALID", "NHWC"))
            .getMessage());
    assertEquals("Current implementation does not yet support strides in the batch and depth dimensions.",
        assertThrows(InvalidArgumentException.class,
            () -> ConvKernels.conv2d(x, w3, new long[] {2, 1, 1, 1}, ONES, "SAME", "NHWC")).getMessage());
  }
}
