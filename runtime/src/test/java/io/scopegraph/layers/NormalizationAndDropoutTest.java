package io.scopegraph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch normalization and dropout layers: cases L23, L25, L26, L27, L29 of TF 1.15's layers, and their values. */
class NormalizationAndDropoutTest {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.on(graph);
  private final Layers layers = tf.layers();

  private List<String> opsAfter(String name) {
    return GraphNames.opsAfter(graph, name);
  }

  private static List<String> prefixed(String prefix, String... names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(prefix + n);
    }
    return out;
  }

  private static final String[] VARIABLE_OPS = {"gamma/Initializer/ones", "gamma", "gamma/Assign", "gamma/read",
      "beta/Initializer/zeros", "beta", "beta/Assign", "beta/read", "moving_mean/Initializer/zeros", "moving_mean",
      "moving_mean/Assign", "moving_mean/read", "moving_variance/Initializer/ones", "moving_variance",
      "moving_variance/Assign", "moving_variance/read"};

  @Test
  void l23DropoutLayerWithStaticTraining() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "x");
    Tensor a = layers.dropout(x, 0.4, true);
    Tensor b = layers.dropout(x, 0.4);
    assertEquals(prefixed("dropout/dropout/", "rate", "Shape", "random_uniform/min", "random_uniform/max",
        "random_uniform/RandomUniform", "random_uniform/sub", "random_uniform/mul", "random_uniform", "sub/x", "sub",
        "truediv/x", "truediv", "GreaterEqual", "mul", "Cast", "mul_1"), opsAfter("x").subList(0, 16));
    assertEquals("dropout/dropout/mul_1", a.op().name());
    assertEquals("Shape", graph.operation("dropout/dropout/Shape").type());
    assertEquals(List.of("dropout_1/Identity"), opsAfter("dropout/dropout/mul_1"));
    assertEquals("dropout_1/Identity", b.op().name());
    assertEquals(List.of(), graph.globalVariables());
    assertEquals(List.of(), graph.collection(Graph.UPDATE_OPS));
  }

  @Test
  void l25FusedBatchNormalizationTraining() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "x");
    Tensor y = layers.batchNormalization(x, BatchNormalization.options().training(true));
    List<String> expected = prefixed("batch_normalization/", VARIABLE_OPS);
    expected.addAll(prefixed("batch_normalization/", "Const", "Const_1", "FusedBatchNormV3", "Const_2",
        "AssignMovingAvg/sub/x", "AssignMovingAvg/sub", "AssignMovingAvg/sub_1", "AssignMovingAvg/mul",
        "AssignMovingAvg", "AssignMovingAvg_1/sub/x", "AssignMovingAvg_1/sub", "AssignMovingAvg_1/sub_1",
        "AssignMovingAvg_1/mul", "AssignMovingAvg_1"));
    assertEquals(expected, opsAfter("x"));
    assertEquals("batch_normalization/FusedBatchNormV3:0", y.name());
    assertEquals(true, graph.operation("batch_normalization/FusedBatchNormV3").attr("is_training"));
    assertEquals("AssignSub", graph.operation("batch_normalization/AssignMovingAvg").type());
    assertEquals("batch_normalization/FusedBatchNormV3:1",
        graph.operation("batch_normalization/AssignMovingAvg/sub_1").input(1).name());
    assertEquals(List.of(graph.operation("batch_normalization/AssignMovingAvg"),
        graph.operation("batch_normalization/AssignMovingAvg_1")), graph.collection(Graph.UPDATE_OPS));
    assertEquals(List.of("batch_normalization/gamma:0", "batch_normalization/beta:0"),
        graph.trainableVariables().stream().map(Tensor::name).toList());
    assertEquals(4, graph.globalVariables().size());
  }

  @Test
  void l26FusedBatchNormalizationInference() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8, 8, 3), "x");
    Tensor y = layers.batchNormalization(x);
    List<String> expected = prefixed("batch_normalization/", VARIABLE_OPS);
    expected.addAll(prefixed("batch_normalization/", "FusedBatchNormV3", "Const"));
    assertEquals(expected, opsAfter("x"));
    assertEquals("batch_normalization/FusedBatchNormV3", y.op().name());
    assertEquals(false, y.op().attr("is_training"));
    assertEquals("batch_normalization/moving_mean/read:0", y.op().input(3).name());
    assertEquals(List.of(), graph.collection(Graph.UPDATE_OPS));
  }

  @Test
  void l27BatchNormalizationAfterDenseWithAPlaceholderFlag() {
    Tensor h = tf.placeholder(DType.FLOAT32, Shape.of(-1, 128), "h");
    Tensor trainPhase = tf.placeholder(DType.BOOL, Shape.scalar(), "train_phase");
    Tensor y = layers.batchNormalization(h, BatchNormalization.options().training(trainPhase));
    List<String> expected = prefixed("batch_normalization/", VARIABLE_OPS);
    expected.addAll(prefixed("batch_normalization/", "moments/mean/reduction_indices", "moments/mean",
        "moments/StopGradient", "moments/SquaredDifference", "moments/variance/reduction_indices",
        "moments/variance", "moments/Squeeze", "moments/Squeeze_1",
        "cond/Switch", "cond/switch_t", "cond/switch_f", "cond/pred_id", "cond/Switch_1", "cond/Switch_2",
        "cond/Merge",
        "cond_1/Switch", "cond_1/switch_t", "cond_1/switch_f", "cond_1/pred_id", "cond_1/Switch_1",
        "cond_1/Switch_2", "cond_1/Merge",
        "cond_2/Switch", "cond_2/switch_t", "cond_2/switch_f", "cond_2/pred_id", "cond_2/AssignMovingAvg/decay",
        "cond_2/AssignMovingAvg/sub", "cond_2/AssignMovingAvg/sub/Switch", "cond_2/AssignMovingAvg/sub/Switch_1",
        "cond_2/AssignMovingAvg/mul", "cond_2/AssignMovingAvg", "cond_2/AssignMovingAvg/Switch",
        "cond_2/Switch_1", "cond_2/Merge",
        "cond_3/Switch", "cond_3/switch_t", "cond_3/switch_f", "cond_3/pred_id", "cond_3/AssignMovingAvg/decay",
        "cond_3/AssignMovingAvg/sub", "cond_3/AssignMovingAvg/sub/Switch", "cond_3/AssignMovingAvg/sub/Switch_1",
        "cond_3/AssignMovingAvg/mul", "cond_3/AssignMovingAvg", "cond_3/AssignMovingAvg/Switch",
        "cond_3/Switch_1", "cond_3/Merge",
        "batchnorm/add/y", "batchnorm/add", "batchnorm/Rsqrt", "batchnorm/mul", "batchnorm/mul_1", "batchnorm/mul_2",
        "batchnorm/sub", "batchnorm/add_1"));
    assertEquals(expected, opsAfter("train_phase"));
    assertEquals("batch_normalization/batchnorm/add_1:0", y.name());
    assertEquals("RefSwitch", graph.operation("batch_normalization/cond_2/AssignMovingAvg/Switch").type());
    assertEquals(List.of(graph.operation("batch_normalization/cond_2/Merge"),
        graph.operation("batch_normalization/cond_3/Merge")), graph.collection(Graph.UPDATE_OPS));
  }

  @Test
  void l29FunctionalBatchNormReusedByName() {
    Tensor inputs1 = tf.variable(NdArray.create(DType.FLOAT32, Shape.of(5, 4, 3, 6), new float[360]), "Variable");
    Tensor inputs2 = tf.variable(NdArray.create(DType.FLOAT32, Shape.of(5, 4, 3, 6), new float[360]), "Variable_1");
    Tensor training = tf.placeholder(DType.BOOL, Shape.scalar());
    BatchNormalization.Options o = BatchNormalization.options().axis(-1).momentum(0.9).epsilon(1e-3)
        .training(training).name("bn");
    layers.batchNormalization(inputs1, o);
    Tensor out2 = layers.batchNormalization(inputs2, o.reuse(io.scopegraph.Reuse.TRUE));
    assertEquals(List.of("Variable:0", "Variable_1:0", "bn/gamma:0", "bn/beta:0", "bn/moving_mean:0",
        "bn/moving_variance:0"), graph.globalVariables().stream().map(Tensor::name).toList());
    assertEquals(List.of("bn/AssignMovingAvg", "bn/AssignMovingAvg_1", "bn_1/AssignMovingAvg",
        "bn_1/AssignMovingAvg_1"), graph.collection(Graph.UPDATE_OPS).stream().map(o2 -> ((Operation) o2).name())
        .toList());
    assertEquals("bn_1/cond/Merge", out2.op().name());
  }

  @Test
  void batchNormalizationValuesAndMovingAverages() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(4, 2), "x");
    BatchNormalization bn = layers.batchNormalizationLayer(BatchNormalization.options().momentum(0.5));
    Tensor train = bn.apply(x, true);
    Tensor infer = bn.apply(x, false);
    NdArray batch = NdArray.of(new float[] {1, 10, 2, 20, 3, 30, 4, 40}).reshape(Shape.of(4, 2));
    try (Session s = new Session(graph)) {
      s.run(tf.globalVariablesInitializer());
      List<Tensor> fetches = new ArrayList<>(List.of(train));
      List<NdArray> out = s.run(List.of(train, bn.updates().get(0).output(0), bn.updates().get(1).output(0)),
          Map.of(x, batch));
      // mean 2.5 / 25, variance 1.25 / 125: (x - mean) / sqrt(var + 1e-3)
      assertEquals((1 - 2.5) / Math.sqrt(1.25 + 1e-3), out.get(0).getDouble(0), 1e-5);
      assertEquals((40 - 25) / Math.sqrt(125 + 1e-3), out.get(0).getDouble(7), 1e-4);
      NdArray mean = s.run(List.of(bn.movingMean())).get(0);
      NdArray var = s.run(List.of(bn.movingVariance())).get(0);
      assertEquals(0.5 * 0 + 0.5 * 2.5, mean.getDouble(0), 1e-6);
      assertEquals(0.5 * 1 + 0.5 * 125, var.getDouble(1), 1e-4);
      NdArray inferred = s.run(List.of(infer), Map.of(x, batch)).get(0);
      assertEquals((1 - 1.25) / Math.sqrt(0.5 * 1 + 0.5 * 1.25 + 1e-3), inferred.getDouble(0), 1e-5);
    }
  }
}
