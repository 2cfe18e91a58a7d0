package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.scopegraph.Constraint;
import io.scopegraph.CustomGetter;
import io.scopegraph.GraphMismatchException;
import io.scopegraph.NdArray;
import io.scopegraph.PartitionedVariable;
import io.scopegraph.Partitioners;
import io.scopegraph.Regularizers;
import io.scopegraph.Session;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Initializers;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.ScopedCalls;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.Variable;
import io.scopegraph.VariableAlreadyExistsException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Compiles models with the processor, runs the generated code on the runtime, and checks it builds the very
 * graph the same model written by hand with runtime calls builds.
 */
class EndToEndTest {

  private static Object create(String model, String generated, Object... args) throws Exception {
    Compilation c = Compilations.compile(Compilations.model(model));
    assertThat(c).succeeded();
    Class<?> cls = Compilations.classLoader(c).loadClass(generated);
    for (Method m : cls.getMethods()) {
      if (m.getName().equals("create") && m.getParameterCount() == args.length) {
        m.setAccessible(true); // package-private models get package-private generated classes
        return m.invoke(null, args);
      }
    }
    throw new AssertionError("no create/" + args.length + " in " + generated);
  }

  private static Object call(Object model, String method, Object... args) throws Throwable {
    for (Method m : model.getClass().getSuperclass().getDeclaredMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        try {
          return m.invoke(model, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no " + method);
  }

  private static List<String> names(Graph g) {
    return g.operations().stream().map(op -> op.name() + ":" + op.type()).toList();
  }

  // The Siamese model written by hand with runtime calls.
  private static Tensor tower(Ops tf, Tensor x) {
    try (VarScope s = tf.variableScopeBuilder("tower").reuse(Reuse.AUTO).values(x).enter()) {
      Tensor w = tf.getVariable("w", Shape.of(4, 3));
      Tensor b = tf.getVariable("b", Shape.of(3), Initializers.zeros());
      return tf.relu(tf.add(tf.matMul(x, w), b));
    }
  }

  private static Tensor distance(Ops tf, Tensor left, Tensor right) {
    try (NameScopeHandle s = tf.nameScope("distance", null, List.of(left, right))) {
      return tf.sum(tf.square(tf.sub(tower(tf, left), tower(tf, right))));
    }
  }

  @Test
  @DisplayName("Siamese: shared tower weights, the same graph as the hand-written runtime calls")
  void siamese() throws Throwable {
    Graph generated = new Graph();
    Ops tf = Ops.on(generated);
    Object model = create("com/example/Siamese.java", "com.example.ScopedSiamese", tf);
    Tensor a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "a");
    Tensor b = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "b");
    Tensor d = (Tensor) call(model, "distance", a, b);

    Graph byHand = new Graph();
    Ops hand = Ops.on(byHand);
    Tensor d2 = distance(hand, hand.placeholder(DType.FLOAT32, Shape.of(-1, 4), "a"),
        hand.placeholder(DType.FLOAT32, Shape.of(-1, 4), "b"));

    assertEquals(names(byHand), names(generated));
    assertEquals(d2.name(), d.name());
    assertEquals("distance/Sum:0", d.name());
    assertEquals(List.of("tower/w:0", "tower/b:0"), generated.globalVariables().stream().map(Tensor::name).toList());
    assertTrue(names(generated).contains("distance/tower/MatMul:MatMul"));
    assertTrue(names(generated).contains("distance/tower_1/MatMul:MatMul"));
  }

  @Test
  @DisplayName("Mlp: layers named by @ScopeName, default names uniquified, Ops reached through a method")
  void mlp() throws Throwable {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Object model = create("com/example/Mlp.java", "com.example.ScopedMlp", tf, 4);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    call(model, "forward", x);
    call(model, "dense", null, x, 3);
    assertEquals(List.of("hidden/kernel:0", "hidden/bias:0", "dense/kernel:0", "dense/bias:0",
        "dense_1/kernel:0", "dense_1/bias:0"), g.globalVariables().stream().map(Tensor::name).toList());
    assertEquals(Shape.of(4, 8), g.globalVariables().get(0).shape());
  }

  @Test
  @DisplayName("variable scope then name scope (the seed's foo/bar); auxiliaryNameScope=false")
  void scopingOrder() throws Throwable {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Object layer = create("com/example/Scoping.java", "com.example.ScopedScoping_Layer", tf);
    Tensor x = (Tensor) call(layer, "fooBar");
    assertEquals("foo/bar/add", x.op().name());
    assertEquals("foo/v:0", g.globalVariables().get(0).name());
    call(layer, "quiet");
    assertEquals("quiet/q:0", g.globalVariables().get(1).name());
    assertTrue(g.operations().stream().map(Operation::name).noneMatch(n -> n.startsWith("quiet/")
        && !n.startsWith("quiet/q")), "no name scope of its own");
  }

  @Test
  @DisplayName("the deprecated annotations give the seed's mysum / mysum2 names")
  void deprecatedScopes() throws Throwable {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Object model = create("com/example/MySum.java", "com.example.ScopedMySum", tf);
    Variable a = tf.variable(1);
    Variable b = tf.variable(2);
    Tensor sum = (Tensor) call(model, "mysum", a, b);
    Tensor sum2 = (Tensor) call(model, "mysum2", a, b);
    assertEquals("mysum/Add:0", sum.name());
    assertEquals("mysum2/Add:0", sum2.name());
    assertEquals(List.of("Variable:0", "Variable_1:0", "v:0", "mysum/v2:0", "mysum2/v:0", "mysum2/v2:0"),
        g.globalVariables().stream().map(Tensor::name).toList());
  }

  // ShardedTowers written by hand with runtime calls: the same options, as objects.
  private static Tensor embedByHand(Ops tf, Tensor ids) {
    try (VarScope s = tf.variableScopeBuilder("embedding").reuse(Reuse.AUTO).initializer(Initializers.ones())
        .partitioner(Partitioners.fixedSize(2)).values(ids).enter()) {
      PartitionedVariable table = tf.getVariableBuilder("table").shape(Shape.of(4, 3)).getPartitioned();
      return tf.matMul(ids, table.asTensor());
    }
  }

  private static Tensor denseByHand(Ops tf, Tensor x, Constraint constraint) {
    CustomGetter doubled = (getter, request) -> getter.get(request).mul(2f);
    try (VarScope s = tf.variableScopeBuilder("dense").regularizer(Regularizers.none()).customGetter(doubled)
        .constraint(constraint).values(x).enter()) {
      Tensor w = tf.getVariableBuilder("w").shape(Shape.of(3, 2)).initializer(Initializers.constant(0.5)).value();
      return tf.matMul(x, w);
    }
  }

  private static Tensor forwardByHand(Ops tf, Tensor ids) {
    try (VarScope s = tf.variableScopeBuilder("model").regularizer(Regularizers.l2(0.5)).values(ids).enter()) {
      return denseByHand(tf, embedByHand(tf, ids), x -> x);
    }
  }

  private static List<Double> run(Graph g, List<Tensor> fetches, Tensor feed, NdArray value) {
    try (Session s = new Session(g)) {
      s.run(Ops.on(g).globalVariablesInitializer());
      return s.run(fetches, java.util.Map.of(feed, value)).stream().map(a -> a.getDouble(0)).toList();
    }
  }

  @Test
  @DisplayName("regularizer, partitioner, custom getter, constraint from annotations: the hand-written graph, "
      + "exact shard and loss names, the same numbers")
  void scopeOptionClasses() throws Throwable {
    Graph generated = new Graph();
    Ops tf = Ops.on(generated);
    Object model = create("com/example/ShardedTowers.java", "com.example.ScopedShardedTowers", tf);
    Tensor ids = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "ids");
    Tensor out = (Tensor) call(model, "forward", ids);
    Tensor again = (Tensor) call(model, "embed", ids); // AUTO reuse: the same shards, no new loss

    Graph byHand = new Graph();
    Ops hand = Ops.on(byHand);
    Tensor handIds = hand.placeholder(DType.FLOAT32, Shape.of(-1, 4), "ids");
    Tensor handOut = forwardByHand(hand, handIds);
    embedByHand(hand, handIds);

    assertEquals(names(byHand), names(generated));
    assertEquals("model/dense/MatMul:0", out.name());
    assertEquals("embedding/MatMul:0", again.name());
    assertEquals(List.of("model/embedding/table/part_0:0", "model/embedding/table/part_1:0", "model/dense/w:0",
        "embedding/table/part_0:0", "embedding/table/part_1:0"),
        generated.globalVariables().stream().map(Tensor::name).toList());
    assertEquals(List.of(Shape.of(2, 3), Shape.of(2, 3), Shape.of(3, 2), Shape.of(2, 3), Shape.of(2, 3)),
        generated.globalVariables().stream().map(Tensor::shape).toList());
    assertEquals(List.of("model/embedding/table/part_0/Regularizer/l2_regularizer:0",
        "model/embedding/table/part_1/Regularizer/l2_regularizer:0"),
        generated.regularizationLosses().stream().map(Tensor::name).toList(),
        "the table inherits model's regularizer; dense switches it off with Regularizers.None; the second "
            + "embedding has none");
    assertTrue(names(generated).containsAll(List.of("model/embedding/table/ConcatPartitions/concat:ConcatV2",
        "model/embedding/table:Identity", "mul/y:Const", "mul:Mul")),
        "concat and identity at the table's absolute name, the custom getter's ops at the root");
    Variable w = generated.globalVariables().get(2);
    assertEquals("NonNegative", w.constraint().getClass().getSimpleName());
    assertEquals(null, generated.globalVariables().get(0).constraint(), "constraints are not inherited");

    NdArray batch = NdArray.of(new float[][] {{1, 0, 0, 0}, {0, 1, 1, 0}});
    List<Tensor> fetches = new ArrayList<>(List.of(out));
    fetches.addAll(generated.regularizationLosses());
    List<Tensor> handFetches = new ArrayList<>(List.of(handOut));
    handFetches.addAll(byHand.regularizationLosses());
    List<Double> values = run(generated, fetches, ids, batch);
    assertEquals(run(byHand, handFetches, handIds, batch), values);
    // table of ones: row sums 3 (and 6 for two ids); w = 0.5 doubled by the getter: out[0][0] = 3 * 1.0
    assertEquals(3.0, values.get(0), 1e-6);
    // each shard (2, 3) of ones: 0.5 * sum(1) / 2 = 1.5
    assertEquals(List.of(1.5, 1.5), values.subList(1, 3));
  }

