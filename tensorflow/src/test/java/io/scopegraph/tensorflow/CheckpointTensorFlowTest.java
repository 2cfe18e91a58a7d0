package io.scopegraph.tensorflow;

import static io.scopegraph.tensorflow.CheckpointTestFiles.hex;
import static io.scopegraph.tensorflow.CheckpointTestFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TString;

/**
 * Checkpoints against real TensorFlow (TensorFlow Java 1.1.0, TF 2.18): TensorFlow's {@code SaveV2} writes,
 * scopegraph reads; scopegraph writes the same tensors byte for byte; TensorFlow's {@code RestoreV2} reads
 * what scopegraph writes, whole and in slices.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class CheckpointTensorFlowTest {
  @TempDir
  Path dir;

  /** One {@code SaveV2} input: key, shape-and-slice spec, value. */
  private record Saved(String key, String spec, NdArray value) {}

  private static NdArray ramp(DType dtype, long... dims) {
    Shape shape = Shape.of(dims);
    double[] v = new double[(int) shape.numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 1.25 - 3;
    }
    return NdArray.create(DType.FLOAT64, shape, v).cast(dtype);
  }

  /** Every dtype, nested scope-like names, a partitioned tensor saved as two slices. */
  private static List<Saved> tensors() {
    return List.of(
        new Saved("a/b/c", "", ramp(DType.FLOAT32, 2, 3)),
        new Saved("a/b/c/Adam", "", ramp(DType.FLOAT32, 2, 3).cast(DType.FLOAT64).cast(DType.FLOAT32)),
        new Saved("double", "", ramp(DType.FLOAT64, 4)),
        new Saved("flags", "", NdArray.of(true, false, true)),
        new Saved("global_step", "", NdArray.scalar(1000L)),
        new Saved("ints", "", ramp(DType.INT32, 3, 1, 2)),
        new Saved("names", "", NdArray.of("", "hello", "x".repeat(300), "\u00e9\u00e8")),
        new Saved("part", "4 2 0,2:0,2", ramp(DType.FLOAT32, 2, 2)),
        new Saved("part", "4 2 2,2:0,2", ramp(DType.FLOAT32, 2, 2).cast(DType.INT32).cast(DType.FLOAT32)),
        new Saved("scalar_string", "", NdArray.scalar("checkpoint")),
        new Saved("z/empty", "", NdArray.create(DType.FLOAT32, Shape.of(0, 3), new float[0])));
  }

  private static Output<?> placeholder(Graph g, String name, DataType dtype) {
    return g.opBuilder("Placeholder", name, g.baseScope()).setAttr("dtype", dtype).build().output(0);
  }

  private static TString strings(List<String> values) {
    return TString.vectorOf(values.toArray(String[]::new));
  }

  /** Runs {@code SaveV2} on TensorFlow, with the inputs in the given order. */
  private static void tfSave(String prefix, List<Saved> tensors) {
    List<Tensor> fed = new ArrayList<>();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Output<?>[] inputs = new Output<?>[tensors.size()];
      Session.Runner run = s.runner();
      for (int i = 0; i < inputs.length; i++) {
        NdArray v = tensors.get(i).value();
        inputs[i] = placeholder(g, "t" + i, DataTypes.toProto(v.dtype()));
        Tensor t = TfTensors.toTensorFlow(v);
        fed.add(t);
        run.feed("t" + i, t);
      }
      g.opBuilder("SaveV2", "save", g.baseScope()).addInput(placeholder(g, "prefix", DataType.DT_STRING))
          .addInput(placeholder(g, "names", DataType.DT_STRING)).addInput(placeholder(g, "specs", DataType.DT_STRING))
          .addInputList(inputs).build();
      fed.add(TString.scalarOf(prefix));
      fed.add(strings(tensors.stream().map(Saved::key).toList()));
      fed.add(strings(tensors.stream().map(Saved::spec).toList()));
      run.feed("prefix", fed.get(fed.size() - 3)).feed("names", fed.get(fed.size() - 2))
          .feed("specs", fed.get(fed.size() - 1)).addTarget("save").run().close();
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** Runs {@code RestoreV2} on TensorFlow: the tensors (or slices) of {@code keys}. */
  private static List<NdArray> tfRestore(String prefix, List<String> keys, List<String> specs, List<DType> dtypes) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TString p = TString.scalarOf(prefix); TString k = strings(keys); TString sp = strings(specs)) {
      g.opBuilder("RestoreV2", "restore", g.baseScope()).addInput(placeholder(g, "prefix", DataType.DT_STRING))
          .addInput(placeholder(g, "names", DataType.DT_STRING)).addInput(placeholder(g, "specs", DataType.DT_STRING))
          .setAttr("dtypes", dtypes.stream().map(DataTypes::toProto).toArray(DataType[]::new)).build();
      Session.Runner run = s.runner().feed("prefix", p).feed("names", k).feed("specs", sp);
      for (int i = 0; i < keys.size(); i++) {
        run.fetch("restore", i);
      }
      try (Result result = run.run()) {
        List<NdArray> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          out.add(TfTensors.fromTensorFlow(result.get(i)));
        }
        return out;
      }
    }
  }

  /** The whole value of each key: partitioned tensors assembled. */
  private static NdArray whole(String key) {
    List<Saved> parts = tensors().stream().filter(t -> t.key().equals(key)).toList();
    if (parts.size() == 1) {
      return parts.get(0).value();
    }
    float[] all = new float[8];
    for (int i = 0; i < parts.size(); i++) {
      System.arraycopy(parts.get(i).value().toFloatArray(), 0, all, 4 * i, 4);
    }
    return NdArray.create(DType.FLOAT32, Shape.of(4, 2), all);
  }

  private static List<String> keys() {
    return tensors().stream().map(Saved::key).distinct().toList();
  }

  @Test
  @DisplayName("TensorFlow's SaveV2 writes every dtype, nested names and a partitioned tensor; CheckpointReader reads them")
  void readsWhatTensorFlowWrites() {
    String prefix = dir.resolve("tf/model.ckpt-1").toString();
    tfSave(prefix, tensors());
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(keys(), r.keys());
      for (String key : keys()) {
        assertEquals(whole(key), r.read(key), key);
      }
      float[] part = whole("part").toFloatArray();
      assertEquals(NdArray.create(DType.FLOAT32, Shape.of(2, 2), java.util.Arrays.copyOfRange(part, 2, 6)),
          r.read("part", "4 2 1,2:-"));
    }
  }

  @Test
  @DisplayName("CheckpointWriter writes the same tensors byte for byte as TensorFlow's SaveV2")
  void byteIdenticalToTensorFlow() {
    String tf = dir.resolve("tf/model.ckpt-1").toString();
    String own = dir.resolve("own/model.ckpt-1").toString();
    tfSave(tf, tensors());
    try (CheckpointWriter w = CheckpointWriter.create(own)) {
      for (Saved t : tensors()) {
        w.add(t.key(), t.spec(), t.value());
      }
      w.finish();
    }
    assertEquals(hex(read(Path.of(tf + ".data-00000-of-00001"))), hex(read(Path.of(own + ".data-00000-of-00001"))));
    assertEquals(hex(read(Path.of(tf + ".index"))), hex(read(Path.of(own + ".index"))));
  }

  @Test
  @DisplayName("TensorFlow's RestoreV2 reads what CheckpointWriter writes: whole tensors, partitioned ones, slices")
  void tensorFlowReadsWhatWeWrite() {
    String prefix = dir.resolve("own/model.ckpt-2").toString();
    try (CheckpointWriter w = CheckpointWriter.create(prefix)) {
      for (Saved t : tensors()) {
        w.add(t.key(), t.spec(), t.value());
      }
      w.finish();
    }
    List<String> keys = keys();
    List<DType> dtypes = keys.stream().map(k -> whole(k).dtype()).toList();
    List<NdArray> restored = tfRestore(prefix, keys, keys.stream().map(k -> "").toList(), dtypes);
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(whole(keys.get(i)), restored.get(i), keys.get(i));
    }
    // TensorFlow restores no slices of string tensors ("Dtype string not supported."): numbers only
    List<NdArray> slices = tfRestore(prefix, List.of("part", "part", "a/b/c", "ints"),
        List.of("4 2 0,2:0,2", "4 2 1,3:1,1", "2 3 1,1:0,3", "3 1 2 1,2:-:1,1"),
        List.of(DType.FLOAT32, DType.FLOAT32, DType.FLOAT32, DType.INT32));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertEquals(r.read("part", "4 2 0,2:0,2"), slices.get(0));
      assertEquals(r.read("part", "4 2 1,3:1,1"), slices.get(1));
      assertEquals(r.read("a/b/c", "2 3 1,1:0,3"), slices.get(2));
      assertEquals(r.read("ints", "3 1 2 1,2:-:1,1"), slices.get(3));
      assertEquals(NdArray.of(new int[][][] {{{0}}, {{3}}}), slices.get(3));
    }
  }
}
