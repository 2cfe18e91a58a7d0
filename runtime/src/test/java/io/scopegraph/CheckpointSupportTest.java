package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What checkpoints need from the runtime: string tensors, {@code PlaceholderWithDefault}, the slice info of
 * partitioned shards, replacing a variable's initializer, and binding an imported variable.
 */
class CheckpointSupportTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  @Test
  @DisplayName("string tensors: constants, Identity, feeds, UTF-8, and no arithmetic or casts")
  void strings() {
    Tensor names = tf.constant(new String[] {"v0", "vü"}, "names");
    assertEquals(DType.STRING, names.dtype());
    assertEquals(Shape.of(2), names.shape());
    try (Session s = new Session(g)) {
      NdArray value = s.run(tf.identity(names));
      assertArrayEquals(new String[] {"v0", "vü"}, value.toStringArray());
      assertArrayEquals(new byte[] {'v', (byte) 0xc3, (byte) 0xbc}, value.getBytes(1));
      assertEquals("[\"v0\", \"vü\"]", value.toString());
    }
    assertEquals(NdArray.of("a", "b"), NdArray.of((Object) new String[] {"a", "b"}));
    assertEquals("Cast string to float is not supported",
        assertThrows(UnsupportedOperationException.class, () -> NdArray.scalar("1").cast(DType.FLOAT32)).getMessage());
    assertEquals("Value passed to parameter 'x' has DataType string not in list of allowed values: float32, float64, "
        + "int32, int64 (op Mul)", assertThrows(DTypeMismatchException.class, () -> tf.mul(names, names)).getMessage());
  }

  @Test
  @DisplayName("bulk I/O: read-only buffer views of the numbers without a copy, wrap taking an array over")
  void bulkAccess() {
    NdArray floats = NdArray.of(new float[][] {{1, 2}, {3, 4}});
    java.nio.FloatBuffer view = (java.nio.FloatBuffer) floats.asReadOnlyBuffer();
    assertTrue(view.isReadOnly());
    assertEquals(java.nio.ByteOrder.nativeOrder(), view.order());
    assertEquals(4, view.remaining());
    assertEquals(3f, view.get(2));
    assertThrows(java.nio.ReadOnlyBufferException.class, () -> view.put(0, 9f));
    assertEquals(2.5, ((java.nio.DoubleBuffer) NdArray.of(2.5).asReadOnlyBuffer()).get(0));
    assertEquals(7, ((java.nio.IntBuffer) NdArray.of(new int[] {7}).asReadOnlyBuffer()).get(0));
    assertEquals(8L, ((java.nio.LongBuffer) NdArray.of(new long[] {8}).asReadOnlyBuffer()).get(0));
    assertThrows(UnsupportedOperationException.class, () -> NdArray.of(true).asReadOnlyBuffer());
    assertThrows(UnsupportedOperationException.class, () -> NdArray.scalar("s").asReadOnlyBuffer());

    float[] data = {1, 2, 3, 4, 5, 6};
    NdArray wrapped = NdArray.wrap(DType.FLOAT32, Shape.of(2, 3), data);
    assertSame(data, wrapped.data(), "no copy");
    assertEquals(NdArray.create(DType.FLOAT32, Shape.of(2, 3), data), wrapped);
    assertThrows(IllegalArgumentException.class, () -> NdArray.wrap(DType.FLOAT64, Shape.of(6), data));
    assertThrows(IllegalArgumentException.class, () -> NdArray.wrap(DType.FLOAT32, Shape.of(5), data));
    assertThrows(IllegalArgumentException.class, () -> NdArray.wrap(DType.FLOAT32, Shape.of(-1, 3), data));
  }

  @Test
  @DisplayName("PlaceholderWithDefault: the Const <name>/input, its default unless fed")
  void placeholderWithDefault() {
    Tensor filename;
    try (NameScopeHandle s = tf.nameScope("save")) {
      filename = tf.placeholderWithDefault("model", Shape.scalar(), "filename");
    }
    assertEquals("save/filename:0", filename.name());
    assertEquals("PlaceholderWithDefault", filename.op().type());
    assertEquals("save/filename/input", filename.op().input(0).op().name());
    assertEquals(DType.STRING, filename.op().attr("dtype"));
    assertEquals(Shape.scalar(), filename.op().attr("shape"));
    try (Session s = new Session(g)) {
      assertEquals(NdArray.scalar("model"), s.run(filename));
      assertEquals(List.of(NdArray.scalar("other")),
          s.runner().feed(filename, NdArray.scalar("other")).fetch(filename).run());
    }
    assertThrows(IncompatibleShapesException.class, () -> tf.placeholderWithDefault(new float[] {1}, Shape.scalar(),
        "bad"));
    assertNull(g.operation("bad"), "nothing is left of a failed call");
  }

  @Test
  @DisplayName("T50: shards of a partitioned variable know their slice of the whole (specs \"4 2 0,2:0,2\", \"4 2 2,2:0,2\")")
  void t50_saveSliceInfo() {
    PartitionedVariable v = tf.getVariableBuilder("v").shape(Shape.of(4, 2))
        .partitioner((shape, dtype) -> new int[] {2, 1}).getPartitioned();
    Variable.SaveSliceInfo first = v.shards().get(0).saveSliceInfo();
    assertEquals("v", first.fullName());
    assertEquals(Shape.of(4, 2), first.fullShape());
    assertArrayEquals(new long[] {0, 0}, first.offset());
    assertArrayEquals(new long[] {2, 2}, first.shape());
    assertEquals("4 2 0,2:0,2", first.spec());
    assertEquals("4 2 2,2:0,2", v.shards().get(1).saveSliceInfo().spec());
    assertNull(tf.getVariable("w", Shape.of(2)).saveSliceInfo());
  }

  @Test
  @DisplayName("setInitializer: a new Assign initialises the variable, and its value is the initial value")
  void replacedInitializer() {
    Variable v = tf.variable(1.0f, "v");
    Tensor assign = tf.assign(v, tf.constant(5.0f, "five"), "restore");
    v.setInitializer(assign.op());
    assertSame(assign.op(), v.initializer());
    assertEquals("five:0", v.initialValue().name());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(NdArray.scalar(5.0f), s.run(v));
    }
    Tensor other = tf.assign(tf.variable(2.0f, "w"), tf.constant(3.0f));
    assertEquals("The initializer of <tf.Variable 'v:0' shape=() dtype=float32> must be an Assign to it, got "
        + "<Operation 'Assign' type=Assign>",
        assertThrows(IllegalArgumentException.class, () -> v.setInitializer(other.op())).getMessage());
  }

  @Test
  @DisplayName("a failed atomic call restores the replaced initializer")
  void replacedInitializerIsUndone() {
    Variable v = tf.variable(1.0f, "v");
    Operation original = v.initializer();
    Tensor assign = tf.assign(v, tf.constant(5.0f));
    assertThrows(IllegalStateException.class, () -> g.atomically(() -> {
      v.setInitializer(assign.op());
      throw new IllegalStateException("later step fails");
    }));
    assertSame(original, v.initializer());
    assertEquals("v/initial_value:0", v.initialValue().name());
  }

  @Test
  @DisplayName("bindImported: an imported VariableV2 becomes a variable with initializer, snapshot and slice")
  void bindImported() {
    Variable v = (Variable) g.opBuilder("VariableV2", "v/part_0/").setAttr("dtype", DType.FLOAT32)
        .setAttr("shape", Shape.of(2)).addOutput(DType.FLOAT32, Shape.of(2)).build().output(0);
    Tensor init = tf.constant(new float[] {1, 2}, "init");
    Tensor assign = tf.assign(v, init, "v/part_0/Assign");
    Tensor read = tf.identity(v, "v/part_0/read");
    Variable.SaveSliceInfo slice = new Variable.SaveSliceInfo("v", Shape.of(4), new long[] {0}, new long[] {2});
    v.bindImported(assign.op(), read, init, true, slice);
    assertSame(assign.op(), v.initializer());
    assertSame(read, v.read());
    assertEquals(slice, v.saveSliceInfo());
    assertEquals("4 0,2", slice.spec());
    try (Session s = new Session(g)) {
      s.run(v.initializer());
      assertEquals(NdArray.of(1f, 2f), s.run(tf.mul(v, tf.constant(1f))));
    }
    assertThrows(IllegalArgumentException.class, () -> v.bindImported(assign.op(), read, init, true, null));
  }
}
