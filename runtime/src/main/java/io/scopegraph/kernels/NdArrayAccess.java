package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.DType;
import io.scopegraph.NdArray;
import java.util.function.Function;

/**
 * The kernels' way to the storage array of an {@link NdArray}, which the public API does not expose (arrays are
 * values). {@code NdArray} installs the accessor when its class is initialised, before any array exists; this
 * package is not exported by the module, so only the runtime reaches it.
 */
public final class NdArrayAccess {
  private static Function<NdArray, Object> storage;

  private NdArrayAccess() {}

  /** Called once, by {@code NdArray}. */
  public static synchronized void install(Function<NdArray, Object> accessor) {
    if (storage != null) {
      throw new IllegalStateException("NdArray's storage accessor is installed already");
    }
    storage = accessor;
  }

  /** The flat storage array itself (kernels must not modify it). */
  static Object data(NdArray array) {
    return storage.apply(array);
  }

  /** The Java array class holding elements of {@code dtype}. */
  static Class<?> storageClass(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> float[].class;
      case FLOAT64 -> double[].class;
      case INT32 -> int[].class;
      case INT64 -> long[].class;
      case BOOL -> boolean[].class;
      case STRING -> byte[][].class;
    };
  }
}
