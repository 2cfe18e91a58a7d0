package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.TensorProto;

/** One test per bug the fuzz tests ({@code Untrusted*Test}) found, each with the file that showed it. */
class FuzzFoundBugsTest {
  @TempDir
  Path dir;

  private static <T extends com.google.protobuf.Message> T parse(String text, Class<T> type) {
    try {
      return TextFormat.parse(text, type);
    } catch (TextFormat.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static String importError(String graphDefText) {
    GraphDef def = parse(graphDefText, GraphDef.class);
    return assertThrows(InvalidGraphDefException.class, () -> GraphDefs.importGraphDef(def)).getMessage();
  }

  private static final String FLOAT_X = """
      node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "shape" value { shape { dim { size: 4 } dim { size: 2 } } } } }
      """;

  @Test
  @DisplayName("a tensor of 2^40 elements: ArithmeticException (integer overflow) from deep inside the import")
  void tensorCountOverflow() {
    TensorProto huge = parse("dtype: DT_FLOAT tensor_shape { dim { size: 3 } dim { size: 1099511627776 } }"
        + " tensor_content: \"abcd\"", TensorProto.class);
    assertEquals("Attr 'value' of node 'n' is a tensor of shape (3, 1099511627776), more elements than a Java array "
        + "holds", assertThrows(IllegalArgumentException.class, () -> TensorProtos.fromProto(huge,
            "Attr 'value' of node 'n'")).getMessage());
    // dims whose product overflows to 0 were taken for an empty tensor of that shape
    TensorProto wraps = parse("dtype: DT_FLOAT tensor_shape { dim { size: 4294967296 } dim { size: 4294967296 } }",
        TensorProto.class);
    assertThrows(IllegalArgumentException.class, () -> TensorProtos.fromProto(wraps, "t"));
    // a zero dimension still makes an empty tensor, however large the others
    assertEquals(0, TensorProtos.fromProto(parse("dtype: DT_FLOAT tensor_shape { dim { size: 4294967296 } dim {} }",
        TensorProto.class), "t").size());
  }

  @Test
  @DisplayName("a constant of 2^28 elements holding one value was filled in: 1 GiB allocated for a 20-byte proto")
  void filledTensorIsBounded() {
    TensorProto filled = parse("dtype: DT_FLOAT tensor_shape { dim { size: 268435456 } } float_val: 1",
        TensorProto.class);
    assertEquals("t is a tensor of shape (268435456,) (268435456 elements) holding 1 values; filling in more than "
        + "16777216 elements is refused", assertThrows(IllegalArgumentException.class,
            () -> TensorProtos.fromProto(filled, "t")).getMessage());
    TensorProto strings = parse("dtype: DT_STRING tensor_shape { dim { size: 100000000 } } tensor_content: \"\\001a\"",
        TensorProto.class);
    assertEquals("t has 2 bytes of string tensor_content, too few for 100000000 strings",
        assertThrows(IllegalArgumentException.class, () -> TensorProtos.fromProto(strings, "t")).getMessage());
    // up to the bound, TensorFlow's filling still works (tf.zeros stores one value)
    assertEquals(1000, TensorProtos.fromProto(parse("dtype: DT_STRING tensor_shape { dim { size: 1000 } } "
        + "string_val: \"z\"", TensorProto.class), "t").size());
  }

  @Test
  @DisplayName("RestoreV2 with a list of shapes as 'dtypes': ClassCastException from its shape function")
  void restoreV2DtypesOfTheWrongKind() {
    String message = importError("""
        node { name: "prefix" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
               attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {} string_val: "m" } } } }
        node { name: "names" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
               attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 1 } }
                                                    string_val: "v" } } } }
        node { name: "restore" op: "RestoreV2" input: "prefix" input: "names" input: "names"
               attr { key: "dtypes" value { list { shape { dim { size: 3 } } } } } }
        """);
    assertEquals("Attr 'dtypes' of node 'restore' (op 'RestoreV2') must be a list of types, got [(3,)]", message);
    assertEquals("Attr 'dtypes' of node 'restore' is a list mixing 2 kinds of values: i: 1 type: DT_FLOAT",
        importError("""
            node { name: "restore" op: "RestoreV2" attr { key: "dtypes" value { list { i: 1 type: DT_FLOAT } } } }
            """));
  }

  @Test
  @DisplayName("Pad with scalar paddings: ArrayIndexOutOfBoundsException from its shape function")
  void padWithScalarPaddings() {
    assertEquals("Paddings of 'pad' (op 'Pad') must be a matrix of shape [2, 2], got ()", importError(FLOAT_X + """
        node { name: "p" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
               attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } } }
        node { name: "pad" op: "Pad" input: "x" input: "p" attr { key: "T" value { type: DT_FLOAT } } }
        """));
  }

  @Test
  @DisplayName("ConcatV2 with N = Infinity or 2^40: ArithmeticException from its input count")
  void concatWithBadN() {
    for (String n : new String[] {"f: Infinity", "i: 1099511627776", "i: -1"}) {
      assertEquals("Node 'c' (op 'ConcatV2') has attr N = " + (n.startsWith("f") ? "Infinity" : n.substring(3))
          + ", which is not a count of its 2 input(s)", importError(FLOAT_X + """
          node { name: "axis" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
                 attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
          node { name: "c" op: "ConcatV2" input: "x" input: "axis" attr { key: "T" value { type: DT_FLOAT } }
                 attr { key: "N" value { %s } } }
          """.formatted(n)));
    }
  }

  @Test
  @DisplayName("an empty tensor of shape [2^63 - 1, 0] in an error message: OutOfMemoryError printing it")
  void emptyTensorWithHugeDimensionPrints() {
    NdArray empty = NdArray.create(DType.INT32, Shape.of(Long.MAX_VALUE, 0), new int[0]);
    assertEquals("[] of shape (9223372036854775807, 0)", empty.toString());
    assertEquals("[]", NdArray.create(DType.INT32, Shape.of(0), new int[0]).toString());
    String message = importError(FLOAT_X + """
        node { name: "y" op: "Relu" input: "x" attr { key: "T" value { tensor { dtype: DT_INT32
               tensor_shape { dim { size: 9223372036854775807 } dim { } } } } } }
        """);
    assertTrue(message.contains("[] of shape (9223372036854775807, 0)"), message);
  }

  @Test
  @DisplayName("SplitV with fewer size_splits than num_split: ArrayIndexOutOfBoundsException from its shape function")
  void splitVWithShortSizes() {
    String consts = """
        node { name: "sizes" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
               attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape { dim { size: 2 } }
                                                    int64_val: 1 int64_val: 3 } } } }
        node { name: "axis" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
               attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: %d } } } }
        node { name: "split" op: "SplitV" input: "x" input: "sizes" input: "axis"
               attr { key: "T" value { type: DT_FLOAT } } attr { key: "Tlen" value { type: DT_INT64 } }
               attr { key: "num_split" value { i: %d } } }
        """;
    assertEquals("size_splits of 'split' (op 'SplitV') has 2 values for num_split 3",
        importError(FLOAT_X + consts.formatted(0, 3)));
    assertEquals("split_dim of 'split' (op 'SplitV') must be a scalar in [-2, 2), got [5]",
        importError(FLOAT_X + consts.formatted(5, 2)));
    assertEquals("Node 'split' (op 'SplitV') has attr num_split = 4294967296; an imported node may have 1 to 65536 "
        + "outputs", importError(FLOAT_X + consts.formatted(0, 1L << 32)));
  }

  @Test
  @DisplayName("Conv2D with strides [\"s\"]: ClassCastException from its shape function")
  void convWithStridesOfTheWrongKind() {
    assertEquals("Node 'conv' (op 'Conv2D'): Expected a list of ints, got [s]", importError("""
        node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: 1 } dim { size: 8 } dim { size: 8 }
                                                   dim { size: 3 } } } } }
        node { name: "w" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
               attr { key: "shape" value { shape { dim { size: 3 } dim { size: 3 } dim { size: 3 }
                                                   dim { size: 2 } } } } }
        node { name: "conv" op: "Conv2D" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "strides" value { list { s: "s" } } } attr { key: "padding" value { s: "SAME" } } }
        """));
  }

  @Test
  @DisplayName("Split with an empty split_dim: ArrayIndexOutOfBoundsException from its shape function")
  void splitWithEmptySplitDim() {
    assertEquals("split_dim must be a scalar, but has 0 values for 'split' (op: 'Split') with input shapes: [0], "
        + "[4,2].", importError(FLOAT_X + """
        node { name: "dim" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
               attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 0 } } } } } }
        node { name: "split" op: "Split" input: "dim" input: "x" attr { key: "T" value { type: DT_FLOAT } }
               attr { key: "num_split" value { i: 2 } } }
        """));
  }

  @Test
  @DisplayName("a checkpoint state file nesting unknown fields 100000 deep: StackOverflowError")
  void deeplyNestedStateFile() throws IOException {
    String nested = "model_checkpoint_path: \"m\"\nx {" + " y {".repeat(100_000) + "}".repeat(100_001);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointState.parse(nested));
    assertEquals("Not a checkpoint state: 2:403 : Expected at most 100 nested messages.", e.getMessage());
    Files.writeString(dir.resolve("checkpoint"), nested);
    assertEquals(null, CheckpointState.read(dir)); // logged and ignored, as TensorFlow does with a bad state file
    String shallow = "model_checkpoint_path: \"m\"\nx {" + " y {".repeat(99) + "}".repeat(100);
    assertEquals("m", CheckpointState.parse(shallow).modelCheckpointPath());
  }

  @Test
  @DisplayName("checkpoint entries with dtype DT_INVALID or 2^40 elements: errors not naming the file")
  void checkpointEntriesNameTheFile() {
    String prefix = dir.resolve("model").toString();
    Path index = Path.of(prefix + ".index");
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("a", NdArray.of(1f, 2f)).finish();
    }
    BundleEntryProto a = CheckpointTestFiles.readIndex(index).get(0).entry();
    CheckpointTestFiles.writeIndex(index, CheckpointTestFiles.header(1), List.of(
        new CheckpointTestFiles.IndexEntry("a", a.toBuilder().setDtype(DataType.DT_INVALID).build()),
        new CheckpointTestFiles.IndexEntry("b", a.toBuilder().setShape(TensorShapes.toProto(Shape.of(1L << 40)))
            .setSize(4L << 40).build()),
        new CheckpointTestFiles.IndexEntry("c", a.toBuilder().setShape(TensorShapes.toProto(Shape.of(1L << 62)))
            .build())));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(index + ": entry a has no valid dtype (enum value 0)",
          assertThrows(CorruptCheckpointException.class, () -> r.read("a")).getMessage());
      assertEquals(prefix + ".data-00000-of-00001: entry b spans bytes [0, 4398046511104) but the file has 8 bytes",
          assertThrows(CorruptCheckpointException.class, () -> r.read("b")).getMessage());
      assertEquals(prefix + ".data-00000-of-00001: Invalid size in bundle entry: key c; 4611686018427387904 elements "
          + "of 4 bytes", assertThrows(CorruptCheckpointException.class, () -> r.read("c")).getMessage());
    }
  }

  @Test
  @DisplayName("a .meta whose VariableDef names a missing initializer: a plain IllegalArgumentException, no file named")
  void metaGraphErrorsNameTheFile() throws IOException {
    Graph graph = SeedGraphs.scoping();
    Path meta = dir.resolve("model.meta");
    Saver saver = new Saver(graph);
    MetaGraphs.write(MetaGraphs.export(graph, saver).toBuilder().putCollectionDef(Graph.TRAINABLE_VARIABLES,
        org.tensorflow.proto.CollectionDef.newBuilder().setBytesList(org.tensorflow.proto.CollectionDef.BytesList
            .newBuilder().addValue(MetaGraphs.variableDef(saver.variables().get(0)).toBuilder()
                .setInitializerName("gone/Assign").build().toByteString())).build()).build(), meta);
    InvalidGraphDefException e = assertThrows(InvalidGraphDefException.class,
        () -> MetaGraphs.importMetaGraph(meta.toString()));
    assertEquals(meta + ": VariableDef of b:0 names initializer gone/Assign, which the graph lacks",
        e.getMessage());
  }

  @Test
  @DisplayName("a .meta collection naming tensor 'x:-1': IndexOutOfBoundsException from Graph.tensor")
  void metaGraphCollectionWithNegativeIndex() {
    Graph graph = SeedGraphs.scoping();
    org.tensorflow.proto.MetaGraphDef meta = MetaGraphs.export(graph, null).toBuilder().putCollectionDef("c",
        org.tensorflow.proto.CollectionDef.newBuilder().setNodeList(org.tensorflow.proto.CollectionDef.NodeList
            .newBuilder().addValue("init:-1")).build()).build();
    assertEquals("Collection 'c' names 'init:-1', which the graph lacks",
        assertThrows(InvalidGraphDefException.class, () -> MetaGraphs.importMetaGraph(meta)).getMessage());
    assertEquals(null, graph.tensor("init:-1"));
    assertEquals("A tensor name has the form op_name:index, got 'init:x'",
        assertThrows(IllegalArgumentException.class, () -> graph.tensor("init:x")).getMessage());
  }

  @Test
  @DisplayName("TFRecord errors were plain IOExceptions that did not name the file")
  void tfRecordErrorsNameTheFile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TfRecordWriter w = new TfRecordWriter(bytes)) {
      w.write(new byte[] {1, 2, 3});
    }
    byte[] file = bytes.toByteArray();
    Path path = dir.resolve("r.tfrecord");
    Files.write(path, UntrustedRecordsTest.repairCrcs(withLength(file, 0x7fff_fff0L)));
    CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> TfRecordReader.readAll(path));
    assertEquals(path + ": Truncated TFRecord at offset 0: its length is 2147483632 bytes, but only 7 bytes follow "
        + "its header", e.getMessage());
    Files.write(path, java.util.Arrays.copyOf(file, 14));
    assertEquals(path + ": Truncated TFRecord at offset 0: its length is 3 bytes, but only 2 bytes follow its header",
        assertThrows(CorruptRecordException.class, () -> TfRecordReader.readAll(path)).getMessage());
  }

  private static byte[] withLength(byte[] record, long length) {
    byte[] b = record.clone();
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (length >>> (8 * i));
    }
    return b;
  }
}
