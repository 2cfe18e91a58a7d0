package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.InvalidArgumentException;
import io.scopegraph.NdArray;

/**
 * The dense optimizer updates of TF 1.15's {@code training_ops.cc} (the CPU functors' formulas, in the same
 * order of operations) and the value math of {@code AssignAdd}/{@code AssignSub}. Each method takes the current
 * values of the variable and its slots, the scalar hyper-parameters (NdArray scalars of the variable's dtype,
 * float32 or float64) and the gradient, and returns the new values, in the order of the op's ref inputs
 * ({@code var} first, then the slots); it writes nothing, so the caller stores them. float32 is computed in
 * {@code float} throughout, as TF's functors compute in the element type.
 *
 * <p>Checks and messages are TF's: {@code lr is not a scalar: [2]}, {@code var and accum do not have the same
 * shape[2] [3]}.
 */
public final class TrainingKernels {
  private TrainingKernels() {}

  /** {@code ApplyGradientDescent}: {@code var - delta * alpha}. */
  public static NdArray applyGradientDescent(NdArray var, NdArray alpha, NdArray delta) {
    String type = "ApplyGradientDescent";
    requireFloating(type, var);
    requireScalar(type, var, alpha, "alpha");
    requireSameShape(type, var, delta, "delta");
    int n = var.size();
    if (var.dtype() == DType.FLOAT32) {
      float[] v = f(var);
      float[] g = f(delta);
      float lr = f(alpha)[0];
      float[] o = new float[n];
      for (int i = 0; i < n; i++) {
        o[i] = v[i] - g[i] * lr;
      }
      return wrap(var, o);
    }
    double[] v = d(var);
    double[] g = d(delta);
    double lr = d(alpha)[0];
    double[] o = new double[n];
    for (int i = 0; i < n; i++) {
      o[i] = v[i] - g[i] * lr;
    }
    return wrap(var, o);
  }

  /**
   * {@code ApplyMomentum}: {@code accum = accum * momentum + grad}, then {@code var -= accum * lr}, or with
   * Nesterov momentum {@code var -= grad * lr + accum * momentum * lr}. Returns {@code {var, accum}}.
   */
  public static NdArray[] applyMomentum(NdArray var, NdArray accum, NdArray lr, NdArray grad, NdArray momentum,
      boolean useNesterov) {
    String type = "ApplyMomentum";
    requireFloating(type, var);
    requireScalar(type, var, lr, "lr");
    requireSameShape(type, var, accum, "accum");
    requireSameShape(type, var, grad, "grad");
    requireScalar(type, var, momentum, "momentum");
    int n = var.size();
    if (var.dtype() == DType.FLOAT32) {
      float[] v = f(var);
      float[] a = f(accum);
      float[] g = f(grad);
      float l = f(lr)[0];
      float m = f(momentum)[0];
      float[] vo = new float[n];
      float[] ao = new float[n];
      for (int i = 0; i < n; i++) {
        ao[i] = a[i] * m + g[i];
        vo[i] = useNesterov ? v[i] - (g[i] * l + ao[i] * m * l) : v[i] - ao[i] * l;
      }
      return new NdArray[] {wrap(var, vo), wrap(var, ao)};
    }
    double[] v = d(var);
    double[] a = d(accum);
    double[] g = d(grad);
    double l = d(lr)[0];
    double m = d(momentum)[0];
    double[] vo = new double[n];
    double[] ao = new double[n];
    for (int i = 0; i < n; i++) {
      ao[i] = a[i] * m + g[i];
      vo[i] = useNesterov ? v[i] - (g[i] * l + ao[i] * m * l) : v[i] - ao[i] * l;
    }
    return new NdArray[] {wrap(var, vo), wrap(var, ao)};
  }

