package io.scopegraph.samples;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs the eleven examples of the seed question ("What is the difference between name scope and variable
 * scope in TensorFlow?") in order, each in its own graph, printing the names TensorFlow 1.15 gives.
 */
public final class SeedExamples {
  private SeedExamples() {}

  /** The examples in the seed's order; each builds its graph when called. */
  static final List<Supplier<List<String>>> EXAMPLES = List.of(
      Example01NameScope::lines,
      Example02VariableScope::lines,
      Example03SharingAcrossNameScopes::lines,
      Example04Scoping::lines,
      Example05NameScopeAroundVariableScope::lines,
      Example06VariableAndOpsInScopes::lines,
      Example07OpScopeAndVariableOpScope::lines,
      Example08NameScopeVersusVariableScope::lines,
      Example09OperatorInVariableScope::lines,
      Example10NameScopeInsideVariableScope::lines,
      Example11CapturedScopeReentry::lines);

  public static void main(String[] args) {
    System.out.println(output());
  }

  /** Everything {@link #main} prints (without the final newline): the examples separated by an empty line. */
  static String output() {
    return EXAMPLES.stream()
        .map(example -> String.join("\n", example.get()))
        .collect(Collectors.joining("\n\n"));
  }
}
