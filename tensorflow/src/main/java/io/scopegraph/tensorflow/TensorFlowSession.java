package io.scopegraph.tensorflow;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;

/**
 * Runs a scopegraph {@link Graph} on TensorFlow Java, for users who outgrow the built-in executor: the graph
 * is exported once ({@link GraphDefs#export}) and imported into a TensorFlow graph, so every op keeps its
 * name; feeds and fetches are the scopegraph tensors. Needs TensorFlow Java's native library on the class
 * path ({@code org.tensorflow:tensorflow-core-native} with the platform's classifier, e.g.
 * {@code linux-x86_64}).
 *
 * <p>Ops added to the scopegraph graph after this session was made are not seen by it.
 */
public final class TensorFlowSession implements AutoCloseable {
  private final Graph graph;
  private final org.tensorflow.Graph tfGraph;
  private final Session session;

  /** Imports {@code graph} into a new TensorFlow graph and opens a session on it. */
  public TensorFlowSession(Graph graph) {
    this.graph = Objects.requireNonNull(graph, "graph");
    GraphDef def = GraphDefs.export(graph);
    org.tensorflow.Graph imported = new org.tensorflow.Graph();
    try {
      imported.importGraphDef(def);
    } catch (RuntimeException e) {
      imported.close();
      throw e;
    }
    this.tfGraph = imported;
    this.session = new Session(imported);
  }

  /** The node names of the graph TensorFlow imported, in its order. */
  public List<String> nodeNames() {
    List<String> names = new ArrayList<>();
    tfGraph.toGraphDef().getNodeList().forEach(n -> names.add(n.getName()));
    return names;
  }

  /** Runs the initializer of every global and local variable ({@code tf.global_variables_initializer()}). */
  public void initializeVariables() {
    Session.Runner runner = session.runner();
    for (Variable v : graph.globalVariables()) {
      runner.addTarget(v.initializer().name());
    }
    for (Variable v : graph.localVariables()) {
      runner.addTarget(v.initializer().name());
    }
    runner.run().close();
  }

  /** Runs ops for their effect, by their scopegraph ops (e.g. {@code tf.globalVariablesInitializer()}). */
  public void run(Operation... targets) {
    Session.Runner runner = session.runner();
    for (Operation op : targets) {
      checkGraph(op.graph());
      runner.addTarget(op.name());
    }
    runner.run().close();
  }

  /** Runs ops for their effect with some tensors fed (e.g. a saver's restore op with its prefix). */
  public void run(Map<? extends Tensor, NdArray> feeds, Operation... targets) {
    Session.Runner runner = session.runner();
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try {
      feed(runner, feeds, fed);
      for (Operation op : targets) {
        checkGraph(op.graph());
        runner.addTarget(op.name());
      }
      runner.run().close();
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  private void feed(Session.Runner runner, Map<? extends Tensor, NdArray> feeds, List<org.tensorflow.Tensor> fed) {
    for (Map.Entry<? extends Tensor, NdArray> e : feeds.entrySet()) {
      checkGraph(e.getKey().graph());
      org.tensorflow.Tensor t = TfTensors.toTensorFlow(e.getValue().cast(e.getKey().dtype()));
      fed.add(t);
      runner.feed(e.getKey().op().name(), e.getKey().index(), t);
    }
  }

  /** The value of one tensor. */
  public NdArray run(Tensor fetch) {
    return run(List.of(fetch), Map.of()).get(0);
  }

  /** The values of the fetches with some tensors fed, as {@code io.scopegraph.Session#run} does. */
  public List<NdArray> run(List<? extends Tensor> fetches, Map<? extends Tensor, NdArray> feeds) {
    if (fetches.isEmpty()) {
      return List.of(); // nothing to compute (TensorFlow refuses a run without fetches or targets)
    }
    Session.Runner runner = session.runner();
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try {
      feed(runner, feeds, fed);
      for (Tensor t : fetches) {
        checkGraph(t.graph());
        runner.fetch(t.op().name(), t.index());
      }
      try (Result result = runner.run()) {
        List<NdArray> out = new ArrayList<>(fetches.size());
        for (int i = 0; i < fetches.size(); i++) {
          out.add(TfTensors.fromTensorFlow(result.get(i)));
        }
        return out;
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  private void checkGraph(Graph g) {
    if (g != graph) {
      throw new io.scopegraph.GraphMismatchException("A tensor or op of another graph was given to a "
          + "TensorFlowSession of this graph.");
    }
  }

  @Override
  public void close() {
    session.close();
    tfGraph.close();
  }
}
