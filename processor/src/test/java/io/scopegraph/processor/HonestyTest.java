package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.InvalidScopeNameException;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Variable;
import io.scopegraph.VariableAlreadyExistsException;
import io.scopegraph.VariableDTypeMismatchException;
import io.scopegraph.VariableManifest;
import io.scopegraph.VariableNotFoundException;
import io.scopegraph.VariableShapeMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The honesty check of the call-site analysis: what the manifest predicts is what the runtime does.
 *
 * <p>Every model of {@code src/test/resources/corpus/} compiles cleanly; each of its roots (non-private
 * methods) is then run at the root of a fresh graph, and the variable store is compared with the manifest: a
 * {@code complete} root lists exactly the store's variables, an {@code incomplete} one a subset, and every
 * predicted shape and dtype is the variable's. The scopegraph warnings are exactly those the file announces
 * ({@code // expect warning: <Id> <text>} lines before {@code package}): no false alarms either.
 *
 * <p>Every model of {@code src/test/resources/corpus-errors/} starts with {@code // expect: <Id> <root>
 * <variable>}: the analysis rejects it with that diagnostic, and with the analysis off the root fails at run
 * time with the matching exception on that variable.
 */
class HonestyTest {

  // ---------------------------------------------------------------------------------------------
  // The corpus of valid models

  static Stream<String> corpus() {
    return javaFiles("corpus");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void manifestTellsTheTruth(String file) throws Exception {
    JavaFileObject source = JavaFileObjects.forResource("corpus/" + file);
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    assertWarnings(source, compilation);
    ClassLoader loader = new CompilationClassLoader(compilation);
    List<Executable> checks = new ArrayList<>();
    for (Class<?> scoped : generatedClasses(compilation, loader)) {
      checks.add(() -> assertModelHonest(scoped));
    }
    assertAll(file, checks);
  }

  /** One model of a corpus file (a file may hold several: models made of models). */
  private static void assertModelHonest(Class<?> scoped) throws Exception {
    Class<?> model = scoped.getSuperclass();
    VariableManifest manifest = VariableManifest.load(model)
        .orElseThrow(() -> new AssertionError("no " + VariableManifest.resourceName(model) + " was written"));

    List<Method> roots = roots(scoped);
    List<String> expectedRoots = roots.stream().map(HonestyTest::manifestName).sorted().toList();
    List<String> manifestRoots = manifest.roots().stream().map(VariableManifest.Root::method).sorted().toList();
    String modelName = model.getSimpleName();
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(expectedRoots, manifestRoots,
        "the manifest has one root per non-private method of " + modelName));
    for (Method method : roots) {
      manifest.root(manifestName(method)).ifPresent(root ->
          checks.add(() -> assertHonest(modelName, root, run(scoped, method, CORPUS_ARGUMENTS))));
    }
    assertAll(modelName, checks);
  }

  /**
   * The scopegraph warnings are exactly those the file announces in its leading comments, one line each:
   * {@code // expect warning: <Id> <text the message contains>}. A model announcing none gets none.
   */
  private static void assertWarnings(JavaFileObject source, Compilation compilation) throws IOException {
    List<String> unexpected = new ArrayList<>(compilation.warnings().stream().map(d -> d.getMessage(null))
        .filter(m -> m.contains("[scopegraph:")).toList());
    List<String> missing = new ArrayList<>();
    for (String line : leadingComments(source)) {
      String prefix = "// expect warning: ";
      if (!line.startsWith(prefix)) {
        continue;
      }
      String[] idAndText = line.substring(prefix.length()).trim().split(" ", 2);
      String tag = "[scopegraph:" + idAndText[0] + "]";
      Optional<String> found = unexpected.stream().filter(m -> m.contains(tag) && m.contains(idAndText[1]))
          .findFirst();
      found.ifPresentOrElse(unexpected::remove, () -> missing.add(line));
    }
    assertAll("scopegraph warnings",
        () -> assertEquals(List.of(), missing, "announced but not reported"),
        () -> assertEquals(List.of(), unexpected, "reported but not announced"));
  }

  private static List<String> leadingComments(JavaFileObject source) throws IOException {
    return source.getCharContent(true).toString().lines().takeWhile(l -> l.startsWith("//")).toList();
  }

  /** The Scoped classes the processor generated for the file's models (one per model). */
  private static List<Class<?>> generatedClasses(Compilation compilation, ClassLoader loader)
      throws ClassNotFoundException {
    List<String> generated = compilation.generatedSourceFiles().stream().map(JavaFileObject::getName)
        .map(n -> n.replaceAll(".*/corpus/(\\w+)\\.java$", "corpus.$1")).toList();
    assertFalse(generated.isEmpty(), "a generated class per model of the corpus file");
    List<Class<?>> out = new ArrayList<>();
    for (String name : generated) {
      out.add(loader.loadClass(name));
    }
    return out;
  }

  /** Corpus roots take only these parameter types: a (?, 4) float32 placeholder, 2, true, null (String, Reuse). */
  private static final Arguments CORPUS_ARGUMENTS = (tf, method) -> {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == io.scopegraph.Tensor.class) {
        args[i] = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "input" + i);
      } else if (t == int.class) {
        args[i] = 2;
      } else if (t == long.class) {
        args[i] = 2L;
      } else if (t == boolean.class) {
        args[i] = true;
      } else if (t == String.class || t == io.scopegraph.Reuse.class) {
        args[i] = null; // a @ScopeName's default name; a @ScopeReuse's inherit
      } else {
        throw new AssertionError("corpus roots take Tensor, int, long, boolean, String or Reuse, not " + t
            + " in " + manifestName(method));
      }
    }
    return args;
  };

  // ---------------------------------------------------------------------------------------------
  // The corpus of models the analysis must reject

  static Stream<String> corpusErrors() {
    return javaFiles("corpus-errors");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusErrors")
  void reportedErrorHappensAtRunTime(String file) throws Exception {
    JavaFileObject source = JavaFileObjects.forResource("corpus-errors/" + file);
    Expectation expected = Expectation.of(source);

    Compilation analysed = Compilations.compile(source);
    assertThat(analysed).failed();
    assertThat(analysed).hadErrorContaining("[scopegraph:" + expected.id() + "]");
    assertTrue(analysed.errors().stream().map(d -> d.getMessage(null))
            .anyMatch(m -> m.contains("[scopegraph:" + expected.id() + "]") && m.contains(expected.variable())),
        "the " + expected.id() + " error names " + expected.variable() + ": " + analysed.errors());
    List<String> despiteErrors = Compilations.generatedSourcesDespiteErrors(source);

    Compilation off = javac().withOptions("-Xlint:all,-processing", "-Ascopegraph.callSites=off")
        .withProcessors(new ScopeGraphProcessor()).compile(source);
    assertThat(off).succeeded();
    assertEquals(List.of(), off.diagnostics().stream().map(d -> d.getMessage(null))
        .filter(m -> m.contains("[scopegraph:")).toList(), "callSites=off: no call-site diagnostics");
    ClassLoader loader = new CompilationClassLoader(off);
    Class<?> scoped = null;
    Method root = null;
    for (Class<?> generated : generatedClasses(off, loader)) { // the model declaring the root
      assertEquals(Optional.empty(), VariableManifest.load(generated.getSuperclass()), "callSites=off: no manifest");
      for (Method m : roots(generated)) {
        if (root == null && manifestName(m).equals(expected.root())) {
          scoped = generated;
          root = m;
        }
      }
    }
    if (root == null) {
      throw new AssertionError("no root " + expected.root() + " in " + source.getName());
    }
    assertFalse(despiteErrors.contains(scoped.getName().replace('.', '/') + ".java"),
        "nothing is generated for the model with an error: " + despiteErrors);
    Throwable thrown = runExpectingFailure(scoped, root);
    switch (expected.id()) {
      case "DuplicateVariable" -> {
        assertInstanceOf(VariableAlreadyExistsException.class, thrown);
        assertStartsWith("Variable " + expected.variable() + " already exists", thrown.getMessage());
      }
      case "VariableShapeConflict" -> {
        assertInstanceOf(VariableShapeMismatchException.class, thrown);
        assertStartsWith("Trying to share variable " + expected.variable(), thrown.getMessage());
      }
      case "ReuseWithoutVariable" -> {
        assertInstanceOf(VariableNotFoundException.class, thrown);
        assertStartsWith("Variable " + expected.variable() + " does not exist", thrown.getMessage());
      }
      case "InvalidLayerName" -> {
        assertInstanceOf(InvalidScopeNameException.class, thrown);
        assertEquals("'" + expected.variable() + "' is not a valid scope name", thrown.getMessage());
      }
      case "VariableDTypeConflict" -> {
        assertInstanceOf(VariableDTypeMismatchException.class, thrown);
        assertStartsWith("Trying to share variable " + expected.variable(), thrown.getMessage());
      }
      default -> fail("no run-time counterpart known for " + expected.id());
    }
  }

  /** The first line of an error-corpus file: {@code // expect: <Id> <root method> <variable full name>}. */
  private record Expectation(String id, String root, String variable) {
    static Expectation of(JavaFileObject source) throws IOException {
      String first = source.getCharContent(true).toString().lines().findFirst().orElse("");
      String prefix = "// expect: ";
      assertTrue(first.startsWith(prefix), source.getName() + " starts with '" + prefix + "…'");
      String rest = first.substring(prefix.length()).trim();
      // the root's manifest name may contain spaces ("f(Tensor, int)"): it ends at the last ')'
      int space = rest.indexOf(' ');
      int close = rest.lastIndexOf(')');
      return new Expectation(rest.substring(0, space), rest.substring(space + 1, close + 1).trim(),
          rest.substring(close + 1).trim());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running roots and comparing

  /** The arguments of a root, built in the root's graph. */
  @FunctionalInterface
  interface Arguments {
    Object[] of(Ops tf, Method root);
  }

  /** The getVariable variables one root created in a fresh graph (the model's constructor's excluded). */
  record Run(Method method, Map<String, Variable> created) {}

  static Run run(Class<?> scoped, Method root, Arguments arguments) throws Exception {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Object instance = create(scoped, tf);
    Set<String> before = graph.variableStore().keySet();
    try {
      root.setAccessible(true);
      root.invoke(instance, arguments.of(tf, root));
    } catch (InvocationTargetException e) {
      throw new AssertionError(manifestName(root) + " threw at run time, the corpus must not", e.getCause());
    }
    Map<String, Variable> created = new LinkedHashMap<>(graph.variableStore());
    created.keySet().removeAll(before);
    return new Run(root, created);
  }

  private static Throwable runExpectingFailure(Class<?> scoped, Method root) throws Exception {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Object instance = create(scoped, tf);
    try {
      root.setAccessible(true);
      root.invoke(instance, CORPUS_ARGUMENTS.of(tf, root));
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
    throw new AssertionError(manifestName(root) + " ran without an exception; store: " + graph.variableStore().keySet());
  }

  static Object create(Class<?> scoped, Ops tf) throws Exception {
    Method create = scoped.getMethod("create", Ops.class);
    create.setAccessible(true);
    return create.invoke(null, tf);
  }

  /**
   * The manifest's promise for one root against the store after running it: exactly its variables when
   * {@code complete}, a subset otherwise; each listed shape and dtype (when given) is the variable's.
   */
  static void assertHonest(String model, VariableManifest.Root root, Run run) {
    String where = model + "." + root.method() + " (" + (root.complete() ? "complete" : "incomplete") + ")";
    List<String> listed = root.variables().stream().map(VariableManifest.Entry::name).toList();
    TreeSet<String> predicted = new TreeSet<>(listed);
    TreeSet<String> actual = new TreeSet<>(run.created().keySet());
    assertEquals(predicted.size(), listed.size(), where + " lists a variable twice: " + listed);
    if (root.complete()) {
      assertEquals(actual, predicted, where + ": the predicted variables are the store's");
    } else {
      TreeSet<String> invented = new TreeSet<>(predicted);
      invented.removeAll(actual);
      assertEquals(new TreeSet<String>(), invented, where + ": listed but not created (store: " + actual + ")");
    }
    for (VariableManifest.Entry entry : root.variables()) {
      Variable v = run.created().get(entry.name());
      if (v == null) {
        continue; // reported above
      }
      if (entry.shape() != null) { // dimensions the code does not give (a layer's input width) are ?
        Shape predictedShape = entry.shape();
        assertTrue(predictedShape.rank() == v.shape().rank() && predictedShape.isCompatibleWith(v.shape()),
            where + ": shape of " + entry.name() + ": predicted " + predictedShape + ", created " + v.shape());
      }
      if (entry.dtype() != null) {
        assertEquals(entry.dtype(), v.dtype(), where + ": dtype of " + entry.name());
      }
    }
  }

  /** The non-private methods of a model: the roots of its manifest. */
  /**
   * The roots of the model the generated class {@code scoped} extends: the model's non-private methods, and the
   * scoped methods it inherits (which the generated class overrides to enter their scopes).
   */
  static List<Method> roots(Class<?> scoped) {
    Class<?> model = scoped.getSuperclass();
    List<Method> out = new ArrayList<>(Arrays.stream(model.getDeclaredMethods())
        .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()).toList());
    for (Method m : scoped.getDeclaredMethods()) {
      boolean own = Arrays.stream(model.getDeclaredMethods()).anyMatch(d -> d.getName().equals(m.getName())
          && Arrays.equals(d.getParameterTypes(), m.getParameterTypes()));
      if (!own && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        out.add(m); // an inherited scoped method
      }
    }
    out.sort((a, b) -> manifestName(a).compareTo(manifestName(b)));
    return out;
  }

  /** {@code name(SimpleType, SimpleType)}: the parameter types as declared, packages stripped. */
  static String manifestName(Method method) {
    return method.getName() + Arrays.stream(method.getGenericParameterTypes()).map(Type::getTypeName)
        .map(t -> t.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+", "").replace('$', '.'))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static void assertStartsWith(String prefix, String message) {
    assertTrue(message != null && message.startsWith(prefix), "expected a message starting with '" + prefix
        + "', got: " + message);
  }

  private static Stream<String> javaFiles(String resourceDirectory) {
    try {
      Path dir = Path.of(HonestyTest.class.getResource("/" + resourceDirectory).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList()
            .stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The compilation's class files and resources (CLASS_OUTPUT, where the manifest is written), over the
   * test's classes (the runtime).
   */
  static final class CompilationClassLoader extends ClassLoader {
    private final Compilation compilation;

    CompilationClassLoader(Compilation compilation) {
      super(HonestyTest.class.getClassLoader());
      this.compilation = compilation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      Optional<JavaFileObject> file = output(name.replace('.', '/') + ".class");
      if (file.isEmpty()) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.get().openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    protected URL findResource(String name) {
      Optional<JavaFileObject> file = output(name);
      if (file.isEmpty()) {
        return null;
      }
      try {
        return new URL(null, "compilation:/" + name, new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
              @Override
              public void connect() {}

              @Override
              public InputStream getInputStream() throws IOException {
                return file.get().openInputStream();
              }
            };
          }
        });
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    private Optional<JavaFileObject> output(String path) {
      return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path);
    }
  }
}
