/**
 * The executor's internals, not exported by the module: the kernels (element-wise math, reductions, matrix
 * products with their Vector API provider, array and shape ops, neural-network ops, optimizer updates), TF's
 * shape functions, and the run plans a {@code Session} compiles. Reached through the op registry; users call
 * {@code io.scopegraph} and {@code io.scopegraph.train} instead.
 */
package io.scopegraph.kernels;
