package io.scopegraph.tensorflow;

import io.scopegraph.Graph;
import io.scopegraph.OpBuilder;
import io.scopegraph.OpRegistry;
import io.scopegraph.Operation;
import io.scopegraph.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.VersionDef;

/**
 * Builds a new {@link Graph} from a {@link GraphDef} whose op types the runtime runs: every node becomes an
 * op of the same name (verbatim, through {@link OpBuilder}), device, attrs, inputs and control inputs, with output
 * dtypes and static shapes from the {@link OpRegistry}. Nodes are added in GraphDef order where their inputs allow
 * (TF writes them topologically, so that is the order), otherwise inputs first.
 */
final class GraphDefImporter {
  /** One entry of {@code NodeDef.input}: {@code node}, {@code node:index} or {@code ^node}. */
  private record InputRef(String text, String node, int index, boolean control) {}

  /** The attrs that say how many outputs a node has ({@code Split}, {@code DynamicPartition}), and their bound. */
  private static final List<String> OUTPUT_COUNTS = List.of("num_split", "num_partitions");
  static final long MAX_OUTPUTS = 1 << 16;

  private final List<NodeDef> nodes;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final List<List<InputRef>> inputs = new ArrayList<>();

  private GraphDefImporter(GraphDef def) {
    this.nodes = def.getNodeList();
  }

  static Graph importGraphDef(GraphDef def) {
    checkVersions(def.getVersions());
    GraphDefImporter importer = new GraphDefImporter(def);
    importer.index();
    Graph graph = new Graph();
    for (int i : importer.topologicalOrder()) {
      importer.build(graph, i);
    }
    return graph;
  }

  /** TF's consumer check, with this module as a consumer of version {@link GraphDefs#PRODUCER}. */
  private static void checkVersions(VersionDef versions) {
    if (versions.getMinConsumer() > GraphDefs.PRODUCER) {
      throw new InvalidGraphDefException("GraphDef min consumer version " + versions.getMinConsumer()
          + " above this importer's version " + GraphDefs.PRODUCER + ". Please upgrade scopegraph.");
    }
    if (versions.getBadConsumersList().contains(GraphDefs.PRODUCER)) {
      throw new InvalidGraphDefException("GraphDef disallows consumer version " + GraphDefs.PRODUCER + ".");
    }
  }

  /** Names, op types and input references, all checked before anything is built. */
  private void index() {
    for (int i = 0; i < nodes.size(); i++) {
      NodeDef node = nodes.get(i);
      if (indexByName.put(node.getName(), i) != null) {
        throw new InvalidGraphDefException("Duplicate node name in GraphDef: '" + node.getName() + "'");
      }
      if (OpRegistry.find(node.getOp()) == null) {
        throw new InvalidGraphDefException("Node '" + node.getName() + "' has op type '" + node.getOp()
            + "', which the op registry does not know (register it with OpRegistry.register)");
      }
    }
    for (NodeDef node : nodes) {
      List<InputRef> refs = new ArrayList<>();
      for (String text : node.getInputList()) {
        InputRef ref = parseInput(node, text);
        if (!indexByName.containsKey(ref.node())) {
          throw new InvalidGraphDefException("Node '" + node.getName() + "' has input '" + text
              + "', but the GraphDef has no node '" + ref.node() + "'");
        }
        if (!ref.control() && !refs.isEmpty() && refs.get(refs.size() - 1).control()) {
          throw new InvalidGraphDefException("Node '" + node.getName()
              + "': Control dependencies must come after regular dependencies (input '" + text + "')");
        }
        refs.add(ref);
      }
      inputs.add(refs);
    }
  }

