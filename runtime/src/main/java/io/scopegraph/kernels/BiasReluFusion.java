package io.scopegraph.kernels;

import io.scopegraph.DType;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses a bias addition and the {@code Relu} that alone consumes it into one plan step: {@code relu(x + b)} in
 * one pass over {@code x}, with no intermediate array and no bias broadcast to the full shape. A pair fuses when
 * the sum ({@code BiasAdd} in NHWC, or {@code Add}/{@code AddV2} of a matrix and a vector) feeds only that
 * {@code Relu} in the plan and is neither fetched, fed nor needed for its own sake (a target or a control input).
 * The result is the value the two kernels give one after the other.
 */
public final class BiasReluFusion {
  private BiasReluFusion() {}

  /** The fusible sums of a plan, each mapped to the {@code Relu} that takes it over. */
  public static Map<Operation, Operation> find(List<Operation> ops, Collection<? extends Tensor> fetches, Set<Tensor> fed,
      Collection<Operation> targets) {
    Map<Tensor, Integer> uses = new HashMap<>();
    Set<Operation> pinned = new HashSet<>(targets);
    for (Operation op : ops) {
      for (int i = 0; i < op.numInputs(); i++) {
        uses.merge(op.input(i), 1, Integer::sum);
      }
      pinned.addAll(op.controlInputs());
    }
    for (Tensor t : fetches) {
      uses.merge(t, 2, Integer::sum); // a fetched sum must be kept
    }
    Map<Operation, Operation> fused = new HashMap<>();
    for (Operation relu : ops) {
      if (!relu.type().equals("Relu")) {
        continue;
      }
      Tensor sum = relu.input(0);
      Operation producer = sum.op();
      if (isBiasAdd(producer) && uses.get(sum) == 1 && !fed.contains(sum) && !pinned.contains(producer)
          && sum.dtype().isFloating()) {
        fused.put(producer, relu);
      }
    }
    return fused;
  }

  private static boolean isBiasAdd(Operation op) {
    return switch (op.type()) {
      case "BiasAdd" -> !"NCHW".equals(op.attr("data_format"));
      case "Add", "AddV2" -> op.input(1).shape().hasKnownRank() && op.input(1).shape().rank() == 1
          && op.input(0).shape().hasKnownRank() && op.input(0).shape().rank() >= 1;
      default -> false;
    };
  }

  /** The fused step: the producer's inputs in, the {@code Relu}'s output out. */
  public static Kernel kernel(Operation producer, Kernel producerKernel, Kernel reluKernel) {
    NdArray[] one = new NdArray[1];
    return in -> {
      NdArray fast = biasRelu(in[0], in[1]);
      if (fast != null) {
        return fast;
      }
      one[0] = producerKernel.compute(in); // shapes the fast path does not cover: the two kernels in turn
      try {
        return reluKernel.compute(one);
      } finally {
        one[0] = null;
      }
    };
  }

  /** {@code relu(x + bias)} with {@code bias} along the last dimension of {@code x}, or null if not that case. */
  public static NdArray biasRelu(NdArray x, NdArray bias) {
    Shape s = x.shape();
    if (x.dtype() != bias.dtype() || s.rank() < 1 || bias.shape().rank() != 1 || s.dim(s.rank() - 1) != bias.size()
        || bias.size() == 0) {
      return null;
    }
    int k = bias.size();
    switch (x.dtype()) {
      case FLOAT32 -> {
        float[] a = (float[]) NdArrayAccess.data(x);
        float[] b = (float[]) NdArrayAccess.data(bias);
        float[] out = new float[a.length];
        for (int row = 0; row < a.length; row += k) {
          for (int j = 0; j < k; j++) {
            float v = a[row + j] + b[j];
            out[row + j] = Math.max(v, 0f);
          }
        }
        return NdArray.wrap(DType.FLOAT32, s, out);
      }
      case FLOAT64 -> {
        double[] a = (double[]) NdArrayAccess.data(x);
        double[] b = (double[]) NdArrayAccess.data(bias);
        double[] out = new double[a.length];
        for (int row = 0; row < a.length; row += k) {
          for (int j = 0; j < k; j++) {
            out[row + j] = Math.max(a[row + j] + b[j], 0.0);
          }
        }
        return NdArray.wrap(DType.FLOAT64, s, out);
      }
      default -> {
        return null;
      }
    }
  }
}
