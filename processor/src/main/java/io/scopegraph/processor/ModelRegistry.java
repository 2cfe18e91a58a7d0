package io.scopegraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The models a model may hold and call: the valid {@code @Model} classes of this compilation with their body
 * analyses, and models compiled earlier (another module, a jar) read from the summary resource their compilation
 * wrote ({@link SummaryFile}). One per compilation (models of earlier rounds stay known). A model with neither
 * (compiled without the processor, by another summary version, or with the analysis off) is unresolved.
 */
final class ModelRegistry {
  private static final String MODEL = "io.scopegraph.annotations.Model";

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final Map<String, Set<Integer>> namedOpArities;
  private final Map<String, ModelSpec> specs = new HashMap<>();
  private final Map<String, BodyAnalysis> analyses = new HashMap<>();
  /** Models compiled earlier, by qualified name: read once (empty when nothing readable was found). */
  private final Map<String, Optional<SummaryFile.CompiledModel>> compiled = new HashMap<>();
  /**
   * Methods whose summary is being computed, across all models: a cycle through two models is recursion like a
   * cycle within one (the analysis would otherwise never end).
   */
  final Set<ExecutableElement> inProgress = new HashSet<>();

  ModelRegistry(ProcessingEnvironment env, Trees trees, Map<String, Set<Integer>> namedOpArities) {
    this.env = env;
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

  /** The model as a caller sees it: analysed here, else read from its summary resource; null when neither. */
  HeldModel held(TypeElement model) {
    BodyAnalysis here = analysis(model);
    return here != null ? here : compiled(model);
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

  /**
   * The model compiled earlier whose generated class {@code generated} ({@code ScopedGenerator} or qualified) names
   * in {@code unit}: resolved as javac would (qualified, single-type import, same package, on-demand import); the
   * generated class extends its model. Null when that is not a model with a readable summary.
   */
  TypeElement compiledModelGeneratedAs(String generated, CompilationUnitTree unit) {
    for (String candidate : candidates(generated, unit)) {
      TypeElement type = env.getElementUtils().getTypeElement(candidate);
      if (type != null && type.getSuperclass() instanceof DeclaredType d && d.asElement() instanceof TypeElement m) {
        SummaryFile.CompiledModel c = compiled(m);
        if (c != null && c.generatedName().contentEquals(type.getSimpleName())) {
          return m;
        }
      }
    }
    return null;
  }

  private static List<String> candidates(String generated, CompilationUnitTree unit) {
    List<String> out = new ArrayList<>();
    if (generated.contains(".")) {
      out.add(generated);
      return out;
    }
    if (unit == null) {
      return out;
    }
    List<String> onDemand = new ArrayList<>();
    for (ImportTree i : unit.getImports()) {
      String imported = i.getQualifiedIdentifier().toString();
      if (i.isStatic()) {
        continue;
      }
      if (imported.endsWith(".*")) {
        onDemand.add(imported.substring(0, imported.length() - 1) + generated);
      } else if (imported.endsWith("." + generated)) {
        out.add(imported);
      }
    }
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    out.add(pkg.isEmpty() ? generated : pkg + "." + generated);
    out.addAll(onDemand);
    return out;
  }

  /** A {@code @Model} compiled earlier, read from its summary resource once; null when there is none to read. */
  private SummaryFile.CompiledModel compiled(TypeElement model) {
    String name = model.getQualifiedName().toString();
    if (specs.containsKey(name) || ModelValidator.annotationOf(model, MODEL) == null) {
      return null;
    }
    return compiled.computeIfAbsent(name, n -> Optional.ofNullable(read(model))).orElse(null);
  }

  private SummaryFile.CompiledModel read(TypeElement model) {
    String path = SummaryFile.path(env.getElementUtils().getBinaryName(model).toString());
    try {
      FileObject file = env.getFiler().getResource(StandardLocation.CLASS_PATH, "", path);
      try (InputStream in = file.openInputStream()) {
        SummaryFile.CompiledModel read = SummaryFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        return read != null && read.name().equals(model.getQualifiedName().toString()) ? read : null;
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException notThere) {
      return null; // compiled without the processor (or with the analysis off): unresolved
    }
  }
}
