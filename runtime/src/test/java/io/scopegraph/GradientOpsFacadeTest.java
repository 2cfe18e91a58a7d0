package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public ops added with gradients: TF's default names, the ops their Python wrappers build, values. */
class GradientOpsFacadeTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> namesFrom(int from) {
    List<String> names = new ArrayList<>();
    List<Operation> ops = g.operations();
    for (int i = from; i < ops.size(); i++) {
      names.add(ops.get(i).name());
    }
    return names;
  }

  private NdArray run(Tensor t) {
    try (Session s = new Session(g)) {
      return s.run(t);
    }
  }

  @Test
  void softmaxCrossEntropyBuildsTheReshapesOfTf115() {
    Tensor logits = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "logits");
    Tensor labels = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "labels");
    int m = g.size();
    Tensor xent = tf.softmaxCrossEntropyWithLogits(labels, logits);
    String p = "softmax_cross_entropy_with_logits/";
    assertEquals(Arrays.asList(p + "Rank", p + "Shape", p + "Rank_1", p + "Shape_1", p + "Sub/y", p + "Sub",
        p + "Slice/begin", p + "Slice/size", p + "Slice", p + "concat/values_0", p + "concat/axis", p + "concat",
        p + "Reshape", p + "Rank_2", p + "Shape_2", p + "Sub_1/y", p + "Sub_1", p + "Slice_1/begin",
        p + "Slice_1/size", p + "Slice_1", p + "concat_1/values_0", p + "concat_1/axis", p + "concat_1",
        p + "Reshape_1", "softmax_cross_entropy_with_logits", p + "Sub_2/y", p + "Sub_2", p + "Slice_2/begin",
        p + "Slice_2/size", p + "Slice_2", p + "Reshape_2"), namesFrom(m));
    assertEquals("Pack", g.operation(p + "Slice/begin").type());
    assertEquals("Pack", g.operation(p + "Slice_2/size").type());
    assertEquals(p + "Reshape_2:0", xent.name());
    try (Session s = new Session(g)) {
      NdArray v = s.run(List.of(xent), Map.of(logits, NdArray.of(new float[][] {{0, 0, 0}}),
          labels, NdArray.of(new float[][] {{1, 0, 0}}))).get(0);
      assertEquals(Math.log(3), v.getDouble(0), 1e-6);
    }
  }

  @Test
  void shapeOpsAreConstantsWhenKnown() {
    Tensor x = tf.constant(new float[][] {{1, 2, 3}}, "x");
    assertEquals("Const", tf.shape(x).op().type());
    assertEquals(NdArray.of(1, 3), run(tf.shape(x)));
    assertEquals("Shape_2", tf.shape(x).op().name());
    Tensor p = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "p");
    assertEquals("Shape", tf.shape(p).op().type());
    assertEquals("Size", tf.size(p).op().type());
    assertEquals(NdArray.scalar(2), run(tf.rank(p)));
    assertEquals(NdArray.scalar(3), run(tf.size(x)));
  }

  @Test
  void arrayOpsUseTfNamesAndValues() {
    Tensor x = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}}, "x");
    int m = g.size();
    Tensor e = tf.expandDims(x, 1);
    Tensor t = tf.tile(x, new int[] {1, 2});
    Tensor tr = tf.transpose(x);
    assertEquals(List.of("ExpandDims/dim", "ExpandDims", "Tile/multiples", "Tile", "transpose/perm", "transpose"),
        namesFrom(m));
    assertEquals(Shape.of(2, 1, 3), e.shape());
    assertEquals(Shape.of(2, 6), t.shape());
    assertEquals(Shape.of(3, 2), tr.shape());
    assertEquals(NdArray.of(new float[][] {{1, 4}, {2, 5}, {3, 6}}), run(tr));
    assertEquals(NdArray.of(new float[][] {{1, 2, 3, 1, 2, 3}, {4, 5, 6, 4, 5, 6}}), run(t));
    assertSame(x, tf.addN(List.of(x)));
    org.junit.jupiter.api.Assertions.assertThrows(DTypeMismatchException.class,
        () -> tf.addN(List.of(x, tf.constant(new double[][] {{1, 2, 3}, {4, 5, 6}}))));
    assertEquals(NdArray.of(new float[][] {{2, 4, 6}, {8, 10, 12}}), run(tf.addN(List.of(x, x))));
    assertEquals("zeros_like", tf.zerosLike(x).op().name());
    assertEquals("ones_like", tf.onesLike(x).op().name());
    assertEquals(NdArray.of(new float[][] {{1, 1, 1}, {1, 1, 1}}), run(g.tensor("ones_like:0")));
    assertEquals("StopGradient", tf.stopGradient(x).op().type());
    Tensor r = tf.reciprocal(tf.constant(new float[] {2, 4}));
    assertEquals(NdArray.of(0.5f, 0.25f), run(r));
    Tensor a = tf.constant(new int[] {7, -7});
    Tensor b = tf.constant(new int[] {2, 2});
    assertEquals(NdArray.of(3, -4), run(tf.floorDiv(a, b)));
    assertEquals(NdArray.of(1, 1), run(tf.floorMod(a, b)));
  }

  @Test
  void biasAddAndLogSoftmax() {
    Tensor x = tf.constant(new float[][] {{1, 2}, {3, 4}}, "x");
    Tensor b = tf.constant(new float[] {10, 20}, "b");
    Tensor y = tf.biasAdd(x, b);
    assertEquals("BiasAdd", y.op().name());
    assertEquals(NdArray.of(new float[][] {{11, 22}, {13, 24}}), run(y));
    Tensor ls = tf.logSoftmax(tf.constant(new float[] {0, 0}));
    assertEquals("LogSoftmax", ls.op().name());
    assertEquals(-Math.log(2), run(ls).getDouble(0), 1e-6);
  }

  @Test
  void tupleAndControlDependencies() {
    Tensor a = tf.constant(1f, "a");
    Tensor b = tf.constant(2f, "b");
    List<Tensor> t = tf.tuple(Arrays.asList(b, null, a));
    assertEquals("tuple/control_dependency:0", t.get(0).name());
    assertEquals(null, t.get(1));
    assertEquals("tuple/control_dependency_1:0", t.get(2).name());
    Operation gate = g.operation("tuple/group_deps");
    assertEquals(List.of(a.op(), b.op()), gate.controlInputs());
    assertEquals(List.of(gate), t.get(0).op().controlInputs());
    Tensor[] made = new Tensor[3];
    tf.controlDependencies(List.of(a.op()), () -> {
      made[0] = tf.constant(3f, "c");                       // no inputs: gets ^a
      made[1] = made[0].add(b);                             // input c made inside: implied
      made[2] = tf.controlDependencies(List.of(b.op()), () -> tf.neg(a)); // a is an input; b is added
      return null;
    });
    assertEquals(List.of(a.op()), made[0].op().controlInputs());
    assertEquals(List.of(), made[1].op().controlInputs());
    assertEquals(List.of(b.op()), made[2].op().controlInputs());
    assertEquals(List.of(), tf.constant(4f).op().controlInputs());
  }
}
