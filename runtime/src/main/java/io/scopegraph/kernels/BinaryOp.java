package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;

/**
 * The scalar math of the broadcasting binary ops, per storage type. float32 is computed in {@code float} so
 * results are the float32 ones; int32 is computed in {@code long} and narrowed by the caller, which wraps
 * exactly as 32-bit arithmetic does. Methods switch on a constant, so the JIT inlines them into the loops.
 */
public enum BinaryOp {
  ADD, SUB, MUL, REAL_DIV, POW, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE;

  /** The op for a TF op type, or null when the type is not a binary element-wise op. */
  public static BinaryOp of(String type) {
    return switch (type) {
      case "Add", "AddV2" -> ADD;
      case "Sub" -> SUB;
      case "Mul" -> MUL;
      case "RealDiv" -> REAL_DIV;
      case "Pow" -> POW;
      case "Maximum" -> MAXIMUM;
      case "Minimum" -> MINIMUM;
      case "SquaredDifference" -> SQUARED_DIFFERENCE;
      default -> null;
    };
  }

  /** Whether TF has a kernel of this op for {@code dtype} (RealDiv is for floating types only). */
  public boolean supports(DType dtype) {
    return dtype.isFloating() || (dtype.isInteger() && this != REAL_DIV);
  }

  public float apply(float a, float b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case REAL_DIV -> a / b;
      case POW -> (float) Math.pow(a, b);
      case MAXIMUM -> Math.max(a, b);
      case MINIMUM -> Math.min(a, b);
      case SQUARED_DIFFERENCE -> {
        float d = a - b;
        yield d * d;
      }
    };
  }

  public double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case REAL_DIV -> a / b;
      case POW -> Math.pow(a, b);
      case MAXIMUM -> Math.max(a, b);
      case MINIMUM -> Math.min(a, b);
      case SQUARED_DIFFERENCE -> {
        double d = a - b;
        yield d * d;
      }
    };
  }

  /** Integer arithmetic, wrapping on overflow like C++. */
  public long apply(long a, long b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case REAL_DIV -> throw new IllegalStateException("RealDiv has no integer kernel");
      case POW -> intPow(a, b);
      case MAXIMUM -> Math.max(a, b);
      case MINIMUM -> Math.min(a, b);
      case SQUARED_DIFFERENCE -> (a - b) * (a - b);
    };
  }

  /** Exact integer power by squaring (wrapping like C++); TF rejects negative exponents. */
  private static long intPow(long base, long exponent) {
    if (exponent < 0) {
      throw new InvalidArgumentException("Integers to negative integer powers are not allowed");
    }
    long result = 1;
    long b = base;
    for (long e = exponent; e != 0; e >>>= 1) {
      if ((e & 1) != 0) {
        result *= b;
      }
      b *= b;
    }
    return result;
  }
}
