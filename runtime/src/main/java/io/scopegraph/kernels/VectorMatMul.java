package io.scopegraph.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Products with the JDK's incubating Vector API ({@link VectorFloatProduct}, {@link VectorDoubleProduct}).
 * Loaded only by {@link MatMulProviders}, and only when {@code jdk.incubator.vector} is in the boot layer.
 * The constructor refuses a JVM on which the vector code would be slower than plain loops: the Vector API's
 * {@code fma} is emulated lane by lane without FMA instructions, and its vectors are objects without C2.
 */
final class VectorMatMul implements MatMulProvider {
  VectorMatMul() {
    if ("false".equals(HotSpotFlags.get("UseFMA"))) {
      throw new UnsupportedOperationException("no FMA instructions (-XX:-UseFMA)");
    }
    String level = HotSpotFlags.get("TieredStopAtLevel");
    if ("true".equals(HotSpotFlags.get("TieredCompilation")) && level != null && Integer.parseInt(level) < 4) {
      throw new UnsupportedOperationException("no C2 compiler (-XX:TieredStopAtLevel=" + level + ")");
    }
    if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < 128 || DoubleVector.SPECIES_PREFERRED.length() < 2) {
      throw new UnsupportedOperationException("vectors narrower than 128 bits");
    }
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public MatMulProduct floats(float[] a, float[] b, float[] c, MatMulDims dims) {
    return new VectorFloatProduct(a, b, c, dims);
  }

  @Override
  public MatMulProduct doubles(double[] a, double[] b, double[] c, MatMulDims dims) {
    return new VectorDoubleProduct(a, b, c, dims);
  }
}
