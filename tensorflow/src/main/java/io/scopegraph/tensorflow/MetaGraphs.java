package io.scopegraph.tensorflow;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.scopegraph.Graph;
import io.scopegraph.Operation;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SaveSliceInfoDef;
import org.tensorflow.proto.VariableDef;

/**
 * TensorFlow's {@code .meta} files ({@link MetaGraphDef}): the graph, the {@code saver_def} of a {@link Saver}
 * and the collections, with the variables as {@code VariableDef}s, as {@code tf.train.export_meta_graph} writes
 * them. TensorFlow's {@code import_meta_graph} + {@code restore} runs a graph exported here; a graph TensorFlow
 * exported imports here with its variables bound (initializer, snapshot, slice) and a saver that restores them.
 *
 * <pre>{@code
 * MetaGraphs.MetaGraph imported = MetaGraphs.importMetaGraph("/tmp/run/model.ckpt-1000.meta");
 * try (Session s = new Session(imported.graph())) {
 *   imported.saver().restore(s, "/tmp/run/model.ckpt-1000");
 * }
 * }</pre>
 */
public final class MetaGraphs {
  /** The collections whose items are variables, written as {@code VariableDef}s. */
  private static final Set<String> VARIABLE_COLLECTIONS =
      Set.of(Graph.GLOBAL_VARIABLES, Graph.TRAINABLE_VARIABLES, Graph.LOCAL_VARIABLES);

  private MetaGraphs() {}

  /** An imported MetaGraphDef: its graph, and a saver over the saver ops it names (null when it has none). */
  public record MetaGraph(Graph graph, Saver saver) {}

