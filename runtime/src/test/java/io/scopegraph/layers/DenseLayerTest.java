package io.scopegraph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.NdArray;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Session;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.VariableAlreadyExistsException;
import io.scopegraph.VariableNotFoundException;
import io.scopegraph.VariableShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dense layer and the naming rules every layer shares (cases L1–L19 of TF 1.15's layers). */
class DenseLayerTest {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.on(graph);
  private final Layers layers = tf.layers();

  private Tensor x() {
    return tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
  }

  private List<String> variableNames() {
    List<String> names = new ArrayList<>();
    for (Variable v : graph.globalVariables()) {
      names.add(v.name() + " " + v.shape());
    }
    return names;
  }

  private List<String> opsAfter(String name) {
    return GraphNames.opsAfter(graph, name);
  }

  @Test
  void l1TwoUnnamedFunctionalLayers() {
    Tensor x = x();
    Tensor y1 = layers.dense(x, 2);
    Tensor y2 = layers.dense(x, 2);
    assertEquals(List.of("dense/kernel:0 (3, 2)", "dense/bias:0 (2,)", "dense_1/kernel:0 (3, 2)",
        "dense_1/bias:0 (2,)"), variableNames());
    assertEquals("dense/BiasAdd", y1.op().name());
    assertEquals("dense_1/BiasAdd", y2.op().name());
    assertEquals("dense_1/kernel/read:0", graph.operation("dense_1/MatMul").input(1).name());
  }

  @Test
  void l2ObjectNameIsNotTheScopeName() {
    Tensor inputs = tf.randomUniform(Shape.of(5, 2), DType.FLOAT32, 0, 1, null, null);
    Dense named = layers.denseLayer(2, Dense.options().activation(Activation.RELU).name("my_dense"));
    Dense d1 = layers.denseLayer(2, Dense.options().activation(Activation.RELU));
    d1.apply(inputs);
    Dense d2 = layers.denseLayer(2, Dense.options().activation(Activation.RELU));
    d2.apply(inputs);
    assertEquals("my_dense", named.name());
    assertEquals("dense_1", d1.name());
    assertEquals("dense_2", d2.name());
    assertEquals("dense", d1.scopeName());
    assertEquals("dense_1", d2.scopeName());
    assertEquals("dense/kernel:0", d1.kernel().name());
    assertEquals("dense_1/bias:0", d2.bias().name());
    LayerNotBuiltException e = assertThrows(LayerNotBuiltException.class, named::scopeName);
    assertEquals("No name available for layer scope because the layer \"my_dense\" has not been used yet. The scope"
        + " name  is determined the first time the layer instance is called. You must therefore call the layer"
        + " before querying `scope_name`.", e.getMessage());
  }

  /** TF's test layer: returns its input. */
  static final class PrivateLayer extends Layer {
    PrivateLayer(Ops tf, String name) {
      super(tf, name);
    }

    @Override
    protected Tensor call(Tensor inputs) {
      return inputs;
    }
  }

  @Test
  void l3ScopeNamesOfCustomLayers() {
    Tensor inputs = tf.randomUniform(Shape.of(5), DType.FLOAT32, 0, 1, null, null);
    List<String> scopes = new ArrayList<>();
    for (String name : new String[] {null, null, "my_layer", "my_layer", "my_layer"}) {
      PrivateLayer l = new PrivateLayer(tf, name);
      l.apply(inputs);
      scopes.add(l.scopeName());
    }
    try (NameScopeHandle ns = tf.nameScope("some_name_scope")) {
      for (String name : new String[] {null, "my_layer", "other_layer"}) {
        PrivateLayer l = new PrivateLayer(tf, name);
        l.apply(inputs);
        scopes.add(l.scopeName());
      }
    }
    try (VarScope vs = tf.variableScope("var_scope")) {
      for (String name : new String[] {null, "my_layer", "my_layer"}) {
        PrivateLayer l = new PrivateLayer(tf, name);
        l.apply(inputs);
        scopes.add(l.scopeName());
      }
    }
    assertEquals(List.of("private_layer", "private_layer_1", "my_layer", "my_layer_1", "my_layer_2",
        "private_layer_2", "my_layer_3", "other_layer", "var_scope/private_layer", "var_scope/my_layer",
        "var_scope/my_layer_1"), scopes);
  }

  /** TF's test layer with one scalar variable and one op. */
  static final class MyLayer extends Layer {
    private Variable myVar;

    MyLayer(Ops tf, String name) {
      super(tf, name);
    }

    @Override
    protected void build(Shape inputShape) {
      myVar = addWeight("my_var", Shape.scalar(), DType.FLOAT32, null, null, true);
    }

    @Override
    protected Tensor call(Tensor inputs) {
      return tf().mul(inputs, myVar, "my_op");
    }
  }

  private static List<String> chain(Ops tf, String... names) {
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    List<String> out = new ArrayList<>();
    Tensor t = x;
    for (String name : names) {
      MyLayer l = new MyLayer(tf, name);
      t = l.apply(t);
      out.add(l.variables().get(0).name());
      out.add(t.name());
    }
    return out;
  }

  @Test
  void l4OpNamesFollowTheVariableScope() {
    assertEquals(List.of("my_layer/my_var:0", "my_layer/my_op:0", "my_layer_1/my_var:0", "my_layer_1/my_op:0",
        "my_layer_2/my_var:0", "my_layer_2/my_op:0"), chain(tf, null, null, null));
  }

  @Test
  void l4ExplicitNamesWithSuffixes() {
    assertEquals(List.of("name/my_var:0", "name/my_op:0", "name_1/my_var:0", "name_1/my_op:0", "name_2/my_var:0",
        "name_2/my_op:0"), chain(tf, "name", "name_1", "name_2"));
    assertEquals(List.of("name_1/my_var:0", "name_1/my_op:0", "name_2/my_var:0", "name_2/my_op:0", "name_3/my_var:0",
        "name_3/my_op:0"), chain(Ops.on(new Graph()), "name_1", "name_2", "name_3"));
  }


  @Test
  void l5NamedFunctionalLayerTwiceWithoutReuse() {
    Tensor x = x();
    layers.dense(x, 2, "fc");
    int before = graph.size();
    VariableAlreadyExistsException e =
        assertThrows(VariableAlreadyExistsException.class, () -> layers.dense(x, 2, "fc"));
    assertTrue(e.getMessage().startsWith("Variable fc/kernel already exists, disallowed. Did you mean to set"
        + " reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?"), e.getMessage());
    assertEquals(before, graph.size(), "a failed call leaves nothing behind");
    Dense a = layers.denseLayer(2, Dense.options().name("fc"));
    a.apply(x);
    assertEquals("fc_1/kernel:0", a.kernel().name());
  }

  @Test
  void l6NamedFunctionalLayerReused() {
    for (Reuse reuse : new Reuse[] {Reuse.TRUE, Reuse.AUTO}) {
      Graph g = new Graph();
      Ops tf = Ops.on(g);
      Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
      Tensor a = tf.layers().dense(x, 2, "fc");
      List<Variable> after1 = g.trainableVariables();
      Tensor b = tf.layers().dense(x, 2, Dense.options().name("fc").reuse(reuse));
      assertEquals(after1, g.trainableVariables());
      assertEquals(2, after1.size());
      assertEquals("fc/BiasAdd", a.op().name());
      assertEquals("fc_1/BiasAdd", b.op().name());
      assertEquals("fc/kernel/read:0", g.operation("fc_1/MatMul").input(1).name());
    }
  }

  @Test
  void l7ReuseWithoutVariableAndWithAnotherWidth() {
    Tensor x = x();
    VariableNotFoundException e = assertThrows(VariableNotFoundException.class,
        () -> layers.dense(x, 2, Dense.options().name("fc").reuse(Reuse.TRUE)));
    assertEquals("Variable fc/kernel does not exist, or was not created with getVariable(). Did you mean to set"
        + " reuse=Reuse.AUTO in VarScope?", e.getMessage());
    Tensor x4 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4));
    layers.dense(x, 2, "fc");
    VariableShapeMismatchException m = assertThrows(VariableShapeMismatchException.class,
        () -> layers.dense(x4, 2, Dense.options().name("fc").reuse(Reuse.TRUE)));
    assertEquals("Trying to share variable fc/kernel, but specified shape (4, 2) and found shape (3, 2).",
        m.getMessage());
  }

  @Test
  void l9OneLayerObjectCalledInThreeNameScopes() {
    Tensor x = x();
    Dense layer = layers.denseLayer(2, Dense.options().activation(Activation.RELU));
    try (NameScopeHandle ns = tf.nameScope("tower")) {
      layer.apply(x);
    }
    layer.apply(x);
    Tensor y3;
    try (NameScopeHandle ns = tf.nameScope("other")) {
      y3 = layer.apply(x);
    }
    assertEquals(List.of("dense/kernel:0 (3, 2)", "dense/bias:0 (2,)"), variableNames());
    List<String> ops = opsAfter("dense/bias/read");
    assertEquals(List.of("tower/dense/MatMul", "tower/dense/BiasAdd", "tower/dense/Relu", "tower/dense/MatMul_1",
        "tower/dense/BiasAdd_1", "tower/dense/Relu_1", "tower/dense/MatMul_2", "tower/dense/BiasAdd_2",
        "tower/dense/Relu_2"), ops);
    assertEquals("tower/dense/Relu_2", y3.op().name());
  }

  @Test
  void l10NameScopeChangesOpNamesOnly() {
    Tensor x = x();
    Tensor y;
    try (NameScopeHandle ns = tf.nameScope("foo")) {
      y = layers.dense(x, 2);
    }
    assertEquals(List.of("dense/kernel:0 (3, 2)", "dense/bias:0 (2,)"), variableNames());
    assertEquals("foo/dense/BiasAdd", y.op().name());
    assertEquals("MatMul", graph.operation("foo/dense/MatMul").type());
    assertEquals("RandomUniform", graph.operation("dense/kernel/Initializer/random_uniform/RandomUniform").type());
  }

  private Tensor disc(Tensor x, Reuse reuse) {
    try (VarScope s = tf.variableScope("discriminator", reuse)) {
      Tensor h = layers.dense(x, 4, Dense.options().activation(Activation.LEAKY_RELU));
      return layers.dense(h, 1);
    }
  }

  @Test
  void l11GanDiscriminatorBuiltTwice() {
    Tensor real = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "real");
    Tensor fake = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "fake");
    Tensor dReal = disc(real, Reuse.FALSE);
    Tensor dFake = disc(fake, Reuse.TRUE);
    assertEquals(List.of("discriminator/dense/kernel:0 (3, 4)", "discriminator/dense/bias:0 (4,)",
        "discriminator/dense_1/kernel:0 (4, 1)", "discriminator/dense_1/bias:0 (1,)"), variableNames());
    assertEquals("discriminator/dense_1/BiasAdd", dReal.op().name());
    assertEquals("discriminator_1/dense_1/BiasAdd", dFake.op().name());
    assertEquals("LeakyRelu", graph.operation("discriminator/dense/LeakyRelu").type());
    assertEquals("discriminator/dense/kernel/read:0",
        graph.operation("discriminator_1/dense/MatMul").input(1).name());
    int before = graph.size();
    VariableAlreadyExistsException e =
        assertThrows(VariableAlreadyExistsException.class, () -> disc(fake, Reuse.FALSE));
    assertTrue(e.getMessage().startsWith("Variable discriminator/dense/kernel already exists, disallowed."),
        e.getMessage());
    assertEquals(before, graph.size());
  }

  @Test
  void l14ScopeInitializerCustomGetterAndNonTrainable() {
    try (VarScope s = tf.variableScopeBuilder("scope").initializer(Initializers.ones()).enter()) {
      layers.dense(tf.randomUniform(Shape.of(5, 3), DType.FLOAT32, 0, 1, 1L, null), 2);
    }
    int[] called = {0};
    try (VarScope s = tf.variableScopeBuilder("test").customGetter((getter, request) -> {
      called[0]++;
      return getter.get(request);
    }).enter()) {
      layers.dense(tf.randomUniform(Shape.of(5, 3), DType.FLOAT32, 0, 1, 1L, null), 2);
    }
    assertEquals(2, called[0]);
    Dense frozen = layers.denseLayer(2, Dense.options().trainable(false).name("my_dense"));
    frozen.apply(tf.randomUniform(Shape.of(5, 3), DType.FLOAT32, 0, 1, 1L, null));
    assertEquals(List.of(frozen.kernel(), frozen.bias()), frozen.nonTrainableVariables());
    assertEquals(List.of(), frozen.trainableVariables());
    try (Session session = new Session(graph)) {
      session.run(tf.globalVariablesInitializer());
      Variable kernel = graph.globalVariables().get(0);
      assertEquals("scope/dense/kernel:0", kernel.name());
      NdArray k = session.runner().fetch(kernel).run().get(0);
      for (int i = 0; i < 6; i++) {
        assertEquals(1f, (float) k.getDouble(i));
      }
      NdArray b = session.runner().fetch(graph.globalVariables().get(1)).run().get(0);
      assertEquals(0f, (float) b.getDouble(0));
    }
    assertEquals(4, graph.trainableVariables().size());
  }

  @Test
  void l17DenseInputErrors() {
    Tensor unknownWidth = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1));
    IncompatibleInputException e = assertThrows(IncompatibleInputException.class, () -> layers.dense(unknownWidth, 4));
    assertEquals("The last dimension of the inputs to `Dense` should be defined. Found `null`.", e.getMessage());
    Tensor vector = tf.placeholder(DType.FLOAT32, Shape.of(5));
    e = assertThrows(IncompatibleInputException.class, () -> layers.dense(vector, 4));
    assertEquals("Input 0 of layer dense_2 is incompatible with the layer: : expected min_ndim=2, found ndim=1."
        + " Full shape received: [5]", e.getMessage());
    Tensor anyRank = tf.placeholder(DType.FLOAT32, Shape.unknown());
    e = assertThrows(IncompatibleInputException.class, () -> layers.dense(anyRank, 4));
    assertEquals("Input 0 of layer dense_3 is incompatible with the layer: its rank is undefined, but the layer"
        + " requires a defined rank.", e.getMessage());
    Dense d = layers.denseLayer(2);
    d.apply(tf.placeholder(DType.FLOAT32, Shape.of(5, 3)));
    e = assertThrows(IncompatibleInputException.class, () -> d.apply(tf.placeholder(DType.FLOAT32, Shape.of(5, 4))));
    assertEquals("Input 0 of layer dense_4 is incompatible with the layer: expected axis -1 of input shape to have"
        + " value 3 but received input with shape [5, 4]", e.getMessage());
    LayerArgumentException r = assertThrows(LayerArgumentException.class,
        () -> layers.denseLayer(2, Dense.options().reuse(Reuse.TRUE)));
    assertTrue(r.getMessage().startsWith("reuse=Reuse.TRUE is an argument of the function form"), r.getMessage());
    assertEquals(List.of("dense/kernel:0 (3, 2)", "dense/bias:0 (2,)"), variableNames(), "failed calls use no name");
  }

  @Test
  void l18DenseCompleteOpList() {
    Tensor x = x();
    Tensor y = layers.dense(x, 4, Dense.options().activation(Activation.RELU));
    assertEquals(List.of("dense/kernel/Initializer/random_uniform/shape", "dense/kernel/Initializer/random_uniform/min",
        "dense/kernel/Initializer/random_uniform/max", "dense/kernel/Initializer/random_uniform/RandomUniform",
        "dense/kernel/Initializer/random_uniform/sub", "dense/kernel/Initializer/random_uniform/mul",
        "dense/kernel/Initializer/random_uniform", "dense/kernel", "dense/kernel/Assign", "dense/kernel/read",
        "dense/bias/Initializer/zeros", "dense/bias", "dense/bias/Assign", "dense/bias/read", "dense/MatMul",
        "dense/BiasAdd", "dense/Relu"), opsAfter("x"));
    assertEquals("dense/Relu", y.op().name());
    assertEquals("Add", graph.operation("dense/kernel/Initializer/random_uniform").type());
    assertEquals((float) -Math.sqrt(6.0 / 7), constantValue("dense/kernel/Initializer/random_uniform/min"), 1e-7);
  }

  @Test
  void l19BiasOfAThousandElements() {
    Tensor x = x();
    layers.dense(x, 1024);
    List<String> ops = opsAfter("dense/kernel/read");
    assertEquals(List.of("dense/bias/Initializer/zeros/shape_as_tensor", "dense/bias/Initializer/zeros/Const",
        "dense/bias/Initializer/zeros", "dense/bias", "dense/bias/Assign", "dense/bias/read", "dense/MatMul",
        "dense/BiasAdd"), ops);
    assertEquals("Fill", graph.operation("dense/bias/Initializer/zeros").type());
    assertEquals((float) Math.sqrt(6.0 / 1027), constantValue("dense/kernel/Initializer/random_uniform/max"), 1e-7);
  }

  @Test
  void l31KernelRegularizerOnlyForNewVariables() {
    Tensor inputs = tf.randomUniform(Shape.of(5, 3), DType.FLOAT32, 0, 1, 1L, null);
    io.scopegraph.Regularizer reg = w -> tf.sum(w).mul(1e-3);
    layers.dense(inputs, 2, Dense.options().name("my_dense").kernelRegularizer(reg));
    assertEquals(1, graph.collection(Graph.REGULARIZATION_LOSSES).size());
    layers.dense(inputs, 2, Dense.options().name("my_dense").kernelRegularizer(reg).reuse(Reuse.TRUE));
    assertEquals(1, graph.collection(Graph.REGULARIZATION_LOSSES).size());
    assertEquals("my_dense/kernel/Regularizer/mul:0", ((Tensor) graph.collection(Graph.REGULARIZATION_LOSSES).get(0)).name());
    List<String> ops = opsAfter("my_dense/kernel/read").subList(0, 8);
    assertEquals(List.of("my_dense/kernel/Regularizer/Rank", "my_dense/kernel/Regularizer/range/start",
        "my_dense/kernel/Regularizer/range/delta", "my_dense/kernel/Regularizer/range",
        "my_dense/kernel/Regularizer/Sum", "my_dense/kernel/Regularizer/mul/y", "my_dense/kernel/Regularizer/mul",
        "my_dense/bias/Initializer/zeros"), ops);
  }

  private double constantValue(String op) {
    try (Session s = new Session(graph)) {
      return s.runner().fetch(graph.tensor(op + ":0")).run().get(0).getDouble(0);
    }
  }

  /** A layer whose variable is added from outside, as TF's {@code layer.add_variable}. */
  static final class BareLayer extends Layer {
    BareLayer(Ops tf, String name) {
      super(tf, name);
    }

    Variable addVariable(String name) {
      return addWeight(name, Shape.of(2, 2), DType.FLOAT32, Initializers.zeros(), null, true);
    }

    @Override
    protected Tensor call(Tensor inputs) {
      return inputs;
    }
  }

  @Test
  void l15LegacyAddWeightIgnoresNameScopes() {
    Variable v2;
    try (NameScopeHandle ns = tf.nameScope("baz")) {
      v2 = new BareLayer(tf, "my_layer").addVariable("my_var");
    }
    assertEquals("my_layer/my_var:0", v2.name());
    // Keras-style layers (keras_style_scope, tf.keras.layers) are not part of scopegraph: README, deviations.
  }
}
