package io.scopegraph.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * The scopegraph annotation processor: validates each {@code @Model} class, then generates its
 * {@code Scoped<Model>} subclass. A model with an error gets nothing generated; the others are still
 * processed. A model whose types are not resolved yet (made by another processor) waits for a later round.
 */
@AutoService(Processor.class)
public final class ScopeGraphProcessor extends AbstractProcessor {
  private static final String PACKAGE = "io.scopegraph.annotations.";
  private static final Set<String> SCOPE_ANNOTATIONS = Set.of(PACKAGE + "VariableScope", PACKAGE + "NameScope",
      PACKAGE + "OpScope", PACKAGE + "VariableOpScope");

  /** Models waiting for their types, by qualified name (elements are not stable across rounds). */
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> types = new LinkedHashSet<>(SCOPE_ANNOTATIONS);
    types.add(PACKAGE + "Model");
    types.add(PACKAGE + "ScopeName");
    return types;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, TypeElement> models = new LinkedHashMap<>();
    for (String name : deferred) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        models.put(name, t);
      }
    }
    deferred.clear();
    TypeElement modelAnnotation = processingEnv.getElementUtils().getTypeElement(PACKAGE + "Model");
    if (modelAnnotation == null) {
      return false; // the runtime is not on the class path: no models
    }
    for (TypeElement t : ElementFilter.typesIn(round.getElementsAnnotatedWith(modelAnnotation))) {
      models.put(t.getQualifiedName().toString(), t);
    }
    reportScopesOutsideModels(round, modelAnnotation);
    for (TypeElement model : models.values()) {
      if (!isResolved(model)) {
        if (!round.processingOver()) {
          deferred.add(model.getQualifiedName().toString());
        }
        continue; // javac reports the missing types itself
      }
      process(model);
    }
    return false; // other processors may read the same annotations
  }

  private void process(TypeElement model) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    ModelSpec spec = new ModelValidator(processingEnv, reporter).validate(model);
    if (spec == null) {
      return;
    }
    try {
      new ScopedModelWriter(processingEnv.getFiler(), processingEnv.getElementUtils(), processingEnv.getTypeUtils())
          .write(spec);
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Kind.ERROR,
          "[scopegraph:CouldNotWrite] Could not write " + spec.generatedName() + ": " + e.getMessage(), model);
    }
  }

  /** Scoped methods whose class is not a @Model would silently run unscoped. */
  private void reportScopesOutsideModels(RoundEnvironment round, TypeElement modelAnnotation) {
    for (String name : SCOPE_ANNOTATIONS) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        Element owner = e.getEnclosingElement();
        boolean inModel = owner.getAnnotationMirrors().stream()
            .anyMatch(a -> a.getAnnotationType().asElement().equals(modelAnnotation));
        if (!inModel) {
          new Reporter(processingEnv.getMessager()).report(Diagnostic.SCOPED_METHOD_OUTSIDE_MODEL, e,
              ModelValidator.describe((ExecutableElement) e), annotation.getSimpleName(), owner.getSimpleName());
        }
      }
    }
  }

  /** Whether the model's constructors and methods mention only resolved types. */
  private static boolean isResolved(TypeElement model) {
    if (model.getSuperclass().getKind() == TypeKind.ERROR) {
      return false;
    }
    for (ExecutableElement e : ElementFilter.methodsIn(model.getEnclosedElements())) {
      if (!isResolved(e)) {
        return false;
      }
    }
    for (ExecutableElement e : ElementFilter.constructorsIn(model.getEnclosedElements())) {
      if (!isResolved(e)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isResolved(ExecutableElement e) {
    if (e.getReturnType().getKind() == TypeKind.ERROR) {
      return false;
    }
    for (VariableElement p : e.getParameters()) {
      if (p.asType().getKind() == TypeKind.ERROR) {
        return false;
      }
    }
    for (TypeMirror t : e.getThrownTypes()) {
      if (t.getKind() == TypeKind.ERROR) {
        return false;
      }
    }
    return true;
  }
}
