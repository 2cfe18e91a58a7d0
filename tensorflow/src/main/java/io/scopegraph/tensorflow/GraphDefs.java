package io.scopegraph.tensorflow;

import com.google.protobuf.InvalidProtocolBufferException;
import io.scopegraph.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.proto.GraphDef;

/**
 * TensorFlow's {@link GraphDef} for a scopegraph {@link Graph}: {@link #export} writes every op with TF's
 * names, op types, input strings and attrs, so TensorBoard and TensorFlow read it as a graph built in Python;
 * {@link #importGraphDef} reads one back into a new graph that runs on a {@code Session}.
 *
 * <pre>{@code
 * GraphDef def = GraphDefs.export(graph);
 * Files.write(Path.of("graph.pb"), def.toByteArray());        // tf.io.write_graph(g, ".", "graph.pb", False)
 * Graph again = GraphDefs.importGraphDef(Path.of("graph.pb"));
 * }</pre>
 */
public final class GraphDefs {
  /**
   * The {@code versions.producer} written: a GraphDef version of TensorFlow 2.x's own range. TF 2.12 writes
   * 1394 and the number is bumped daily, so TF 2.18 writes one near 2000; 1900 is at or below it, so
   * the graph looks no newer than the TensorFlow that reads it. No op exported here is deprecated at any
   * GraphDef version, and consumers only reject a producer below their minimum (0), so any TF 2.x imports it.
   */
  public static final int PRODUCER = 1900;

  /** The {@code versions.min_consumer} written: 0, as TensorFlow writes, so every consumer may read it. */
  public static final int MIN_CONSUMER = 0;

  private GraphDefs() {}

  /**
   * The graph's ops, in creation order, as {@code NodeDef}s: {@code name}, {@code op} (the op type),
   * {@code input} ({@code "x"} for output 0, {@code "x:1"}, then control inputs {@code "^x"}) and the attrs
   * ({@code dtype}, {@code T}, {@code shape}, {@code value}, …), plus {@code versions}.
   *
   * @throws IllegalArgumentException if an op built with {@code OpBuilder} has an attr value with no
   *     {@code AttrValue} form
   */
  public static GraphDef export(Graph graph) {
    return GraphDefExporter.export(graph);
  }

  /**
   * A new graph with one op per node, of the same name, type, inputs and attrs, the dtypes and static shapes
   * of its outputs inferred as the runtime infers them; a {@code VariableV2} output is a {@code Variable}.
   * Nodes may come in any order (inputs are added first). As TF's import, it does not restore collections:
   * run the variables' {@code Assign} ops (or an exported {@code init} op) by name. Device placements are
   * dropped (the runtime has none).
   *
   * @throws InvalidGraphDefException (an {@link IllegalArgumentException}) for a node whose op type the runtime
   *     has no kernel for, an input naming a node the GraphDef lacks, a duplicate node name, a cycle, a dtype the
   *     runtime lacks, an attr of the wrong kind, a tensor whose values do not fit its shape, or inputs that do not
   *     fit the op (wrong count, dtypes or shapes); the message names the node
   */
  public static Graph importGraphDef(GraphDef graphDef) {
    return GraphDefImporter.importGraphDef(graphDef);
  }

  /**
   * {@link #importGraphDef(GraphDef)} of a binary GraphDef file (what {@code tf.io.write_graph(g, dir, name,
   * as_text=False)} writes).
   *
   * @throws InvalidGraphDefException when the file is not a GraphDef, or its graph does not import; the message
   *     names the file, and the node
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Graph importGraphDef(Path file) {
    GraphDef def;
    try {
      def = GraphDef.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidGraphDefException(file + " is not a binary GraphDef: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
    try {
      return GraphDefImporter.importGraphDef(def);
    } catch (InvalidGraphDefException e) {
      throw new InvalidGraphDefException(file + ": " + e.getMessage(), e);
    }
  }
}
