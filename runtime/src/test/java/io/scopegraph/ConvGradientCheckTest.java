package io.scopegraph;


import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradients of Conv2D, its two backprop ops, MaxPool and AvgPool against central differences in float64,
 * as {@link GradientCheckTest} does: {@code L = sum(f(inputs) * w)} for a random {@code w}, every input element.
 * Shapes cover SAME and VALID, strides 1 and 2 on odd sizes, dilation 2 and NCHW.
 */
class ConvGradientCheckTest {
  private static final double H = 1e-6;

  record Case(String name, List<Shape> inputs, Function<List<Tensor>, Tensor> f) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, Function<List<Tensor>, Tensor> f, Shape... inputs) {
    return new Case(name, List.of(inputs), f);
  }

  private static Shape s(long... dims) {
    return Shape.of(dims);
  }

  private static Ops tf(List<Tensor> in) {
    return Ops.on(in.get(0).graph());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("Conv2D SAME stride 1", in -> tf(in).conv2d(in.get(0), in.get(1), 1, "SAME"), s(2, 5, 5, 3), s(3, 3, 3, 4)),
        c("Conv2D VALID stride 2 odd", in -> tf(in).conv2d(in.get(0), in.get(1), 2, "VALID"), s(1, 7, 6, 2),
            s(3, 2, 2, 3)),
        c("Conv2D SAME stride 2 odd", in -> tf(in).conv2d(in.get(0), in.get(1), new int[] {2, 1}, "SAME"),
            s(2, 5, 7, 2), s(2, 3, 2, 3)),
        c("Conv2D SAME dilation 2", in -> tf(in).conv2d(in.get(0), in.get(1), new int[] {1}, "SAME", "NHWC",
            new int[] {2}, null), s(1, 7, 6, 2), s(3, 3, 2, 2)),
        c("Conv2D VALID NCHW stride 2", in -> tf(in).conv2d(in.get(0), in.get(1), new int[] {2}, "VALID", "NCHW",
            null, null), s(1, 2, 7, 6), s(3, 3, 2, 3)),
        c("Conv2DBackpropInput", in -> tf(in).conv2dBackpropInput(tf(in).constant(new int[] {1, 5, 5, 2}), in.get(0),
            in.get(1), new int[] {1, 2, 2, 1}, "SAME"), s(3, 3, 2, 3), s(1, 3, 3, 3)),
        c("Conv2DBackpropFilter", in -> tf(in).conv2dBackpropFilter(in.get(0), tf(in).constant(new int[] {2, 3, 2, 3}),
            in.get(1), new int[] {1, 1, 1, 1}, "VALID"), s(1, 4, 5, 2), s(1, 3, 3, 3)),
        c("MaxPool VALID 2x2 stride 2", in -> tf(in).maxPool(in.get(0), 2, 2, "VALID"), s(2, 5, 4, 3)),
        c("MaxPool SAME 3x3 stride 2 odd", in -> tf(in).maxPool(in.get(0), 3, 2, "SAME"), s(1, 5, 7, 2)),
        c("MaxPool SAME NCHW", in -> tf(in).maxPool(in.get(0), new int[] {2}, new int[] {2}, "SAME", "NCHW", null),
            s(1, 2, 5, 5)),
        c("AvgPool VALID 2x2 stride 2", in -> tf(in).avgPool(in.get(0), 2, 2, "VALID"), s(2, 4, 5, 3)),
        c("AvgPool SAME 3x3 stride 2 odd", in -> tf(in).avgPool(in.get(0), 3, 2, "SAME"), s(1, 5, 7, 2)),
        c("AvgPool SAME NCHW stride 1", in -> tf(in).avgPool(in.get(0), new int[] {3, 2}, new int[] {1}, "SAME",
            "NCHW", null), s(1, 2, 4, 5)),
        c("CNN chain: maxPool(relu(biasAdd(conv2d)))", in -> tf(in).maxPool(tf(in).relu(tf(in).biasAdd(
            tf(in).conv2d(in.get(0), in.get(1), 1, "SAME"), in.get(2))), 2, 2, "VALID"),
            s(2, 6, 6, 2), s(3, 3, 2, 3), s(3)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(Case c) {
    Random random = new Random(c.name().hashCode());
    List<NdArray> values = new ArrayList<>();
    for (Shape shape : c.inputs()) {
      double[] v = new double[(int) shape.numElements()];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextDouble() * 2 - 1;
      }
      values.add(NdArray.create(DType.FLOAT64, shape, v));
    }
    CentralDifferences.check(c.name(), random, values, c.f(), H, CentralDifferences::relative);
  }
}
