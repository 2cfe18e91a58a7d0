package io.scopegraph.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Kotlin classes as kapt shows them to processors: Java stubs generated from the Kotlin source, marked with
 * {@code @kotlin.Metadata}, whose method bodies are placeholders ({@code return null;}) and whose constructors only
 * call {@code super()}. Their declarations are real (validated as usual); their bodies say nothing of what the Kotlin
 * code does, so the call-site analysis must not read them.
 */
final class KotlinStubs {
  static final String METADATA = "kotlin.Metadata";

  private KotlinStubs() {}

  /** Whether the element belongs to a class compiled from Kotlin (its own or an enclosing class has the metadata). */
  static boolean isKotlin(Element e) {
    for (Element t = e; t != null; t = t.getEnclosingElement()) {
      if (t instanceof TypeElement && ModelValidator.annotationOf(t, METADATA) != null) {
        return true;
      }
    }
    return false;
  }
}
