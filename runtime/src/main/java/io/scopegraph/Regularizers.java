package io.scopegraph;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * TensorFlow's regularizers, with TF's op names. Inside {@code getVariable} they build under
 * {@code <variable>/Regularizer/}: {@code l2(0.5)} on {@code w} makes {@code w/Regularizer/l2_regularizer/scale}
 * (Const), {@code …/l2_regularizer/L2Loss} and the loss {@code w/Regularizer/l2_regularizer} (Mul).
 */
public final class Regularizers {
  private static final Regularizer NONE = weights -> null;

  private Regularizers() {}

  /**
   * {@code tf.no_regularizer}: no loss. As a scope's or a call's regularizer it switches off the regularizer
   * the scope would otherwise give.
   */
  public static Regularizer none() {
    return NONE;
  }

  /**
   * {@code tf.contrib.layers.l2_regularizer(scale)}: {@code scale * sum(w ** 2) / 2}, as name scope
   * {@code l2_regularizer} with {@code scale}, {@code L2Loss} and a {@code Mul} named like the scope. A scale
   * of 0 gives no loss; a negative scale fails ({@code Setting a scale less than 0 on a regularizer: -1.}).
   */
  public static Regularizer l2(double scale) {
    if (scale < 0) {
      throw new InvalidRegularizerException("Setting a scale less than 0 on a regularizer: " + pythonG(scale) + ".");
    }
    if (scale == 0) {
      return NONE;
    }
    return weights -> {
      Ops tf = Ops.on(weights.graph());
      return tf.inScope(null, "l2_regularizer", List.of(weights), scope -> {
        Tensor s = tf.constOp(Conversions.toDType(NdArray.scalar(scale), weights.dtype()), "scale");
        Tensor loss = tf.l2Loss(weights);
        return tf.binaryOp("Mul", scope, s, loss);
      });
    };
  }

  /**
   * {@code tf.contrib.layers.l1_regularizer(scale)}: {@code scale * sum(|w|)}, as name scope
   * {@code l1_regularizer} with {@code scale}, {@code Abs}, {@code Const} (all axes), {@code Sum} and a
   * {@code Mul} named like the scope. A scale of 0 gives no loss; a negative scale fails
   * ({@code Setting a scale less than 0 on a regularizer: -1}).
   */
  public static Regularizer l1(double scale) {
    if (scale < 0) {
      throw new InvalidRegularizerException("Setting a scale less than 0 on a regularizer: " + pythonG(scale));
    }
    if (scale == 0) {
      return NONE;
    }
    return weights -> {
      Ops tf = Ops.on(weights.graph());
      return tf.inScope(null, "l1_regularizer", List.of(weights), scope -> {
        Tensor s = tf.constOp(Conversions.toDType(NdArray.scalar(scale), weights.dtype()), "scale");
        Tensor sum = tf.sum(tf.abs(weights));
        return tf.binaryOp("Mul", scope, s, sum);
      });
    };
  }

  /**
   * {@link #none()} as a class, for {@code @VariableScope(regularizer = Regularizers.None.class)}: no loss, so
   * the variables of the scope get no regularizer even when an enclosing scope has one (TF's
   * {@code tf.no_regularizer}).
   */
  public static final class None implements Regularizer {
    @Override
    public Tensor apply(Tensor weights) {
      return null;
    }
  }

  /** Python's {@code "%g" % x}: six significant digits, trailing zeros dropped, exponent from 1e-5 and 1e6 on. */
  static String pythonG(double x) {
    if (x == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(x).round(new MathContext(6));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      String m = mantissa.toPlainString();
      return m + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
    String plain = rounded.stripTrailingZeros().toPlainString();
    return plain;
  }
}
