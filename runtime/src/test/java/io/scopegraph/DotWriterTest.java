package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Graph#toDot()}: clusters per name scope, variables drawn once, edge directions and styles, escaping. */
@SuppressWarnings("try") // scopes are entered for their effect on names
class DotWriterTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** A placeholder, a variable-scoped layer with a variable, and the initializer's control edge. */
  private static Graph smallGraph() {
    Graph graph = new Graph();
    Ops ops = Ops.on(graph);
    Tensor x = ops.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    try (VarScope layer = ops.variableScope("layer")) {
      Variable w = ops.getVariable("w", Shape.of(2, 3), Initializers.zeros());
      ops.matMul(x, w).add(1f);
    }
    ops.globalVariablesInitializer();
    return graph;
  }

  @Test
  @DisplayName("a small graph renders to exactly this DOT, the same every time")
  void golden() {
    String expected = """
        digraph scopegraph {
          rankdir=BT;
          graph [fontname="Helvetica", fontsize=11, labelloc=b];
          node [shape=ellipse, fontname="Helvetica", fontsize=10];
          "x" [label="x\\n(Placeholder)", tooltip="x"];
          "init" [label="init\\n(NoOp)", tooltip="init"];
          subgraph "cluster_layer" {
            label="layer";
            style=rounded;
            "layer/w" [label="w\\n(VariableV2)", tooltip="layer/w", shape=box, style="rounded,filled", \
        fillcolor="#cfe2f3"];
            "layer/MatMul" [label="MatMul\\n(MatMul)", tooltip="layer/MatMul"];
            subgraph "cluster_layer/add" {
              label="add";
              style=rounded;
              "layer/add/y" [label="y\\n(Const)", tooltip="layer/add/y"];
              "layer/add" [label="add\\n(AddV2)", tooltip="layer/add"];
            }
          }
          "x" -> "layer/MatMul";
          "layer/w" -> "layer/MatMul";
          "layer/MatMul" -> "layer/add";
          "layer/add/y" -> "layer/add";
          "layer/w" -> "init" [style=dashed];
        }
        """;
    Graph graph = smallGraph();
    assertEquals(expected, graph.toDot());
    assertEquals(expected, graph.toDot());
    assertEquals(expected, smallGraph().toDot());
  }

  @Test
  @DisplayName("seed example 4: b lies outside the scope_name cluster, scope_name/a and scope_name/c inside")
  void seedScoping() {
    scoping(name -> tf.variableScope(name)::close, "scope_vars");
    scoping(name -> tf.nameScope(name)::close, "scope_name");
    tf.globalVariablesInitializer();
    String dot = g.toDot();
    Map<String, List<String>> clusters = clustersOfNodes(dot);

    assertEquals(List.of(), clusters.get("b"), dot);
    assertEquals(List.of("scope_name"), clusters.get("scope_name/a"));
    assertEquals(List.of("scope_name"), clusters.get("scope_name/c"));
    assertEquals(List.of("scope_name", "scope_name/res"), clusters.get("scope_name/res/res"));
    assertEquals(List.of("scope_vars"), clusters.get("scope_vars/b"));
    assertEquals(List.of("scope_vars"), clusters.get("scope_vars/a"));
    assertTrue(dot.contains("\"b\" -> \"scope_name/res/mul\";"), dot);
    // the variables' read, Assign and initial_value ops are folded into their nodes
    assertEquals(List.of("b", "init", "scope_vars/a", "scope_vars/b", "scope_vars/c", "scope_vars/res/mul",
        "scope_vars/res/res", "scope_name/a", "scope_name/c", "scope_name/res/mul", "scope_name/res/res"),
        List.copyOf(clusters.keySet()));
    assertFalse(dot.contains("/read"), dot);
    assertFalse(dot.contains("/Assign"), dot);
    assertFalse(dot.contains("initial_value"), dot);
  }

  /** An entered scope of either kind, closing without a checked exception. */
  private interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** The seed's {@code scoping} body; {@code fn} enters a variable scope or a name scope. */
  private void scoping(Function<String, Scope> fn, String scope1) {
    try (Scope s1 = fn.apply(scope1)) {
      Variable a = tf.variable(1, "a");
      Variable b = tf.getVariable("b", 2);
      Tensor c = tf.constant(3, "c");
      try (Scope s2 = fn.apply("res")) {
        tf.add(a.mul(b), c, "res");
      }
    }
  }

  @Test
  @DisplayName("a variable shared by two towers is one node with an edge into each tower")
  void sharedVariableDrawnOnce() {
    Tensor left = tf.placeholder(DType.FLOAT32, Shape.of(1, 4), "left");
    Tensor right = tf.placeholder(DType.FLOAT32, Shape.of(1, 4), "right");
    for (Tensor input : List.of(left, right)) {
      try (VarScope tower = tf.variableScope("tower", Reuse.AUTO)) {
        tf.matMul(input, tf.getVariable("w", Shape.of(4, 2)));
      }
    }
    String dot = g.toDot();

    assertEquals(1, count(dot, "\"tower/w\" ["), dot);
    assertTrue(dot.contains("\"tower/w\" -> \"tower/MatMul\";"), dot);
    assertTrue(dot.contains("\"tower/w\" -> \"tower_1/MatMul\";"), dot);
    assertEquals(List.of("tower"), clustersOfNodes(dot).get("tower/w"));
    assertFalse(dot.contains("Initializer"), dot); // the random_uniform initializer ops are folded too
  }

  @Test
  @DisplayName("control edges are dashed, data edges are not; both go from the producer to the consumer")
  void controlEdgesDashed() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    g.opBuilder("Identity", "after").addInput(b).addControlInput(a.op())
        .setAttr("T", DType.FLOAT32).addOutput(DType.FLOAT32, Shape.scalar()).build();
    String dot = g.toDot();

    assertTrue(dot.contains("  \"b\" -> \"after\";\n"), dot);
    assertTrue(dot.contains("  \"a\" -> \"after\" [style=dashed];\n"), dot);
  }

  @Test
  @DisplayName("quotes and backslashes are escaped inside DOT strings")
  void escaping() {
    g.opBuilder("My\"Odd\\Op", "odd").build();
    String dot = g.toDot();

    assertTrue(dot.contains("  \"odd\" [label=\"odd\\n(My\\\"Odd\\\\Op)\", tooltip=\"odd\"];\n"), dot);
  }

  @Test
  @DisplayName("an empty graph is an empty digraph")
  void empty() {
    assertEquals("""
        digraph scopegraph {
          rankdir=BT;
          graph [fontname="Helvetica", fontsize=11, labelloc=b];
          node [shape=ellipse, fontname="Helvetica", fontsize=10];
        }
        """, g.toDot());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** Each node of the DOT text (in order) → the clusters it is nested in, outermost first (a tiny parser). */
  private static Map<String, List<String>> clustersOfNodes(String dot) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Deque<String> open = new ArrayDeque<>();
    for (String line : dot.strip().split("\n")) {
      String s = line.strip();
      if (s.startsWith("subgraph \"cluster_")) {
        open.addLast(s.substring("subgraph \"cluster_".length(), s.lastIndexOf('"')));
      } else if (s.equals("}")) {
        open.pollLast();
      } else if (s.startsWith("\"") && s.contains("\" [label=")) {
        out.put(s.substring(1, s.indexOf("\" [label=")), List.copyOf(open));
      }
    }
    return out;
  }
}
