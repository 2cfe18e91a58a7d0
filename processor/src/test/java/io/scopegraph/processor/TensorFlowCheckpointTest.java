package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.op.train.Save;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * {@code @Checkpoint} against checkpoints written by TensorFlow itself ({@code SaveV2}): the processor reads
 * them, and each error it reports quotes the message TensorFlow really raises when that checkpoint is restored
 * ({@code RestoreV2}, then {@code Assign}) into such a variable.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class TensorFlowCheckpointTest {
  private static final Pattern QUOTED_TF_ERROR = Pattern.compile("TensorFlow raises \"(.*?)\" \\(");

  @TempDir
  Path dir;

  /** A tensor to save: its key, type and shape (zeros). */
  private record Saved(String key, Class<? extends TNumber> type, long... dims) {}

  /** Saves with TensorFlow's {@code SaveV2} at {@code dir/<prefix>}, as {@code tf.train.Saver} does. */
  private void saveWithTensorFlow(String prefix, Saved... tensors) {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<?>> values = new ArrayList<>();
      String[] keys = new String[tensors.length];
      String[] slices = new String[tensors.length];
      for (int i = 0; i < tensors.length; i++) {
        keys[i] = tensors[i].key();
        slices[i] = "";
        values.add(tf.zeros(tf.constant(tensors[i].dims()), tensors[i].type()));
      }
      Save save = tf.train.save(tf.constant(dir.resolve(prefix).toString()),
          tf.constant(StandardCharsets.UTF_8, keys), tf.constant(StandardCharsets.UTF_8, slices), values);
      session.runner().addTarget(save).run().close();
    }
  }

  /** What TensorFlow raises restoring {@code key} into a float32 variable of shape {@code dims}. */
  private String restoreIntoFloatVariable(String prefix, String key, long... dims) {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> variable = tf.variable(org.tensorflow.ndarray.Shape.of(dims), TFloat32.class);
      Restore restore = tf.train.restore(tf.constant(dir.resolve(prefix).toString()),
          tf.constant(StandardCharsets.UTF_8, new String[] {key}),
          tf.constant(StandardCharsets.UTF_8, new String[] {""}), List.of(TFloat32.class));
      Operand<TFloat32> restored = restore.tensors().get(0).expect(TFloat32.class);
      Operand<TFloat32> assign = tf.assign(variable, restored);
      // NotFoundError is a TensorFlowException, InvalidArgumentError an IllegalArgumentException
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        try (Result r = session.runner().fetch(assign).run()) {
          // restored without an error: the assertion reports it
        }
      });
      return e.getMessage();
    }
  }

  private static JavaFileObject siamese(String scope) {
    return CheckpointDiagnosticsTest.siamese(scope);
  }

  private Compilation compile(JavaFileObject m) {
    return Compilations.compile(List.of("-Ascopegraph.checkpointDir=" + dir), m);
  }

  /** The TensorFlow message an error of {@code c} quotes, for the error containing {@code fragment}. */
  private static String quoted(Compilation c, String fragment) {
    String message = c.errors().stream().map(e -> e.getMessage(null)).filter(m -> m.contains(fragment)).findFirst()
        .orElseThrow(() -> new AssertionError("no error containing " + fragment + " in " + c.errors()));
    Matcher m = QUOTED_TF_ERROR.matcher(message);
    assertTrue(m.find(), message);
    return m.group(1);
  }

  private static void assertContains(String tensorFlowMessage, String quoted) {
    assertTrue(tensorFlowMessage.contains(quoted), "TensorFlow raised \"" + tensorFlowMessage
        + "\", which does not contain the quoted \"" + quoted + "\"");
  }

  @Test
  @DisplayName("a model matching TensorFlow's checkpoint compiles without any diagnostic")
  void matches() {
    saveWithTensorFlow("ckpt/siamese.ckpt", new Saved("tower/w", TFloat32.class, 4, 3),
        new Saved("tower/b", TFloat32.class, 3), new Saved("global_step", TInt64.class));
    Compilation c = compile(siamese("tower"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(List.of(), c.notes().stream().map(n -> n.getMessage(null)).filter(n -> n.contains("[scopegraph:"))
        .toList());
  }

  @Test
  @DisplayName("a renamed scope: the error names the closest key and quotes TensorFlow's NotFoundError")
  void renamedScope() {
    saveWithTensorFlow("ckpt/siamese.ckpt", new Saved("tower_1/w", TFloat32.class, 4, 3),
        new Saved("tower_1/b", TFloat32.class, 3), new Saved("global_step", TInt64.class));
    JavaFileObject m = siamese("tower");
    Compilation c = compile(m);
    assertThat(c).hadErrorContaining("[scopegraph:MissingCheckpointKey] Variable tower/w is not in checkpoint "
        + "ckpt/siamese.ckpt").inFile(m).onLineContaining("// w");
    assertThat(c).hadErrorContaining("closest key: tower_1/w.");
    assertContains(restoreIntoFloatVariable("ckpt/siamese.ckpt", "tower/w", 4, 3), quoted(c, "Variable tower/w"));
  }

  @Test
  @DisplayName("shape and dtype mismatches quote what TensorFlow's RestoreV2 and Assign raise")
  void mismatches() {
    saveWithTensorFlow("ckpt/siamese.ckpt", new Saved("tower/w", TFloat32.class, 4, 2),
        new Saved("tower/b", TFloat64.class, 3));
    JavaFileObject m = siamese("tower");
    Compilation c = compile(m);
    assertThat(c).hadErrorContaining("[scopegraph:CheckpointShapeMismatch] Variable tower/w").inFile(m)
        .onLineContaining("// w");
    assertThat(c).hadErrorContaining("[scopegraph:CheckpointDTypeMismatch] Variable tower/b").inFile(m)
        .onLineContaining("// b");
    assertContains(restoreIntoFloatVariable("ckpt/siamese.ckpt", "tower/w", 4, 3), quoted(c, "Variable tower/w"));
    assertContains(restoreIntoFloatVariable("ckpt/siamese.ckpt", "tower/b", 3), quoted(c, "Variable tower/b"));
  }
}
