package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.OpRegistry;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * Fuzzed GraphDefs: damaged bytes of the GraphDefs the project exports ({@link GraphDefs#importGraphDef(Path)}), and
 * damaged nodes ({@link GraphDefs#importGraphDef(GraphDef)}). Each import either gives the whole graph (every node,
 * its type, its name reserved) or throws an {@link InvalidGraphDefException}; see {@link FuzzRun} for the rest.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a safety net against hangs, not a speed assertion
class UntrustedGraphDefTest {
  private static final long SEED = FuzzRun.seed();
  private static final List<String> SUMMARIES = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @AfterAll
  static void printCounts() {
    SUMMARIES.forEach(System.out::println);
  }

  @Test
  void bytesOfTheScopingGraph() throws Exception {
    fuzzBytes("GraphDef bytes (scoping)", GraphDefs.export(SeedGraphs.scoping()).toByteArray(), 100_000,
        600 * FuzzRun.scale());
  }

  @Test
  void bytesOfTheGraphWithEveryOpType() throws Exception {
    fuzzBytes("GraphDef bytes (every op type)", GraphDefs.export(SeedGraphs.everyOpType()).toByteArray(), 600,
        1200 * FuzzRun.scale());
  }

  private void fuzzBytes(String format, byte[] valid, int maxTruncations, int randomCount) throws Exception {
    Path file = dir.resolve("graph.pb");
    FuzzRun run = new FuzzRun(format, SEED, Map.of(InvalidGraphDefException.class, file.toString()));
    List<Mutants.Mutant> mutants = new ArrayList<>(Mutants.truncations(valid, maxTruncations));
    mutants.addAll(Mutants.random(valid, SEED, randomCount));
    for (int i = 0; i < mutants.size(); i++) {
      byte[] bytes = mutants.get(i).bytes();
      Files.write(file, bytes);
      run.check(i, mutants.get(i).how(), bytes.length, () -> {
        Graph graph = GraphDefs.importGraphDef(file);
        assertWhole(GraphDef.parseFrom(bytes), graph);
      });
    }
    finish(run);
  }

  @Test
  void nodesOfTheGraphWithEveryOpType() {
    fuzzNodes("GraphDef nodes (every op type)", GraphDefs.export(SeedGraphs.everyOpType()), 1500);
  }

  @Test
  void nodesOfAConvolutionInACondWithGradients() {
    fuzzNodes("GraphDef nodes (conv, pool, cond, gradients)", GraphDefs.export(convolutionInACond()), 1000);
  }

  /** Mutants of one, two or three random changes each. */
  private static void fuzzNodes(String format, GraphDef valid, int count) {
    FuzzRun run = new FuzzRun(format, SEED, Map.of(InvalidGraphDefException.class, ""));
    Random random = new Random(SEED);
    for (int i = 0; i < count * FuzzRun.scale(); i++) {
      StringBuilder how = new StringBuilder();
      GraphDef mutant = mutate(valid, random, how);
      for (int more = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; more > 0; more--) {
        how.append("; ");
        mutant = mutate(mutant, random, how);
      }
      GraphDef def = mutant;
      run.check(i, how.toString(), def.getSerializedSize(), () -> assertWhole(def, GraphDefs.importGraphDef(def)));
    }
    finish(run);
  }

  /** A convolution, then max or average pooling in a {@code tf.cond}, and the gradients of their sum. */
  private static Graph convolutionInACond() {
    Graph graph = new Graph();
    Ops tf = Ops.on(graph);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "x");
    Tensor w = tf.placeholder(DType.FLOAT32, Shape.of(3, 3, 3, 2), "w");
    Tensor p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Tensor conv = tf.relu(tf.conv2d(x, w, 2, "SAME"));
    Tensor pooled = tf.cond(p, () -> tf.maxPool(conv, 2, 1, "VALID"), () -> tf.avgPool(conv, 2, 1, "SAME"));
    tf.gradients(tf.sum(tf.square(pooled)), List.of(x, w));
    return graph;
  }

  private static void finish(FuzzRun run) {
    SUMMARIES.add(run.summary());
    assertTrue(run.readOk() > 0 && run.rejected() > 0, run.summary()); // the mutants reach both outcomes
  }

  /** A successful import holds every node of the GraphDef, as its op type, with its name reserved. */
  private static void assertWhole(GraphDef def, Graph graph) {
    assertEquals(def.getNodeCount(), graph.size());
    for (NodeDef node : def.getNodeList()) {
      Operation op = graph.operation(node.getName());
      assertNotNull(op, node.getName());
      assertEquals(node.getOp(), op.type(), node.getName());
      assertNotEquals(node.getName(), graph.uniqueName(node.getName(), false), node.getName());
    }
  }

  /** Attr keys the runtime's op types read. */
  private static final String[] ATTR_KEYS = {"T", "dtype", "shape", "value", "N", "Tidx", "Tshape", "keep_dims",
      "transpose_a", "transpose_b", "DstT", "SrcT", "dtypes", "seed", "seed2", "validate_shape", "use_locking",
      "index_type", "Tpaddings", "axis", "Truncate"};

  /** One random change to one node, or to the GraphDef's order or versions. */
  static GraphDef mutate(GraphDef valid, Random r, StringBuilder how) {
    GraphDef.Builder def = valid.toBuilder();
    int i = r.nextInt(def.getNodeCount());
    NodeDef.Builder node = def.getNodeBuilder(i);
    int start = how.length();
    how.append("node ").append(i).append(" '").append(node.getName()).append("': ");
    switch (r.nextInt(11)) {
      case 0 -> {
        def.removeNode(i);
        how.append("removed");
      }
      case 1 -> {
        NodeDef copy = node.build();
        boolean rename = r.nextBoolean();
        def.addNode(r.nextInt(def.getNodeCount() + 1), rename ? copy.toBuilder().setName(copy.getName() + "_copy")
            .build() : copy);
        how.append(rename ? "copied under a new name" : "duplicated");
      }
      case 2 -> {
        List<String> types = new ArrayList<>(OpRegistry.types());
        String type = types.get(r.nextInt(types.size()));
        node.setOp(type);
        how.append("op type ").append(type);
      }
      case 3 -> {
        String input = junkInput(valid, r);
        if (node.getInputCount() > 0 && r.nextBoolean()) {
          int j = r.nextInt(node.getInputCount());
          node.setInput(j, input);
          how.append("input ").append(j).append(" '").append(input).append("'");
        } else {
          node.addInput(input);
          how.append("added input '").append(input).append("'");
        }
      }
      case 4 -> {
        List<String> keys = new ArrayList<>(node.getAttrMap().keySet());
        Collections.sort(keys);
        if (keys.isEmpty()) {
          how.append("no attr to remove");
        } else {
          String key = keys.get(r.nextInt(keys.size()));
          node.removeAttr(key);
          how.append("removed attr ").append(key);
        }
      }
      case 5, 6 -> {
        List<String> keys = new ArrayList<>(node.getAttrMap().keySet());
        Collections.sort(keys);
        String key = !keys.isEmpty() && r.nextBoolean() ? keys.get(r.nextInt(keys.size()))
            : ATTR_KEYS[r.nextInt(ATTR_KEYS.length)];
        AttrValue value = randomAttr(r);
        node.putAttr(key, value);
        how.append("attr ").append(key).append(" = ").append(value.toString().replace('\n', ' '));
      }
      case 7 -> {
        String device = new String[] {"/gpu0", "/job:ps/task:x", "/device:CPU:0:1", "", "/cpu:0", "//"}[r.nextInt(6)];
        node.setDevice(device);
        how.append("device '").append(device).append("'");
      }
      case 8 -> {
        String name = new String[] {"", "a:b", "^x", "x/", "/x", "_x", "a b", "x".repeat(300)}[r.nextInt(8)];
        node.setName(name);
        how.append("renamed '").append(name).append("'");
      }
      case 9 -> {
        List<NodeDef> nodes = new ArrayList<>(def.getNodeList());
        Collections.shuffle(nodes, r);
        def.clearNode().addAllNode(nodes);
        how.setLength(start);
        how.append("nodes shuffled");
      }
      default -> {
        long value = Mutants.HUGE[r.nextInt(Mutants.HUGE.length)];
        def.setVersions(VersionDef.newBuilder().setProducer((int) value).setMinConsumer(r.nextInt(3000))
            .addBadConsumers(r.nextInt(3000)));
        how.setLength(start);
        how.append("versions ").append(def.getVersions().toString().replace('\n', ' '));
      }
    }
    return def.build();
  }

  private static String junkInput(GraphDef def, Random r) {
    String other = def.getNode(r.nextInt(def.getNodeCount())).getName();
    return switch (r.nextInt(9)) {
      case 0 -> "";
      case 1 -> "^";
      case 2 -> other + ":";
      case 3 -> other + ":-1";
      case 4 -> other + ":" + r.nextInt(4);
      case 5 -> other + ":99999999999";
      case 6 -> "^" + other;
      case 7 -> other;
      default -> "missing:0";
    };
  }

  private static long randomDim(Random r) {
    return r.nextInt(3) == 0 ? Mutants.HUGE[r.nextInt(Mutants.HUGE.length)]
        : new long[] {-5, -1, 0, 1, 2, 3}[r.nextInt(6)];
  }

  private static TensorShapeProto randomShape(Random r) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    if (r.nextInt(8) == 0) {
      return shape.setUnknownRank(true).build();
    }
    int rank = r.nextInt(4);
    for (int d = 0; d < rank; d++) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(randomDim(r)));
    }
    return shape.build();
  }

  private static TensorProto randomTensor(Random r) {
    TensorProto.Builder t = TensorProto.newBuilder().setDtypeValue(r.nextInt(12)).setTensorShape(randomShape(r));
    int values = r.nextInt(4);
    switch (r.nextInt(4)) {
      case 0 -> {
        byte[] content = new byte[r.nextInt(17)];
        r.nextBytes(content);
        t.setTensorContent(ByteString.copyFrom(content));
      }
      case 1 -> {
        for (int k = 0; k < values; k++) {
          t.addFloatVal(r.nextFloat());
          t.addIntVal(r.nextInt());
        }
      }
      case 2 -> {
        for (int k = 0; k < values; k++) {
          t.addStringVal(ByteString.copyFromUtf8("s" + k));
          t.addBoolVal(r.nextBoolean());
        }
      }
      default -> { } // no values: zeros
    }
    return t.build();
  }

  private static AttrValue randomAttr(Random r) {
    AttrValue.Builder a = AttrValue.newBuilder();
    return switch (r.nextInt(9)) {
      case 0 -> a.setS(ByteString.copyFromUtf8(new String[] {"", "SAME", "\0", "NHWC", "x/y"}[r.nextInt(5)])).build();
      case 1 -> a.setI(r.nextBoolean() ? Mutants.HUGE[r.nextInt(Mutants.HUGE.length)] : r.nextInt(7) - 2).build();
      case 2 -> a.setF(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, 1.5f}[r.nextInt(4)]).build();
      case 3 -> a.setB(r.nextBoolean()).build();
      case 4 -> a.setTypeValue(r.nextInt(8) == 0 ? 999 : r.nextInt(25)).build();
      case 5 -> a.setShape(randomShape(r)).build();
      case 6 -> a.setTensor(randomTensor(r)).build();
      case 7 -> {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
          switch (r.nextInt(5)) {
            case 0 -> list.addI(randomDim(r));
            case 1 -> list.addTypeValue(r.nextInt(25));
            case 2 -> list.addShape(randomShape(r));
            case 3 -> list.addS(ByteString.copyFromUtf8("s"));
            default -> list.addTensor(randomTensor(r));
          }
        }
        yield a.setList(list).build();
      }
      default -> a.setPlaceholder("T").build();
    };
  }
}
