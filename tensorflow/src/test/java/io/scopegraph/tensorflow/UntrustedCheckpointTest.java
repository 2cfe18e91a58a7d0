package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SaveSliceInfoDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.TensorSliceProto;
import org.tensorflow.proto.VariableDef;
import org.tensorflow.proto.VersionDef;

/**
 * Fuzzed checkpoints: mutants of the {@code .index} (raw, raw with the block checksums made to match again, and
 * entries rewritten with huge or wrong fields), of the {@code .data} shard, of the {@code checkpoint} state file and
 * of the {@code .meta} file, all written by the project (a {@link CheckpointWriter} checkpoint of every dtype with a
 * partitioned tensor, and a {@link Saver}'s). Reading every tensor either succeeds with the shapes the index states
 * or throws a {@link CorruptCheckpointException} naming the checkpoint; see {@link FuzzRun} for the rest.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a safety net against hangs, not a speed assertion
class UntrustedCheckpointTest {
  private static final long SEED = FuzzRun.seed();
  private static final List<String> SUMMARIES = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  private String prefix;
  private Path index;
  private Path data;
  private byte[] validIndex;
  private byte[] validData;

  @AfterAll
  static void printCounts() {
    SUMMARIES.forEach(System.out::println);
  }

  /** A checkpoint of every dtype the runtime has, a scalar, an empty tensor and a tensor saved in two slices. */
  @BeforeEach
  void writeCheckpoint() throws IOException {
    prefix = dir.resolve("model.ckpt-7").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      w.add("dense/kernel", NdArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}))
          .add("dense/bias", NdArray.of(0.5, -0.5, 1e300))
          .add("global_step", NdArray.scalar(7L))
          .add("counts", NdArray.of(new int[] {3, 1, 4, 1, 5}))
          .add("mask", NdArray.of(new boolean[] {true, false, true}))
          .add("vocab", NdArray.of("a", "", "hello", "wörld"))
          .add("empty", NdArray.create(io.scopegraph.DType.FLOAT32, Shape.of(0, 3), new float[0]))
          .add("emb", "6 2 0,3:-", NdArray.of(new float[][] {{0, 1}, {2, 3}, {4, 5}}))
          .add("emb", "6 2 3,3:-", NdArray.of(new float[][] {{6, 7}, {8, 9}, {10, 11}}))
          .finish();
    }
    index = Path.of(prefix + ".index");
    data = Path.of(prefix + ".data-00000-of-00001");
    validIndex = Files.readAllBytes(index);
    validData = Files.readAllBytes(data);
  }

  /** Opens the checkpoint and reads every tensor, whole and (the partitioned one) in a slice across both parts. */
  private void readEverything() {
    try (CheckpointReader reader = CheckpointReader.open(prefix)) {
      for (String key : reader.keys()) {
        reader.dtypeName(key);
        Shape shape = reader.shape(key);
        NdArray value = reader.read(key);
        assertEquals(shape, value.shape(), key);
      }
      if (reader.contains("emb") && reader.shape("emb").equals(Shape.of(6, 2))) {
        assertEquals(Shape.of(2, 2), reader.read("emb", "6 2 2,2:-").shape());
      }
    }
  }

  /**
   * Damage is a {@link CorruptCheckpointException}; two valid checkpoints the reader cannot read whole are
   * documented too: a dtype the runtime lacks (float16), and a partitioned tensor whose slices do not cover it.
   */
  private FuzzRun run(String format) {
    return new FuzzRun(format, SEED, Map.of(CorruptCheckpointException.class, prefix, CheckpointException.class,
        "which the scopegraph runtime does not support (float32", CheckpointMismatchException.class,
        "Does not have sufficient slices for partitioned tensor"));
  }

  private void finish(FuzzRun run) {
    SUMMARIES.add(run.summary());
    assertTrue(run.readOk() > 0 && run.rejected() > 0, run.summary());
  }

  @Test
  void indexBytes() throws IOException {
    FuzzRun run = run("checkpoint .index bytes");
    List<Mutants.Mutant> mutants = new ArrayList<>(Mutants.truncations(validIndex, 100_000));
    List<TableFormat.BlockHandle> blocks = blocks(validIndex);
    Random random = new Random(SEED);
    for (int i = 0; i < 1500 * FuzzRun.scale(); i++) {
      Mutants.Mutant m = Mutants.one(validIndex, random);
      boolean repair = i % 2 == 1 && m.bytes().length == validIndex.length;
      mutants.add(repair ? new Mutants.Mutant(m.how() + ", block checksums recomputed", repairBlocks(m.bytes(), blocks))
          : m);
    }
    for (int i = 0; i < mutants.size(); i++) {
      Files.write(index, mutants.get(i).bytes());
      run.check(i, mutants.get(i).how(), mutants.get(i).bytes().length, this::readEverything);
    }
    finish(run);
  }

  @Test
  void dataBytes() throws IOException {
    FuzzRun run = run("checkpoint .data bytes");
    List<Mutants.Mutant> mutants = new ArrayList<>(Mutants.truncations(validData, 100_000));
    mutants.addAll(Mutants.random(validData, SEED, 500 * FuzzRun.scale()));
    for (int i = 0; i < mutants.size(); i++) {
      Files.write(data, mutants.get(i).bytes());
      run.check(i, mutants.get(i).how(), mutants.get(i).bytes().length, this::readEverything);
    }
    finish(run);
  }

  @Test
  void indexEntries() throws IOException {
    FuzzRun run = run("checkpoint .index entries");
    BundleHeaderProto header = BundleHeaderProto.parseFrom(TableReader.readAll(index).get(0).value());
    List<CheckpointTestFiles.IndexEntry> entries = CheckpointTestFiles.readIndex(index);
    Random random = new Random(SEED);
    for (int i = 0; i < 1000 * FuzzRun.scale(); i++) {
      StringBuilder how = new StringBuilder();
      List<CheckpointTestFiles.IndexEntry> mutated = new ArrayList<>(entries);
      BundleHeaderProto h = header;
      if (random.nextInt(8) == 0) {
        h = mutateHeader(header, random, how);
      } else {
        int e = random.nextInt(mutated.size());
        how.append("entry '").append(new String(mutated.get(e).key(), java.nio.charset.StandardCharsets.UTF_8))
            .append("': ");
        mutated.set(e, new CheckpointTestFiles.IndexEntry(mutated.get(e).key(),
            mutateEntry(mutated.get(e).entry(), random, how)));
      }
      CheckpointTestFiles.writeIndex(index, h, mutated);
      run.check(i, how.toString(), Files.size(index) + validData.length, this::readEverything);
    }
    finish(run);
  }

  private static long huge(Random r) {
    return Mutants.HUGE[r.nextInt(Mutants.HUGE.length)];
  }

  private static BundleHeaderProto mutateHeader(BundleHeaderProto header, Random r, StringBuilder how) {
    BundleHeaderProto.Builder h = header.toBuilder();
    switch (r.nextInt(4)) {
      case 0 -> h.setNumShards(new int[] {0, -1, 2, Integer.MAX_VALUE}[r.nextInt(4)]);
      case 1 -> h.setEndianness(BundleHeaderProto.Endianness.BIG);
      case 2 -> h.setVersion(VersionDef.newBuilder().setProducer(r.nextInt(3) - 1).setMinConsumer(r.nextInt(3)));
      default -> h.setEndiannessValue(7);
    }
    how.append("header ").append(h.build().toString().replace('\n', ' '));
    return h.build();
  }

  private static BundleEntryProto mutateEntry(BundleEntryProto entry, Random r, StringBuilder how) {
    BundleEntryProto.Builder e = entry.toBuilder();
    switch (r.nextInt(9)) {
      case 0 -> e.setOffset(r.nextBoolean() ? huge(r) : r.nextInt(200));
      case 1 -> e.setSize(r.nextBoolean() ? huge(r) : Math.max(0, entry.getSize() + r.nextInt(9) - 4));
      case 2 -> e.setShardId(new int[] {-1, 1, Integer.MAX_VALUE}[r.nextInt(3)]);
      case 3 -> e.setDtypeValue(r.nextInt(8) == 0 ? 999 : r.nextInt(25));
      case 4 -> {
        TensorShapeProto.Builder shape = e.getShapeBuilder();
        if (shape.getDimCount() > 0 && r.nextBoolean()) {
          shape.setDim(r.nextInt(shape.getDimCount()), TensorShapeProto.Dim.newBuilder()
              .setSize(r.nextBoolean() ? huge(r) : r.nextInt(10) - 1));
        } else if (r.nextBoolean()) {
          shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(r.nextBoolean() ? huge(r) : r.nextInt(4)));
        } else {
          shape.setUnknownRank(true);
        }
      }
      case 5 -> e.setCrc32C(r.nextInt());
      case 6 -> {
        TensorSliceProto.Builder slice = TensorSliceProto.newBuilder();
        int rank = r.nextInt(3);
        for (int d = 0; d < rank; d++) {
          TensorSliceProto.Extent.Builder extent = slice.addExtentBuilder();
          if (r.nextBoolean()) {
            extent.setStart(r.nextBoolean() ? huge(r) : r.nextInt(7)).setLength(r.nextBoolean() ? huge(r)
                : r.nextInt(7));
          }
        }
        e.addSlices(slice);
      }
      case 7 -> {
        if (e.getSlicesCount() > 0) {
          e.removeSlices(r.nextInt(e.getSlicesCount()));
        } else {
          e.setShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(1L << 40)))
              .setSize(4L << 40);
        }
      }
      default -> {
        if (e.getSlicesCount() > 0) {
          e.addSlices(e.getSlices(r.nextInt(e.getSlicesCount()))); // overlapping
        } else {
          e.setOffset(huge(r)).setSize(huge(r));
        }
      }
    }
    how.append(e.build().toString().replace('\n', ' '));
    return e.build();
  }

  /** The blocks of a valid table: each data block the index block names, the metaindex block, the index block. */
  static List<TableFormat.BlockHandle> blocks(byte[] table) {
    ByteCursor footer = new ByteCursor(table, table.length - TableFormat.FOOTER_LENGTH, table.length, "footer");
    TableFormat.BlockHandle meta = TableFormat.readHandle(footer);
    TableFormat.BlockHandle indexBlock = TableFormat.readHandle(footer);
    List<TableFormat.BlockHandle> blocks = new ArrayList<>(List.of(meta, indexBlock));
    int off = (int) indexBlock.offset();
    int restarts = new ByteCursor(table, off + (int) indexBlock.size() - 4, off + (int) indexBlock.size(), "index")
        .fixed32();
    ByteCursor in = new ByteCursor(table, off, off + (int) indexBlock.size() - 4 - 4 * restarts, "index");
    while (in.hasRemaining()) {
      in.varint32(); // shared
      int nonShared = in.varint32();
      int valueLength = in.varint32();
      in.skip(nonShared);
      int value = in.skip(valueLength);
      blocks.add(TableFormat.readHandle(new ByteCursor(table, value, value + valueLength, "handle")));
    }
    return blocks;
  }

  /** The trailers of the given blocks recomputed, so that damage inside them reaches the block parser. */
  static byte[] repairBlocks(byte[] table, List<TableFormat.BlockHandle> blocks) {
    byte[] b = table.clone();
    for (TableFormat.BlockHandle h : blocks) {
      int off = (int) h.offset();
      int size = (int) h.size();
      int crc = TableFormat.trailerCrc(b, off, size, b[off + size]);
      for (int i = 0; i < 4; i++) {
        b[off + size + 1 + i] = (byte) (crc >>> (8 * i));
      }
    }
    return b;
  }

  @Test
  void saverFiles() throws IOException {
    Graph graph = SeedGraphs.scoping();
    Saver saver = Saver.builder(graph).saveRelativePaths(true).build(); // no temporary directory in the state file
    Path runDir = dir.resolve("run");
    String saved;
    try (Session session = new Session(graph)) {
      session.run(graph.operation("init"));
      saved = saver.save(session, runDir.resolve("model.ckpt").toString(), 3);
    }
    byte[] validState = Files.readAllBytes(runDir.resolve(CheckpointState.DEFAULT_FILENAME));
    // CheckpointState.read logs a state file that is not text format and returns null, as TensorFlow does; parse
    // is what it runs, and says why.
    FuzzRun stateRun = new FuzzRun("checkpoint state file", SEED, Map.of(IllegalArgumentException.class,
        "Not a checkpoint state: "));
    List<Mutants.Mutant> mutants = new ArrayList<>(Mutants.truncations(validState, 100_000));
    mutants.addAll(Mutants.random(validState, SEED, 500 * FuzzRun.scale()));
    mutants.add(new Mutants.Mutant("nested 100000 deep", ("a {".repeat(100_000) + "}".repeat(100_000))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    for (int i = 0; i < mutants.size(); i++) {
      String text = new String(mutants.get(i).bytes(), java.nio.charset.StandardCharsets.UTF_8);
      stateRun.check(i, mutants.get(i).how(), mutants.get(i).bytes().length, () -> CheckpointState.parse(text));
    }
    finish(stateRun);

    Path meta = Path.of(saved + ".meta");
    byte[] validMeta = Files.readAllBytes(meta);
    FuzzRun metaRun = new FuzzRun("MetaGraph .meta bytes", SEED, Map.of(CorruptCheckpointException.class,
        meta.toString(), InvalidGraphDefException.class, meta.toString()));
    mutants = new ArrayList<>(Mutants.truncations(validMeta, 400));
    mutants.addAll(Mutants.random(validMeta, SEED, 600 * FuzzRun.scale()));
    for (int i = 0; i < mutants.size(); i++) {
      Files.write(meta, mutants.get(i).bytes());
      metaRun.check(i, mutants.get(i).how(), mutants.get(i).bytes().length,
          () -> MetaGraphs.importMetaGraph(meta.toString()));
    }
    finish(metaRun);

    MetaGraphDef validDef = MetaGraphDef.parseFrom(validMeta);
    FuzzRun defRun = new FuzzRun("MetaGraph collections and saver_def", SEED,
        Map.of(InvalidGraphDefException.class, ""));
    Random random = new Random(SEED);
    for (int i = 0; i < 500 * FuzzRun.scale(); i++) {
      StringBuilder how = new StringBuilder();
      MetaGraphDef mutant = mutateMeta(validDef, random, how);
      defRun.check(i, how.toString(), mutant.getSerializedSize(), () -> {
        MetaGraphs.MetaGraph imported = MetaGraphs.importMetaGraph(mutant);
        assertEquals(mutant.getGraphDef().getNodeCount(), imported.graph().size());
        assertEquals(mutant.hasSaverDef(), imported.saver() != null);
      });
    }
    finish(defRun);
  }

  /** One random change to the saver_def, a collection, or a VariableDef in one (names missing or of other nodes). */
  private static MetaGraphDef mutateMeta(MetaGraphDef valid, Random r, StringBuilder how) {
    MetaGraphDef.Builder meta = valid.toBuilder();
    List<String> nodes = meta.getGraphDef().getNodeList().stream().map(NodeDef::getName).toList();
    String name = switch (r.nextInt(4)) {
      case 0 -> "missing";
      case 1 -> nodes.get(r.nextInt(nodes.size())) + ":" + (r.nextInt(3) - 1);
      default -> nodes.get(r.nextInt(nodes.size()));
    };
    List<String> keys = new ArrayList<>(meta.getCollectionDefMap().keySet());
    Collections.sort(keys);
    int what = r.nextInt(4);
    if (what == 0) {
      SaverDef.Builder saver = meta.getSaverDefBuilder();
      switch (r.nextInt(3)) {
        case 0 -> saver.setRestoreOpName(name);
        case 1 -> saver.setFilenameTensorName(name);
        default -> saver.setSaveTensorName(name);
      }
      how.append("saver_def ").append(saver.build().toString().replace('\n', ' '));
      return meta.build();
    }
    String key = keys.get(r.nextInt(keys.size()));
    CollectionDef def = meta.getCollectionDefOrThrow(key);
    if (what == 1 || !def.hasBytesList() || def.getBytesList().getValueCount() == 0) {
      meta.putCollectionDef(key, CollectionDef.newBuilder().setNodeList(CollectionDef.NodeList.newBuilder()
          .addValue(name)).build());
      how.append("collection ").append(key).append(" = node_list [").append(name).append("]");
      return meta.build();
    }
    VariableDef.Builder v;
    try {
      v = VariableDef.parseFrom(def.getBytesList().getValue(0)).toBuilder();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    switch (r.nextInt(5)) {
      case 0 -> v.setVariableName(name);
      case 1 -> v.setInitializerName(name);
      case 2 -> v.setSnapshotName(name);
      case 3 -> v.setInitialValueName(name);
      default -> v.setSaveSliceInfoDef(SaveSliceInfoDef.newBuilder().setFullName("x")
          .addFullShape(r.nextInt(4) - 2).addVarOffset(r.nextBoolean() ? huge(r) : r.nextInt(3))
          .addVarShape(r.nextBoolean() ? huge(r) : r.nextInt(3) - 1));
    }
    meta.putCollectionDef(key, def.toBuilder().setBytesList(def.getBytesList().toBuilder()
        .setValue(0, v.build().toByteString())).build());
    how.append("collection ").append(key).append(" VariableDef ").append(v.build().toString().replace('\n', ' '));
    return meta.build();
  }
}