  /**
   * {@code ApplyAdam}: with {@code alpha = lr * sqrt(1 - beta2_power) / (1 - beta1_power)},
   * {@code m += (grad - m) * (1 - beta1)}, {@code v += (grad² - v) * (1 - beta2)} and
   * {@code var -= m * alpha / (sqrt(v) + epsilon)}; with Nesterov, the numerator is
   * {@code (grad * (1 - beta1) + beta1 * m) * alpha}. Returns {@code {var, m, v}}.
   */
  public static NdArray[] applyAdam(NdArray var, NdArray m, NdArray v, NdArray beta1Power, NdArray beta2Power,
      NdArray lr, NdArray beta1, NdArray beta2, NdArray epsilon, NdArray grad, boolean useNesterov) {
    String type = "ApplyAdam";
    requireFloating(type, var);
    requireScalar(type, var, beta1Power, "beta1_power");
    requireScalar(type, var, beta2Power, "beta2_power");
    requireScalar(type, var, lr, "lr");
    requireScalar(type, var, beta1, "beta1");
    requireScalar(type, var, beta2, "beta2");
    requireScalar(type, var, epsilon, "epsilon");
    requireSameShape(type, var, m, "m");
    requireSameShape(type, var, v, "v");
    requireSameShape(type, var, grad, "grad");
    int n = var.size();
    if (var.dtype() == DType.FLOAT32) {
      float[] x = f(var);
      float[] mi = f(m);
      float[] vi = f(v);
      float[] g = f(grad);
      float b1 = f(beta1)[0];
      float b2 = f(beta2)[0];
      float eps = f(epsilon)[0];
      float alpha = f(lr)[0] * (float) Math.sqrt(1f - f(beta2Power)[0]) / (1f - f(beta1Power)[0]);
      float[] xo = new float[n];
      float[] mo = new float[n];
      float[] vo = new float[n];
      for (int i = 0; i < n; i++) {
        mo[i] = mi[i] + (g[i] - mi[i]) * (1f - b1);
        vo[i] = vi[i] + (g[i] * g[i] - vi[i]) * (1f - b2);
        float step = useNesterov ? (g[i] * (1f - b1) + b1 * mo[i]) * alpha : mo[i] * alpha;
        xo[i] = x[i] - step / ((float) Math.sqrt(vo[i]) + eps);
      }
      return new NdArray[] {wrap(var, xo), wrap(var, mo), wrap(var, vo)};
    }
    double[] x = d(var);
    double[] mi = d(m);
    double[] vi = d(v);
    double[] g = d(grad);
    double b1 = d(beta1)[0];
    double b2 = d(beta2)[0];
    double eps = d(epsilon)[0];
    double alpha = d(lr)[0] * Math.sqrt(1 - d(beta2Power)[0]) / (1 - d(beta1Power)[0]);
    double[] xo = new double[n];
    double[] mo = new double[n];
    double[] vo = new double[n];
    for (int i = 0; i < n; i++) {
      mo[i] = mi[i] + (g[i] - mi[i]) * (1 - b1);
      vo[i] = vi[i] + (g[i] * g[i] - vi[i]) * (1 - b2);
      double step = useNesterov ? (g[i] * (1 - b1) + b1 * mo[i]) * alpha : mo[i] * alpha;
      xo[i] = x[i] - step / (Math.sqrt(vo[i]) + eps);
    }
    return new NdArray[] {wrap(var, xo), wrap(var, mo), wrap(var, vo)};
  }

  /**
   * {@code ApplyRMSProp}: {@code ms += (grad² - ms) * (1 - rho)},
   * {@code mom = mom * momentum + grad * lr / sqrt(ms + epsilon)}, {@code var -= mom}. Returns
   * {@code {var, ms, mom}}.
   */
  public static NdArray[] applyRMSProp(NdArray var, NdArray ms, NdArray mom, NdArray lr, NdArray rho, NdArray momentum,
      NdArray epsilon, NdArray grad) {
    String type = "ApplyRMSProp";
    requireFloating(type, var);
    requireScalar(type, var, lr, "lr");
    requireScalar(type, var, rho, "rho");
    requireScalar(type, var, momentum, "momentum");
    requireScalar(type, var, epsilon, "epsilon");
    requireSameShape(type, var, ms, "ms");
    requireSameShape(type, var, mom, "mom");
    requireSameShape(type, var, grad, "grad");
    int n = var.size();
    if (var.dtype() == DType.FLOAT32) {
      float[] x = f(var);
      float[] s = f(ms);
      float[] p = f(mom);
      float[] g = f(grad);
      float l = f(lr)[0];
      float r = f(rho)[0];
      float mu = f(momentum)[0];
      float eps = f(epsilon)[0];
      float[] xo = new float[n];
      float[] so = new float[n];
      float[] po = new float[n];
      for (int i = 0; i < n; i++) {
        so[i] = s[i] + (g[i] * g[i] - s[i]) * (1f - r);
        po[i] = p[i] * mu + (g[i] * l) / (float) Math.sqrt(so[i] + eps);
        xo[i] = x[i] - po[i];
      }
      return new NdArray[] {wrap(var, xo), wrap(var, so), wrap(var, po)};
    }
    double[] x = d(var);
    double[] s = d(ms);
    double[] p = d(mom);
    double[] g = d(grad);
    double l = d(lr)[0];
    double r = d(rho)[0];
    double mu = d(momentum)[0];
    double eps = d(epsilon)[0];
    double[] xo = new double[n];
    double[] so = new double[n];
    double[] po = new double[n];
    for (int i = 0; i < n; i++) {
      so[i] = s[i] + (g[i] * g[i] - s[i]) * (1 - r);
      po[i] = p[i] * mu + (g[i] * l) / Math.sqrt(so[i] + eps);
      xo[i] = x[i] - po[i];
    }
    return new NdArray[] {wrap(var, xo), wrap(var, so), wrap(var, po)};
  }

