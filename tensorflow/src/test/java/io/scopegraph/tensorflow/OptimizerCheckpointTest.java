package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioners;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.train.AdamOptimizer;
import io.scopegraph.train.GradAndVar;
import io.scopegraph.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint keys of optimizer state (training-cases T24, T26, T29, T50): slots and beta powers by TF's names. */
class OptimizerCheckpointTest {
  @TempDir
  Path dir;

  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private List<String> save() {
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      String path = new Saver(g).save(s, dir.resolve("model").toString());
      return new ArrayList<>(Checkpoints.listVariables(path).keySet());
    }
  }

  @Test
  @DisplayName("T24 Saver keys after Adam at root")
  void t24Keys() {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Variable w;
    try (VarScope s = tf.variableScope("tower")) {
      w = tf.getVariable("w", Shape.of(3, 2));
    }
    new AdamOptimizer().minimize(tf.sum(tf.matMul(x, w)));
    assertEquals(List.of("beta1_power", "beta2_power", "tower/w", "tower/w/Adam", "tower/w/Adam_1"), save());
  }

  @Test
  @DisplayName("T26 Saver keys after Adam in name scope 'optimization' with a global step")
  void t26Keys() {
    Variable gs = Training.getOrCreateGlobalStep(g);
    Variable w = tf.getVariable("w", Shape.of(2));
    try (NameScopeHandle ns = tf.nameScope("optimization")) {
      new AdamOptimizer(0.01).minimize(tf.sum(w.mul(w)), gs, null, null);
    }
    assertEquals(List.of("global_step", "optimization/beta1_power", "optimization/beta2_power", "w", "w/Adam",
        "w/Adam_1"), save());
  }

  @Test
  @DisplayName("T29 Saver keys of the GAN (bytewise order)")
  void t29Keys() {
    Variable gw;
    Variable dw;
    try (VarScope s = tf.variableScope("G")) {
      gw = tf.getVariable("w", Shape.of(2));
    }
    try (VarScope s = tf.variableScope("D")) {
      dw = tf.getVariable("w", Shape.of(2));
    }
    Tensor loss = tf.sum(gw.mul(dw));
    new AdamOptimizer().minimize(loss, tf.trainableVariables("D/"));
    new AdamOptimizer().minimize(loss.neg(), tf.trainableVariables("G/"));
    assertEquals(List.of("D/w", "D/w/Adam", "D/w/Adam_1", "G/w", "G/w/Adam", "G/w/Adam_1", "beta1_power",
        "beta1_power_1", "beta2_power", "beta2_power_1"), save());
  }

  @Test
  @DisplayName("T50 an Adam slot of a partitioned variable is saved under v/Adam, whole, and restores")
  void t50PartitionedSlotKey() {
    PartitionedVariable v = tf.getVariableBuilder("v").shape(Shape.of(4, 2))
        .partitioner(Partitioners.fixedSize(2)).getPartitioned();
    List<GradAndVar> gv = new ArrayList<>();
    for (Variable part : v.shards()) {
      gv.add(new GradAndVar(tf.constant(new float[][] {{1f, 1f}, {1f, 1f}}), part));
    }
    AdamOptimizer adam = new AdamOptimizer();
    Operation train = adam.applyGradients(gv);
    String path;
    NdArray m0;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(train);
      m0 = s.run(adam.getSlot(v.shards().get(0), "m"));
      path = new Saver(g).save(s, dir.resolve("model").toString());
    }
    assertEquals(List.of("beta1_power", "beta2_power", "v", "v/Adam", "v/Adam_1"),
        new ArrayList<>(Checkpoints.listVariables(path).keySet()));
    assertEquals(Shape.of(4, 2), Checkpoints.listVariables(path).get("v/Adam"));
    assertEquals(NdArray.filled(DType.FLOAT32, Shape.of(4, 2), 1f - 0.9f), Checkpoints.loadVariable(path, "v/Adam"));
    try (Session s = new Session(g)) {
      new Saver(g).restore(s, path);
      assertEquals(m0, s.run(adam.getSlot(v.shards().get(0), "m")));
    }
  }
}
