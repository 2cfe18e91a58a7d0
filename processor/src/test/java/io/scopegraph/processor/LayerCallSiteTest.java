package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.scopegraph.NdArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call-site analysis of {@code tf.layers()} calls (cases of spec/layers-cases.md): what each layer call creates,
 * in which scope, by TF 1.15's rules; the clashes the runtime raises as javac errors at the offending call; the
 * manifest and {@code @Checkpoint} with layer variables. Members of the test model start on line 9.
 */
class LayerCallSiteTest {
  @TempDir
  Path dir;

  private static JavaFileObject model(String... members) {
    return Compilations.layerModelWith(members);
  }

  private static Compilation assertError(JavaFileObject m, String id, String line, String message) {
    Compilation c = Compilations.compile(m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:" + id + "] " + message).inFile(m).onLineContaining(line);
    assertEquals(List.of(), Compilations.generatedSourcesDespiteErrors(m), "nothing generated");
    return c;
  }

  @Test
  @DisplayName("L5: a named dense layer twice without reuse is an error at the second call, with the runtime's message")
  void namedLayerTwice() {
    Compilation c = assertError(model(
        "  public Tensor build(Tensor x) {",
        "    Layers layers = tf.layers();",
        "    layers.dense(x, 2, \"fc\");",
        "    return layers.dense(x, 2, \"fc\"); // second",
        "  }"), "DuplicateVariable", "// second", "Layer variable fc/kernel is created again here without reuse "
            + "(first created at line 11): the runtime raises \"Variable fc/kernel already exists, disallowed. Did you "
            + "mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?\" (VariableAlreadyExistsException) when "
            + "M.build(Tensor) runs, as TensorFlow does. Share it with reuse(Reuse.AUTO) in the layer's options or "
            + "reuse = Reuse.AUTO on the enclosing scope, or give each layer its own name.");
    assertEquals(1, c.errors().size(), "one error per call: the kernel, which the runtime fails on first");
  }

  @Test
  @DisplayName("L5: the options form, conv2d and batchNormalization clash on their first variable")
  void namedLayersTwiceOtherForms() {
    assertError(model(
        "  public Tensor build(Tensor x) {",
        "    tf.layers().dense(x, 2, Dense.options().name(\"fc\").activation(Activation.RELU));",
        "    return tf.layers().dense(x, 2, Dense.options().name(\"fc\")); // second",
        "  }"), "DuplicateVariable", "// second", "Layer variable fc/kernel is created again here without reuse "
            + "(first created at line 10)");
    assertError(model(
        "  public Tensor build(Tensor images) {",
        "    tf.layers().conv2d(images, 8, 3, \"conv\");",
        "    return tf.layers().conv2d(images, 8, new int[] {3, 5}, Conv2D.options().name(\"conv\")); // second",
        "  }"), "DuplicateVariable", "// second", "Layer variable conv/kernel is created again here");
    assertError(model(
        "  public Tensor build(Tensor x) {",
        "    tf.layers().batchNormalization(x, BatchNormalization.options().name(\"bn\").scale(false));",
        "    return tf.layers().batchNormalization(x, \"bn\"); // second",
        "  }"), "DuplicateVariable", "// second", "Layer variable bn/beta is created again here");
  }

