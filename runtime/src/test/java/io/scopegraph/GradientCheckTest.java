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
 * Every gradient function against central differences in float64: for {@code L = sum(f(inputs) * w)} with a
 * random {@code w}, the gradient {@code tf.gradients} builds must equal {@code (L(x + h e_i) - L(x - h e_i)) / 2h}
 * for every element of every input (a vector-Jacobian product checked entry by entry).
 */
class GradientCheckTest {
  private static final double H = 1e-6;

  /** A case: input shapes (or explicit values), the function, and a value range for the random inputs. */
  record Case(String name, List<Object> inputs, Function<Fx, Tensor> f) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The function's view: the inputs as placeholders and the ops. */
  record Fx(Ops tf, List<Tensor> in) {
    Tensor x(int i) {
      return in.get(i);
    }
  }

  private static Shape s(long... dims) {
    return Shape.of(dims);
  }

  /** A positive input (for log, sqrt, pow, division). */
  private static Object pos(long... dims) {
    return new Object[] {Shape.of(dims), "pos"};
  }

  private static Case c(String name, Function<Fx, Tensor> f, Object... inputs) {
    return new Case(name, List.of(inputs), f);
  }

  static Stream<Arguments> cases() {
    List<Case> cases = List.of(
        c("Add same shape", f -> f.tf().add(f.x(0), f.x(1)), s(2, 3), s(2, 3)),
        c("AddV2 broadcast", f -> f.x(0).add(f.x(1)), s(2, 3), s(3)),
        c("Add broadcast scalar left", f -> f.tf().add(f.x(0), f.x(1)), s(), s(2, 2)),
        c("Sub broadcast", f -> f.tf().sub(f.x(0), f.x(1)), s(2, 3), s(1, 3)),
        c("Sub same shape", f -> f.x(0).sub(f.x(1)), s(3), s(3)),
        c("Mul broadcast", f -> f.tf().mul(f.x(0), f.x(1)), s(2, 3), s(2, 1)),
        c("Mul same shape float64", f -> f.tf().mul(f.x(0), f.x(1)), s(2, 2), s(2, 2)),
        c("RealDiv truediv", f -> f.x(0).truediv(f.x(1)), s(2, 3), pos(3)),
        c("Pow", f -> f.tf().pow(f.x(0), f.x(1)), pos(2, 2), s(2, 2)),
        c("Maximum", f -> f.tf().maximum(f.x(0), f.x(1)), s(2, 3), s(3)),
        c("Minimum", f -> f.tf().minimum(f.x(0), f.x(1)), s(2, 3), s(2, 3)),
        c("SquaredDifference", f -> f.tf().squaredDifference(f.x(0), f.x(1)), s(2, 3), s(3)),
        c("SquaredDifference same", f -> f.tf().squaredDifference(f.x(0), f.x(1)), s(4), s(4)),
        c("Neg", f -> f.tf().neg(f.x(0)), s(3)),
        c("Square", f -> f.tf().square(f.x(0)), s(2, 2)),
        c("Relu", f -> f.tf().relu(f.x(0)), s(2, 3)),
        c("Sigmoid", f -> f.tf().sigmoid(f.x(0)), s(2, 3)),
        c("Tanh", f -> f.tf().tanh(f.x(0)), s(2, 3)),
        c("Exp", f -> f.tf().exp(f.x(0)), s(3)),
        c("Log", f -> f.tf().log(f.x(0)), pos(3)),
        c("Sqrt", f -> f.tf().sqrt(f.x(0)), pos(3)),
        c("Abs", f -> f.tf().abs(f.x(0)), s(4)),
        c("Identity", f -> f.tf().identity(f.x(0)), s(2)),
        c("Reciprocal", f -> f.tf().reciprocal(f.x(0)), pos(3)),
        c("MatMul", f -> f.tf().matMul(f.x(0), f.x(1)), s(2, 3), s(3, 4)),
        c("MatMul transpose_a", f -> f.tf().matMul(f.x(0), f.x(1), true, false, null), s(3, 2), s(3, 4)),
        c("MatMul transpose_b", f -> f.tf().matMul(f.x(0), f.x(1), false, true, null), s(2, 3), s(4, 3)),
        c("MatMul transpose both", f -> f.tf().matMul(f.x(0), f.x(1), true, true, null), s(3, 2), s(4, 3)),
        c("Sum all", f -> f.tf().sum(f.x(0)), s(2, 3)),
        c("Sum axis 1", f -> f.tf().sum(f.x(0), new int[] {1}, false), s(2, 3)),
        c("Sum axis -1 keepdims", f -> f.tf().sum(f.x(0), new int[] {-1}, true), s(2, 3, 2)),
        c("Sum axes 0,2", f -> f.tf().sum(f.x(0), new int[] {0, 2}, false), s(2, 3, 2)),
        c("Mean all", f -> f.tf().mean(f.x(0)), s(2, 3)),
        c("Mean axis 0", f -> f.tf().mean(f.x(0), new int[] {0}, false), s(3, 2)),
        c("Mean keepdims", f -> f.tf().mean(f.x(0), new int[] {1}, true), s(2, 3)),
        c("Reshape", f -> f.tf().reshape(f.x(0), Shape.of(3, 2)), s(2, 3)),
        c("Cast float64 to float32", f -> f.tf().cast(f.tf().mul(f.tf().cast(f.x(0), DType.FLOAT32),
            f.tf().cast(f.x(0), DType.FLOAT32)), DType.FLOAT64), s(3)),
        c("ConcatV2 axis 1", f -> f.tf().concat(List.of(f.x(0), f.x(1)), 1), s(2, 2), s(2, 3)),
        c("ConcatV2 three values axis 0", f -> f.tf().concat(List.of(f.x(0), f.x(1), f.x(2)), 0), s(1, 2), s(2, 2),
            s(1, 2)),
        c("ConcatV2 one value", f -> f.tf().concat(List.of(f.x(0)), 0), s(2)),
        c("ConcatV2 of 17 values (split path)", f -> f.tf().concat(f.in(), 1), s(2, 1), s(2, 2), s(2, 1), s(2, 1),
            s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1), s(2, 1),
            s(2, 3)),
        c("Slice", f -> f.tf().slice(f.x(0), new int[] {1, 0}, new int[] {2, -1}), s(3, 3)),
        c("L2Loss", f -> f.tf().l2Loss(f.x(0)), s(2, 3)),
        c("Softmax", f -> f.tf().softmax(f.x(0)), s(2, 3)),
        c("LogSoftmax", f -> f.tf().logSoftmax(f.x(0)), s(2, 3)),
        c("BiasAdd", f -> f.tf().biasAdd(f.x(0), f.x(1)), s(2, 3), s(3)),
        c("SoftmaxCrossEntropyWithLogits", f -> f.tf().softmaxCrossEntropyWithLogits(f.tf().softmax(f.x(1)),
            f.x(0)), s(2, 3), s(2, 3)),
        c("SoftmaxCrossEntropyWithLogits labels", f -> f.tf().softmaxCrossEntropyWithLogits(f.x(0),
            f.tf().constant(new double[][] {{1, 2, 3}, {0, 1, 0}})), s(2, 3)),
        c("SparseSoftmaxCrossEntropyWithLogits", f -> f.tf().sparseSoftmaxCrossEntropyWithLogits(
            f.tf().constant(new int[] {2, 0}), f.x(0)), s(2, 3)),
        c("Transpose", f -> f.tf().transpose(f.x(0)), s(2, 3)),
        c("Transpose perm", f -> f.tf().transpose(f.x(0), new int[] {1, 2, 0}), s(2, 3, 2)),
        c("AddN", f -> f.tf().addN(List.of(f.x(0), f.x(1), f.x(0))), s(2, 2), s(2, 2)),
        c("Tile", f -> f.tf().tile(f.x(0), new int[] {2, 3}), s(2, 2)),
        c("ExpandDims", f -> f.tf().expandDims(f.x(0), 1), s(2, 3)),
        c("PlaceholderWithDefault", f -> f.tf().placeholderWithDefault(f.x(0), Shape.of(2, 2), "pwd"), s(2, 2)),
        c("Chain: mean of relu(x w + b)", f -> f.tf().mean(f.tf().relu(f.tf().biasAdd(f.tf().matMul(f.x(0), f.x(1)),
            f.x(2)))), s(3, 2), s(2, 4), s(4)),
        c("Repeated use aggregates", f -> f.x(0).mul(f.x(0)).add(f.tf().exp(f.x(0))), s(3)),
        // Second derivatives: the gradient of a gradient differentiates the *Grad ops.
        c("2nd order ReluGrad", f -> firstGradient(f, f.tf().relu(f.x(0))), s(4)),
        c("2nd order SigmoidGrad", f -> firstGradient(f, f.tf().sigmoid(f.x(0))), s(4)),
        c("2nd order TanhGrad", f -> firstGradient(f, f.tf().tanh(f.x(0))), s(4)),
        c("2nd order SqrtGrad", f -> firstGradient(f, f.tf().sqrt(f.x(0))), pos(3)),
        c("2nd order ReciprocalGrad", f -> firstGradient(f, f.tf().reciprocal(f.x(0))), pos(3)),
        c("2nd order Sign (Abs)", f -> firstGradient(f, f.tf().abs(f.x(0))), s(3)),
        c("2nd order Tile", f -> firstGradient(f, f.tf().tile(f.x(0), new int[] {2})), s(3)),
        c("2nd order Slice (Pad)", f -> f.tf().gradients(f.tf().sum(f.tf().square(
            f.tf().slice(f.x(0), new int[] {1}, new int[] {2}))), List.of(f.x(0))).get(0), s(4)));
    return cases.stream().map(Arguments::of);
  }

  /** {@code d/dx sum(act * x)}: a first gradient whose every *Grad op depends on x through both inputs. */
  private static Tensor firstGradient(Fx f, Tensor act) {
    Ops tf = f.tf();
    Tensor x = f.x(0);
    Tensor weighted = act.shape().equals(x.shape()) ? tf.mul(act, x) : tf.mul(act, tf.tile(x, new int[] {2}));
    return tf.gradients(tf.sum(weighted), List.of(x)).get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(Case c) {
    Random random = new Random(c.name().hashCode());
    List<NdArray> values = new ArrayList<>();
    for (Object spec : c.inputs()) {
      Shape shape = spec instanceof Shape sh ? sh : (Shape) ((Object[]) spec)[0];
      boolean positive = !(spec instanceof Shape);
      double[] v = new double[(int) shape.numElements()];
      for (int i = 0; i < v.length; i++) {
        double r = random.nextDouble() * 2 - 1;
        // Keep away from the kinks of relu/abs/max and from zero where a function is not smooth.
        v[i] = positive ? 0.5 + Math.abs(r) : (r < 0 ? r - 0.1 : r + 0.1);
      }
      values.add(NdArray.create(DType.FLOAT64, shape, v));
    }
    // float32 in the middle (Cast) needs a step float32 resolves; x*x is exact for central differences.
    boolean cast = c.name().startsWith("Cast");
    CentralDifferences.check(c.name(), random, values, in -> c.f().apply(new Fx(Ops.on(in.get(0).graph()), in)),
        cast ? 1e-2 : H, cast ? n -> 1e-3 : CentralDifferences::relative);
  }
}
