package io.scopegraph;

/**
 * Composes custom getters as TF's {@code _maybe_wrap_custom_getter}: a scope's new getter runs first and
 * receives, as its getter, the inherited getter bound to the getter it would have received.
 */
final class GetterChain {
  private GetterChain() {}

  /** {@code outer} wrapped around {@code inner}; either may be null. */
  static CustomGetter wrap(CustomGetter outer, CustomGetter inner) {
    if (inner == null) {
      return outer;
    }
    if (outer == null) {
      return inner;
    }
    return new CustomGetter() {
      @Override
      public Tensor get(VariableGetter getter, VariableRequest request) {
        return outer.get(bind(inner, getter), request);
      }

      @Override
      public PartitionedVariable getPartitioned(VariableGetter getter, VariableRequest request) {
        return outer.getPartitioned(bind(inner, getter), request);
      }
    };
  }

  /** The getter that calls {@code custom} with {@code next}: one link of the chain. */
  static VariableGetter bind(CustomGetter custom, VariableGetter next) {
    return new VariableGetter() {
      @Override
      public Tensor get(VariableRequest request) {
        return custom.get(next, request);
      }

      @Override
      public PartitionedVariable getPartitioned(VariableRequest request) {
        return custom.getPartitioned(next, request);
      }
    };
  }
}
