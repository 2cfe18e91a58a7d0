package io.scopegraph.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed examples print exactly the names of {@code /spec/seed-examples.md} (TensorFlow 1.15's names).
 * The expected names are written out here; the examples compute theirs from the graph objects.
 */
class SeedExamplesTest {

  private static final String EXPECTED_OUTPUT = """
      Example 1: name_scope with get_variable, Variable and add
        v1.name = var1:0
        v2.name = my_scope/var2:0
        a.name = my_scope/Add:0

      Example 2: variable_scope with get_variable, Variable and add
        v1.name = my_scope/var1:0
        v2.name = my_scope/var2:0
        a.name = my_scope/Add:0

      Example 3: sharing a variable across name scopes
        v.name = var_scope/var:0
        v1.name = var_scope/var:0
        v1 == v: true

      Example 4: scoping(fn, scope1, scope2, vals) with variable_scope, then name_scope
      scope_vars
        scope_vars/a:0
        scope_vars/b:0
        scope_vars/c:0
        scope_vars/res/res:0

      scope_name
        scope_name/a:0
        b:0
        scope_name/c:0
        scope_name/res/res:0
      [5, 5]

      Example 5: name_scope('foo') around variable_scope('bar')
        x.name = bar/x:0
        x2.name = foo/bar/x2:0

      Example 6: name_scope('ns') around variable_scope('vs')
        v1.name = vs/v1:0
        v2.name = ns/vs/v2:0
        (v1 + v2).name = ns/vs/add:0

      Example 7: op_scope and variable_op_scope (deprecated)
        mysum: op_scope([a, b], None, "mysum")
          v.name = v:0
          v2.name = mysum/v2:0
          result.name = mysum/Add:0
        mysum2: variable_op_scope([a, b], None, "mysum2")
          v.name = mysum2/v:0
          v2.name = mysum2/v2:0
          result.name = mysum2/Add:0

      Example 8: name_scope vs variable_scope of the same name
        name_scope("name_scope")
          v.name = v:0
          op.name = name_scope/Add:0
          v2.name = name_scope/v2:0
        variable_scope("name_scope")
          v.name = name_scope/v:0
          op.name = name_scope/Add:0
          v2.name = name_scope/v2:0

      Example 9: an operator inside variable_scope('foo')
        x.op.name = foo/add

      Example 10: name_scope('bar') inside variable_scope('foo')
        v.name = foo/v:0
        x.op.name = foo/bar/add

      Example 11: re-entering a captured variable scope inside variable_scope('bar')
        variable_scope(foo_scope): scope.name = foo, c.name = bar/foo/c:0
        variable_scope(foo_scope, auxiliary_name_scope=False): scope.name = foo, c.name = bar/c:0
        The variable scope is foo either way; the claim that re-entering "does not change the current \
      name scope" holds only with auxiliaryNameScope(false).""";

  /** What {@code main} writes to System.out. */
  private static String printedBy(Runnable main) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("SeedExamples prints all eleven examples, exactly")
  void wholeOutput() {
    assertEquals(EXPECTED_OUTPUT + System.lineSeparator(), printedBy(() -> SeedExamples.main(new String[0])));
    assertEquals(EXPECTED_OUTPUT, SeedExamples.output());
  }

  @Test
  @DisplayName("each example's main prints its own lines")
  void eachMainPrintsItsLines() {
    String nl = System.lineSeparator();
    assertEquals(String.join(nl, Example01NameScope.lines()) + nl,
        printedBy(() -> Example01NameScope.main(new String[0])));
    assertEquals(String.join(nl, Example11CapturedScopeReentry.lines()) + nl,
        printedBy(() -> Example11CapturedScopeReentry.main(new String[0])));
  }

  @Test
  @DisplayName("4's main prints its lines, then writes the graph to logs/scoping.dot and says so")
  void example4WritesItsGraph(@TempDir Path workDir) throws IOException {
    String nl = System.lineSeparator();
    String printed = printedBy(() -> {
      try {
        Example04Scoping.printAndWriteGraph(workDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Path eventFile;
    try (java.util.stream.Stream<Path> files = Files.list(workDir.resolve("logs"))) {
      eventFile = files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).findFirst()
          .orElseThrow();
    }
    assertEquals(String.join(nl, Example04Scoping.lines()) + nl
        + "Graph written to logs/scoping.dot (render with: dot -Tsvg logs/scoping.dot -o scoping.svg)" + nl
        + "TensorBoard events written to logs/" + eventFile.getFileName()
        + " (view with: tensorboard --logdir logs)" + nl, printed);
    java.util.List<byte[]> records = io.scopegraph.tensorflow.TfRecordReader.readAll(eventFile);
    assertEquals(2, records.size(), "the file-version event, then the graph");
    org.tensorflow.proto.Event graphEvent = org.tensorflow.proto.Event.parseFrom(records.get(1));
    assertEquals(io.scopegraph.tensorflow.GraphDefs.export(Example04Scoping.run().graph()),
        org.tensorflow.proto.GraphDef.parseFrom(graphEvent.getGraphDef()), "the graph TensorBoard shows");
    String dot = Files.readString(workDir.resolve("logs/scoping.dot"));
    assertTrue(dot.startsWith("digraph "), dot);
    assertTrue(dot.contains("subgraph \"cluster_scope_name\""), dot);
  }

  @Test
  @DisplayName("1: name_scope prefixes Variable and ops, not get_variable")
  void example1() {
    assertEquals(List.of(
        "Example 1: name_scope with get_variable, Variable and add",
        "  v1.name = var1:0",
        "  v2.name = my_scope/var2:0",
        "  a.name = my_scope/Add:0"), Example01NameScope.lines());
  }

  @Test
  @DisplayName("2: variable_scope prefixes all three")
  void example2() {
    assertEquals(List.of(
        "Example 2: variable_scope with get_variable, Variable and add",
        "  v1.name = my_scope/var1:0",
        "  v2.name = my_scope/var2:0",
        "  a.name = my_scope/Add:0"), Example02VariableScope.lines());
  }

  @Test
  @DisplayName("3: reuse=True returns the same variable under another name scope")
  void example3() {
    assertEquals(List.of(
        "Example 3: sharing a variable across name scopes",
        "  v.name = var_scope/var:0",
        "  v1.name = var_scope/var:0",
        "  v1 == v: true"), Example03SharingAcrossNameScopes.lines());
  }

  @Test
  @DisplayName("4: the seed's scoping block, then [5, 5]")
  void example4() {
    assertEquals(List.of(
        "Example 4: scoping(fn, scope1, scope2, vals) with variable_scope, then name_scope",
        "scope_vars",
        "  scope_vars/a:0",
        "  scope_vars/b:0",
        "  scope_vars/c:0",
        "  scope_vars/res/res:0",
        "",
        "scope_name",
        "  scope_name/a:0",
        "  b:0",
        "  scope_name/c:0",
        "  scope_name/res/res:0",
        "[5, 5]"), Example04Scoping.lines());
  }

  @Test
  @DisplayName("5: get_variable ignores the name scope, the op does not")
  void example5() {
    assertEquals(List.of(
        "Example 5: name_scope('foo') around variable_scope('bar')",
        "  x.name = bar/x:0",
        "  x2.name = foo/bar/x2:0"), Example05NameScopeAroundVariableScope.lines());
  }

  @Test
  @DisplayName("6: vs/v1, ns/vs/v2, ns/vs/add")
  void example6() {
    assertEquals(List.of(
        "Example 6: name_scope('ns') around variable_scope('vs')",
        "  v1.name = vs/v1:0",
        "  v2.name = ns/vs/v2:0",
        "  (v1 + v2).name = ns/vs/add:0"), Example06VariableAndOpsInScopes.lines());
  }

  @Test
  @DisplayName("7: mysum (op_scope) and mysum2 (variable_op_scope)")
  void example7() {
    assertEquals(List.of(
        "Example 7: op_scope and variable_op_scope (deprecated)",
        "  mysum: op_scope([a, b], None, \"mysum\")",
        "    v.name = v:0",
        "    v2.name = mysum/v2:0",
        "    result.name = mysum/Add:0",
        "  mysum2: variable_op_scope([a, b], None, \"mysum2\")",
        "    v.name = mysum2/v:0",
        "    v2.name = mysum2/v2:0",
        "    result.name = mysum2/Add:0"), Example07OpScopeAndVariableOpScope.lines());
  }

  @Test
  @DisplayName("8: name_scope vs variable_scope of the same name, each in a fresh graph")
  void example8() {
    assertEquals(List.of(
        "Example 8: name_scope vs variable_scope of the same name",
        "  name_scope(\"name_scope\")",
        "    v.name = v:0",
        "    op.name = name_scope/Add:0",
        "    v2.name = name_scope/v2:0",
        "  variable_scope(\"name_scope\")",
        "    v.name = name_scope/v:0",
        "    op.name = name_scope/Add:0",
        "    v2.name = name_scope/v2:0"), Example08NameScopeVersusVariableScope.lines());
  }

  @Test
  @DisplayName("9: 1.0 + v in variable_scope('foo') is op foo/add")
  void example9() {
    assertEquals(List.of(
        "Example 9: an operator inside variable_scope('foo')",
        "  x.op.name = foo/add"), Example09OperatorInVariableScope.lines());
  }

  @Test
  @DisplayName("10: a name scope inside a variable scope changes op names only")
  void example10() {
    assertEquals(List.of(
        "Example 10: name_scope('bar') inside variable_scope('foo')",
        "  v.name = foo/v:0",
        "  x.op.name = foo/bar/add"), Example10NameScopeInsideVariableScope.lines());
  }

  @Test
  @DisplayName("11: re-entering a captured scope pushes a name scope unless auxiliaryNameScope(false)")
  void example11() {
    assertEquals(List.of(
        "Example 11: re-entering a captured variable scope inside variable_scope('bar')",
        "  variable_scope(foo_scope): scope.name = foo, c.name = bar/foo/c:0",
        "  variable_scope(foo_scope, auxiliary_name_scope=False): scope.name = foo, c.name = bar/c:0",
        "  The variable scope is foo either way; the claim that re-entering \"does not change the current name "
            + "scope\" holds only with auxiliaryNameScope(false)."), Example11CapturedScopeReentry.lines());
  }
}