  @Test
  @DisplayName("L7: reuse(Reuse.TRUE) without the variable is an error; a creator in another method makes it silent")
  void reuseTrueWithoutVariable() {
    assertError(model(
        "  public Tensor build(Tensor x) {",
        "    return tf.layers().dense(x, 2, Dense.options().name(\"fc\").reuse(Reuse.TRUE)); // shares",
        "  }"), "ReuseWithoutVariable", "// shares", "Variable fc/kernel does not exist when this dense layer shares "
            + "it with reuse(Reuse.TRUE), and no code of M creates it: the runtime raises \"Variable fc/kernel does not "
            + "exist, or was not created with getVariable(). Did you mean to set reuse=Reuse.AUTO in VarScope?\" "
            + "(VariableNotFoundException) when M.build(Tensor) runs, as TensorFlow does. Create the layer once "
            + "without reuse first, or use Reuse.AUTO.");
    assertThat(Compilations.compile(model(
        "  public Tensor train(Tensor x) { return tf.layers().dense(x, 2, \"fc\"); }",
        "  public Tensor eval(Tensor x) {",
        "    return tf.layers().dense(x, 2, Dense.options().name(\"fc\").reuse(Reuse.TRUE));",
        "  }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("L7: sharing with an input of another (literal) width is a shape conflict, with TF's message")
  void reuseWithAnotherWidth() {
    assertError(model(
        "  public Tensor build() {",
        "    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), \"x\");",
        "    Tensor x4 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), \"x4\");",
        "    tf.layers().dense(x, 2, \"fc\");",
        "    return tf.layers().dense(x4, 2, Dense.options().name(\"fc\").reuse(Reuse.TRUE)); // wider",
        "  }"), "VariableShapeConflict", "// wider", "Variable fc/kernel is shared here with shape (4, 2), but it was "
            + "created with shape (3, 2) (first created at line 12): TensorFlow raises \"Trying to share variable "
            + "fc/kernel, but specified shape (4, 2) and found shape (3, 2).\"");
  }

  @Test
  @DisplayName("InvalidLayerName: a literal layer name TF rejects")
  void invalidLayerName() {
    assertError(model(
        "  public Tensor build(Tensor x) {",
        "    return tf.layers().dense(x, 2, \"my dense\"); // invalid",
        "  }"), "InvalidLayerName", "// invalid", "'my dense' is not a valid layer name: the runtime raises \"'my dense' "
            + "is not a valid scope name\" (InvalidScopeNameException) when this layer call runs, as TensorFlow does.");
  }

  @Test
  @DisplayName("L6: Reuse.AUTO, and Reuse.TRUE after the first call, share: clean")
  void sharingIsClean() {
    assertThat(Compilations.compile(model(
        "  public Tensor build(Tensor x) {",
        "    Layers layers = tf.layers();",
        "    layers.dense(x, 2, Dense.options().name(\"fc\").reuse(Reuse.AUTO));",
        "    layers.dense(x, 2, Dense.options().name(\"fc\").reuse(Reuse.AUTO));",
        "    return layers.dense(x, 2, Dense.options().name(\"fc\").reuse(Reuse.TRUE));",
        "  }"))).succeededWithoutWarnings();
  }

  @Test
  @DisplayName("L1: two unnamed dense layers are dense and dense_1: clean, both in the manifest")
  void unnamedTwice() throws IOException {
    Compilation c = Compilations.compile(model(
        "  public Tensor build(Tensor x) {",
        "    Layers layers = tf.layers();",
        "    layers.dense(x, 2);",
        "    return layers.dense(x, 3);",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor)\tcomplete",
        "var\tdense/kernel\t[?,2]\t?",
        "var\tdense/bias\t[2]\t?",
        "var\tdense_1/kernel\t[?,3]\t?",
        "var\tdense_1/bias\t[3]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("L11: a scoped method with an unnamed layer called twice clashes on its first default name")
  void scopedMethodTwice() {
    assertError(model(
        "  @VariableScope(\"discriminator\")",
        "  public Tensor disc(Tensor x) {",
        "    Tensor h = tf.layers().dense(x, 4, Dense.options().activation(Activation.RELU));",
        "    return tf.layers().dense(h, 1);",
        "  }",
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    Tensor a = disc(real);",
        "    return disc(fake); // again",
        "  }"), "DuplicateVariable", "// again", "Layer variable discriminator/dense/kernel is created again here "
            + "without reuse (first created at line 15): the runtime raises \"Variable discriminator/dense/kernel "
            + "already exists, disallowed.");
  }

  @Test
  @DisplayName("L11: with reuse inherited from the scope the second build shares: dense, dense_1 under discriminator "
      + "(the second kernel's input width is the first layer's units)")
  void scopedMethodTwiceShared() throws IOException {
    Compilation c = Compilations.compile(model(
        "  @VariableScope(value = \"discriminator\", reuse = Reuse.AUTO)",
        "  public Tensor disc(Tensor x) {",
        "    Tensor h = tf.layers().dense(x, 4, Dense.options().activation(Activation.RELU));",
        "    return tf.layers().dense(h, 1);",
        "  }",
        "  public Tensor gan(Tensor real, Tensor fake) {",
        "    return disc(real).sub(disc(fake));",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    String disc = String.join("\n",
        "var\tdiscriminator/dense/kernel\t[?,4]\t?",
        "var\tdiscriminator/dense/bias\t[4]\t?",
        "var\tdiscriminator/dense_1/kernel\t[4,1]\t?",
        "var\tdiscriminator/dense_1/bias\t[1]\t?") + "\n";
    assertEquals("root\tdisc(Tensor)\tcomplete\n" + disc + "root\tgan(Tensor, Tensor)\tcomplete\n" + disc,
        Compilations.manifest(c));
  }

  @Test
  @DisplayName("L10: a name scope changes op names only: the layer's variables are dense/…, and no NameScopeOnlyVariable")
  void nameScopeDoesNotPrefixLayers() throws IOException {
    Compilation c = Compilations.compile(model(
        "  @NameScope(\"foo\")",
        "  public Tensor build(Tensor x) {",
        "    return tf.layers().dense(x, 2);",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor)\tcomplete",
        "var\tdense/kernel\t[?,2]\t?",
        "var\tdense/bias\t[2]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("the manifest: layer objects share on later calls, named objects count (fc, fc_1), layers without "
      + "variables and literal scopes take default names (dense_2 after dense and dense_1)")
  void manifestOfLayerForms() throws IOException {
    Compilation c = Compilations.compile(model(
        "  @SuppressWarnings(\"try\")",
        "  public Tensor build(Tensor x, Tensor images) {",
        "    Layers layers = tf.layers();",
        "    Dense d = layers.denseLayer(2);",
        "    d.apply(x);",
        "    d.apply(x);",
        "    layers.denseLayer(2, Dense.options().name(\"fc\")).apply(x);",
        "    layers.denseLayer(2, Dense.options().name(\"fc\")).apply(x);",
        "    layers.dropout(x, 0.5, false, Dropout.options().name(\"dense\"));",
        "    layers.dense(x, 2, \"dense_1\");",
        "    layers.dense(x, 2);",
        "    try (VarScope s = tf.variableScope(\"outer\")) {",
        "      layers.batchNormalization(x, BatchNormalization.options().center(false));",
        "      layers.conv2d(images, 8, new int[] {3, 5}, Conv2D.options().useBias(false));",
        "      layers.maxPooling2d(images, 2, 2, \"conv2d\");",
        "      layers.conv2d(images, 4, 3);",
        "    }",
        "    return x;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, Tensor)\tcomplete",
        "var\tdense/kernel\t[?,2]\t?",
        "var\tdense/bias\t[2]\t?",
        "var\tfc/kernel\t[?,2]\t?",
        "var\tfc/bias\t[2]\t?",
        "var\tfc_1/kernel\t[?,2]\t?",
        "var\tfc_1/bias\t[2]\t?",
        "var\tdense_1/kernel\t[?,2]\t?",
        "var\tdense_1/bias\t[2]\t?",
        "var\tdense_2/kernel\t[?,2]\t?",
        "var\tdense_2/bias\t[2]\t?",
        "var\touter/batch_normalization/gamma\t[?]\t?",
        "var\touter/batch_normalization/moving_mean\t[?]\t?",
        "var\touter/batch_normalization/moving_variance\t[?]\t?",
        "var\touter/conv2d/kernel\t[3,5,?,8]\t?",
        "var\touter/conv2d_2/kernel\t[3,3,?,4]\t?",
        "var\touter/conv2d_2/bias\t[4]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("loops: a named layer in a literal loop clashes; an object made once and applied in a loop creates once")
  void loops() throws IOException {
    assertError(model(
        "  public void stack(Tensor x) {",
        "    for (int i = 0; i < 3; i++) {",
        "      tf.layers().dense(x, 2, \"fc\"); // in loop",
        "    }",
        "  }"), "DuplicateVariable", "// in loop", "Layer variable fc/kernel is created again here without reuse (in a "
            + "loop that runs it 3 times)");
    Compilation c = Compilations.compile(model(
        "  public Tensor once(Tensor x) {",
        "    Dense d = tf.layers().denseLayer(2);",
        "    for (int i = 0; i < 3; i++) {",
        "      d.apply(x);",
        "    }",
        "    return x;",
        "  }",
        "  public Tensor each(Tensor x) {",
        "    for (int i = 0; i < 3; i++) {",
        "      Dense d = tf.layers().denseLayer(2);",
        "      d.apply(x);",
        "      tf.layers().dense(x, 2);",
        "    }",
        "    return x;",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tonce(Tensor)\tcomplete",
        "var\tdense/kernel\t[?,2]\t?",
        "var\tdense/bias\t[2]\t?",
        "root\teach(Tensor)\tcomplete", // a literal loop is replayed run by run: each run takes the next names
        "var\tdense/kernel\t[?,2]\t?",
        "var\tdense/bias\t[2]\t?",
        "var\tdense_1/kernel\t[?,2]\t?",
        "var\tdense_1/bias\t[2]\t?",
        "var\tdense_2/kernel\t[?,2]\t?",
        "var\tdense_2/bias\t[2]\t?",
        "var\tdense_3/kernel\t[?,2]\t?",
        "var\tdense_3/bias\t[2]\t?",
        "var\tdense_4/kernel\t[?,2]\t?",
        "var\tdense_4/bias\t[2]\t?",
        "var\tdense_5/kernel\t[?,2]\t?",
        "var\tdense_5/bias\t[2]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("names, reuse and options that are not literal (or constants) are silent, and the root incomplete")
  void unresolvedIsSilent() throws IOException {
    Compilation c = Compilations.compile(model(
        "  private static final String FC = \"fc\";",
        "  public Tensor build(Tensor x, String name, Dense.Options options) {",
        "    Layers layers = tf.layers();",
        "    layers.dense(x, 2, name);",
        "    layers.dense(x, 2, name);",
        "    layers.dense(x, 2, options);",
        "    layers.dense(x, 2, FC);",
        "    return layers.dense(x, 2);",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, String, Dense.Options)\tincomplete",
        "var\tfc/kernel\t[?,2]\t?",
        "var\tfc/bias\t[2]\t?") + "\n", Compilations.manifest(c));
  }

  @Test
  @DisplayName("code the analysis does not follow may take default names: the later ones are unknown, not guessed")
  void otherCodeMakesLaterDefaultNamesUnknown() throws IOException {
    Compilation c = Compilations.compile(model(
        "  public Tensor build(Tensor x, M other) {",
        "    Layers layers = tf.layers();",
        "    layers.dense(x, 2);",
        "    other.build(x, null);",
        "    layers.dense(x, 2, \"fc\");",
        "    return layers.dense(x, 2);",
        "  }"));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(String.join("\n",
        "root\tbuild(Tensor, M)\tincomplete",
        "var\tdense/kernel\t[?,2]\t?",
        "var\tdense/bias\t[2]\t?",
        "var\tfc/kernel\t[?,2]\t?",
        "var\tfc/bias\t[2]\t?") + "\n", Compilations.manifest(c));
  }

  // ---------------------------------------------------------------------------------------------
  // @Checkpoint

  private static JavaFileObject mlp() {
    return model(
        "  @Checkpoint(\"ckpt/mlp.ckpt\")",
        "  public Tensor mlp(Tensor x) {",
        "    Layers layers = tf.layers();",
        "    Tensor h = layers.dense(x, 3, \"hidden\"); // hidden",
        "    return layers.dense(h, 2, \"logits\"); // logits",
        "  }");
  }

  private List<String> option() {
    return List.of("-Ascopegraph.checkpointDir=" + dir);
  }

  @Test
  @DisplayName("@Checkpoint with layers: a matching checkpoint is clean; a renamed layer and another width are errors")
  void checkpoint() throws IOException {
    NdArray k1 = CheckpointDiagnosticsTest.floats(4, 3);
    NdArray b1 = CheckpointDiagnosticsTest.floats(3);
    CheckpointDiagnosticsTest.write(dir, "ckpt/mlp.ckpt", CheckpointDiagnosticsTest.tensors("hidden/kernel", k1,
        "hidden/bias", b1, "logits/kernel", CheckpointDiagnosticsTest.floats(3, 2), "logits/bias",
        CheckpointDiagnosticsTest.floats(2), "global_step", NdArray.scalar(7L)));
    Compilation clean = Compilations.compile(option(), mlp());
    assertThat(clean).succeededWithoutWarnings();
    assertEquals(0, clean.notes().stream().filter(n -> n.getMessage(null).contains("[scopegraph:")).count());

    CheckpointDiagnosticsTest.write(dir, "ckpt/mlp.ckpt", CheckpointDiagnosticsTest.tensors("hidden/kernel", k1,
        "hidden/bias", CheckpointDiagnosticsTest.floats(5), "output/kernel", CheckpointDiagnosticsTest.floats(3, 2),
        "output/bias", CheckpointDiagnosticsTest.floats(2)));
    JavaFileObject m = mlp();
    Compilation c = Compilations.compile(option(), m);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[scopegraph:MissingCheckpointKey] Variable logits/kernel is not in checkpoint "
        + "ckpt/mlp.ckpt, which @Checkpoint on M.mlp(Tensor) restores: TensorFlow raises \"Key logits/kernel not "
        + "found in checkpoint\" (NotFoundError)").inFile(m).onLineContaining("// logits");
    assertThat(c).hadErrorContaining("Variable logits/bias is not in checkpoint").inFile(m)
        .onLineContaining("// logits");
    assertThat(c).hadErrorContaining("[scopegraph:CheckpointShapeMismatch] Variable hidden/bias has shape (3,) here, "
        + "but checkpoint ckpt/mlp.ckpt").inFile(m).onLineContaining("// hidden");
    assertEquals(3, c.errors().size(), "hidden/kernel's input width is not known here: only its bias is compared");

    CheckpointDiagnosticsTest.write(dir, "ckpt/mlp.ckpt", CheckpointDiagnosticsTest.tensors("hidden/kernel", k1,
        "hidden/bias", b1, "logits/kernel", CheckpointDiagnosticsTest.floats(4, 2), "logits/bias",
        CheckpointDiagnosticsTest.floats(2)));
    Compilation wider = Compilations.compile(option(), m);
    assertThat(wider).hadErrorContaining("[scopegraph:CheckpointShapeMismatch] Variable logits/kernel has shape "
        + "(3, 2) here, but checkpoint ckpt/mlp.ckpt").inFile(m).onLineContaining("// logits");
    assertEquals(1, wider.errors().size(), "logits' input is hidden's output: its kernel's shape is known");
  }
}
