package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The op registry: op types from an {@link OpProvider} (this test's provider is listed in the test resources'
 * {@code META-INF/services}) with several outputs and kernels that break their contract, user registration,
 * and the registry as the one source of shapes for {@link OpBuilder}.
 */
class OpRegistryTest {
  /** {@code SplitSum}: outputs {@code x + y} and {@code x - y}; {@code BadKernel} returns the wrong things. */
  public static final class SplitProvider implements OpProvider {
    @Override
    public List<OpDef> ops() {
      OutputSpec scalar = new OutputSpec(DType.FLOAT64, Shape.scalar());
      return List.of(
          OpDef.builder("SplitSum").inputs("x", "y")
              .shape(node -> List.of(scalar, scalar))
              .kernel((op, in) -> List.of(
                  NdArray.scalar(in.get(0).getDouble(0) + in.get(1).getDouble(0)),
                  NdArray.scalar(in.get(0).getDouble(0) - in.get(1).getDouble(0))))
              .build(),
          OpDef.builder("BadKernel").inputs()
              .shape(node -> node.intAttr("n", 1) == 2 ? List.of(scalar, scalar) : List.of(scalar))
              .kernel((op, in) -> List.of(NdArray.scalar(1)))
              .build());
    }
  }

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  @Test
  @DisplayName("a provided op with two outputs feeds later ops; variables are read, not passed by reference")
  void multiOutputKernel() {
    Variable v = tf.variable(5.0, "v");
    Operation split = g.opBuilder("SplitSum", "split").addInput(v).addInput(tf.constant(2.0)).build();
    assertEquals("[Tensor(\"split:0\", shape=(), dtype=float64), Tensor(\"split:1\", shape=(), dtype=float64)]",
        split.outputs().toString());
    Tensor doubled = tf.add(split.output(1), split.output(1));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(List.of(NdArray.scalar(7.0), NdArray.scalar(3.0), NdArray.scalar(6.0)),
          s.run(List.of(split.output(0), split.output(1), doubled)));
      // A fed output replaces the kernel's value for that output only.
      assertEquals(List.of(NdArray.scalar(7.0), NdArray.scalar(20.0)), s.runner().feed(split.output(1),
          NdArray.scalar(10.0)).fetch(split.output(0)).fetch(doubled).run());
    }
  }

  @Test
  @DisplayName("a kernel that returns too few values or the wrong dtype fails naming the op")
  void brokenKernelsAreReported() {
    Operation bad = g.opBuilder("BadKernel", "bad").setAttr("n", 2L).build();
    Operation wrongType = g.opBuilder("BadKernel", "wrong").build();
    try (Session s = new Session(g)) {
      assertEquals("The kernel of <Operation 'bad' type=BadKernel> returned 1 value(s) for its 2 output(s)",
          assertThrows(IllegalStateException.class, () -> s.run(bad.output(0))).getMessage());
      assertEquals("The kernel of <Operation 'wrong' type=BadKernel> returned int32 for output 0 of dtype float64",
          assertThrows(IllegalStateException.class, () -> s.run(wrongType.output(0))).getMessage());
    }
  }

  @Test
  @DisplayName("unregistered types need declared outputs and have no kernel")
  void unknownTypesHaveNoKernel() {
    assertNull(OpRegistry.find("NoSuchOp"));
    Operation op = g.opBuilder("NoSuchOp", "x").addOutput(DType.FLOAT32, Shape.scalar()).build();
    try (Session s = new Session(g)) {
      assertEquals("No kernel for op type 'NoSuchOp' (op 'x')",
          assertThrows(UnsupportedOperationException.class, () -> s.run(op.output(0))).getMessage());
    }
  }

  @Test
  @DisplayName("OpBuilder takes a registered type's outputs from its shape function and checks declared ones")
  void opBuilderReadsTheRegistry() {
    Tensor a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "a");
    Tensor b = tf.constant(new float[][] {{1}, {2}, {3}}, "b");
    Operation mm = g.opBuilder("MatMul", "mm").addInput(a).addInput(b).setAttr("T", DType.FLOAT32).build();
    assertEquals("Tensor(\"mm:0\", shape=(?, 1), dtype=float32)", mm.output(0).toString());
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () ->
        g.opBuilder("MatMul", "mm2").addInput(a).addInput(b).addOutput(DType.FLOAT64, Shape.of(-1, 1)).build());
    assertEquals("Declared outputs [float64 (?, 1)] of op 'mm2' disagree with what MatMul's shape function gives: "
        + "[float32 (?, 1)]", wrong.getMessage());
    assertEquals("Op 'mm3' of type MatMul has 1 data input(s); MatMul takes 2", assertThrows(
        IllegalArgumentException.class, () -> g.opBuilder("MatMul", "mm3").addInput(a).build()).getMessage());
    assertEquals("Dimensions must be equal, but are 3 and 1 for 'mm4' (op: 'MatMul') with input shapes: [?,3], [1,3].",
        assertThrows(IncompatibleShapesException.class, () -> g.opBuilder("MatMul", "mm4").addInput(a)
            .addInput(tf.constant(new float[][] {{1, 2, 3}})).build()).getMessage());
    assertNull(g.operation("mm2"));
    assertNull(g.operation("mm4"));
  }

  @Test
  @DisplayName("users register an op type with a kernel; a type cannot be registered twice")
  void userRegistration() {
    OpRegistry.register(OpDef.builder("TimesThree").inputs("x")
        .shape(node -> node.likeInput(0))
        .kernel((op, in) -> List.of(NdArray.of(new double[] {3 * in.get(0).getDouble(0)})))
        .build());
    assertTrue(OpRegistry.types().contains("TimesThree"));
    Tensor y = g.opBuilder("TimesThree", null).addInput(tf.constant(new double[] {2.5})).build().output(0);
    assertEquals("TimesThree:0", y.name());
    try (Session s = new Session(g)) {
      assertEquals(NdArray.of(new double[] {7.5}), s.run(y));
    }
    assertEquals("Op type 'Identity' is already registered; op types cannot be redefined (choose another type name)",
        assertThrows(IllegalArgumentException.class, () -> OpRegistry.register(OpDef.builder("Identity").inputs("x")
            .shape(node -> node.likeInput(0)).build())).getMessage());
    assertEquals("Op type 'lower' must be a CamelCase name like TensorFlow's (letters, digits, '_', starting with a "
        + "capital)", assertThrows(IllegalArgumentException.class, () -> OpDef.builder("lower")).getMessage());
  }

  @Test
  @DisplayName("every built-in type that is not a source has a kernel")
  void builtInsHaveKernels() {
    for (String type : OpRegistry.types()) {
      OpDef def = OpRegistry.get(type);
      assertEquals(!type.equals("Placeholder") && !type.equals("VariableV2"), def.hasKernel(), type);
    }
  }
}
