package io.scopegraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.lang.annotation.AnnotationTypeMismatchException;
import java.lang.annotation.IncompleteAnnotationException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
  /**
   * What was printed in this compilation (where, and the message): a base class's method is validated and analysed
   * with each model extending it, and says each thing once.
   */
  private final Set<List<Object>> printed;
  private boolean errors;

  /** @param printed shared by the compilation's reporters */
  Reporter(Messager messager, Set<List<Object>> printed) {
    this.messager = messager;
    this.printed = printed;
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
    String message = d.format(args);
    if (printed.add(Arrays.asList(element, annotation, value, message))) {
      messager.printMessage(d.kind(), message, element, annotation, value);
    }
  }

  /** Reports at a tree inside a method body (a call site); warnings are silenced from the method outwards. */
  void reportAt(Diagnostic d, Trees trees, Tree tree, CompilationUnitTree unit, Element method, Object... args) {
    if (d.kind() == Kind.ERROR) {
      errors = true;
    } else if (isSuppressed(d, method)) {
      return;
    }
    String message = d.format(args);
    if (printed.add(Arrays.asList(new Identity(tree), message))) {
      trees.printMessage(d.kind(), message, tree, unit);
    }
  }

  /** A tree compared by identity (trees have no equality of their own, but make that explicit). */
  private record Identity(Tree tree) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.tree == tree;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(tree);
    }
  }

  private static boolean isSuppressed(Diagnostic d, Element element) {
    String key = "scopegraph:" + d.id();
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && suppresses(s, key)) {
        return true;
      }
    }
    return false;
  }

  /** A value javac could not attribute ({@code @SuppressWarnings(UNKNOWN)}: its own error) suppresses nothing. */
  private static boolean suppresses(SuppressWarnings s, String key) {
    try {
      return List.of(s.value()).contains(key);
    } catch (AnnotationTypeMismatchException | IncompleteAnnotationException unattributed) {
      return false;
    }
  }
}
