package io.scopegraph.processor;

import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The valid {@code @Model} classes of this compilation and their body analyses, so that a model holding another
 * model can follow calls into the other's summaries. One per compilation (models of earlier rounds stay known).
 * A model not registered here (compiled earlier, in a jar) has no summary: calls into it are unresolved. Reading
 * summaries written by an earlier compilation would register them here too.
 */
final class ModelRegistry {
  private final Trees trees;
  private final Map<String, Set<Integer>> namedOpArities;
  private final Map<String, ModelSpec> specs = new HashMap<>();
  private final Map<String, BodyAnalysis> analyses = new HashMap<>();
  /**
   * Methods whose summary is being computed, across all models: a cycle through two models is recursion like a
   * cycle within one (the analysis would otherwise never end).
   */
  final Set<ExecutableElement> inProgress = new HashSet<>();

  ModelRegistry(Trees trees, Map<String, Set<Integer>> namedOpArities) {
    this.trees = trees;
    this.namedOpArities = namedOpArities;
  }

  void register(ModelSpec spec) {
    specs.put(spec.type().getQualifiedName().toString(), spec);
  }

  /** The body analysis of a valid model of this compilation (made once, shared by its callers), or null. */
  BodyAnalysis analysis(TypeElement model) {
    String name = model.getQualifiedName().toString();
    ModelSpec spec = specs.get(name);
    if (spec == null) {
      return null;
    }
    return analyses.computeIfAbsent(name, n -> new BodyAnalysis(spec, trees, namedOpArities, this));
  }

  /** The model whose generated class has this simple name ({@code ScopedGenerator}), if exactly one does. */
  TypeElement modelGeneratedAs(String simpleName) {
    TypeElement found = null;
    for (ModelSpec s : specs.values()) {
      if (s.generatedName().equals(simpleName)) {
        if (found != null) {
          return null; // two packages: would need the imports
        }
        found = s.type();
      }
    }
    return found;
  }
}
