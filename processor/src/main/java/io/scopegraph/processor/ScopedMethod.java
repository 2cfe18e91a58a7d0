package io.scopegraph.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A scoped model method.
 *
 * @param method the model's method
 * @param description {@code Model.method(ParamTypes)}, for messages at run time
 * @param variableScope the variable scope it enters, or null
 * @param nameScope the name scope it enters (inside the variable scope), or null
 * @param scopeNameParameter the {@code @ScopeName} parameter, or null; it names the variable scope if there
 *     is one, else the name scope
 * @param tensorParameters names of the {@code Tensor} parameters: the scope's values
 * @param scopeReuse the {@code @ScopeReuse} parameter giving the variable scope's reuse per call, or null
 */
record ScopedMethod(ExecutableElement method, String description, ScopeDecl variableScope, ScopeDecl nameScope,
    String scopeNameParameter, List<String> tensorParameters, ReuseParameter scopeReuse) {

  /**
   * A {@code @ScopeReuse} parameter.
   *
   * @param name its name
   * @param index its position
   * @param isBoolean a {@code boolean} ({@code true} = {@code Reuse.TRUE}), else a {@code Reuse}
   */
  record ReuseParameter(String name, int index, boolean isBoolean) {}
}
