package io.scopegraph.kernels;

/**
 * float32 product in plain Java. {@code op(B)} is copied once into panels of {@value #KC} rows by
 * {@value #NC} columns (256 KB, which stays in a core's L2 cache), each panel row an array of its own; the
 * transposed form is transposed during this copy, so all four forms run the same loop. Each row of {@code C}
 * is then accumulated in an L1-resident row buffer, four panel rows at a time ({@link #step4}): four
 * multiply-adds per load and store of the buffer.
 *
 * <p>Why this shape: HotSpot's C2 (JDK 17) vectorises a loop only when every array in it is indexed by the bare
 * loop variable (an offset such as {@code c[rowStart + j]} next to {@code b[j]} keeps it scalar), and in our
 * measurements only reliably when the loop stores into a single array: loops updating four rows of
 * {@code C} at once ran scalar or vectorised depending on the surrounding code, at 5 to 18 GF/s, while this
 * one ran at 16-18 GF/s on one core wherever it was inlined. So the hot loop reads whole panel rows and
 * writes one row buffer, and {@code C} is copied in and out of the buffer.
 */
final class PlainFloatProduct implements MatMulProduct {
  static final int KC = 128;
  static final int NC = 512;

  private final float[] a;
  private final float[] c;
  private final MatMulDims d;
  private final int kBlocks;
  /** {@code panels[jb * kBlocks + pb][p][j] = op(B)[pb * KC + p, jb * NC + j]}. */
  private final float[][][] panels;

  PlainFloatProduct(float[] a, float[] b, float[] c, MatMulDims d) {
    this.a = a;
    this.c = c;
    this.d = d;
    this.kBlocks = (d.k() + KC - 1) / KC;
    this.panels = pack(b, d, kBlocks);
  }

  private static float[][][] pack(float[] b, MatMulDims d, int kBlocks) {
    int k = d.k();
    int n = d.n();
    int jBlocks = (n + NC - 1) / NC;
    float[][][] panels = new float[jBlocks * kBlocks][][];
    for (int jb = 0; jb < jBlocks; jb++) {
      int jc = jb * NC;
      int nc = Math.min(NC, n - jc);
      for (int pb = 0; pb < kBlocks; pb++) {
        int pc = pb * KC;
        int kc = Math.min(KC, k - pc);
        float[][] panel = new float[kc][nc];
        if (!d.transposeB()) {
          for (int p = 0; p < kc; p++) {
            System.arraycopy(b, (pc + p) * n + jc, panel[p], 0, nc);
          }
        } else {
          // B is stored [n, k]: read each stored row along p, write one column of the panel.
          for (int j = 0; j < nc; j++) {
            int src = (jc + j) * k + pc;
            for (int p = 0; p < kc; p++) {
              panel[p][j] = b[src + p];
            }
          }
        }
        panels[jb * kBlocks + pb] = panel;
      }
    }
    return panels;
  }

  @Override
  public int blockRows() {
    return 16;
  }

  @Override
  public int columnAlignment() {
    return 64;
  }

  @Override
  public void compute(int i0, int i1, int j0, int j1) {
    int m = d.m();
    int k = d.k();
    int n = d.n();
    // A(i, p) is at i * rowStride + p * colStride, stored transposed or not.
    int rowStride = d.transposeA() ? 1 : k;
    int colStride = d.transposeA() ? m : 1;
    float[] row = new float[NC];
    for (int jb = j0 / NC; jb * NC < j1; jb++) {
      int jc = jb * NC;
      int from = Math.max(j0, jc) - jc;
      int to = Math.min(j1, jc + NC) - jc;
      for (int pb = 0; pb < kBlocks; pb++) {
        float[][] panel = panels[jb * kBlocks + pb];
        int kc = panel.length;
        for (int i = i0; i < i1; i++) {
          int out = i * n + jc + from;
          System.arraycopy(c, out, row, from, to - from);
          int x = i * rowStride + pb * KC * colStride;
          int p = 0;
          for (; p + 4 <= kc; p += 4, x += 4 * colStride) {
            step4(row, panel[p], panel[p + 1], panel[p + 2], panel[p + 3], a[x], a[x + colStride],
                a[x + 2 * colStride], a[x + 3 * colStride], from, to);
          }
          for (; p < kc; p++, x += colStride) {
            step1(row, panel[p], a[x], from, to);
          }
          System.arraycopy(row, from, c, out, to - from);
        }
      }
    }
  }

  /** One row of C += four A values times four panel rows. */
  private static void step4(float[] row, float[] b0, float[] b1, float[] b2, float[] b3, float a0, float a1,
      float a2, float a3, int from, int to) {
    for (int j = from; j < to; j++) {
      row[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
    }
  }

  /** The last one to three steps of a panel. */
  private static void step1(float[] row, float[] b0, float a0, int from, int to) {
    for (int j = from; j < to; j++) {
      row[j] += a0 * b0[j];
    }
  }
}
