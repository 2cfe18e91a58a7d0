package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.scopegraph.GraphMismatchException;
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
