package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;
import java.util.Arrays;

/**
 * The sparse optimizer updates of TF 1.15's {@code training_ops.cc} ({@code SparseApplyMomentum},
 * {@code SparseApplyAdagrad}, {@code SparseApplyRMSProp}, {@code SparseApplyCenteredRMSProp}): only the rows
 * {@code indices} names change, one gradient row at a time in the order given (a repeated index is updated
 * twice, as TF's CPU kernels do). The formulas are the sparse kernels' own (they differ from the dense ones in
 * the order of operations); values are computed in {@code double} and stored in the variable's dtype.
 */
public final class SparseTrainingKernels {
  private SparseTrainingKernels() {}

  /** One element's update: {@code cells} holds the variable's value then each slot's, updated in place. */
  @FunctionalInterface
  private interface Rule {
    void apply(double[] cells, double g);
  }

  /** {@code accum = accum * momentum + g}; {@code var -= lr * accum} (Nesterov: {@code lr * g + lr * accum * momentum}). */
  public static NdArray[] sparseApplyMomentum(NdArray var, NdArray accum, NdArray lr, NdArray grad, NdArray indices,
      NdArray momentum, boolean useNesterov) {
    double l = scalar("SparseApplyMomentum", lr, "lr");
    double m = scalar("SparseApplyMomentum", momentum, "momentum");
    return apply("SparseApplyMomentum", new NdArray[] {var, accum}, new String[] {"var", "accum"}, indices, grad,
        (c, g) -> {
          c[1] = c[1] * m + g;
          c[0] -= useNesterov ? l * g + l * c[1] * m : l * c[1];
        });
  }

  /** {@code accum += g²} (when {@code updateSlots}); {@code var -= lr * g / sqrt(accum)}. */
  public static NdArray[] sparseApplyAdagrad(NdArray var, NdArray accum, NdArray lr, NdArray grad, NdArray indices,
      boolean updateSlots) {
    double l = scalar("SparseApplyAdagrad", lr, "lr");
    return apply("SparseApplyAdagrad", new NdArray[] {var, accum}, new String[] {"var", "accum"}, indices, grad,
        (c, g) -> {
          if (updateSlots) {
            c[1] += g * g;
          }
          c[0] -= l * g / Math.sqrt(c[1]);
        });
  }

  /** {@code ms = ms * rho + g² * (1 - rho)}; {@code mom = mom * momentum + lr * g / sqrt(ms + epsilon)}; {@code var -= mom}. */
  public static NdArray[] sparseApplyRMSProp(NdArray var, NdArray ms, NdArray mom, NdArray lr, NdArray rho,
      NdArray momentum, NdArray epsilon, NdArray grad, NdArray indices) {
    String type = "SparseApplyRMSProp";
    double l = scalar(type, lr, "lr");
    double r = scalar(type, rho, "rho");
    double mu = scalar(type, momentum, "momentum");
    double eps = scalar(type, epsilon, "epsilon");
    return apply(type, new NdArray[] {var, ms, mom}, new String[] {"var", "ms", "mom"}, indices, grad, (c, g) -> {
      c[1] = c[1] * r + g * g * (1 - r);
      c[2] = c[2] * mu + l * g / Math.sqrt(c[1] + eps);
      c[0] -= c[2];
    });
  }

  /**
   * {@code ms = ms * rho + g² * (1 - rho)}, {@code mg = mg * rho + g * (1 - rho)},
   * {@code mom = mom * momentum + lr * g / sqrt(ms - mg² + epsilon)}, {@code var -= mom}.
   */
  public static NdArray[] sparseApplyCenteredRMSProp(NdArray var, NdArray mg, NdArray ms, NdArray mom, NdArray lr,
      NdArray rho, NdArray momentum, NdArray epsilon, NdArray grad, NdArray indices) {
    String type = "SparseApplyCenteredRMSProp";
    double l = scalar(type, lr, "lr");
    double r = scalar(type, rho, "rho");
    double mu = scalar(type, momentum, "momentum");
    double eps = scalar(type, epsilon, "epsilon");
    return apply(type, new NdArray[] {var, mg, ms, mom}, new String[] {"var", "mg", "ms", "mom"}, indices, grad,
        (c, g) -> {
          c[2] = c[2] * r + g * g * (1 - r);
          c[1] = c[1] * r + g * (1 - r);
          c[3] = c[3] * mu + l * g / Math.sqrt(c[2] - c[1] * c[1] + eps);
          c[0] -= c[3];
        });
  }

  private static NdArray[] apply(String type, NdArray[] refs, String[] names, NdArray indices, NdArray grad,
      Rule rule) {
    NdArray var = refs[0];
    if (!var.dtype().isFloating()) {
      throw new InvalidArgumentException(type + " needs a float32 or float64 variable, got " + var.dtype());
    }
    for (int i = 1; i < refs.length; i++) {
      if (!refs[i].shape().equals(var.shape())) {
        throw new InvalidArgumentException("var and " + names[i] + " do not have the same shape"
            + var.shape().toDimsString() + " " + refs[i].shape().toDimsString());
      }
    }
    long[] dims = var.shape().dims();
    if (dims.length < 1) {
      throw new InvalidArgumentException("var must be at least 1 dimensional");
    }
    if (indices.shape().rank() != 1) {
      throw new InvalidArgumentException("indices must be one-dimensional");
    }
    SparseKernels.requireIndices(indices, "indices");
    long[] gd = grad.shape().dims();
    boolean gradOk = gd.length == dims.length && gd[0] == indices.size()
        && Arrays.equals(Arrays.copyOfRange(gd, 1, gd.length), Arrays.copyOfRange(dims, 1, dims.length));
    if (!gradOk) {
      throw new InvalidArgumentException("grad must be the same shape as var except for the first dimension, and its "
          + "first dimension must equal the size of indices: var " + var.shape().toDimsString() + ", grad "
          + grad.shape().toDimsString() + ", indices " + indices.shape().toDimsString());
    }
    int inner = (int) SparseKernels.product(dims, 1, dims.length);
    double[][] values = new double[refs.length][];
    for (int k = 0; k < refs.length; k++) {
      values[k] = refs[k].cast(DType.FLOAT64).toDoubleArray();
    }
    double[] g = grad.cast(DType.FLOAT64).toDoubleArray();
    double[] cells = new double[refs.length];
    for (int i = 0; i < indices.size(); i++) {
      long index = indices.getLong(i);
      if (index < 0 || index >= dims[0]) {
        throw new InvalidArgumentException("Index " + index + " at offset " + i + " in indices is out of range");
      }
      int at = (int) index * inner;
      for (int e = 0; e < inner; e++) {
        for (int k = 0; k < refs.length; k++) {
          cells[k] = values[k][at + e];
        }
        rule.apply(cells, g[i * inner + e]);
        for (int k = 0; k < refs.length; k++) {
          values[k][at + e] = var.dtype() == DType.FLOAT32 ? (float) cells[k] : cells[k];
        }
      }
    }
    NdArray[] out = new NdArray[refs.length];
    for (int k = 0; k < refs.length; k++) {
      out[k] = NdArray.create(DType.FLOAT64, var.shape(), values[k]).cast(var.dtype());
    }
    return out;
  }

  private static double scalar(String type, NdArray value, String name) {
    if (value.shape().rank() != 0) {
      throw new InvalidArgumentException(name + " is not a scalar: " + value.shape().toDimsString());
    }
    return value.getDouble(0);
  }
}
