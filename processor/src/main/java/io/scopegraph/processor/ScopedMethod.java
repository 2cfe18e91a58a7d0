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
 */
record ScopedMethod(ExecutableElement method, String description, ScopeDecl variableScope, ScopeDecl nameScope,
    String scopeNameParameter, List<String> tensorParameters) {}
