package io.scopegraph.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.NameScopeHandle;
import io.scopegraph.Ops;
import io.scopegraph.Reuse;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.VarScope;
import io.scopegraph.VariableAlreadyExistsException;
import io.scopegraph.VariableNotFoundException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The generated code of {@code com.example.Gan} ({@code @ScopeReuse}) run on the runtime: the same graph as the
 * hand-written runtime calls, and TF's per-call reuse behaviour. The TF 1.15 twin:
 *
 * <pre>
 * def disc(x, reuse=False):
 *   with tf.variable_scope("disc", reuse=reuse):
 *     return tf.sigmoid(tf.matmul(x, tf.get_variable("w", [4, 1])))
 * def critic(x, reuse=None):
 *   with tf.variable_scope("critic", reuse=reuse, auxiliary_name_scope=False):
 *     return tf.layers.dense(x, 1)
 * with tf.name_scope("losses"):
 *   loss = (disc(real) - disc(fake, reuse=True)) + (critic(real) - critic(fake, reuse=tf.AUTO_REUSE))
 * </pre>
 */
class ScopeReuseEndToEndTest {

  private static Object create(Ops tf) throws Exception {
    Compilation c = Compilations.compile(Compilations.model("com/example/Gan.java"));
    assertThat(c).succeededWithoutWarnings();
    Method create = Compilations.classLoader(c).loadClass("com.example.ScopedGan").getMethod("create", Ops.class);
    return create.invoke(null, tf);
  }

  private static Object call(Object model, String method, Object... args) throws Throwable {
    for (Method m : model.getClass().getSuperclass().getDeclaredMethods()) {
      if (m.getName().equals(method)) {
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

  // The model written by hand with runtime calls.
  private static Tensor disc(Ops tf, Tensor x, boolean reuse) {
    try (VarScope s = tf.variableScope("disc", reuse ? Reuse.TRUE : Reuse.FALSE)) {
      return tf.sigmoid(tf.matMul(x, tf.getVariable("w", Shape.of(4, 1))));
    }
  }

  private static Tensor critic(Ops tf, Tensor x, Reuse reuse) {
    try (VarScope s = tf.variableScopeBuilder("critic").reuse(reuse).auxiliaryNameScope(false).enter()) {
      return tf.layers().dense(x, 1);
    }
  }

  private static Tensor losses(Ops tf, Tensor real, Tensor fake) {
    try (NameScopeHandle s = tf.nameScope("losses", null, List.of(real, fake))) {
      Tensor dReal = disc(tf, real, false);
      Tensor dFake = disc(tf, fake, true);
      Tensor cReal = critic(tf, real, null);
      Tensor cFake = critic(tf, fake, Reuse.AUTO);
      return tf.add(tf.sub(dReal, dFake), tf.sub(cReal, cFake));
    }
  }

  @Test
  @DisplayName("Gan: the discriminators share through @ScopeReuse, the same graph as the hand-written calls")
  void sameGraphAsByHand() throws Throwable {
    Graph generated = new Graph();
    Ops tf = Ops.on(generated);
    Object model = create(tf);
    Tensor loss = (Tensor) call(model, "losses", tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "real"),
        tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "fake"));

    Graph byHand = new Graph();
    Ops hand = Ops.on(byHand);
    Tensor loss2 = losses(hand, hand.placeholder(DType.FLOAT32, Shape.of(-1, 4), "real"),
        hand.placeholder(DType.FLOAT32, Shape.of(-1, 4), "fake"));

    assertEquals(names(byHand), names(generated));
    assertEquals(loss2.name(), loss.name());
    assertEquals(List.of("disc/w:0", "critic/dense/kernel:0", "critic/dense/bias:0"),
        generated.globalVariables().stream().map(Tensor::name).toList());
    assertTrue(names(generated).contains("losses/disc/MatMul:MatMul"));
    assertTrue(names(generated).contains("losses/disc_1/MatMul:MatMul"), "the shared scope's second name scope");
  }

  @Test
  @DisplayName("per call: false twice raises TF's 'already exists', true first raises 'does not exist', AUTO shares")
  void perCallReuseAtRunTime() throws Throwable {
    Graph g = new Graph();
    Ops tf = Ops.on(g);
    Object model = create(tf);
    Tensor x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    Throwable missing = assertThrows(VariableNotFoundException.class, () -> call(model, "disc", x, true));
    assertTrue(missing.getMessage().startsWith("Variable disc/w does not exist"), missing.getMessage());
    call(model, "disc", x, false);
    Throwable again = assertThrows(VariableAlreadyExistsException.class, () -> call(model, "disc", x, false));
    assertTrue(again.getMessage().startsWith("Variable disc/w already exists, disallowed."), again.getMessage());
    call(model, "disc", x, true);
    call(model, "critic", x, Reuse.AUTO);
    call(model, "critic", x, Reuse.AUTO);
    call(model, "critic", x, Reuse.TRUE);
    assertEquals(List.of("disc/w", "critic/dense/kernel", "critic/dense/bias"), List.copyOf(g.variableStore().keySet()));
  }
}
