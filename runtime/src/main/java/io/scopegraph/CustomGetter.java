package io.scopegraph;

/**
 * Wraps {@code getVariable} ({@code custom_getter=} of TF): it receives the next getter and the complete
 * request (full name such as {@code scope/v}, shape, dtype, initializer, reuse, … after the scope's defaults
 * are applied) and returns what {@code getVariable} returns: it may rename, create several variables, or
 * return a tensor computed from them. It runs under the root name scope, so the ops it makes are named from
 * the root ({@code custom_getter/add}), not after the variable scope.
 *
 * <p>A scope's getter wraps the getter its scope inherits or re-enters (the outer one runs inside it); a getter
 * given to one {@code getVariable} call replaces the scope's, as in TF.
 *
 * <pre>{@code
 * CustomGetter twoAndSum = (getter, request) -> {
 *   Tensor a = getter.get(request.withName(request.name() + "/0"));
 *   Tensor b = getter.get(request.withName(request.name() + "/1"));
 *   try (NameScopeHandle s = Ops.on(a.graph()).nameScope("custom_getter")) {
 *     return a.add(b);                                         // "custom_getter/add:0"
 *   }
 * };
 * }</pre>
 *
 * <p>Partitioned variables are not tensors, so requests with a partitioner go through
 * {@link #getPartitioned}, which by default passes them on unchanged; TF calls the one getter for both.
 */
@FunctionalInterface
public interface CustomGetter {
  /** The result of {@code getVariable} for {@code request}; call {@code getter.get(...)} to get variables. */
  Tensor get(VariableGetter getter, VariableRequest request);

  /** The result of {@code getVariableBuilder(...).getPartitioned()}; by default the next getter's. */
  default PartitionedVariable getPartitioned(VariableGetter getter, VariableRequest request) {
    return getter.getPartitioned(request);
  }
}
