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
 * The gradients of the issue-14 nn ops against central differences in float64: for {@code L = sum(f(x) * w)}
 * with a random {@code w}, {@code tf.gradients} must equal {@code (L(x + h e_i) - L(x - h e_i)) / 2h} for
 * every element of every input.
 */
class NnGradientCheckTest {
  private static final double H = 1e-6;

  record Case(String name, List<Shape> inputs, double low, double high, Function<List<Tensor>, Tensor> f) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Ops tfOf(List<Tensor> in) {
    return Ops.on(in.get(0).graph());
  }

  /** Inputs uniform in [-1.1, -0.1] ∪ [0.1, 1.1] (away from the kinks at 0). */
  private static Case c(String name, Function<List<Tensor>, Tensor> f, Shape... inputs) {
    return new Case(name, List.of(inputs), Double.NaN, Double.NaN, f);
  }

  /** Inputs uniform in [low, high]. */
  private static Case range(String name, double low, double high, Function<List<Tensor>, Tensor> f,
      Shape... inputs) {
    return new Case(name, List.of(inputs), low, high, f);
  }

  private static Shape s(long... dims) {
    return Shape.of(dims);
  }

  /** {@code d/dx sum(act(x) * x)}: a first gradient, so the *Grad op is differentiated through both inputs. */
  private static Tensor firstGradient(List<Tensor> in, Function<Tensor, Tensor> act) {
    Ops tf = tfOf(in);
    Tensor x = in.get(0);
    return tf.gradients(tf.sum(tf.mul(act.apply(x), x)), List.of(x)).get(0);
  }

  static Stream<Arguments> cases() {
    List<Case> cases = List.of(
        c("LeakyRelu", in -> tfOf(in).leakyRelu(in.get(0)), s(2, 3)),
        c("LeakyRelu alpha 0.5", in -> tfOf(in).leakyRelu(in.get(0), 0.5, null), s(4)),
        range("Relu6", -2, 8, in -> tfOf(in).relu6(in.get(0)), s(3, 4)),
        c("Elu", in -> tfOf(in).elu(in.get(0)), s(2, 3)),
        range("Rsqrt", 0.5, 2, in -> tfOf(in).rsqrt(in.get(0)), s(5)),
        c("Max axis 1", in -> tfOf(in).reduceMax(in.get(0), 1), s(3, 4)),
        c("Max all", in -> tfOf(in).reduceMax(in.get(0)), s(2, 3)),
        c("Max axes 0,2 keepdims", in -> tfOf(in).reduceMax(in.get(0), new int[] {0, 2}, true, null), s(2, 3, 2)),
        c("Split both pieces", in -> {
          List<Tensor> parts = tfOf(in).split(in.get(0), 2, 1);
          return tfOf(in).mul(parts.get(0), tfOf(in).exp(parts.get(1)));
        }, s(2, 4)),
        c("Split one piece used (zeros_like for the other)", in -> tfOf(in).split(in.get(0), 3, 0).get(1), s(6, 2)),
        c("Split negative axis", in -> tfOf(in).split(in.get(0), 2, -1).get(0), s(2, 2, 4)),
        c("Squeeze", in -> tfOf(in).squeeze(in.get(0), new int[] {1}), s(3, 1, 2)),
        c("FusedBatchNormV3 training NHWC", in -> tfOf(in).fusedBatchNorm(in.get(0), in.get(1), in.get(2)).get(0),
            s(2, 3, 2, 3), s(3), s(3)),
        c("FusedBatchNormV3 training NCHW", in -> tfOf(in).fusedBatchNorm(in.get(0), in.get(1), in.get(2), null,
            null, 0.01, "NCHW", true, null).get(0), s(2, 3, 2, 2), s(3), s(3)),
        c("FusedBatchNormV3 inference NHWC", in -> tfOf(in).fusedBatchNorm(in.get(0), in.get(1), in.get(2),
            tfOf(in).constant(new double[] {0.1, -0.2}), tfOf(in).constant(new double[] {0.5, 2.0}), 0.001, "NHWC",
            false, null).get(0), s(2, 2, 2, 2), s(2), s(2)),
        c("FusedBatchNormV3 inference NCHW", in -> tfOf(in).fusedBatchNorm(in.get(0), in.get(1), in.get(2),
            tfOf(in).constant(new double[] {0.1, -0.2}), tfOf(in).constant(new double[] {0.5, 2.0}), 0.001, "NCHW",
            false, null).get(0), s(2, 2, 3, 2), s(2), s(2)),
        c("moments + batch_normalization", in -> {
          Ops tf = tfOf(in);
          List<Tensor> mv = tf.moments(in.get(0), new int[] {0});
          return tf.batchNormalization(in.get(0), mv.get(0), mv.get(1), in.get(2), in.get(1), 0.001);
        }, s(4, 3), s(3), s(3)),
        c("batch_normalization without scale and offset", in -> tfOf(in).batchNormalization(in.get(0), in.get(1),
            tfOf(in).square(in.get(2)), null, null, 0.01), s(2, 3), s(3), s(3)),
        c("2nd order LeakyReluGrad", in -> firstGradient(in, x -> tfOf(in).leakyRelu(x)), s(4)),
        range("2nd order Relu6Grad", -2, 8, in -> firstGradient(in, x -> tfOf(in).relu6(x)), s(6)),
        c("2nd order EluGrad", in -> firstGradient(in, x -> tfOf(in).elu(x)), s(4)),
        range("2nd order RsqrtGrad", 0.5, 2, in -> firstGradient(in, x -> tfOf(in).rsqrt(x)), s(3)));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(Case c) {
    Random random = new Random(c.name().hashCode());
    List<NdArray> values = new ArrayList<>();
    for (Shape shape : c.inputs()) {
      double[] v = new double[(int) shape.numElements()];
      for (int i = 0; i < v.length; i++) {
        double r = random.nextDouble();
        if (Double.isNaN(c.low())) {
          double u = r * 2 - 1;
          v[i] = u < 0 ? u - 0.1 : u + 0.1;
        } else {
          v[i] = c.low() + r * (c.high() - c.low());
          // keep away from Relu6's kinks at 0 and 6
          if (Math.abs(v[i]) < 0.05 || Math.abs(v[i] - 6) < 0.05) {
            v[i] += 0.2;
          }
        }
      }
      values.add(NdArray.create(DType.FLOAT64, shape, v));
    }
    CentralDifferences.check(c.name(), random, values, c.f(), H, CentralDifferences::relative);
  }
}
