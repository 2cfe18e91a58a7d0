package io.scopegraph.kernels;

/** Products with plain Java loops ({@link PlainFloatProduct}, {@link PlainDoubleProduct}): works on any JVM. */
final class PlainMatMul implements MatMulProvider {
  static final PlainMatMul INSTANCE = new PlainMatMul();

  private PlainMatMul() {}

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public MatMulProduct floats(float[] a, float[] b, float[] c, MatMulDims dims) {
    return new PlainFloatProduct(a, b, c, dims);
  }

  @Override
  public MatMulProduct doubles(double[] a, double[] b, double[] c, MatMulDims dims) {
    return new PlainDoubleProduct(a, b, c, dims);
  }
}
