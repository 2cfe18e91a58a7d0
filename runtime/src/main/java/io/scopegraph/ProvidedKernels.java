package io.scopegraph;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The kernels {@link OpKernelProvider}s supply, loaded once, when an op type without a built-in kernel is met. */
final class ProvidedKernels {
  private ProvidedKernels() {}

  private static final class Loaded {
    static final Map<String, OpKernel> KERNELS = load();

    private static Map<String, OpKernel> load() {
      Map<String, OpKernel> kernels = new HashMap<>();
      for (OpKernelProvider provider : ServiceLoader.load(OpKernelProvider.class, ProvidedKernels.class.getClassLoader())) {
        provider.kernels().forEach(kernels::putIfAbsent);
      }
      return Map.copyOf(kernels);
    }
  }

  /** The supplied kernel of {@code type}, or null. */
  static OpKernel find(String type) {
    return Loaded.KERNELS.get(type);
  }
}
