package io.scopegraph.samples;

import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.tensorflow.EventFileWriter;
import io.scopegraph.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seed example 4: the same code under {@code variable_scope} and under {@code name_scope}, in one graph.
 * Only the variable scope catches {@code b}, which {@code get_variable} creates. {@code main} also writes
 * the graph as Graphviz DOT to {@code logs/scoping.dot}, where {@code b} sits outside the {@code scope_name}
 * box.
 *
 * <pre>
 * def scoping(fn, scope1, scope2, vals):
 *     with fn(scope1):
 *         a = tf.Variable(vals[0], name='a')
 *         b = tf.get_variable('b', initializer=vals[1])
 *         c = tf.constant(vals[2], name='c')
 *         with fn(scope2):
 *             d = tf.add(a * b, c, name='res')
 *         print '\n  '.join([scope1, a.name, b.name, c.name, d.name]), '\n'
 *     return d
 *
 * d1 = scoping(tf.variable_scope, 'scope_vars', 'res', [1, 2, 3])
 * d2 = scoping(tf.name_scope,     'scope_name', 'res', [1, 2, 3])
 *
 * with tf.Session() as sess:
 *     sess.run(tf.global_variables_initializer())
 *     print sess.run([d1, d2])
 * </pre>
 */
public final class Example04Scoping {
  private Example04Scoping() {}

  /** An entered scope of either kind, so {@code scoping} can take {@code fn} like the Python does. */
  private interface Scope extends AutoCloseable {
    @Override
    void close(); // no checked exception, unlike AutoCloseable's
  }

  /** Where {@link #main} writes the graph, relative to the working directory. */
  static final String DOT_FILE = "logs/scoping.dot";

  /** The printed lines and the graph they come from. */
  record Run(List<String> lines, Graph graph) {}

  public static void main(String[] args) throws IOException {
    printAndWriteGraph(Path.of(""));
  }

  /** What {@code main} does, with {@code workDir} as the working directory (tests pass a temporary one). */
  static void printAndWriteGraph(Path workDir) throws IOException {
    Run run = run();
    run.lines().forEach(System.out::println);
    Path dot = workDir.resolve(DOT_FILE);
    Files.createDirectories(dot.getParent());
    Files.writeString(dot, run.graph().toDot());
    System.out.println("Graph written to " + DOT_FILE + " (render with: dot -Tsvg " + DOT_FILE + " -o scoping.svg)");
    // TensorBoard shows the same graph: the seed's tf.summary.FileWriter('logs', sess.graph).
    try (EventFileWriter events = new EventFileWriter(dot.getParent())) {
      events.addGraph(run.graph());
      System.out.println("TensorBoard events written to logs/" + events.file().getFileName()
          + " (view with: tensorboard --logdir logs)");
    }
  }

  /** The example's printed lines; builds and runs a fresh graph, writes nothing. */
  static List<String> lines() {
    return run().lines();
  }

  /** Builds the seed's graph and runs it, as the Python does. */
  static Run run() {
    Ops tf = Ops.on(SampleGraphs.newGraph());
    Function<String, Scope> variableScope = name -> {
      VarScope scope = tf.variableScope(name);
      return scope::close;
    };
    Function<String, Scope> nameScope = name -> {
      NameScopeHandle scope = tf.nameScope(name);
      return scope::close;
    };

    List<String> out = new ArrayList<>();
    out.add("Example 4: scoping(fn, scope1, scope2, vals) with variable_scope, then name_scope");
    Tensor d1 = scoping(tf, variableScope, "scope_vars", "res", new int[] {1, 2, 3}, out);
    out.add(""); // Python's trailing '\n' in the print
    Tensor d2 = scoping(tf, nameScope, "scope_name", "res", new int[] {1, 2, 3}, out);

    try (Session sess = new Session(tf.graph())) {
      sess.run(tf.globalVariablesInitializer());
      List<NdArray> results = sess.run(List.of(d1, d2)); // one run, as sess.run([d1, d2])
      out.add(results.toString());
    }
    return new Run(out, tf.graph());
  }

  /** The seed's {@code scoping}: appends its printed block to {@code out} and returns {@code d}. */
  @SuppressWarnings("try") // the scopes are entered for their effect on names, never referenced
  private static Tensor scoping(Ops tf, Function<String, Scope> fn, String scope1, String scope2, int[] vals,
      List<String> out) {
    try (Scope s1 = fn.apply(scope1)) {
      Variable a = tf.variable(vals[0], "a");
      Variable b = tf.getVariable("b", vals[1]); // an int initial value: int32, as a Python int
      Tensor c = tf.constant(vals[2], "c");
      Tensor d;
      try (Scope s2 = fn.apply(scope2)) {
        d = tf.add(a.mul(b), c, "res");
      }
      out.add(scope1);
      for (Tensor t : List.of(a, b, c, d)) {
        out.add("  " + t.name());
      }
      return d;
    }
  }
}
