package io.scopegraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link Graph} as Graphviz DOT, grouped the way TensorBoard groups it: one nested {@code cluster}
 * per name scope, each variable one node, data edges from producer to consumer, control edges dashed.
 *
 * <p>A variable's auxiliary ops ({@code v/read}, {@code v/Assign}, {@code v/initial_value},
 * {@code v/Initializer/…}) are folded into the variable's node, so a shared variable is drawn once with an
 * edge into every op that reads it. Like TensorBoard, an op whose name is also a name scope ({@code add} next
 * to {@code add/y}) is drawn inside that scope's cluster. The text depends only on the graph, in creation
 * order, so it can be diffed and tested.
 */
final class DotWriter {
  private static final String INDENT = "  ";

  private final List<Operation> ops;
  /** Every op → the op whose node stands for it: itself, or the variable it is folded into. */
  private final Map<Operation, Operation> drawnAs = new IdentityHashMap<>();

  private DotWriter(Graph graph) {
    this.ops = graph.operations(); // one consistent snapshot
  }

  /** The DOT text of {@code graph}. */
  static String write(Graph graph) {
    return new DotWriter(graph).render();
  }

  private String render() {
    for (Operation op : ops) {
      drawnAs.putIfAbsent(op, op);
      if (op.numOutputs() > 0 && op.output(0) instanceof Variable v) {
        fold(v);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("digraph scopegraph {\n");
    out.append(INDENT).append("rankdir=BT;\n"); // inputs at the bottom, as TensorBoard draws them
    // labelloc=b: with rankdir=BT this puts the cluster labels at the top
    out.append(INDENT).append("graph [fontname=\"Helvetica\", fontsize=11, labelloc=b];\n");
    out.append(INDENT).append("node [shape=ellipse, fontname=\"Helvetica\", fontsize=10];\n");
    writeCluster(clusters(), out, 1);
    for (String edge : edges()) {
      out.append(INDENT).append(edge).append('\n');
    }
    return out.append("}\n").toString();
  }

  /** Maps the variable's read, Assign and the initial-value ops under its name to the variable's op. */
  private void fold(Variable v) {
    Operation variableOp = v.op();
    if (v.read() != null) {
      drawnAs.put(v.read().op(), variableOp);
    }
    if (v.initializer() != null) {
      drawnAs.put(v.initializer(), variableOp);
      // Only the ops named under the variable: an initial value computed elsewhere stays its own node.
      String prefix = variableOp.name() + "/";
      List<Operation> pending = new ArrayList<>(List.of(v.initializer()));
      while (!pending.isEmpty()) {
        for (Tensor input : pending.remove(pending.size() - 1).inputs()) {
          Operation producer = input.op();
          if (producer != variableOp && producer.name().startsWith(prefix)
              && drawnAs.put(producer, variableOp) != variableOp) {
            pending.add(producer);
          }
        }
      }
    }
  }

  private boolean isDrawn(Operation op) {
    return drawnAs.get(op) == op;
  }

  /** The cluster tree: every drawn op placed in the cluster of its name scope. */
  private Cluster clusters() {
    Set<String> scopes = new HashSet<>();
    for (Operation op : ops) {
      if (isDrawn(op)) {
        String name = op.name();
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
          scopes.add(name.substring(0, slash));
        }
      }
    }
    Cluster root = new Cluster("");
    for (Operation op : ops) {
      if (isDrawn(op)) {
        String name = op.name();
        // TensorBoard's rule: an op named like a scope ("add" beside "add/y") belongs inside it.
        String scope = scopes.contains(name) ? name : parent(name);
        root.descendant(scope).nodes.add(op);
      }
    }
    return root;
  }

  private void writeCluster(Cluster cluster, StringBuilder out, int depth) {
    String indent = INDENT.repeat(depth);
    for (Operation op : cluster.nodes) {
      out.append(indent).append(node(op)).append('\n');
    }
    for (Cluster child : cluster.children.values()) {
      out.append(indent).append("subgraph ").append(quote("cluster_" + child.path)).append(" {\n");
      out.append(indent).append(INDENT).append("label=").append(quote(lastComponent(child.path))).append(";\n");
      out.append(indent).append(INDENT).append("style=rounded;\n");
      writeCluster(child, out, depth + 1);
      out.append(indent).append("}\n");
    }
  }

  private static String node(Operation op) {
    String label = escape(lastComponent(op.name())) + "\\n(" + escape(op.type()) + ")";
    String attrs = "label=\"" + label + "\", tooltip=" + quote(op.name());
    if (op.numOutputs() > 0 && op.output(0) instanceof Variable) {
      attrs += ", shape=box, style=\"rounded,filled\", fillcolor=\"#cfe2f3\"";
    }
    return quote(op.name()) + " [" + attrs + "];";
  }

  /** Data edges, then dashed control edges per consumer, in creation order; folded ops use their variable. */
  private Set<String> edges() {
    Set<String> edges = new LinkedHashSet<>(); // folding can repeat an edge; draw it once
    for (Operation op : ops) {
      Operation to = drawnAs.get(op);
      for (Tensor input : op.inputs()) {
        addEdge(edges, drawnAs.get(input.op()), to, "");
      }
      for (Operation control : op.controlInputs()) {
        addEdge(edges, drawnAs.get(control), to, " [style=dashed]");
      }
    }
    return edges;
  }

  private static void addEdge(Set<String> edges, Operation from, Operation to, String attrs) {
    if (from != to) { // edges between a variable's own ops vanish with the folding
      edges.add(quote(from.name()) + " -> " + quote(to.name()) + attrs + ";");
    }
  }

  private static String parent(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  private static String lastComponent(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static String quote(String s) {
    return "\"" + escape(s) + "\"";
  }

  /** Escapes for a DOT quoted string; a backslash is doubled so labels do not read it as {@code \n} etc. */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A name scope's cluster: its drawn ops and its sub-scopes, both in order of first appearance. */
  private static final class Cluster {
    final String path;
    final List<Operation> nodes = new ArrayList<>();
    final Map<String, Cluster> children = new LinkedHashMap<>();

    Cluster(String path) {
      this.path = path;
    }

    /** The cluster of scope {@code scope} (a path from the root), created with its ancestors if missing. */
    Cluster descendant(String scope) {
      Cluster cluster = this;
      if (!scope.isEmpty()) {
        for (int end = scope.indexOf('/'); ; end = scope.indexOf('/', end + 1)) {
          String path = end < 0 ? scope : scope.substring(0, end);
          cluster = cluster.children.computeIfAbsent(path, Cluster::new);
          if (end < 0) {
            break;
          }
        }
      }
      return cluster;
    }
  }
}
