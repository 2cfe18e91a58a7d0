package io.scopegraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Prints diagnostics of one model on the exact element, annotation or annotation value, honours
 * {@code @SuppressWarnings("scopegraph:<Id>")} for warnings, and remembers whether the model had an error.
 */
final class Reporter {
  private final Messager messager;
  private boolean errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  boolean hasErrors() {
    return errors;
  }

  void report(Diagnostic d, Element element, Object... args) {
    report(d, element, null, null, args);
  }

  void report(Diagnostic d, Element element, AnnotationMirror annotation, Object... args) {
    report(d, element, annotation, null, args);
  }

  void report(Diagnostic d, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    if (d.kind() == Kind.ERROR) {
      errors = true;
    } else if (isSuppressed(d, element)) {
      return;
    }
    messager.printMessage(d.kind(), d.format(args), element, annotation, value);
  }

  /** Reports at a tree inside a method body (a call site); warnings are silenced from the method outwards. */
  void reportAt(Diagnostic d, Trees trees, Tree tree, CompilationUnitTree unit, Element method, Object... args) {
    if (d.kind() == Kind.ERROR) {
      errors = true;
    } else if (isSuppressed(d, method)) {
      return;
    }
    trees.printMessage(d.kind(), d.format(args), tree, unit);
  }

  private static boolean isSuppressed(Diagnostic d, Element element) {
    String key = "scopegraph:" + d.id();
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && List.of(s.value()).contains(key)) {
        return true;
      }
    }
    return false;
  }
}
