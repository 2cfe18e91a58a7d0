package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Conformance cases E (variable scopes and name scopes together), F (default names) and G
 * ({@code auxiliary_name_scope=False}).
 */
class ScopeConformanceTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.on(g);

  private String nameScopeName(String name) {
    try (NameScopeHandle s = tf.nameScope(name)) {
      return s.name();
    }
  }

  @Test
  @DisplayName("C53 var-scope name vs name scope; jumping inside another scope")
  void c53() {
    VarScope tower;
    try (VarScope t = tf.variableScope("tower4")) {
      tower = t;
      assertEquals("tower4", t.name());
      assertEquals("tower4/scope/", nameScopeName("scope"));
    }
    try (VarScope t5 = tf.variableScope("tower5"); VarScope bar = tf.variableScope("bar")) {
      assertEquals("tower5/bar", bar.name());
      assertEquals("tower5/bar/scope/", nameScopeName("scope"));
    }
    try (VarScope t6 = tf.variableScope("tower6"); VarScope t = tf.variableScope(tower, Reuse.TRUE)) {
      assertEquals("tower4", t.name());
      assertEquals("tower6/tower4/scope/", nameScopeName("scope"));
    }
  }

  @Test
  @DisplayName("C54 re-entering the current scope object duplicates the last component in op names")
  void c54() {
    try (VarScope alpha = tf.variableScope("alpha"); VarScope beta = tf.variableScope("beta");
        VarScope same = tf.variableScope(tf.getVariableScope())) {
      Variable aVar = tf.getVariable("my_var", Shape.of(42));
      Tensor anOp = tf.sum(tf.zeros(Shape.of(42), DType.FLOAT32), "my_op");
      assertEquals("alpha/beta/my_var:0", aVar.name());
      assertEquals("alpha/beta/beta/my_op:0", anOp.name());
    }
  }

  @Test
  @DisplayName("C56 re-entering a captured scope pushes a name scope named after its last component")
  void c56() {
    VarScope fooScope;
    try (VarScope foo = tf.variableScope("foo")) {
      fooScope = foo;
      assertEquals("foo", foo.name());
    }
    try (VarScope bar = tf.variableScope("bar"); VarScope other = tf.variableScope("baz")) {
      assertEquals("bar/baz", other.name());
      try (VarScope foo2 = tf.variableScope(fooScope)) {
        assertEquals("foo", foo2.name());
        assertEquals("bar/baz/foo/c", tf.constant(0f, "c").op().name());
      }
    }
  }

  @Test
  @DisplayName("C59 Graph.nameScope inside a variable scope")
  void c59() {
    try (NameScopeHandle l0 = g.nameScope("l0"); VarScope l1 = tf.variableScope("l1")) {
      try (NameScopeHandle s = g.nameScope("l1")) {
        assertEquals("l0/l1/l1/", s.name());
        assertEquals("l0/l1/l1/foo", g.uniqueName("foo"));
      }
      try (NameScopeHandle s = g.nameScope("l2")) {
        assertEquals("l0/l1/l2/", s.name());
        assertEquals("l0/l1/l2/foo", g.uniqueName("foo"));
      }
    }
  }

  @Test
  @DisplayName("C60 getVariable colliding with an existing op name")
  void c60() {
    try (NameScopeHandle foo = tf.nameScope("foo")) {
      tf.constant(0f, "v");
    }
    Variable v;
    try (VarScope foo = tf.variableScope("foo")) {
      assertEquals("foo_1/", foo.originalNameScope());
      v = tf.getVariable("v", Shape.of(1));
      assertEquals("foo/v_1:0", v.name());
    }
    assertSame(v, g.variableStore().get("foo/v"));
    try (VarScope foo = tf.variableScope("foo", Reuse.TRUE)) {
      assertSame(v, tf.getVariable("v"));
    }
  }

  @Test
  @DisplayName("C61 default names uniquified, string names not")
  void c61() {
    try (NameScopeHandle ns1 = tf.nameScope("testVarOpScope1")) {
      try (VarScope tower = tf.variableScopeBuilder("tower").defaultName("default").values(List.of()).enter()) {
        assertEquals("tower/w:0", tf.getVariable("w", Shape.scalar()).name());
        assertEquals("testVarOpScope1/tower/testVarOpScope2/", nameScopeName("testVarOpScope2"));
      }
      try (VarScope tower = tf.variableScopeBuilder("tower").defaultName("default").values(List.of()).enter()) {
        assertThrows(VariableAlreadyExistsException.class, () -> tf.getVariable("w", Shape.scalar()));
        assertEquals("testVarOpScope1/tower_1/testVarOpScope2/", nameScopeName("testVarOpScope2"));
      }
    }
    try (NameScopeHandle ns2 = tf.nameScope("testVarOpScope2")) {
      try (VarScope d = tf.variableScopeBuilder().defaultName("default").values(List.of()).enter()) {
        assertEquals("default/w:0", tf.getVariable("w", Shape.scalar()).name());
        assertEquals("testVarOpScope2/default/testVarOpScope2/", nameScopeName("testVarOpScope2"));
      }
      try (VarScope d = tf.variableScopeBuilder().defaultName("default").values(List.of()).enter()) {
        assertEquals("default_1/w:0", tf.getVariable("w", Shape.scalar()).name());
        assertEquals("testVarOpScope2/default_1/testVarOpScope2/", nameScopeName("testVarOpScope2"));
      }
    }
  }

  private Tensor mysum(Tensor x, String scope) {
    try (VarScope s = tf.variableScopeBuilder(scope).defaultName("mysum").values(x).enter()) {
      return x.add(tf.getVariable("v", Shape.scalar()));
    }
  }

  @Test
  @DisplayName("C62 the mysum pattern: a function called twice")
  void c62() {
    Tensor x = tf.constant(1f, "x");
    Tensor y1 = mysum(x, null);
    Tensor y2 = mysum(x, null);
    assertEquals("mysum/add", y1.op().name());
    assertEquals("mysum_1/add", y2.op().name());
    assertEquals(List.of("mysum/v:0", "mysum_1/v:0"), g.globalVariables().stream().map(Tensor::name).toList());
    assertEquals("s/add", mysum(x, "s").op().name());
    VariableAlreadyExistsException e = assertThrows(VariableAlreadyExistsException.class, () -> mysum(x, "s"));
    assertTrue(e.getMessage().startsWith("Variable s/v already exists, disallowed."), e.getMessage());
    assertEquals("s_2", g.uniqueName("s", false), "the second call entered s_1 before getVariable failed");
  }

  @Test
  @DisplayName("C65 default-name counters are discarded when the parent exits")
  void c65() {
    VarScope s;
    try (VarScope foo = tf.variableScope("foo")) {
      s = foo;
      try (VarScope d = tf.variableScopeBuilder().defaultName("bar").enter()) {
        assertEquals("foo/bar/a:0", tf.getVariable("a", Shape.of(1)).name());
      }
      try (VarScope d = tf.variableScopeBuilder().defaultName("bar").enter()) {
        assertEquals("foo/bar_1/b:0", tf.getVariable("b", Shape.of(1)).name());
      }
    }
    try (VarScope foo = tf.variableScope(s)) {
      try (VarScope d = tf.variableScopeBuilder().defaultName("bar").enter()) {
        assertEquals("foo/bar/c:0", tf.getVariable("c", Shape.of(1)).name());
      }
    }
  }

  @Test
  @DisplayName("C65 counters survive a jump in the middle (layer, layer_1, jump, layer_2)")
  void c65Jump() {
    VarScope other;
    try (VarScope o = tf.variableScope("other")) {
      other = o;
    }
    try (VarScope net = tf.variableScope("net")) {
      assertEquals("net/layer", defaultScopeName("layer"));
      assertEquals("net/layer_1", defaultScopeName("layer"));
      try (VarScope jump = tf.variableScope(other)) {
        assertEquals("other/layer", defaultScopeName("layer"));
      }
      assertEquals("net/layer_2", defaultScopeName("layer"));
    }
  }

  private String defaultScopeName(String defaultName) {
    try (VarScope d = tf.variableScopeBuilder().defaultName(defaultName).enter()) {
      return d.name();
    }
  }

  private String nameScopeInside() {
    return nameScopeName("scope2");
  }

  @Test
  @DisplayName("C67 reuse= on a string sub-scope, reuseVariables() before a default scope")
  void c67() {
    VarScope outer;
    try (VarScope o = tf.variableScope("outer")) {
      outer = o;
      try (VarScope t = tf.variableScopeBuilder("tower").defaultName("default").values(List.of()).enter()) {
        tf.getVariable("w", Shape.scalar());
      }
      try (VarScope d = tf.variableScopeBuilder().defaultName("default").values(List.of()).enter()) {
        tf.getVariable("w", Shape.scalar());
      }
    }
    try (VarScope o = tf.variableScope(outer)) {
      try (VarScope t = tf.variableScopeBuilder("tower").defaultName("default").reuse(Reuse.TRUE).enter()) {
        assertEquals("outer/tower/w:0", tf.getVariable("w", Shape.scalar()).name());
        assertEquals("outer_1/tower/scope2/", nameScopeInside());
      }
      o.reuseVariables();
      try (VarScope d = tf.variableScopeBuilder().defaultName("default").values(List.of()).enter()) {
        assertEquals("outer/default/w:0", tf.getVariable("w", Shape.scalar()).name());
        assertEquals("outer_1/default/scope2/", nameScopeInside());
      }
    }
  }

  @Test
  @DisplayName("C69 reuse TRUE or AUTO with only a default name")
  void c69() {
    for (Reuse reuse : new Reuse[] {Reuse.TRUE, Reuse.AUTO}) {
      InvalidReuseException e = assertThrows(InvalidReuseException.class,
          () -> tf.variableScopeBuilder().defaultName("default").reuse(reuse).enter());
      assertEquals("reuse=Reuse.TRUE cannot be used without a name_or_scope", e.getMessage());
    }
    assertEquals("default", g.uniqueName("default", false), "nothing was entered");
  }

  @Test
  @DisplayName("C70 name-scope and var-scope uniquification diverge")
  void c70() {
    try (NameScopeHandle ns = tf.nameScope("mysum")) {
      // takes the name scope mysum
    }
    try (VarScope s = tf.variableScopeBuilder().defaultName("mysum").enter()) {
      Variable v = tf.getVariable("v", Shape.scalar());
      Tensor y = v.add(1.0f);
      assertEquals("mysum", s.name());
      assertEquals("mysum_1/", s.originalNameScope());
      assertEquals("mysum/v:0", v.name());
      assertEquals("mysum_1/add", y.op().name());
    }
  }

  @Test
  @DisplayName("C73 default name without auxiliary name scope")
  void c73() {
    try (VarScope scope = tf.variableScopeBuilder().defaultName("default").auxiliaryNameScope(false).enter()) {
      assertEquals("", scope.originalNameScope());
      assertEquals("default/w:0", tf.getVariable("w", Shape.scalar()).name());
      assertEquals("c:0", tf.constant(new float[0], "c").name());
    }
    try (NameScopeHandle ns = tf.nameScope("default")) {
      assertEquals("default/c:0", tf.constant(new float[0], "c").name());
    }
    try (VarScope outer = tf.variableScope("outer")) {
      try (VarScope inner = tf.variableScopeBuilder().defaultName("default").auxiliaryNameScope(false).enter()) {
        assertEquals("outer/", inner.originalNameScope());
        assertEquals("outer/default/w:0", tf.getVariable("w", Shape.scalar()).name());
        assertEquals("outer/c:0", tf.constant(new float[0], "c").name());
      }
      try (NameScopeHandle ns = tf.nameScope("default")) {
        assertEquals("outer/default/c:0", tf.constant(new float[0], "c").name());
      }
    }
  }

  @Test
  @DisplayName("C74 root scope re-entered without auxiliary name scope")
  void c74() {
    VarScope root = tf.getVariableScope();
    try (VarScope s = tf.variableScopeBuilder(root).auxiliaryNameScope(false).enter()) {
      assertEquals("", s.originalNameScope());
      assertEquals("w:0", tf.getVariable("w", Shape.scalar()).name());
      assertEquals("c:0", tf.constant(new float[0], "c").name());
    }
    try (VarScope outer = tf.variableScope("outer");
        VarScope s = tf.variableScopeBuilder(root).auxiliaryNameScope(false).enter()) {
      assertEquals("", s.originalNameScope());
      assertEquals("w1:0", tf.getVariable("w1", Shape.scalar()).name());
      assertEquals("outer/c1:0", tf.constant(new float[0], "c1").name());
    }
  }

  @Test
  @DisplayName("C76 a non-boolean auxiliaryNameScope is rejected by javac")
  void c76() throws Exception {
    JavaSnippets.assertAcceptedByCompiler("tf.variableScopeBuilder(scope).auxiliaryNameScope(false).enter().close();");
    JavaSnippets.assertRejectedByCompiler(
        "tf.variableScopeBuilder(\"scope\").auxiliaryNameScope(\"invalid\");", "incompatible types");
    JavaSnippets.assertRejectedByCompiler(
        "tf.variableScopeBuilder(scope).auxiliaryNameScope(\"invalid\");", "incompatible types");
  }
}