  @Test
  @DisplayName("a tensor from another graph fails naming the parameter")
  void graphMismatchNamesTheParameter() throws Throwable {
    Ops tf = Ops.on(new Graph());
    Object model = create("com/example/Siamese.java", "com.example.ScopedSiamese", tf);
    Tensor mine = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "mine");
    Tensor other = Ops.on(new Graph()).placeholder(DType.FLOAT32, Shape.of(-1, 4), "other");
    GraphMismatchException e = assertThrows(GraphMismatchException.class, () -> call(model, "distance", mine, other));
    assertEquals("Parameter 'right' of Siamese.distance(Tensor, Tensor) is Tensor(\"other:0\", shape=(?, 4), "
        + "dtype=float32), which comes from another graph than the model's Ops: a model builds into one graph.",
        e.getMessage());
  }

  @Test
  @DisplayName("an exception inside a generated scope keeps its type and says where it was thrown")
  void exceptionContext() throws Throwable {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Object layer = create("com/example/Scoping.java", "com.example.ScopedScoping_Layer", tf);
    call(layer, "fooBar");
    VariableAlreadyExistsException e = assertThrows(VariableAlreadyExistsException.class, () -> call(layer, "fooBar"));
    assertTrue(e.getMessage().startsWith("Variable foo/v already exists, disallowed."));
    assertEquals(1, e.getSuppressed().length);
    assertSame(ScopedCalls.ScopeContext.class, e.getSuppressed()[0].getClass());
    assertEquals("in Scoping.Layer.fooBar(), variable scope 'foo', then name scope 'bar'",
        e.getSuppressed()[0].getMessage());
    assertEquals("", tf.currentNameScope(), "the scopes were closed");
    assertEquals("", tf.getVariableScope().name());
  }
}
