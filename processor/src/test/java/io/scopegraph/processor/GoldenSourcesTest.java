package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated sources of representative models, compared with the golden files in
 * {@code src/test/resources/golden/}. After an intended change to the generated code, regenerate them with
 * {@code mvn -pl processor test -Dtest=GoldenSourcesTest -Dscopegraph.updateGoldens=true} and review the diff.
 */
class GoldenSourcesTest {
  private static final boolean UPDATE = Boolean.getBoolean("scopegraph.updateGoldens");

  @ParameterizedTest(name = "{1}")
  @CsvSource({
      "com/example/Siamese.java, com.example.ScopedSiamese",
      "com/example/Mlp.java, com.example.ScopedMlp",
      "com/example/Scoping.java, com.example.ScopedScoping_Layer",
      "com/example/Scoping.java, com.example.ScopedScoping",
      "com/example/MySum.java, com.example.ScopedMySum",
      "com/example/ShardedTowers.java, com.example.ScopedShardedTowers",
      "com/example/Gan.java, com.example.ScopedGan",
  })
  void generatedSourceMatchesGolden(String model, String generated) throws IOException {
    Compilation compilation = Compilations.compile(Compilations.model(model));
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject file = compilation.generatedSourceFile(generated).orElseThrow();
    String actual = file.getCharContent(false).toString();
    Path golden = Path.of("src/test/resources/golden", generated.replace('.', '/') + ".java");
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"com/example/Siamese.java", "com/example/Mlp.java", "com/example/ShardedTowers.java"})
  void outputIsDeterministic(String model) throws IOException {
    String first = Compilations.compile(Compilations.model(model)).generatedFiles().get(0).getCharContent(false)
        .toString();
    String second = Compilations.compile(Compilations.model(model)).generatedFiles().get(0).getCharContent(false)
        .toString();
    assertEquals(first, second);
  }
}