  /**
   * The MetaGraphDef of {@code graph}: its GraphDef, {@code saver}'s {@code saver_def} (when a saver is given)
   * and every collection whose items it can describe: variables as {@code VariableDef}s, tensors and ops by name
   * ({@code node_list}), strings and numbers as lists.
   */
  public static MetaGraphDef export(Graph graph, Saver saver) {
    MetaGraphDef.Builder meta = MetaGraphDef.newBuilder()
        .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().setMetaGraphVersion("scopegraph"))
        .setGraphDef(GraphDefs.export(graph));
    if (saver != null) {
      if (saver.graph() != graph) {
        throw new io.scopegraph.GraphMismatchException("The saver belongs to another graph");
      }
      meta.setSaverDef(saver.saverDef());
    }
    for (String key : graph.collectionKeys()) {
      CollectionDef def = collectionDef(key, graph.collection(key));
      if (def != null) {
        meta.putCollectionDef(key, def);
      }
    }
    return meta.build();
  }

  /** The proto form of one collection, or null when it holds items no {@code CollectionDef} kind describes. */
  private static CollectionDef collectionDef(String key, List<Object> items) {
    if (VARIABLE_COLLECTIONS.contains(key)) {
      CollectionDef.BytesList.Builder bytes = CollectionDef.BytesList.newBuilder();
      for (Object item : items) {
        if (!(item instanceof Variable v)) {
          return null;
        }
        bytes.addValue(variableDef(v).toByteString());
      }
      return CollectionDef.newBuilder().setBytesList(bytes).build();
    }
    CollectionDef.Builder def = CollectionDef.newBuilder();
    if (items.stream().allMatch(o -> o instanceof Tensor || o instanceof Operation)) {
      CollectionDef.NodeList.Builder nodes = CollectionDef.NodeList.newBuilder();
      items.forEach(o -> nodes.addValue(o instanceof Tensor t ? t.name() : ((Operation) o).name()));
      return def.setNodeList(nodes).build();
    }
    if (items.stream().allMatch(o -> o instanceof String)) {
      CollectionDef.BytesList.Builder bytes = CollectionDef.BytesList.newBuilder();
      items.forEach(o -> bytes.addValue(ByteString.copyFromUtf8((String) o)));
      return def.setBytesList(bytes).build();
    }
    if (items.stream().allMatch(o -> o instanceof Long || o instanceof Integer)) {
      CollectionDef.Int64List.Builder ints = CollectionDef.Int64List.newBuilder();
      items.forEach(o -> ints.addValue(((Number) o).longValue()));
      return def.setInt64List(ints).build();
    }
    if (items.stream().allMatch(o -> o instanceof Float || o instanceof Double)) {
      CollectionDef.FloatList.Builder floats = CollectionDef.FloatList.newBuilder();
      items.forEach(o -> floats.addValue(((Number) o).floatValue()));
      return def.setFloatList(floats).build();
    }
    return null; // TF skips collections it cannot serialize too (with a warning)
  }

  /** TF's {@code RefVariable.to_proto}. */
  static VariableDef variableDef(Variable v) {
    VariableDef.Builder def = VariableDef.newBuilder().setVariableName(v.name()).setTrainable(v.trainable());
    if (v.initialValue() != null) {
      def.setInitialValueName(v.initialValue().name());
    }
    if (v.initializer() != null) {
      def.setInitializerName(v.initializer().name());
    }
    if (v.read() != null) {
      def.setSnapshotName(v.read().name());
    }
    Variable.SaveSliceInfo slice = v.saveSliceInfo();
    if (slice != null) {
      SaveSliceInfoDef.Builder s = SaveSliceInfoDef.newBuilder().setFullName(slice.fullName());
      for (long d : slice.fullShape().dims()) {
        s.addFullShape(d);
      }
      for (long d : slice.offset()) {
        s.addVarOffset(d);
      }
      for (long d : slice.shape()) {
        s.addVarShape(d);
      }
      def.setSaveSliceInfoDef(s);
    }
    return def.build();
  }

  /** Writes {@code meta} to {@code file} (through a temporary file, so a reader never sees half of it). */
  public static void write(MetaGraphDef meta, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, meta.toByteArray());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  /**
   * Reads a {@code .meta} file.
   *
   * @throws CorruptCheckpointException when the file is not a MetaGraphDef, naming it
   * @throws UncheckedIOException when the file cannot be read
   */
  public static MetaGraphDef read(Path file) {
    try {
      return MetaGraphDef.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new CorruptCheckpointException(file + " is not a MetaGraphDef: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }

  /**
   * {@code tf.train.import_meta_graph(file)}: see {@link #importMetaGraph(MetaGraphDef)}.
   *
   * @throws CorruptCheckpointException when the file is not a MetaGraphDef, naming it
   * @throws InvalidGraphDefException when its graph, collections or saver do not import, naming the file
   * @throws UncheckedIOException when the file cannot be read
   */
  public static MetaGraph importMetaGraph(String file) {
    MetaGraphDef meta = read(Path.of(file));
    try {
      return importMetaGraph(meta);
    } catch (InvalidGraphDefException e) {
      throw new InvalidGraphDefException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new graph from the MetaGraphDef's GraphDef (see {@link GraphDefs#importGraphDef}), with its collections:
   * each {@code VariableDef} binds its variable to the initializer, snapshot, initial value and slice it names,
   * node lists become tensors and ops again. With a {@code saver_def}, a {@link Saver} over its ops.
   *
   * @throws InvalidGraphDefException (an {@link IllegalArgumentException}) for a GraphDef the runtime cannot
   *     import, a collection naming a node the graph lacks or a variable it cannot bind, or a {@code saver_def}
   *     naming ops that are not a saver's
   */
  public static MetaGraph importMetaGraph(MetaGraphDef meta) {
    try {
      return importChecked(meta);
    } catch (InvalidGraphDefException e) {
      throw e;
    } catch (IllegalArgumentException e) { // the runtime refusing to bind a variable as the file says
      throw new InvalidGraphDefException(e.getMessage(), e);
    }
  }

  private static MetaGraph importChecked(MetaGraphDef meta) {
    Graph graph = GraphDefs.importGraphDef(meta.getGraphDef());
    Map<Variable, Boolean> bound = new IdentityHashMap<>();
    List<String> keys = new ArrayList<>(meta.getCollectionDefMap().keySet());
    keys.sort(null); // a map has no order; this one is deterministic
    for (String key : keys) {
      CollectionDef def = meta.getCollectionDefMap().get(key);
      for (Object item : collectionItems(graph, key, def, bound, meta)) {
        graph.addToCollection(key, item);
      }
    }
    Saver saver = meta.hasSaverDef() ? SaverOps.saverOf(graph, meta.getSaverDef()) : null;
    return new MetaGraph(graph, saver);
  }

  private static List<Object> collectionItems(Graph graph, String key, CollectionDef def, Map<Variable, Boolean> bound,
      MetaGraphDef meta) {
    List<Object> items = new ArrayList<>();
    switch (def.getKindCase()) {
      case BYTES_LIST -> {
        for (ByteString bytes : def.getBytesList().getValueList()) {
          if (VARIABLE_COLLECTIONS.contains(key)) {
            items.add(bindVariable(graph, parseVariableDef(bytes, key), bound, meta));
          } else {
            items.add(bytes.toStringUtf8());
          }
        }
      }
      case NODE_LIST -> {
        for (String name : def.getNodeList().getValueList()) {
          Object node = name.contains(":") ? graph.tensor(name) : graph.operation(name);
          if (node == null) {
            throw new InvalidGraphDefException("Collection '" + key + "' names '" + name + "', which the graph lacks");
          }
          items.add(node);
        }
      }
      case INT64_LIST -> items.addAll(def.getInt64List().getValueList());
      case FLOAT_LIST -> items.addAll(def.getFloatList().getValueList());
      default -> { } // any_list: protos of other libraries; nothing here reads them
    }
    return items;
  }

  private static VariableDef parseVariableDef(ByteString bytes, String key) {
    try {
      return VariableDef.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidGraphDefException("Collection '" + key + "' holds a value that is not a VariableDef", e);
    }
  }

  /** The variable a {@code VariableDef} names, bound the first time it is met. */
  private static Variable bindVariable(Graph graph, VariableDef def, Map<Variable, Boolean> bound, MetaGraphDef meta) {
    if (def.getIsResource()) {
      throw new InvalidGraphDefException("Variable " + def.getVariableName() + " is a resource variable, which the "
          + "scopegraph runtime does not support");
    }
    Tensor t = node(graph, def.getVariableName(), def);
    if (!(t instanceof Variable v)) {
      throw new InvalidGraphDefException("VariableDef names " + def.getVariableName() + ", which is not the output of "
          + "a VariableV2 op");
    }
    if (bound.put(v, Boolean.TRUE) == null) {
      Operation initializer = def.getInitializerName().isEmpty() ? null : graph.operation(def.getInitializerName());
      if (!def.getInitializerName().isEmpty() && initializer == null) {
        throw new InvalidGraphDefException("VariableDef of " + v.name() + " names initializer "
            + def.getInitializerName() + ", which the graph lacks");
      }
      Tensor snapshot = def.getSnapshotName().isEmpty() ? null : node(graph, def.getSnapshotName(), def);
      Tensor initialValue = def.getInitialValueName().isEmpty() ? null : node(graph, def.getInitialValueName(), def);
      // VariableDef.trainable exists since TF 1.13; before that the collection alone said so.
      boolean trainable = def.getTrainable() || inTrainableCollection(meta, def.getVariableName());
      v.bindImported(initializer, snapshot, initialValue, trainable, sliceInfo(def));
    }
    return v;
  }

  private static boolean inTrainableCollection(MetaGraphDef meta, String variableName) {
    CollectionDef trainable = meta.getCollectionDefMap().get(Graph.TRAINABLE_VARIABLES);
    if (trainable == null || !trainable.hasBytesList()) {
      return false;
    }
    for (ByteString bytes : trainable.getBytesList().getValueList()) {
      if (parseVariableDef(bytes, Graph.TRAINABLE_VARIABLES).getVariableName().equals(variableName)) {
        return true;
      }
    }
    return false;
  }

  private static Tensor node(Graph graph, String tensorName, VariableDef def) {
    Tensor t = graph.tensor(tensorName.contains(":") ? tensorName : tensorName + ":0");
    if (t == null) {
      throw new InvalidGraphDefException("VariableDef of " + def.getVariableName() + " names " + tensorName
          + ", which the graph lacks");
    }
    return t;
  }

  private static Variable.SaveSliceInfo sliceInfo(VariableDef def) {
    if (!def.hasSaveSliceInfoDef()) {
      return null;
    }
    SaveSliceInfoDef s = def.getSaveSliceInfoDef();
    return new Variable.SaveSliceInfo(s.getFullName(), Shape.of(toArray(s.getFullShapeList())),
        toArray(s.getVarOffsetList()), toArray(s.getVarShapeList()));
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