  /**
   * {@code ApplyCenteredRMSProp}: {@code ms += (grad² - ms) * (1 - rho)}, {@code mg += (grad - mg) * (1 - rho)},
   * {@code mom = mom * momentum + grad * lr / sqrt(ms - mg² + epsilon)}, {@code var -= mom}. Returns
   * {@code {var, mg, ms, mom}}.
   */
  public static NdArray[] applyCenteredRMSProp(NdArray var, NdArray mg, NdArray ms, NdArray mom, NdArray lr, NdArray rho,
      NdArray momentum, NdArray epsilon, NdArray grad) {
    String type = "ApplyCenteredRMSProp";
    requireFloating(type, var);
    requireScalar(type, var, lr, "lr");
    requireScalar(type, var, rho, "rho");
    requireScalar(type, var, momentum, "momentum");
    requireScalar(type, var, epsilon, "epsilon");
    requireSameShape(type, var, mg, "mg");
    requireSameShape(type, var, ms, "ms");
    requireSameShape(type, var, mom, "mom");
    requireSameShape(type, var, grad, "grad");
    int n = var.size();
    if (var.dtype() == DType.FLOAT32) {
      float[] x = f(var);
      float[] a = f(mg);
      float[] s = f(ms);
      float[] p = f(mom);
      float[] g = f(grad);
      float l = f(lr)[0];
      float r = f(rho)[0];
      float mu = f(momentum)[0];
      float eps = f(epsilon)[0];
      float[] xo = new float[n];
      float[] ao = new float[n];
      float[] so = new float[n];
      float[] po = new float[n];
      for (int i = 0; i < n; i++) {
        so[i] = s[i] + (g[i] * g[i] - s[i]) * (1f - r);
        ao[i] = a[i] + (g[i] - a[i]) * (1f - r);
        float denom = (so[i] - ao[i] * ao[i]) + eps;
        po[i] = p[i] * mu + (g[i] * l) / (float) Math.sqrt(denom);
        xo[i] = x[i] - po[i];
      }
      return new NdArray[] {wrap(var, xo), wrap(var, ao), wrap(var, so), wrap(var, po)};
    }
    double[] x = d(var);
    double[] a = d(mg);
    double[] s = d(ms);
    double[] p = d(mom);
    double[] g = d(grad);
    double l = d(lr)[0];
    double r = d(rho)[0];
    double mu = d(momentum)[0];
    double eps = d(epsilon)[0];
    double[] xo = new double[n];
    double[] ao = new double[n];
    double[] so = new double[n];
    double[] po = new double[n];
    for (int i = 0; i < n; i++) {
      so[i] = s[i] + (g[i] * g[i] - s[i]) * (1 - r);
      ao[i] = a[i] + (g[i] - a[i]) * (1 - r);
      double denom = (so[i] - ao[i] * ao[i]) + eps;
      po[i] = p[i] * mu + (g[i] * l) / Math.sqrt(denom);
      xo[i] = x[i] - po[i];
    }
    return new NdArray[] {wrap(var, xo), wrap(var, ao), wrap(var, so), wrap(var, po)};
  }

