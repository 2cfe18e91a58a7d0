package io.scopegraph.kernels;

import io.scopegraph.NdArray;
import io.scopegraph.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers and values printed as TensorFlow's C++ runtime prints them in error messages: {@code StrCat} of a
 * number (C's {@code %g} with {@code FLT_DIG}/{@code DBL_DIG} significant digits, more when that does not read
 * back as the same value) and {@code Tensor::SummarizeValue} (elements separated by spaces, inner dimensions in
 * brackets: {@code 0 5 1}, {@code [1 2][3 4]}).
 */
public final class TfFormat {
  private TfFormat() {}

  /** {@code StrCat(v)} of a float: 6 significant digits, or 9 when 6 do not give {@code v} back. */
  public static String number(float v) {
    String s = formatG(v, 6);
    if (Float.isFinite(v) && Float.parseFloat(s) != v) {
      s = formatG(v, 9);
    }
    return s;
  }

  /** {@code StrCat(v)} of a double: 15 significant digits, or 17 when 15 do not give {@code v} back. */
  public static String number(double v) {
    String s = formatG(v, 15);
    if (Double.isFinite(v) && Double.parseDouble(s) != v) {
      s = formatG(v, 17);
    }
    return s;
  }

  /** Element {@code i} of {@code a} as {@code StrCat} prints a value of its dtype. */
  public static String element(NdArray a, int i) {
    return switch (a.dtype()) {
      case FLOAT32 -> number(((float[]) NdArrayAccess.data(a))[i]);
      case FLOAT64 -> number(((double[]) NdArrayAccess.data(a))[i]);
      case INT32, INT64 -> Long.toString(a.getLong(i));
      case BOOL -> ((boolean[]) NdArrayAccess.data(a))[i] ? "1" : "0";
      case STRING -> (String) a.get(i);
    };
  }

  /**
   * {@code Tensor::SummarizeValue(max)}: at most {@code max} elements in row-major order, separated by spaces,
   * each dimension but the last in brackets, {@code ...} when elements were left out.
   */
  public static String summarize(NdArray a, int max) {
    int limit = Math.min(max, a.size());
    StringBuilder sb = new StringBuilder();
    if (a.shape().rank() == 0) {
      if (limit > 0) {
        sb.append(element(a, 0));
      }
      return sb.toString();
    }
    int[] index = {0};
    summarizeDim(a, 0, limit, index, sb);
    if (a.size() > limit) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static void summarizeDim(NdArray a, int dim, int limit, int[] index, StringBuilder sb) {
    if (index[0] >= limit) {
      return;
    }
    long count = a.shape().dim(dim);
    if (dim == a.shape().rank() - 1) {
      for (long i = 0; i < count; i++) {
        if (index[0] >= limit) {
          if (dim != 0) {
            sb.append("...");
          }
          return;
        }
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(element(a, index[0]++));
      }
      return;
    }
    for (long i = 0; i < count; i++) {
      boolean open = false;
      if (index[0] < limit) {
        sb.append('[');
        open = true;
      }
      summarizeDim(a, dim + 1, limit, index, sb);
      if (index[0] < limit || open) {
        sb.append(']');
      }
    }
  }

  /** C's {@code printf("%.*g", precision, v)}. */
  public static String formatG(double v, int precision) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
      int e = Math.abs(exponent);
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
