/**
 * scopegraph's runtime: graphs, name and variable scopes, variables, ops, the op registry, the executor, gradients
 * ({@code io.scopegraph}), layers ({@code io.scopegraph.layers}), training ({@code io.scopegraph.train}) and the
 * model annotations ({@code io.scopegraph.annotations}). The executor's internals ({@code io.scopegraph.kernels}: kernels, shape
 * functions, run plans) are not exported: they are reached through the op registry and the session.
 */
module io.scopegraph {
  exports io.scopegraph;
  exports io.scopegraph.annotations;
  exports io.scopegraph.layers;
  exports io.scopegraph.train;

  uses io.scopegraph.OpProvider;

  // The Vector API, used for MatMul only when the JVM has it (--add-modules jdk.incubator.vector); javac warns
  // that the module is incubating.
  requires static jdk.incubator.vector;
  // HotSpot's flags (is FMA on, is C2 on?) decide whether the Vector API pays; absent, it is not used.
  requires static jdk.management;
}