  /**
   * {@code ApplyAdagrad}: {@code accum += grad²} (when {@code updateSlots}, TF's default), then
   * {@code var -= grad * lr * rsqrt(accum)}. Returns {@code {var, accum}} (accum unchanged without
   * {@code updateSlots}).
   */
  public static NdArray[] applyAdagrad(NdArray var, NdArray accum, NdArray lr, NdArray grad, boolean updateSlots) {
    String type = "ApplyAdagrad";
    requireFloating(type, var);
    requireScalar(type, var, lr, "lr");
    requireSameShape(type, var, accum, "accum");
    requireSameShape(type, var, grad, "grad");
    int n = var.size();
    if (var.dtype() == DType.FLOAT32) {
      float[] x = f(var);
      float[] a = f(accum);
      float[] g = f(grad);
      float l = f(lr)[0];
      float[] xo = new float[n];
      float[] ao = updateSlots ? new float[n] : a;
      for (int i = 0; i < n; i++) {
        if (updateSlots) {
          ao[i] = a[i] + g[i] * g[i];
        }
        xo[i] = x[i] - g[i] * l * (1f / (float) Math.sqrt(ao[i]));
      }
      return new NdArray[] {wrap(var, xo), updateSlots ? wrap(var, ao) : accum};
    }
    double[] x = d(var);
    double[] a = d(accum);
    double[] g = d(grad);
    double l = d(lr)[0];
    double[] xo = new double[n];
    double[] ao = updateSlots ? new double[n] : a;
    for (int i = 0; i < n; i++) {
      if (updateSlots) {
        ao[i] = a[i] + g[i] * g[i];
      }
      xo[i] = x[i] - g[i] * l * (1 / Math.sqrt(ao[i]));
    }
    return new NdArray[] {wrap(var, xo), updateSlots ? wrap(var, ao) : accum};
  }

  /** {@code AssignAdd}'s new value: {@code ref + value}, of one shape and numeric dtype (int32 wraps). */
  public static NdArray assignAdd(NdArray ref, NdArray value) {
    return assignUpdate("AssignAdd", ref, value, true);
  }

  /** {@code AssignSub}'s new value: {@code ref - value}, of one shape and numeric dtype (int32 wraps). */
  public static NdArray assignSub(NdArray ref, NdArray value) {
    return assignUpdate("AssignSub", ref, value, false);
  }

  private static NdArray assignUpdate(String type, NdArray ref, NdArray value, boolean add) {
    if (!ref.shape().equals(value.shape())) {
      throw new InvalidArgumentException("Parameters and update must be the same size");
    }
    NnKernels.requireSameDtype(type, ref, value, "value");
    int n = ref.size();
    Object out;
    switch (ref.dtype()) {
      case FLOAT32: {
        float[] r = f(ref);
        float[] v = f(value);
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
          o[i] = add ? r[i] + v[i] : r[i] - v[i];
        }
        out = o;
        break;
      }
      case FLOAT64: {
        double[] r = d(ref);
        double[] v = d(value);
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
          o[i] = add ? r[i] + v[i] : r[i] - v[i];
        }
        out = o;
        break;
      }
      case INT32: {
        int[] r = (int[]) NdArrayAccess.data(ref);
        int[] v = (int[]) NdArrayAccess.data(value);
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
          o[i] = add ? r[i] + v[i] : r[i] - v[i];
        }
        out = o;
        break;
      }
      case INT64: {
        long[] r = (long[]) NdArrayAccess.data(ref);
        long[] v = (long[]) NdArrayAccess.data(value);
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
          o[i] = add ? r[i] + v[i] : r[i] - v[i];
        }
        out = o;
        break;
      }
      default:
        throw NnKernels.noKernel(type, ref.dtype());
    }
    return NdArray.wrap(ref.dtype(), ref.shape(), out);
  }

  // ---------------------------------------------------------------------------------------------

  private static void requireFloating(String type, NdArray var) {
    if (!var.dtype().isFloating()) {
      throw NnKernels.noKernel(type, var.dtype());
    }
  }

  /** A hyper-parameter: a scalar of the variable's dtype. */
  private static void requireScalar(String type, NdArray var, NdArray v, String name) {
    if (v.shape().rank() != 0) {
      throw new InvalidArgumentException(name + " is not a scalar: " + v.shape().toDimsString());
    }
    NnKernels.requireSameDtype(type, var, v, name);
  }

  /** A slot or gradient: the variable's shape and dtype. */
  private static void requireSameShape(String type, NdArray var, NdArray v, String name) {
    if (!var.shape().equals(v.shape())) {
      throw new InvalidArgumentException("var and " + name + " do not have the same shape"
          + var.shape().toDimsString() + " " + v.shape().toDimsString());
    }
    NnKernels.requireSameDtype(type, var, v, name);
  }

  private static float[] f(NdArray a) {
    return (float[]) NdArrayAccess.data(a);
  }

  private static double[] d(NdArray a) {
    return (double[]) NdArrayAccess.data(a);
  }

  private static NdArray wrap(NdArray like, Object data) {
    return NdArray.wrap(like.dtype(), like.shape(), data);
  }
}
