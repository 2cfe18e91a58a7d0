package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conformance case C87 and TF's device scopes ({@code tf.device}): merging, reset, functions, colocation. */
@SuppressWarnings("try")
class DeviceConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private String device(String opName) {
    return g.operation(opName).device();
  }

  @Test
  @DisplayName("C87 a device function sees the variable op named like the variable, with its dtype")
  void c87_deviceFunctionSeesVariableOps() {
    List<String> seen = new ArrayList<>();
    Function<Operation, String> deviceFunc = op -> {
      if (Set.of("Variable", "VariableV2", "VarHandleOp").contains(op.type())) {
        seen.add(op.name() + " " + op.attr("dtype"));
      }
      return "/cpu:0";
    };
    try (DeviceScopeHandle d = tf.device(deviceFunc)) {
      tf.getVariable("x", Shape.of(100, 200));
      tf.getVariableBuilder("y").dtype(DType.INT64).initialValue(LongStream.range(0, 73).toArray()).get();
    }
    assertEquals(List.of("x float32", "y int64"), seen);
    assertEquals("/cpu:0", device("x"));
    assertEquals("/cpu:0", device("x/Assign"));
    assertEquals("/cpu:0", device("x/read"));
    assertEquals("", device("x/Initializer/random_uniform"), "initial values are built outside device scopes");
    assertEquals("/cpu:0", device("y/initial_value"));
  }

  @Test
  @DisplayName("nested device strings merge field by field, the inner one winning; null resets, \"\" changes nothing")
  void nestedDeviceStrings() {
    try (DeviceScopeHandle ps = tf.device("/job:ps")) {
      tf.constant(0f, "a");
      try (DeviceScopeHandle cpu = tf.device("/cpu:0")) {
        tf.constant(0f, "b");
      }
      try (DeviceScopeHandle none = tf.device((String) null)) {
        tf.constant(0f, "c");
      }
      try (DeviceScopeHandle empty = tf.device("")) {
        tf.constant(0f, "d");
      }
    }
    try (DeviceScopeHandle w = tf.device("/job:worker/task:1/device:GPU:0")) {
      try (DeviceScopeHandle cpu1 = tf.device("/device:CPU:1")) {
        tf.constant(0f, "e");
      }
      try (DeviceScopeHandle full = tf.device("/job:ps/replica:0/task:0/device:CPU:0")) {
        tf.constant(0f, "f");
      }
      try (DeviceScopeHandle gpu = tf.device("/GPU")) {
        tf.constant(0f, "g");
      }
    }
    tf.constant(0f, "h");
    assertEquals("/job:ps", device("a"));
    assertEquals("/job:ps/device:CPU:0", device("b"));
    assertEquals("", device("c"));
    assertEquals("/job:ps", device("d"));
    assertEquals("/job:worker/task:1/device:CPU:1", device("e"));
    assertEquals("/job:ps/replica:0/task:0/device:CPU:0", device("f"));
    assertEquals("/job:worker/task:1/device:GPU:0", device("g"));
    assertEquals("", device("h"));
  }

  @Test
  @DisplayName("device functions and strings combine innermost first; a function sees the device so far")
  void functionsAndStrings() {
    AtomicReference<String> seenByOuter = new AtomicReference<>();
    try (DeviceScopeHandle outer = tf.device(op -> {
      seenByOuter.set(op.device());
      return op.device().isEmpty() ? "/gpu:0" : op.device();
    })) {
      tf.constant(0f, "a");
      try (DeviceScopeHandle inner = tf.device("/cpu:1")) {
        tf.constant(0f, "b");
      }
    }
    assertEquals("/gpu:0", device("a"));
    assertEquals("/device:CPU:1", device("b"));
    assertEquals("/device:CPU:1", seenByOuter.get());
    try (DeviceScopeHandle job = tf.device("/job:ps"); DeviceScopeHandle fn = tf.device(op -> "/gpu:2")) {
      tf.constant(0f, "c");
    }
    assertEquals("/job:ps/device:GPU:2", device("c"));
  }

  @Test
  @DisplayName("opBuilder.setDevice is the op's requested device, which enclosing scopes fill in")
  void opBuilderDevice() {
    try (DeviceScopeHandle cpu = tf.device("/job:ps/cpu:0")) {
      g.opBuilder("NoOp", "a").setDevice("/task:3").build();
      g.opBuilder("NoOp", "b").setDevice("/gpu:1").build();
    }
    g.opBuilder("NoOp", "c").setDevice("/job:x/device:GPU:0").build();
    assertEquals("/job:ps/task:3/device:CPU:0", device("a"));
    assertEquals("/job:ps/device:GPU:1", device("b"));
    assertEquals("/job:x/device:GPU:0", device("c"));
  }

  @Test
  @DisplayName("regularizer ops are colocated with their variable: device functions are not asked")
  void regularizerColocatedWithVariable() {
    List<String> asked = new ArrayList<>();
    try (DeviceScopeHandle d = tf.device(op -> {
      asked.add(op.name());
      return "/cpu:0";
    })) {
      tf.getVariableBuilder("w").shape(Shape.of(2)).regularizer(Regularizers.l2(0.1)).get();
    }
    assertEquals(List.of("w", "w/Assign"), asked);
    assertEquals("/cpu:0", device("w/Regularizer/l2_regularizer"));
    assertEquals("/cpu:0", device("w/Regularizer/l2_regularizer/L2Loss"));
  }

  @Test
  @DisplayName("partitioned shards and their concatenation follow the device scopes")
  void partitionedVariableDevices() {
    PartitionedVariable p;
    try (DeviceScopeHandle d = tf.device("/job:ps")) {
      p = tf.getVariableBuilder("p").shape(Shape.of(4)).partitioner(Partitioners.fixedSize(2)).getPartitioned();
    }
    try (DeviceScopeHandle d = tf.device("/cpu:0")) {
      p.asTensor();
    }
    assertEquals("/job:ps", device("p/part_0"));
    assertEquals("/job:ps", device("p/part_1/read"));
    assertEquals("/device:CPU:0", device("p/ConcatPartitions/concat"));
    assertEquals("/device:CPU:0", device("p"));
  }

  @Test
  @DisplayName("malformed device strings fail at the scope's entry with TF's messages; nothing changes")
  void malformedDevices() {
    assertEquals("Unknown attribute: 'gpu0' in '/gpu0'",
        assertThrows(InvalidDeviceException.class, () -> tf.device("/gpu0")).getMessage());
    assertEquals("Cannot specify multiple device types: /cpu:0/gpu:0",
        assertThrows(InvalidDeviceException.class, () -> tf.device("/cpu:0/gpu:0")).getMessage());
    assertEquals("invalid literal for int() with base 10: 'x'",
        assertThrows(InvalidDeviceException.class, () -> tf.device("/task:x")).getMessage());
    tf.constant(0f, "a");
    assertEquals("", device("a"));
  }

  @Test
  @DisplayName("device scopes must close innermost first; they belong to their thread")
  void nestingAndThreads() throws Exception {
    DeviceScopeHandle outer = tf.device("/cpu:0");
    DeviceScopeHandle inner = tf.device("/gpu:0");
    assertEquals("Exiting device scope without proper scope nesting.",
        assertThrows(ScopeNestingException.class, outer::close).getMessage());
    Thread other = new Thread(() -> tf.constant(0f, "elsewhere"));
    other.start();
    other.join();
    inner.close();
    outer.close();
    tf.constant(0f, "after");
    assertEquals("", device("elsewhere"));
    assertEquals("", device("after"));
  }
}
