package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kernels supplied through {@link OpKernelProvider} (this test's provider is listed in the test resources'
 * {@code META-INF/services}): several outputs, reads of variables, fed outputs, and kernels that break their
 * contract.
 */
class ProvidedKernelsTest {
  /** {@code SplitSum}: outputs {@code x + y} and {@code x - y}; {@code BadKernel} returns the wrong things. */
  public static final class SplitProvider implements OpKernelProvider {
    @Override
    public Map<String, OpKernel> kernels() {
      return Map.of(
          "SplitSum", (op, in) -> List.of(
              NdArray.scalar(in.get(0).getDouble(0) + in.get(1).getDouble(0)),
              NdArray.scalar(in.get(0).getDouble(0) - in.get(1).getDouble(0))),
          "BadKernel", (op, in) -> List.of(NdArray.scalar(1)),
          // A provider cannot replace a built-in kernel: the runtime's own come first.
          "Identity", (op, in) -> List.of(NdArray.scalar(-1.0)));
    }
  }

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private Operation splitSum(Tensor x, Tensor y) {
    return g.opBuilder("SplitSum", "split").addInput(x).addInput(y)
        .addOutput(DType.FLOAT64, Shape.scalar()).addOutput(DType.FLOAT64, Shape.scalar()).build();
  }

  @Test
  @DisplayName("a provided kernel with two outputs feeds later ops; variables are read, not passed by reference")
  void multiOutputKernel() {
    Variable v = tf.variable(5.0, "v");
    Operation split = splitSum(v, tf.constant(2.0));
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
  void builtInKernelsComeFirst() {
    try (Session s = new Session(g)) {
      assertEquals(NdArray.scalar(4.0), s.run(tf.identity(tf.constant(4.0))));
    }
  }

  @Test
  @DisplayName("a provided kernel that returns too few values or the wrong dtype fails naming the op")
  void brokenKernelsAreReported() {
    Operation bad = g.opBuilder("BadKernel", "bad").addOutput(DType.FLOAT32, Shape.scalar())
        .addOutput(DType.FLOAT32, Shape.scalar()).build();
    Operation wrongType = g.opBuilder("BadKernel", "wrong").addOutput(DType.FLOAT32, Shape.scalar()).build();
    try (Session s = new Session(g)) {
      assertEquals("The kernel of <Operation 'bad' type=BadKernel> returned 1 value(s) for its 2 output(s)",
          assertThrows(IllegalStateException.class, () -> s.run(bad.output(0))).getMessage());
      assertEquals("The kernel of <Operation 'wrong' type=BadKernel> returned int32 for output 0 of dtype float32",
          assertThrows(IllegalStateException.class, () -> s.run(wrongType.output(0))).getMessage());
    }
  }

  @Test
  void unknownTypesStillHaveNoKernel() {
    Operation op = g.opBuilder("NoSuchOp", "x").addOutput(DType.FLOAT32, Shape.scalar()).build();
    try (Session s = new Session(g)) {
      assertEquals("No kernel for op type 'NoSuchOp' (op 'x')",
          assertThrows(UnsupportedOperationException.class, () -> s.run(op.output(0))).getMessage());
    }
  }
}
