package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Conformance cases C88 and C90 (partitioned variables), TF's partitioners, shard shapes and errors. */
class PartitionedVariableConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** C88's {@code p2}: 2 partitions on axis 0. */
  private static Partitioner partitionsOnAxis0(int n) {
    return (shape, dtype) -> {
      int[] p = new int[shape.rank()];
      java.util.Arrays.fill(p, 1);
      p[0] = n;
      return p;
    };
  }

  private static List<String> names(List<? extends Tensor> tensors) {
    return tensors.stream().map(Tensor::name).toList();
  }

  private static <E extends Throwable> String message(Class<E> type, Executable call) {
    return assertThrows(type, call).getMessage();
  }

  @Test
  @DisplayName("C88 partitioned variable names: no :0 on the variable, full:0 on its tensor, shards part_<i>")
  void c88_partitionedVariableNames() {
    PartitionedVariable v;
    Tensor t;
    try (VarScope s = tf.variableScopeBuilder("scope0").partitioner(partitionsOnAxis0(2)).enter()) {
      v = tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).getPartitioned();
      t = v.asTensor();
    }
    assertEquals("scope0/name0", v.name());
    assertEquals("scope0/name0:0", t.name());
    assertEquals(List.of("scope0/name0/part_0:0", "scope0/name0/part_1:0"), names(g.globalVariables()));
    assertEquals(List.of("scope0/name0/part_0:0", "scope0/name0/part_1:0"), names(g.trainableVariables()));
    assertArrayEquals(new int[] {2, 1, 1}, v.partitions());
    assertEquals(Shape.of(3, 1, 1), v.shape());
    assertEquals(DType.FLOAT32, v.dtype());
    assertEquals(List.of(Shape.of(2, 1, 1), Shape.of(1, 1, 1)), v.shards().stream().map(Tensor::shape).toList());
    assertEquals(Shape.of(3, 1, 1), t.shape());
    assertEquals("Identity", t.op().type());
    Operation concat = g.operation("scope0/name0/ConcatPartitions/concat");
    assertEquals("ConcatV2", concat.type());
    assertEquals(List.of("scope0/name0/part_0/read:0", "scope0/name0/part_1/read:0",
        "scope0/name0/ConcatPartitions/concat/axis:0"), names(concat.inputs()));
    assertEquals(List.of("scope0/name0/part_0/Initializer/random_uniform/shape",
        "scope0/name0/part_0/Initializer/random_uniform/min", "scope0/name0/part_0/Initializer/random_uniform/max",
        "scope0/name0/part_0/Initializer/random_uniform/RandomUniform",
        "scope0/name0/part_0/Initializer/random_uniform/sub", "scope0/name0/part_0/Initializer/random_uniform/mul",
        "scope0/name0/part_0/Initializer/random_uniform", "scope0/name0/part_0", "scope0/name0/part_0/Assign",
        "scope0/name0/part_0/read"),
        g.operations().stream().map(Operation::name).filter(n -> n.startsWith("scope0/name0/part_0")).toList());
    // the per-shard initializer scope is entered (so its name is taken) even when it holds no op
    assertEquals("scope0/name0/part_0/PartitionedInitializer_1",
        g.uniqueName("scope0/name0/part_0/PartitionedInitializer", false));
    assertEquals("scope0/name0_1:0", v.asTensor().name(), "each asTensor() builds new ops");
  }

  @Test
  @DisplayName("C90 reusing with other partitions fails")
  void c90_changedPartitioningOnReuse() {
    try (VarScope s = tf.variableScopeBuilder("scope0").partitioner(partitionsOnAxis0(2)).enter()) {
      tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).getPartitioned();
    }
    try (VarScope s = tf.variableScopeBuilder("scope0").partitioner(partitionsOnAxis0(3)).reuse(Reuse.TRUE).enter()) {
      assertEquals("Trying to reuse partitioned variable scope0/name0, but specified partitions [3, 1, 1] and found "
          + "partitions [2, 1, 1].", message(PartitionMismatchException.class,
              () -> tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).getPartitioned()));
    }
    try (VarScope s = tf.variableScopeBuilder("scope0").partitioner(partitionsOnAxis0(2)).reuse(Reuse.AUTO).enter()) {
      PartitionedVariable again = tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).getPartitioned();
      assertSame(g.partitionedVariableStore().get("scope0/name0"), again);
    }
  }

  @Test
  @DisplayName("shard shapes: the first shards take the remainder; a constant is sliced per shard and values kept")
  void shardShapesAndSlicedConstant() {
    float[][] value = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}};
    PartitionedVariable p = tf.getVariableBuilder("c").shape(Shape.of(5, 2)).initialValue(value)
        .partitioner(Partitioners.fixedSize(3)).getPartitioned();
    assertEquals(List.of(Shape.of(2, 2), Shape.of(2, 2), Shape.of(1, 2)),
        p.shards().stream().map(Tensor::shape).toList());
    assertEquals(List.of("c/part_0/PartitionedInitializer/Const:Const",
        "c/part_0/PartitionedInitializer/Slice/begin:Const", "c/part_0/PartitionedInitializer/Slice/size:Const",
        "c/part_0/PartitionedInitializer/Slice:Slice", "c/part_0:VariableV2", "c/part_0/Assign:Assign",
        "c/part_0/read:Identity"), g.operations().stream().filter(op -> op.name().startsWith("c/part_0"))
            .map(op -> op.name() + ":" + op.type()).toList());
    assertEquals(NdArray.of(new int[] {2, 0}), g.operation("c/part_1/PartitionedInitializer/Slice/begin").attr("value"));
    Tensor whole = p.asTensor();
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(NdArray.of(value), s.run(whole));
      List<NdArray> shards = new ArrayList<>();
      for (Variable shard : p) {
        shards.add(s.run(shard));
      }
      assertEquals(List.of(NdArray.of(new float[][] {{0, 1}, {2, 3}}), NdArray.of(new float[][] {{4, 5}, {6, 7}}),
          NdArray.of(new float[][] {{8, 9}})), shards);
    }
  }

  @Test
  @DisplayName("a tensor initial value gives the shape and the dtype; slicing along another axis")
  void tensorInitialValueAlongAxis1() {
    Tensor init = tf.constant(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, "init");
    PartitionedVariable p = tf.getVariableBuilder("t").initialValue(init).partitioner(Partitioners.fixedSize(2, 1))
        .getPartitioned();
    assertEquals(DType.INT32, p.dtype());
    assertEquals(Shape.of(2, 4), p.shape());
    assertArrayEquals(new int[] {1, 2}, p.partitions());
    assertEquals(List.of(Shape.of(2, 2), Shape.of(2, 2)), p.shards().stream().map(Tensor::shape).toList());
    Tensor whole = p.asTensor();
    assertEquals("t/ConcatPartitions/concat/axis", whole.op().input(0).op().input(2).op().name());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(NdArray.of(new int[][] {{1, 2}, {5, 6}}), s.run(p.shards().get(0)));
      assertEquals(NdArray.of(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}), s.run(whole));
    }
  }

  @Test
  @DisplayName("one shard: asTensor() is an Identity of the shard")
  void oneShard() {
    PartitionedVariable p = tf.getVariableBuilder("one").shape(Shape.of(1, 3)).partitioner(Partitioners.fixedSize(4))
        .getPartitioned();
    assertEquals(List.of("one/part_0:0"), names(p.shards()));
    Tensor t = p.asTensor();
    assertEquals("one:0", t.name());
    assertEquals("one/part_0/read:0", t.op().input(0).name());
  }

  @Test
  @DisplayName("Glorot-uniform shards take their scale from the whole variable's shape, as TF's partition_info")
  void glorotUsesFullShape() {
    tf.getVariableBuilder("p").shape(Shape.of(6, 4)).partitioner(Partitioners.fixedSize(2)).getPartitioned();
    float limit = (float) Math.sqrt(6.0 / (6 + 4));
    assertEquals(NdArray.scalar(limit), g.operation("p/part_1/Initializer/random_uniform/max").attr("value"));
    assertEquals(NdArray.of(new int[] {3, 4}), g.operation("p/part_1/Initializer/random_uniform/shape").attr("value"));
  }

  @Test
  @DisplayName("scalars ignore the partitioner; get() of a partitioned variable names getPartitioned()")
  void scalarsAndKinds() {
    try (VarScope s = tf.variableScopeBuilder("scope0").partitioner(Partitioners.fixedSize(2)).enter()) {
      Variable scalar = tf.getVariable("s", Shape.scalar());
      assertEquals("scope0/s:0", scalar.name());
      assertEquals("Variable scope0/name0 is partitioned (by the partitioner of this call or of variable scope "
          + "'scope0'; shape (3, 1, 1)), so getVariable gives a PartitionedVariable, which is not a tensor: call "
          + "getPartitioned() instead of get() or value().",
          message(VariableKindException.class, () -> tf.getVariable("name0", Shape.of(3, 1, 1))));
      assertEquals("Variable scope0/s2 is a scalar, which is never partitioned, so it is not a partitioned variable: "
          + "call get() or value() instead of getPartitioned().", message(VariableKindException.class,
              () -> tf.getVariableBuilder("s2").shape(Shape.scalar()).getPartitioned()));
    }
    try (VarScope s = tf.variableScope("plain")) {
      assertEquals("Variable plain/v has no partitioner (none was given to this call or set on variable scope "
          + "'plain'), so it is not a partitioned variable: call get() or value() instead of getPartitioned().",
          message(VariableKindException.class, () -> tf.getVariableBuilder("v").shape(Shape.of(2)).getPartitioned()));
    }
    assertEquals(List.of("scope0/s:0"), names(g.globalVariables()));
  }

  @Test
  @DisplayName("reuse: exists without reuse, missing with reuse, and reuse without a partitioner")
  void reuseErrors() {
    Partitioner two = Partitioners.fixedSize(2);
    try (VarScope s = tf.variableScopeBuilder("scope0").partitioner(two).enter()) {
      tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).getPartitioned();
      assertEquals("Partitioned variable with name scope0/name0 already exists. Did you mean to set "
          + "reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?", message(VariableAlreadyExistsException.class,
              () -> tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).getPartitioned()));
    }
    try (VarScope s = tf.variableScope("scope0", Reuse.AUTO)) {
      assertEquals("No partitioner was provided, but a partitioned version of the variable was found: "
          + "scope0/name0/part_0. Perhaps a variable of the same name was already created with partitioning?",
          message(PartitionMismatchException.class, () -> tf.getVariable("name0", Shape.of(3, 1, 1))));
    }
    try (VarScope s = tf.variableScope("scope0", Reuse.TRUE)) {
      PartitionedVariable reused = tf.getVariableBuilder("name0").getPartitioned();
      assertSame(g.partitionedVariableStore().get("scope0/name0"), reused);
      assertEquals("Variable scope0/name0 is a partitioned variable (reused in variable scope 'scope0'): call "
          + "getPartitioned() instead of get() or value().", message(VariableKindException.class,
              () -> tf.getVariable("name0")));
      s.setPartitioner(two);
      assertEquals("PartitionedVariable scope0/missing does not exist, or was not created with getVariable(). Did you "
          + "mean to set reuse=Reuse.FALSE or reuse=Reuse.AUTO in VarScope?", message(VariableNotFoundException.class,
              () -> tf.getVariableBuilder("missing").shape(Shape.of(4)).getPartitioned()));
      assertEquals("Trying to reuse partitioned variable scope0/name0, but specified shape (4, 1, 1) and found shape "
          + "(3, 1, 1).", message(VariableShapeMismatchException.class,
              () -> tf.getVariableBuilder("name0").shape(Shape.of(4, 1, 1)).getPartitioned()));
      assertEquals("Trying to reuse partitioned variable scope0/name0, but specified dtype int32 and found dtype "
          + "float32.", message(VariableDTypeMismatchException.class,
              () -> tf.getVariableBuilder("name0").shape(Shape.of(3, 1, 1)).dtype(DType.INT32).getPartitioned()));
    }
  }

  @Test
  @DisplayName("partitioned and unpartitioned variables of one name; a partitioner finding other shards")
  void mixedKinds() {
    tf.getVariable("single", Shape.of(4));
    assertEquals("A partitioner was provided, but an unpartitioned version of the variable was found: single.  "
        + "Perhaps a variable of the same name was already created without partitioning?",
        message(PartitionMismatchException.class, () -> tf.getVariableBuilder("single").shape(Shape.of(4))
            .partitioner(Partitioners.fixedSize(2)).getPartitioned()));
    try (VarScope x = tf.variableScope("x")) {
      tf.getVariable("part_0", Shape.of(2));
    }
    assertEquals("Partitioner returned a different partitioning than what was already found.  Partitioner returned "
        + "2 shards, and shard x/part_0 was found, but x/part_1 was not.", message(PartitionMismatchException.class,
            () -> tf.getVariableBuilder("x").shape(Shape.of(4)).partitioner(Partitioners.fixedSize(2))
                .getPartitioned()));
  }

  @Test
  @DisplayName("the partitioner's answer and the shape are checked as TF's _call_partitioner does")
  void partitionerChecks() {
    GetVariableBuilder b = tf.getVariableBuilder("v").shape(Shape.of(4, 2));
    assertEquals("Partitioner returned zero partitions for some axes: [0, 1]", message(
        InvalidPartitionerException.class, () -> b.partitioner((s, d) -> new int[] {0, 1}).getPartitioned()));
    assertEquals("Partitioner returned a partition list that does not match the Variable's rank: [2] vs. (4, 2)",
        message(InvalidPartitionerException.class, () -> b.partitioner((s, d) -> new int[] {2}).getPartitioned()));
    assertEquals("Can only slice a variable along one dimension: shape: (4, 2), partitioning: [2, 2]", message(
        InvalidPartitionerException.class, () -> b.partitioner((s, d) -> new int[] {2, 2}).getPartitioned()));
    assertEquals("Partitioner must return a sequence, but saw: null", message(
        InvalidPartitionerException.class, () -> b.partitioner((s, d) -> null).getPartitioned()));
    assertEquals("Shape of a new partitioned variable must be fully defined, but instead was (?, 2).", message(
        InvalidPartitionerException.class, () -> tf.getVariableBuilder("u").shape(Shape.of(-1, 2))
            .partitioner(Partitioners.fixedSize(2)).getPartitioned()));
    assertEquals("A partitioned Variable must have rank at least 1, shape: ()", message(
        InvalidPartitionerException.class, () -> tf.getVariableBuilder("u").initialValue(tf.constant(1f))
            .partitioner(Partitioners.fixedSize(2)).getPartitioned()));
    assertEquals("Can not partition variable along axis 3 when shape is only (4, 2)", message(
        InvalidPartitionerException.class, () -> b.partitioner(Partitioners.fixedSize(2, 3)).getPartitioned()));
    assertEquals(List.of(), g.globalVariables());
  }

  @Test
  @DisplayName("fixedSize and minMaxVariable compute TF's partitions")
  void partitioners() {
    assertArrayEquals(new int[] {2, 1}, Partitioners.fixedSize(3).partitions(Shape.of(2, 5), DType.FLOAT32));
    assertArrayEquals(new int[] {1, 3}, Partitioners.fixedSize(3, 1).partitions(Shape.of(2, 5), DType.FLOAT32));
    assertArrayEquals(new int[] {1, 3}, Partitioners.fixedSize(3, -1).partitions(Shape.of(2, 5), DType.FLOAT32));
    // 1024 x 1024 float32 = 4 MiB = 16 slices of 256 KiB
    assertArrayEquals(new int[] {16, 1}, Partitioners.minMaxVariable(100).partitions(Shape.of(1024, 1024),
        DType.FLOAT32));
    assertArrayEquals(new int[] {10, 1}, Partitioners.minMaxVariable(10).partitions(Shape.of(1024, 1024),
        DType.FLOAT32));
    assertArrayEquals(new int[] {1, 32}, Partitioners.minMaxVariable(100, 1, 256L << 10, 16)
        .partitions(Shape.of(1024, 1024), DType.FLOAT64));
    assertArrayEquals(new int[] {1}, Partitioners.minMaxVariable(100).partitions(Shape.of(10), DType.FLOAT32));
    assertArrayEquals(new int[] {3}, Partitioners.minMaxVariable(100, 0, 4, 16).partitions(Shape.of(3),
        DType.INT64));
  }
}
