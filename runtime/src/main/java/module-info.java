/**
 * scopegraph's runtime: graphs, name and variable scopes, variables, ops, the op registry, the executor, gradients
 * ({@code io.scopegraph}), training ({@code io.scopegraph.train}) and the model annotations
 * ({@code io.scopegraph.annotations}). The kernels ({@code io.scopegraph.kernels}) are not exported: they are the
 * executor's, reached through the op registry.
 */
module io.scopegraph {
  exports io.scopegraph;
  exports io.scopegraph.annotations;
  exports io.scopegraph.train;

  uses io.scopegraph.OpProvider;
}
