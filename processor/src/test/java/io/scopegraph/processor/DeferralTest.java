package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A model using a type another processor generates is processed in a later round, not reported. */
class DeferralTest {

  /** Generates {@code gen.Config} in its first round, as e.g. AutoValue would. */
  static final class GeneratesConfig extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("gen.Config").openWriter()) {
          w.write("package gen; public final class Config { public int units() { return 3; } }");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  @DisplayName("a model whose signature mentions a not-yet-generated type is generated in a later round")
  // Generated in the first round, ScopedLayered would name the unresolved type without its import and fail.
  void deferredUntilTypesExist() {
    JavaFileObject model = JavaFileObjects.forSourceLines("test.Layered",
        "package test;",
        "import io.scopegraph.*;",
        "import io.scopegraph.annotations.*;",
        "import gen.Config;",
        "@Model",
        "public abstract class Layered {",
        "  protected final Ops tf;",
        "  protected Layered(Ops tf, Config config) { this.tf = tf; }",
        "  @VariableScope(\"layer\")",
        "  public Tensor layer(Tensor x, Config config) { return x; }",
        "}");
    Compilation c = javac().withProcessors(new ScopeGraphProcessor(), new GeneratesConfig()).compile(model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.ScopedLayered").contentsAsUtf8String()
        .contains("public static Layered create(Ops tf, Config config)");
  }
}
