package io.scopegraph.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 product with the Vector API, laid out as in BLIS/GotoBLAS. {@code op(B)} is packed once into slivers
 * {@link #NR} columns wide ({@code KC x NR}, contiguous, zero-padded at the right edge); each thread packs
 * {@value #MR}-row slivers of its block of {@code op(A)} ({@code [p][MR]}, zero-padded at the bottom). The
 * micro-kernel keeps a {@code MR x NR} tile of {@code C} in twelve vector registers over {@value #KC} steps of
 * {@code p}: per step two loads of B, six broadcasts of A and twelve FMAs. Transposed operands are transposed
 * while packing, so all four forms run the same kernel.
 */
final class VectorDoubleProduct implements MatMulProduct {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int MR = 6;
  static final int NR = 2 * L;
  /** Steps of p per pass: a B sliver ({@code KC * NR * 8} bytes, 16 KB with AVX2) stays in L1. */
  static final int KC = 256;
  /** Rows per block: the packed A block ({@code MC * KC * 8} bytes) stays in L2. */
  static final int MC = 8 * MR;

  private final double[] a;
  private final double[] c;
  private final MatMulDims d;
  private final int slivers;
  /** For each pass pc: slivers s, each {@code kc x NR}; element (p, j) at {@code pc * slivers * NR + s * kc * NR + p * NR + j}. */
  private final double[] packedB;

  VectorDoubleProduct(double[] a, double[] b, double[] c, MatMulDims d) {
    this.a = a;
    this.c = c;
    this.d = d;
    this.slivers = MatMulScheduler.ceilDiv(d.n(), NR);
    this.packedB = packB(b);
  }

  private double[] packB(double[] b) {
    int k = d.k();
    int n = d.n();
    double[] out = new double[k * slivers * NR];
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int s = 0; s < slivers; s++) {
        int j0 = s * NR;
        int w = Math.min(NR, n - j0);
        int o = pc * slivers * NR + s * kc * NR;
        if (!d.transposeB() && w == NR) {
          // Two vectors per row: faster than System.arraycopy, whose call costs more than 2 * L elements.
          for (int p = 0, src = pc * n + j0, dst = o; p < kc; p++, src += n, dst += NR) {
            DoubleVector.fromArray(S, b, src).intoArray(out, dst);
            DoubleVector.fromArray(S, b, src + L).intoArray(out, dst + L);
          }
        } else if (!d.transposeB()) {
          for (int p = 0; p < kc; p++) {
            System.arraycopy(b, (pc + p) * n + j0, out, o + p * NR, w);
          }
        } else {
          for (int j = 0; j < w; j++) {
            int src = (j0 + j) * k + pc;
            for (int p = 0; p < kc; p++) {
              out[o + p * NR + j] = b[src + p];
            }
          }
        }
      }
    }
    return out;
  }

  @Override
  public int blockRows() {
    return MC;
  }

  @Override
  public int columnAlignment() {
    return NR;
  }

  @Override
  public void compute(int i0, int i1, int j0, int j1) {
    int k = d.k();
    int n = d.n();
    double[] packedA = new double[MatMulScheduler.ceilDiv(Math.min(MC, i1 - i0), MR) * MR * Math.min(KC, k)];
    double[] tile = new double[MR * NR];
    for (int ic = i0; ic < i1; ic += MC) {
      int mc = Math.min(MC, i1 - ic);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packA(ic, mc, pc, kc, packedA);
        for (int s = j0 / NR; s * NR < j1; s++) {
          int jr = s * NR;
          int w = Math.min(NR, j1 - jr);
          int bo = pc * slivers * NR + s * kc * NR;
          for (int ir = 0; ir < mc; ir += MR) {
            kernel(packedA, ir * kc, bo, kc, (ic + ir) * n + jr, Math.min(MR, mc - ir), w, tile);
          }
        }
      }
    }
  }

  /** Rows ic..ic+mc of op(A), columns pc..pc+kc, as MR-row slivers {@code [p][MR]}. */
  private void packA(int ic, int mc, int pc, int kc, double[] out) {
    int m = d.m();
    int k = d.k();
    for (int ir = 0; ir < mc; ir += MR) {
      int rows = Math.min(MR, mc - ir);
      int o = ir * kc;
      if (!d.transposeA()) {
        for (int r = 0; r < rows; r++) {
          int src = (ic + ir + r) * k + pc;
          for (int p = 0; p < kc; p++) {
            out[o + p * MR + r] = a[src + p];
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(a, (pc + p) * m + ic + ir, out, o + p * MR, rows);
        }
      }
      for (int r = rows; r < MR; r++) {
        for (int p = 0; p < kc; p++) {
          out[o + p * MR + r] = 0.0;
        }
      }
    }
  }

  /** {@code C[rows, w] at co += A sliver at ao times B sliver at bo}, over kc steps. */
  private void kernel(double[] pa, int ao, int bo, int kc, int co, int rows, int w, double[] tile) {
    double[] pb = packedB;
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, pb, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, pb, bo + L);
      DoubleVector x = DoubleVector.broadcast(S, pa[ao]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(S, pa[ao + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(S, pa[ao + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(S, pa[ao + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(S, pa[ao + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(S, pa[ao + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      ao += MR;
      bo += NR;
    }
    int n = d.n();
    if (rows == MR && w == NR) {
      add(co, c00, c01);
      add(co + n, c10, c11);
      add(co + 2 * n, c20, c21);
      add(co + 3 * n, c30, c31);
      add(co + 4 * n, c40, c41);
      add(co + 5 * n, c50, c51);
      return;
    }
    // An edge tile: through a buffer, then only the rows and columns that exist.
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c40.intoArray(tile, 4 * NR);
    c41.intoArray(tile, 4 * NR + L);
    c50.intoArray(tile, 5 * NR);
    c51.intoArray(tile, 5 * NR + L);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < w; j++) {
        c[co + r * n + j] += tile[r * NR + j];
      }
    }
  }

  private void add(int o, DoubleVector v0, DoubleVector v1) {
    DoubleVector.fromArray(S, c, o).add(v0).intoArray(c, o);
    DoubleVector.fromArray(S, c, o + L).add(v1).intoArray(c, o + L);
  }
}
