package io.scopegraph;

import java.util.Map;

/**
 * Supplies {@link OpKernel}s to every {@link Session}, found with {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/io.scopegraph.OpKernelProvider}. The runtime's own kernels
 * come first; of two providers with a kernel for one op type, the first one the service loader finds wins.
 */
public interface OpKernelProvider {
  /** Kernels by op type ({@code "RestoreV2"}). */
  Map<String, OpKernel> kernels();
}
