package io.scopegraph.processor;

import com.squareup.javapoet.TypeName;

/**
 * One scope a method enters, as declared.
 *
 * @param kind which annotation declared it
 * @param value the fixed name, or null
 * @param defaultName the default name, or null
 * @param reuse {@code FALSE}, {@code TRUE} or {@code AUTO} (variable scopes)
 * @param initializer the initializer class, or null to inherit
 * @param dtype the {@code DType} constant name, or null to inherit
 * @param auxiliaryNameScope false to open no name scope of its own
 * @param regularizer the regularizer class, or null to inherit
 * @param partitioner the partitioner class, or null to inherit
 * @param customGetter the custom getter class, or null (the inherited getter only)
 * @param constraint the constraint class, or null for none
 */
record ScopeDecl(Kind kind, String value, String defaultName, String reuse, TypeName initializer, String dtype,
    boolean auxiliaryNameScope, TypeName regularizer, TypeName partitioner, TypeName customGetter,
    TypeName constraint) {

  /**
   * Whether {@code getVariable} in this scope may create other variables than it names: a custom getter may
   * create any variable (or none), a partitioner makes {@code <name>/part_<i>} shards. The call-site analysis
   * predicts nothing inside such a scope.
   */
  boolean hidesVariables() {
    return customGetter != null || partitioner != null;
  }

  enum Kind {
    VARIABLE_SCOPE("VariableScope", "variable scope"),
    VARIABLE_OP_SCOPE("VariableOpScope", "variable scope"),
    NAME_SCOPE("NameScope", "name scope"),
    OP_SCOPE("OpScope", "name scope");

    final String annotation;
    final String description;

    Kind(String annotation, String description) {
      this.annotation = annotation;
      this.description = description;
    }

    boolean isVariableScope() {
      return this == VARIABLE_SCOPE || this == VARIABLE_OP_SCOPE;
    }
  }
}
