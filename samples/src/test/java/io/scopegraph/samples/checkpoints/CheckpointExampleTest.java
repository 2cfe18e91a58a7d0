package io.scopegraph.samples.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scopegraph.Graph;
import io.scopegraph.tensorflow.Saver;
import io.scopegraph.tensorflow.TensorFlowSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint sample prints exactly these lines, and its shipped checkpoint is TensorFlow's own output. */
class CheckpointExampleTest {
  @TempDir
  Path work;

  @Test
  @DisplayName("restores TensorFlow's checkpoint by name, saves, restores into a fresh graph; a renamed scope lists every key")
  void printsTheExample() {
    assertEquals(List.of(
        "Checkpoint written by TensorFlow (checkpoints/classifier/model.ckpt):",
        "  classifier/hidden/bias (4,)",
        "  classifier/hidden/kernel (3, 4)",
        "  classifier/output/bias (2,)",
        "  classifier/output/kernel (4, 2)",
        "Restored into the DSL model by name: [classifier/hidden/bias, classifier/hidden/kernel, classifier/output/bias, "
            + "classifier/output/kernel]",
        "  logits of [[2.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 4.0]]: [[-0.45000005, 0.45000005], [4.8, -4.8], "
            + "[3.55, -3.55]]",
        "Saved (output bias set to [1, -1]): run/model.ckpt-1 with checkpoint, model.ckpt-1.data-00000-of-00001, "
            + "model.ckpt-1.index, model.ckpt-1.meta",
        "Restored into a fresh graph: classifier/output/bias = [1.0, -1.0]",
        "  logits: [[0.29999995, -0.29999995], [5.55, -5.55], [4.3, -4.3]]",
        "A scope renamed to 'classifier_v2' cannot restore the shipped checkpoint:",
        "  Key classifier_v2/hidden/bias not found in checkpoint (closest key in the checkpoint: classifier/hidden/bias)",
        "  Key classifier_v2/hidden/kernel not found in checkpoint (closest key in the checkpoint: "
            + "classifier/hidden/kernel)",
        "  Key classifier_v2/output/bias not found in checkpoint (closest key in the checkpoint: classifier/output/bias)",
        "  Key classifier_v2/output/kernel not found in checkpoint (closest key in the checkpoint: "
            + "classifier/output/kernel)"), CheckpointExample.run(work));
  }

  @Test
  @EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
      disabledReason = "TensorFlow's native library is only available for linux-x86_64")
  @DisplayName("the shipped checkpoint is what TensorFlow's SaveV2 writes for ClassifierWeights, byte for byte")
  void shippedCheckpointIsTensorFlows() throws Exception {
    Graph g = ClassifierWeights.graph();
    Saver saver = Saver.builder(g).writeMetaGraph(false).build();
    String prefix;
    try (TensorFlowSession tfs = new TensorFlowSession(g)) {
      tfs.initializeVariables();
      prefix = saver.save(tfs, work.resolve("model.ckpt").toString());
    }
    String shipped = CheckpointExample.shippedPrefix(work);
    for (String suffix : List.of(".index", ".data-00000-of-00001")) {
      assertArrayEquals(Files.readAllBytes(Path.of(shipped + suffix)), Files.readAllBytes(Path.of(prefix + suffix)),
          suffix);
    }
  }
}
