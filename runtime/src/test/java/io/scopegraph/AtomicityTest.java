package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A failed call leaves the graph exactly as before: no op, no used name, no store entry, no collection item,
 * and the same current scopes. (TensorFlow keeps the names a failed call took; this is a documented
 * deviation.)
 */
class AtomicityTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  /** Everything a failed call could have touched. */
  private record Snapshot(List<String> ops, List<String> store, List<String> partitioned, List<Object> global,
      List<Object> trainable, List<Object> local, List<Object> losses, List<String> probes, String nameScope,
      String varScope) {}

  private static final List<String> PROBES = List.of("v", "s/v", "s", "Const", "MatMul", "add", "w",
      "s/w", "x", "x/Initializer/random_uniform", "bad", "t", "t_1", "Variable", "y", "Assign", "p", "p/part_0",
      "p/part_0/PartitionedInitializer", "p/part_1", "p/part_1/PartitionedInitializer", "custom_getter",
      "custom_getter/add", "v/Regularizer", "w/Regularizer/l2_regularizer", "Identity", "s/p/part_0");

  private Snapshot snapshot() {
    return new Snapshot(g.operations().stream().map(Operation::name).toList(),
        List.copyOf(g.variableStore().keySet()), List.copyOf(g.partitionedVariableStore().keySet()),
        g.collection(Graph.GLOBAL_VARIABLES), g.collection(Graph.TRAINABLE_VARIABLES),
        g.collection(Graph.LOCAL_VARIABLES), g.collection(Graph.REGULARIZATION_LOSSES),
        PROBES.stream().map(p -> g.uniqueName(p, false)).toList(), g.currentNameScope(),
        g.getVariableScope().name());
  }

  private <E extends Throwable> void assertFailsCleanly(Class<E> type, Executable call) {
    Snapshot before = snapshot();
    assertThrows(type, call);
    assertEquals(before, snapshot());
  }

  private void populate() {
    try (VarScope s = tf.variableScope("s")) {
      tf.getVariable("v", Shape.of(2));
      tf.getVariableBuilder("p").shape(Shape.of(4)).partitioner(Partitioners.fixedSize(2))
          .regularizer(Regularizers.l2(0.1)).getPartitioned();
    }
    tf.constant(1f);
    tf.variable(2f, "t");
  }

  @Test
  @DisplayName("an invalid scope name")
  void invalidScopeName() {
    populate();
    assertFailsCleanly(InvalidScopeNameException.class, () -> tf.nameScope("bad:name"));
    assertFailsCleanly(InvalidScopeNameException.class, () -> tf.variableScope("_bad"));
    Tensor one = tf.constant(1f);
    assertFailsCleanly(InvalidScopeNameException.class, () -> tf.add(one, one, "a b"));
  }

  @Test
  @DisplayName("an invalid op name, taken after the name was marked")
  void invalidOpName() {
    populate();
    assertFailsCleanly(InvalidOpNameException.class, () -> tf.constant(1f, "bad:x"));
  }

  @Test
  @DisplayName("an invalid variable name, inside a scope")
  void invalidVariableName() {
    populate();
    try (VarScope s = tf.variableScope("s", Reuse.AUTO)) {
      assertFailsCleanly(InvalidScopeNameException.class, () -> tf.getVariable("w:0", Shape.of(1)));
      assertFailsCleanly(InvalidScopeNameException.class, () -> tf.variable(1f, "x y"));
    }
  }

  @Test
  @DisplayName("reuse errors: already exists, does not exist, shape and dtype mismatch")
  void reuseErrors() {
    populate();
    try (VarScope s = tf.variableScope("s")) {
      assertFailsCleanly(VariableAlreadyExistsException.class, () -> tf.getVariable("v", Shape.of(2)));
    }
    try (VarScope s = tf.variableScope("s", Reuse.TRUE)) {
      assertFailsCleanly(VariableNotFoundException.class, () -> tf.getVariable("w", Shape.of(2)));
      assertFailsCleanly(VariableShapeMismatchException.class, () -> tf.getVariable("v", Shape.of(3)));
      assertFailsCleanly(VariableDTypeMismatchException.class, () -> tf.getVariable("v", Shape.of(2), DType.INT64));
    }
  }

  @Test
  @DisplayName("a shape error in the middle of a composite op")
  void shapeErrors() {
    populate();
    Tensor a = tf.constant(new float[][] {{1, 2, 3}});
    Tensor b = tf.constant(new float[][] {{1, 2}});
    assertFailsCleanly(IncompatibleShapesException.class, () -> tf.matMul(a, b));
    assertFailsCleanly(IncompatibleShapesException.class, () -> a.add(b));
    assertFailsCleanly(IncompatibleShapesException.class, () -> tf.reshape(a, Shape.of(4)));
    assertFailsCleanly(IncompatibleShapesException.class, () -> tf.sum(a, new int[] {2}, false));
  }

  @Test
  @DisplayName("a dtype error after the operator's constant was created")
  void dtypeErrors() {
    populate();
    Tensor i = tf.constant(3);
    Tensor f = tf.constant(3f);
    assertFailsCleanly(DTypeMismatchException.class, () -> i.add(1.5));
    assertFailsCleanly(DTypeMismatchException.class, () -> tf.add(i, f));
    assertFailsCleanly(DTypeMismatchException.class, () -> tf.variable(1.5, "x", DType.INT32));
  }

  @Test
  @DisplayName("initializer errors of getVariable")
  void initializerErrors() {
    populate();
    assertFailsCleanly(InvalidInitializerException.class, () -> tf.getVariable("x", Shape.unknown()));
    assertFailsCleanly(InvalidInitializerException.class,
        () -> tf.getVariableBuilder("x").shape(Shape.of(1)).initialValue(1f).get());
    assertFailsCleanly(InvalidInitializerException.class, () -> tf.getVariable("x", 1, DType.FLOAT32));
    // the initializer itself throws half-way through building its ops
    assertFailsCleanly(IncompatibleShapesException.class, () -> tf.getVariable("x", Shape.of(2),
        (ops, shape, dtype) -> ops.add(ops.constant(new float[] {1, 2}), ops.constant(new float[] {1, 2, 3}))));
  }

  @Test
  @DisplayName("values from another graph")
  void graphMismatch() {
    populate();
    Tensor other = Ops.on(new Graph()).constant(1f);
    Tensor one = tf.constant(1f);
    assertFailsCleanly(GraphMismatchException.class, () -> tf.add(one, other));
    assertFailsCleanly(GraphMismatchException.class, () -> tf.variableScopeBuilder("y").values(other).enter());
    assertFailsCleanly(GraphMismatchException.class, () -> tf.variable(other, "y"));
  }
  @Test
  @DisplayName("a partitioned variable whose second shard fails: no shard, no initializer scope, no loss")
  void partitionedShardFails() {
    populate();
    int[] calls = {0};
    Initializer failsOnSecondShard = (ops, shape, dtype) -> {
      if (calls[0]++ == 1) {
        throw new InvalidInitializerException("second shard");
      }
      return ops.zeros(shape, dtype);
    };
    assertFailsCleanly(InvalidInitializerException.class, () -> tf.getVariableBuilder("p").shape(Shape.of(4))
        .initializer(failsOnSecondShard).regularizer(Regularizers.l2(0.1)).partitioner(Partitioners.fixedSize(2))
        .getPartitioned());
  }

  @Test
  @DisplayName("partitioned-variable errors: partitions, kinds, the partitioner's answer")
  void partitionedErrors() {
    populate();
    try (VarScope s = tf.variableScopeBuilder("s").partitioner(Partitioners.fixedSize(4)).reuse(Reuse.TRUE).enter()) {
      assertFailsCleanly(PartitionMismatchException.class,
          () -> tf.getVariableBuilder("p").shape(Shape.of(4)).getPartitioned());
      assertFailsCleanly(VariableKindException.class, () -> tf.getVariable("p", Shape.of(4)));
    }
    try (VarScope s = tf.variableScope("s", Reuse.AUTO)) {
      assertFailsCleanly(PartitionMismatchException.class, () -> tf.getVariable("p", Shape.of(4)));
      assertFailsCleanly(VariableKindException.class, () -> tf.getVariableBuilder("w").shape(Shape.of(4))
          .getPartitioned());
    }
    assertFailsCleanly(InvalidPartitionerException.class, () -> tf.getVariableBuilder("p").shape(Shape.of(4, 2))
        .partitioner((shape, dtype) -> new int[] {2, 2}).getPartitioned());
  }

  @Test
  @DisplayName("a regularizer that fails after building some ops")
  void regularizerFails() {
    populate();
    assertFailsCleanly(DTypeMismatchException.class, () -> tf.getVariableBuilder("w").shape(Shape.of(2))
        .regularizer(weights -> tf.l2Loss(tf.cast(weights, DType.INT32))).get());
    assertFailsCleanly(IncompatibleShapesException.class, () -> tf.getVariableBuilder("w").shape(Shape.of(2, 3))
        .regularizer(weights -> tf.matMul(weights, weights)).get());
  }

  @Test
  @DisplayName("custom getters: a non-variable result for get(), a getter failing after creating variables")
  void customGetterFails() {
    populate();
    CustomGetter sum = (getter, r) -> {
      Tensor a = getter.get(r.withName(r.name() + "/0"));
      try (NameScopeHandle ns = tf.nameScope("custom_getter")) {
        return a.add(a);
      }
    };
    assertFailsCleanly(VariableKindException.class,
        () -> tf.getVariableBuilder("x").shape(Shape.of(1)).customGetter(sum).get());
    CustomGetter failing = (getter, r) -> {
      getter.get(r);
      getter.get(r.withName("y"));
      throw new IllegalStateException("boom");
    };
    assertFailsCleanly(IllegalStateException.class,
        () -> tf.getVariableBuilder("x").shape(Shape.of(1)).customGetter(failing).get());
  }

  @Test
  @DisplayName("device scopes: a malformed string, a device function that throws")
  void deviceFailures() {
    populate();
    assertFailsCleanly(InvalidDeviceException.class, () -> tf.device("/cpu:0/gpu:0"));
    try (DeviceScopeHandle d = tf.device(op -> {
      if (op.type().equals("Assign")) {
        throw new IllegalStateException("no device for Assign");
      }
      return "/cpu:0";
    })) {
      assertFailsCleanly(IllegalStateException.class, () -> tf.getVariable("x", Shape.of(1)));
    }
  }
}