  private static InputRef parseInput(NodeDef node, String text) {
    if (text.startsWith("^")) {
      return new InputRef(text, text.substring(1), -1, true);
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new InputRef(text, text, 0, false);
    }
    try {
      return new InputRef(text, text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)), false);
    } catch (NumberFormatException e) {
      throw new InvalidGraphDefException("Node '" + node.getName() + "' has input '" + text
          + "', which is not of the form node, node:index or ^node", e);
    }
  }

  /** Kahn's algorithm taking the earliest ready node first, so a topological GraphDef keeps its order. */
  private List<Integer> topologicalOrder() {
    int n = nodes.size();
    int[] pending = new int[n];
    List<List<Integer>> consumers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      consumers.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      Set<Integer> sources = new HashSet<>();
      for (InputRef ref : inputs.get(i)) {
        sources.add(indexByName.get(ref.node()));
      }
      pending[i] = sources.size();
      for (int source : sources) {
        consumers.get(source).add(i);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int consumer : consumers.get(i)) {
        if (--pending[consumer] == 0) {
          ready.add(consumer);
        }
      }
    }
    if (order.size() < n) {
      List<String> stuck = new ArrayList<>();
      for (int i = 0; i < n && stuck.size() < 5; i++) {
        if (pending[i] > 0) {
          stuck.add("'" + nodes.get(i).getName() + "'");
        }
      }
      throw new InvalidGraphDefException("GraphDef has a cycle: nodes " + String.join(", ", stuck)
          + (n - order.size() > stuck.size() ? ", …" : "") + " wait on each other");
    }
    return order;
  }

  /**
   * Adds node {@code i}. The runtime rejects what does not fit (attrs, dtypes, shapes) with an
   * {@link IllegalArgumentException}; it becomes the import's one exception, naming the node.
   */
  private void build(Graph graph, int i) {
    NodeDef def = nodes.get(i);
    try {
      addNode(graph, i);
    } catch (InvalidGraphDefException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new InvalidGraphDefException(message.contains("'" + def.getName() + "'") ? message
          : "Node '" + def.getName() + "' (op '" + def.getOp() + "'): " + message, e);
    } catch (RuntimeException e) {
      // A shape function that trusted what graphs built in Java always have (an attr's kind, an input's rank) and
      // met a file that has something else: still this import's error. The cause says where; the fuzz tests
      // treat any such cause as a bug to fix.
      throw new InvalidGraphDefException("Node '" + def.getName() + "' (op '" + def.getOp() + "') has attrs or "
          + "inputs its op type cannot take: " + e, e);
    }
  }

  private void addNode(Graph graph, int i) {
    NodeDef def = nodes.get(i);
    String name = def.getName();
    Map<String, Object> attrs = new TreeMap<>();
    for (Map.Entry<String, AttrValue> e : def.getAttrMap().entrySet()) {
      attrs.put(e.getKey(), AttrValues.fromProto(e.getValue(), "Attr '" + e.getKey() + "' of node '" + name + "'"));
    }
    List<Tensor> data = new ArrayList<>();
    List<Operation> controls = new ArrayList<>();
    for (InputRef ref : inputs.get(i)) {
      Operation source = graph.operation(ref.node());
      if (ref.control()) {
        controls.add(source);
      } else if (ref.index() < 0 || ref.index() >= source.numOutputs()) {
        throw new InvalidGraphDefException("Node '" + name + "' has input '" + ref.text() + "', but node '"
            + ref.node() + "' has " + source.numOutputs() + " output(s)");
      } else {
        data.add(source.output(ref.index()));
      }
    }
    Object count = attrs.get("N");
    if (count != null && !(count instanceof Long n && n >= 0 && n <= def.getInputCount())) {
      throw new InvalidGraphDefException("Node '" + name + "' (op '" + def.getOp() + "') has attr N = " + count
          + ", which is not a count of its " + def.getInputCount() + " input(s)");
    }
    for (String key : OUTPUT_COUNTS) {
      Object n = attrs.get(key);
      if (n != null && !(n instanceof Long k && k >= 1 && k <= MAX_OUTPUTS)) {
        throw new InvalidGraphDefException("Node '" + name + "' (op '" + def.getOp() + "') has attr " + key + " = "
            + n + "; an imported node may have 1 to " + MAX_OUTPUTS + " outputs");
      }
    }
    int arity = OpRegistry.get(def.getOp()).numInputs(attrs);
    if (arity < 0) {
      String counted = def.getOp().equals("SaveV2") ? "dtypes" : "N";
      throw new InvalidGraphDefException("Node '" + name + "' (op '" + def.getOp() + "') lacks attr '" + counted + "'");
    }
    if (data.size() != arity) {
      throw new InvalidGraphDefException("Node '" + name + "' (op '" + def.getOp() + "') has " + data.size()
          + " data input(s); " + def.getOp() + " takes " + arity);
    }

    OpBuilder op = graph.opBuilder(def.getOp(), name + "/"); // a trailing '/' keeps the name verbatim
    if (!def.getDevice().isEmpty()) {
      op.setDevice(def.getDevice());
    }
    data.forEach(op::addInput);
    controls.forEach(op::addControlInput);
    attrs.forEach(op::setAttr);
    op.build();
    reserveName(graph, name);
  }

  /**
   * Marks the name as used, as TF's import does, so ops added to the imported graph later are uniquified
   * ({@code c} → {@code c_1}) instead of colliding. A verbatim name alone leaves the name registry untouched.
   */
  private static void reserveName(Graph graph, String name) {
    if (graph.uniqueName(name, false).equals(name)) {
      graph.uniqueName(name);
    }
  }
}
