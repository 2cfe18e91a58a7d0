package io.scopegraph.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @Model}: everything the writer needs, nothing it has to check again.
 *
 * @param type the model class
 * @param generatedName simple name of {@code Scoped<Model>} (nested: {@code Scoped<Outer>_<Inner>})
 * @param opsAccess how the subclass reaches the model's Ops: {@code "tf"} (a field) or {@code "ops()"}
 * @param constructors the non-private constructors taking Ops first, in declaration order
 * @param methods the scoped methods, in declaration order
 */
record ModelSpec(TypeElement type, String generatedName, String opsAccess, List<ExecutableElement> constructors,
    List<ScopedMethod> methods) {}
