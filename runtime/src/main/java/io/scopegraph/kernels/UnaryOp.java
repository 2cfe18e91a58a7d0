package io.scopegraph.kernels;

import io.scopegraph.DType;

/**
 * The unary element-wise ops and their scalar math, the definition the loops of
 * {@link ElementwiseKernels#unary} implement per storage type. Floating values go through {@code double}:
 * for float32 inputs the double result rounded to float is the float32 result for the exact ops (negation,
 * absolute value, square, relu, sqrt) and the closest float for the transcendental ones.
 */
public enum UnaryOp {
  NEG, SQUARE, RELU, SIGMOID, TANH, EXP, LOG, SQRT, ABS;

  /** The op for a TF op type, or null when the type is not a unary element-wise op. */
  public static UnaryOp of(String type) {
    return switch (type) {
      case "Neg" -> NEG;
      case "Square" -> SQUARE;
      case "Relu" -> RELU;
      case "Sigmoid" -> SIGMOID;
      case "Tanh" -> TANH;
      case "Exp" -> EXP;
      case "Log" -> LOG;
      case "Sqrt" -> SQRT;
      case "Abs" -> ABS;
      default -> null;
    };
  }

  /** Whether TF has a kernel of this op for {@code dtype}: the transcendental ones are floating only. */
  public boolean supports(DType dtype) {
    if (dtype.isFloating()) {
      return true;
    }
    return dtype.isInteger() && (this == NEG || this == SQUARE || this == RELU || this == ABS);
  }

  public double apply(double x) {
    return switch (this) {
      case NEG -> -x;
      case SQUARE -> x * x;
      case RELU -> Math.max(x, 0.0);
      case SIGMOID -> sigmoid(x);
      case TANH -> Math.tanh(x);
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case SQRT -> Math.sqrt(x);
      case ABS -> Math.abs(x);
    };
  }

  public static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** Integer version, wrapping like C++ ({@code -MIN_VALUE == MIN_VALUE}). */
  public long apply(long x) {
    return switch (this) {
      case NEG -> -x;
      case SQUARE -> x * x;
      case RELU -> Math.max(x, 0L);
      case ABS -> Math.abs(x);
      default -> throw new IllegalStateException(this + " has no integer kernel");
    };
  }
}
