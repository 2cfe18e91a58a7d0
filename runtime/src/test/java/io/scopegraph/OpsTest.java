package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Op names, types, attributes, static shapes and construction-time errors of the {@link Ops} facade. */
class OpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> ops() {
    return g.operations().stream().map(op -> op.name() + ":" + op.type()).toList();
  }

  @Test
  @DisplayName("reduce over all axes builds Const before the op's scope; explicit axes live inside it")
  void reductionNames() {
    Tensor x = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}}, "x");
    Tensor all = tf.sum(x);
    Tensor rows = tf.mean(x, new int[] {1}, true);
    assertEquals(List.of("x:Const", "Const:Const", "Sum:Sum", "Mean/reduction_indices:Const", "Mean:Mean"), ops());
    assertEquals(Shape.scalar(), all.shape());
    assertEquals(Shape.of(2, 1), rows.shape());
    assertEquals(false, all.op().attr("keep_dims"));
  }

  @Test
  @DisplayName("reshape, fill, zeros and ones are named like TF")
  void shapeOpNames() {
    Tensor x = tf.constant(new int[] {1, 2, 3, 4, 5, 6}, "x");
    Tensor r = tf.reshape(x, Shape.of(-1, 3));
    tf.fill(Shape.of(2), 7f, null);
    tf.zeros(Shape.of(2, 2), DType.INT32);
    Tensor big = tf.ones(Shape.of(40, 25), DType.FLOAT32);
    assertEquals(Shape.of(2, 3), r.shape());
    assertEquals(List.of("x:Const", "Reshape/shape:Const", "Reshape:Reshape", "Fill/dims:Const", "Fill/value:Const",
        "Fill:Fill", "zeros:Const", "ones/shape_as_tensor:Const", "ones/Const:Const", "ones:Fill"), ops());
    assertEquals(Shape.of(40, 25), big.shape());
  }

  @Test
  @DisplayName("concat, slice and l2Loss are named like TF; concat of one value is an Identity (1.15: concat/concat)")
  void concatSliceL2LossNames() {
    Tensor a = tf.constant(new float[][] {{1, 2}}, "a");
    Tensor b = tf.constant(new float[][] {{3, 4}, {5, 6}}, "b");
    Tensor both = tf.concat(List.of(a, b), 0);
    Tensor one = tf.concat(List.of(a), 1);
    Tensor part = tf.slice(b, new int[] {0, 1}, new int[] {-1, 1});
    Tensor loss = tf.l2Loss(b);
    assertEquals(List.of("a:Const", "b:Const", "concat/axis:Const", "concat:ConcatV2", "concat_1/concat_dim:Const",
        "concat_1/concat:Identity", "Slice/begin:Const", "Slice/size:Const", "Slice:Slice", "L2Loss:L2Loss"), ops());
    assertEquals(Shape.of(3, 2), both.shape());
    assertEquals(Shape.of(1, 2), one.shape());
    assertEquals(Shape.of(2, 1), part.shape());
    assertEquals(Shape.scalar(), loss.shape());
    assertEquals(2L, both.op().attr("N"));
    try (Session s = new Session(g)) {
      assertEquals(List.of(NdArray.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}), NdArray.of(new float[][] {{4}, {6}}),
          NdArray.scalar(43f)), s.run(List.of(both, part, loss)));
    }
  }

  @Test
  @DisplayName("concat, slice and l2Loss check shapes and dtypes when built")
  void concatSliceL2LossErrors() {
    Tensor a = tf.constant(new float[][] {{1, 2}}, "a");
    Tensor c = tf.constant(new float[][] {{1, 2, 3}}, "c");
    Tensor v = tf.constant(new float[] {1, 2}, "v");
    Tensor i = tf.constant(new int[][] {{1, 2}}, "i");
    assertEquals("Dimension 1 in both shapes must be equal, but are 2 and 3. Shapes are [1,2] and [1,3]. for 'concat' "
        + "(op: 'ConcatV2') with input shapes: [1,2], [1,3], [].",
        assertThrows(IncompatibleShapesException.class, () -> tf.concat(List.of(a, c), 0)).getMessage());
    assertEquals("Shape must be rank 2 but is rank 1 for 'concat' (op: 'ConcatV2') with input shapes: [1,2], [2], [].",
        assertThrows(IncompatibleShapesException.class, () -> tf.concat(List.of(a, v), 0)).getMessage());
    assertEquals("Tensors in list passed to 'values' of 'ConcatV2' Op have types [float32, int32] that don't all match.",
        assertThrows(DTypeMismatchException.class, () -> tf.concat(List.of(a, i), 0)).getMessage());
    assertEquals("Expected size[1] in [0, 1], but got 2 for 'Slice' (op: 'Slice') with input shapes: [1,2], [2], [2].",
        assertThrows(IncompatibleShapesException.class, () -> tf.slice(a, new int[] {0, 1}, new int[] {1, 2}))
            .getMessage());
    assertEquals("Value passed to parameter 't' has DataType int32 not in list of allowed values: float32, float64 "
        + "(op L2Loss)", assertThrows(DTypeMismatchException.class, () -> tf.l2Loss(i)).getMessage());
    assertEquals(List.of("a:Const", "c:Const", "v:Const", "i:Const"), ops());
  }

  @Test
  @DisplayName("cast to the same dtype adds no op; truediv casts integers to float64 first")
  void castAndTruediv() {
    Tensor i = tf.constant(new int[] {1, 2}, "i");
    assertSame(i, tf.cast(i, DType.INT32));
    Tensor q = i.truediv(2);
    assertEquals(DType.FLOAT64, q.dtype());
    assertEquals(List.of("i:Const", "truediv/y:Const", "truediv/Cast:Cast", "truediv/Cast_1:Cast",
        "truediv:RealDiv"), ops());
    assertEquals(DType.FLOAT64, g.operation("truediv/Cast").attr("DstT"));
  }

  @Test
  @DisplayName("placeholders: default name, unknown dimensions printed ?")
  void placeholders() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 784));
    Tensor y = tf.placeholder(DType.INT64);
    assertEquals("Placeholder:0", x.name());
    assertEquals("Placeholder_1:0", y.name());
    assertEquals("(?, 784)", x.shape().toString());
    assertEquals("<unknown>", y.shape().toString());
    Tensor w = tf.constant(new float[784][10]);
    assertEquals(Shape.of(-1, 10), tf.matMul(x, w).shape());
  }

  @Test
  @DisplayName("broadcasting shapes, and TF's shape error naming the op")
  void broadcasting() {
    Tensor a = tf.constant(new float[2][3]);
    Tensor b = tf.constant(new float[3]);
    Tensor c = tf.constant(new float[2][1]);
    assertEquals(Shape.of(2, 3), a.add(b).shape());
    assertEquals(Shape.of(2, 3), tf.mul(c, b).shape());
    Tensor d = tf.constant(new float[4]);
    IncompatibleShapesException e = assertThrows(IncompatibleShapesException.class, () -> b.add(d));
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'add_1' (op: 'AddV2') with input shapes: [3], [4].",
        e.getMessage());
  }

  @Test
  @DisplayName("matMul shape errors")
  void matMulErrors() {
    Tensor a = tf.constant(new float[2][3]);
    Tensor b = tf.constant(new float[2][2]);
    Tensor v = tf.constant(new float[3]);
    assertEquals("Dimensions must be equal, but are 3 and 2 for 'MatMul' (op: 'MatMul') with input shapes: [2,3], [2,2].",
        assertThrows(IncompatibleShapesException.class, () -> tf.matMul(a, b)).getMessage());
    assertEquals("Shape must be rank 2 but is rank 1 for 'MatMul' (op: 'MatMul') with input shapes: [3], [2,2].",
        assertThrows(IncompatibleShapesException.class, () -> tf.matMul(v, b)).getMessage());
    assertEquals(Shape.of(3, 3), tf.matMul(a, a, true, false, null).shape());
    assertEquals(Shape.of(2, 2), tf.matMul(a, a, false, true, "gram").shape());
    assertEquals("gram", g.operation("gram").name());
  }

  @Test
  @DisplayName("dtype errors name the argument and the op")
  void dtypeErrors() {
    Tensor f = tf.constant(1f);
    Tensor i = tf.constant(1);
    assertEquals("Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.",
        assertThrows(DTypeMismatchException.class, () -> tf.add(f, i)).getMessage());
    assertEquals("Expected int32, got 1.5 of type 'float64' instead.",
        assertThrows(DTypeMismatchException.class, () -> i.mul(1.5)).getMessage());
    assertEquals("Expected float32, got true of type 'bool' instead.",
        assertThrows(DTypeMismatchException.class, () -> tf.constant(true, DType.FLOAT32)).getMessage());
    assertEquals(DType.FLOAT64, tf.constant(3, DType.FLOAT64).dtype());
  }

  @Test
  @DisplayName("a Java number operand takes the tensor's dtype")
  void numberOperands() {
    Tensor x = tf.constant(2.0);
    Tensor y = x.pow(2);
    assertEquals(DType.FLOAT64, y.dtype());
    assertEquals(DType.FLOAT64, g.operation("pow/y").output(0).dtype());
    assertEquals("Pow", y.op().type());
  }

  @Test
  @DisplayName("random ops carry TF's seeds: none, op seed only, graph seed")
  void randomSeeds() {
    Tensor r0 = tf.randomUniform(Shape.of(2), DType.FLOAT32, 0, 1, null, null);
    Tensor r1 = tf.randomUniform(Shape.of(2), DType.FLOAT32, 0, 1, 7L, null);
    assertEquals(List.of(0L, 0L), seeds("random_uniform/RandomUniform"));
    assertEquals(List.of(87654321L, 7L), seeds("random_uniform_1/RandomUniform"));
    g.setSeed(42);
    tf.randomNormal(Shape.of(2), DType.FLOAT32, 0, 1, 3L, null);
    assertEquals(List.of(42L, 3L), seeds("random_normal/RandomStandardNormal"));
    assertEquals(List.of("random_uniform:Add", "random_uniform_1:Add"),
        List.of(r0.op().name() + ":" + r0.op().type(), r1.op().name() + ":" + r1.op().type()));
  }

  private List<Object> seeds(String op) {
    return List.of(g.operation(op).attr("seed"), g.operation(op).attr("seed2"));
  }

  @Test
  @DisplayName("default initializers: glorot uniform for floats, zeros for integers")
  void defaultInitializers() {
    tf.getVariable("f", Shape.of(2, 3));
    tf.getVariable("i", Shape.of(2), DType.INT32);
    assertEquals("Add", g.operation("f/Initializer/random_uniform").type());
    double limit = Math.sqrt(6.0 / 5.0);
    NdArray max = (NdArray) g.operation("f/Initializer/random_uniform/max").attr("value");
    assertEquals((float) limit, (float) max.getDouble(0));
    assertEquals("Const", g.operation("i/Initializer/zeros").type());
  }

  @Test
  @DisplayName("globalVariablesInitializer is a NoOp named init depending on every Assign")
  void initializerOp() {
    Variable a = tf.variable(1f, "a");
    Variable b = tf.getVariable("b", Shape.of(1));
    Operation init = tf.globalVariablesInitializer();
    assertEquals("init", init.name());
    assertEquals("NoOp", init.type());
    assertEquals(List.of(a.initializer(), b.initializer()), init.controlInputs());
    assertEquals("init_1", tf.globalVariablesInitializer().name());
  }

  @Test
  @DisplayName("ops read variables through their read snapshot")
  void variablesAreReadThroughSnapshot() {
    Variable v = tf.variable(new float[] {1, 2}, "v");
    Tensor s = tf.square(v);
    assertSame(v.read(), s.op().input(0));
    assertEquals("v/read:0", s.op().input(0).name());
  }

  @Test
  @DisplayName("opBuilder keeps a variable input as its reference, so a custom Assign writes the variable")
  void opBuilderKeepsVariableReferences() {
    Variable v = tf.variable(new float[] {1, 2}, "v");
    Tensor value = tf.constant(new float[] {3, 4}, "value");
    Operation set = g.opBuilder("Assign", "set").addInput(v).addInput(value).setAttr("T", DType.FLOAT32)
        .setAttr("validate_shape", true).addOutput(DType.FLOAT32, Shape.of(2)).build();
    assertSame(v, set.input(0));
    try (Session s = new Session(g)) {
      s.run(set);
      assertEquals(NdArray.of(3f, 4f), s.run(v));
    }
  }

  @Test
  @DisplayName("an initializer over a variable that has none says which and what to do")
  void variableWithoutInitializer() {
    Operation op = g.opBuilder("VariableV2", "w").setAttr("shape", Shape.of(1)).setAttr("dtype", DType.FLOAT32)
        .addOutput(DType.FLOAT32, Shape.of(1)).build();
    Variable w = (Variable) op.output(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tf.variablesInitializer(List.of(w), "init"));
    assertEquals("Variable w:0 has no initializer (it was imported or built with opBuilder): run the op that "
        + "assigns it instead.", e.getMessage());
  }
}
